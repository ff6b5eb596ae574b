package io.linkscout.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Runs a query and keeps the score of every matching document in a dense array indexed by doc id (0 where it
 * does not match), so each candidate gets the feature value whichever generator found it. Memory: 4 bytes per
 * document of the index, per feature, per query in flight.
 */
final class ScoreAll {

    private ScoreAll() {
    }

    static float[] scores(IndexSearcher searcher, Query query) {
        float[] out = new float[searcher.getIndexReader().maxDoc()];
        if (query == null) {
            return out;
        }
        try {
            searcher.search(query, new CollectorManager<SimpleCollector, Void>() {
                @Override
                public SimpleCollector newCollector() {
                    return new SimpleCollector() {
                        private int base;
                        private Scorable scorer;

                        @Override
                        protected void doSetNextReader(LeafReaderContext context) {
                            base = context.docBase;
                        }

                        @Override
                        public void setScorer(Scorable scorer) {
                            this.scorer = scorer;
                        }

                        @Override
                        public void collect(int doc) throws IOException {
                            out[base + doc] = scorer.score();
                        }

                        @Override
                        public ScoreMode scoreMode() {
                            return ScoreMode.COMPLETE;
                        }
                    };
                }

                @Override
                public Void reduce(Collection<SimpleCollector> collectors) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
