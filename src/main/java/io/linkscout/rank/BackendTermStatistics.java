package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.search.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;

/**
 * {@link io.linkscout.index.IndexTermStatistics} answered by a {@link SearchBackend}: the number of pages, and the
 * body document frequency of a word analysed like the body field (its first term), each word asked once.
 */
final class BackendTermStatistics implements TermStatistics {

    private final SearchBackend backend;
    private final Analyzer analyzer;
    private final int numDocs;
    private final ConcurrentHashMap<String, Integer> docFreqs = new ConcurrentHashMap<>();

    BackendTermStatistics(SearchBackend backend, Analyzer analyzer) {
        this.backend = backend;
        this.analyzer = analyzer;
        try {
            this.numDocs = (int) Math.max(1, backend.count(IndexFields.TYPE_PAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int numDocs() {
        return numDocs;
    }

    @Override
    public int docFreq(String token) {
        return docFreqs.computeIfAbsent(token, t -> {
            List<String> terms = ContentQuery.analyze(analyzer, t);
            if (terms.isEmpty()) {
                return 0;
            }
            try {
                return (int) (long) backend.docFreqs(IndexFields.BODY, List.of(terms.get(0))).get(terms.get(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
