package io.linkscout.search;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Document frequencies of words in the page bodies of an index, for the idf of topic weights, from any
 * {@link SearchBackend} (the embedded index through {@link LuceneSearchBackend}, or an OpenSearch cluster): the
 * number of pages, and the body document frequency of a word analysed like the body field (its first term), so
 * "turbines" counts the pages containing "turbin".
 */
public final class BackendTermStatistics implements TermStatistics {

    private final SearchBackend backend;
    private final Analyzer analyzer;
    private final int numDocs;

    public BackendTermStatistics(SearchBackend backend, Analyzer analyzer) {
        this.backend = backend;
        this.analyzer = analyzer;
        try {
            this.numDocs = (int) Math.max(1, backend.count(IndexFields.TYPE_PAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statistics of the embedded index (the index stays open with its caller). */
    public static BackendTermStatistics of(LinkScoutIndex index) {
        return new BackendTermStatistics(new LuceneSearchBackend(index, false), index.analyzer());
    }

    @Override
    public int numDocs() {
        return numDocs;
    }

    /** The first term {@code token} analyses to in the body field, or null (a stop word, punctuation). */
    private String term(String token) {
        try (TokenStream ts = analyzer.tokenStream(IndexFields.BODY, token)) {
            CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            String t = ts.incrementToken() ? a.toString() : null;
            ts.end();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Long> docFreqs(Collection<String> terms) {
        try {
            return backend.docFreqs(IndexFields.BODY, terms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int docFreq(String token) {
        String t = term(token);
        return t == null ? 0 : (int) (long) docFreqs(List.of(t)).get(t);
    }
}
