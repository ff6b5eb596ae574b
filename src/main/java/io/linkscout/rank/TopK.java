package io.linkscout.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntUnaryOperator;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The two ways ranking reads Lucene scores without touching every document: the first stage's top k of a query
 * ({@link ScoreMode#TOP_SCORES}, so block-max WAND / MaxScore skip the blocks that cannot reach the k-th score),
 * and the score of a query for a given list of candidate documents only (each leaf's scorer advanced to the
 * candidates). Memory per call: O(k) or O(candidates), never O(index).
 */
final class TopK {

    private TopK() {
    }

    /** One collected document: its global doc id, score and tie key (page-graph node: URL order). */
    record Hit(int doc, float score, int key) {
    }

    /** Best first: higher score, then the smaller tie key. */
    static final Comparator<Hit> BEST_FIRST = (a, b) -> {
        int c = Float.compare(b.score, a.score);
        return c != 0 ? c : Integer.compare(a.key, b.key);
    };

    /** {@link #BEST_FIRST} reversed, written out (a heap's comparator: called for every competitive hit). */
    private static final Comparator<Hit> WORST_FIRST = (a, b) -> {
        int c = Float.compare(a.score, b.score);
        return c != 0 ? c : Integer.compare(b.key, a.key);
    };

    /**
     * The k best documents of {@code query}, best first, ties by the smaller {@code tieKey(doc)}; documents whose
     * tie key is negative are never counted. Only positive scores count unless {@code allowZero}. Exact: the
     * minimum competitive score handed to Lucene is the k-th score itself (not the next float up), so every
     * document that ties with it is still seen and the tie is decided by the key, as a full sort would.
     */
    static List<Hit> top(IndexSearcher searcher, Query query, int k, IntUnaryOperator tieKey, boolean allowZero) {
        if (query == null || k <= 0) {
            return List.of();
        }
        try {
            return searcher.search(query, new CollectorManager<TopCollector, List<Hit>>() {
                @Override
                public TopCollector newCollector() {
                    return new TopCollector(k, tieKey, allowZero);
                }

                @Override
                public List<Hit> reduce(Collection<TopCollector> collectors) {
                    // every collector's k best, sorted once (a total order: the tie key is unique per document)
                    List<Hit> out = new ArrayList<>();
                    for (TopCollector c : collectors) {
                        out.addAll(c.queue);
                    }
                    out.sort(BEST_FIRST);
                    return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class TopCollector extends SimpleCollector {
        private final int k;
        private final IntUnaryOperator tieKey;
        private final boolean allowZero;
        /** worst on top */
        final PriorityQueue<Hit> queue = new PriorityQueue<>(WORST_FIRST);
        private int base;
        private Scorable scorer;

        TopCollector(int k, IntUnaryOperator tieKey, boolean allowZero) {
            this.k = k;
            this.tieKey = tieKey;
            this.allowZero = allowZero;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            base = context.docBase;
        }

        @Override
        public void setScorer(Scorable scorer) throws IOException {
            this.scorer = scorer;
            if (queue.size() >= k) {
                scorer.setMinCompetitiveScore(queue.peek().score());
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            float score = scorer.score();
            if (score < 0 || (score == 0 && !allowZero)) {
                return;
            }
            if (queue.size() >= k && score < queue.peek().score()) {
                return; // below the k-th score: cannot enter, whatever its tie key
            }
            int key = tieKey.applyAsInt(base + doc);
            if (key < 0) {
                return;
            }
            Hit h = new Hit(base + doc, score, key);
            if (queue.size() < k) {
                queue.add(h);
            } else if (BEST_FIRST.compare(h, queue.peek()) < 0) {
                queue.poll();
                queue.add(h);
            } else {
                return;
            }
            if (queue.size() >= k) {
                // documents scoring exactly the k-th score may still win on the tie key: not Math.nextUp
                scorer.setMinCompetitiveScore(queue.peek().score());
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }
    }

    /**
     * The score of {@code query} for each of {@code docs} (global doc ids, ascending), 0 where it does not match:
     * each leaf's scorer is advanced to the candidates only.
     */
    static float[] scores(IndexSearcher searcher, Query query, int[] docs) {
        float[] out = new float[docs.length];
        if (query == null || docs.length == 0) {
            return out;
        }
        try {
            Weight w = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1);
            visit(w, searcher.getIndexReader().leaves(), docs, (i, scorer) -> out[i] = scorer.score());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * For each of {@code docs} (global doc ids, ascending): whether {@code w} matches it. One scorer per leaf,
     * advanced to the given documents only.
     */
    static boolean[] matching(Weight w, List<LeafReaderContext> leaves, int[] docs) {
        boolean[] out = new boolean[docs.length];
        try {
            visit(w, leaves, docs, (i, scorer) -> out[i] = true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private interface MatchVisitor {
        void at(int i, Scorer scorer) throws IOException;
    }

    /** Calls {@code onMatch} for each of {@code docs} (ascending) that {@code w} matches, positioned on it. */
    private static void visit(Weight w, List<LeafReaderContext> leaves, int[] docs, MatchVisitor onMatch)
            throws IOException {
        int i = 0;
        for (LeafReaderContext ctx : leaves) {
            int end = ctx.docBase + ctx.reader().maxDoc();
            if (i >= docs.length) {
                break;
            }
            if (docs[i] >= end) {
                continue;
            }
            Scorer scorer = w.scorer(ctx);
            // a two-phase query (phrases) is only confirmed on the given documents: advancing its exact iterator
            // would confirm every document in between that has the words but not the phrase
            TwoPhaseIterator twoPhase = scorer == null ? null : scorer.twoPhaseIterator();
            DocIdSetIterator it = scorer == null ? null : twoPhase != null ? twoPhase.approximation()
                    : scorer.iterator();
            for (; i < docs.length && docs[i] < end; i++) {
                if (it == null) {
                    continue;
                }
                int local = docs[i] - ctx.docBase;
                int at = it.docID();
                if (at < local) {
                    at = it.advance(local);
                }
                if (at == local && (twoPhase == null || twoPhase.matches())) {
                    onMatch.at(i, scorer);
                }
            }
        }
    }
}
