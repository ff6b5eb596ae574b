package io.linkscout.search;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Document frequencies of words in the page bodies of an index, for the idf of topic weights, from any
 * {@link SearchBackend} (the embedded index through {@link LuceneSearchBackend}, or an OpenSearch cluster): the
 * number of pages, and the body document frequency of a word analysed like the body field (its first term), so
 * "turbines" counts the pages containing "turbin". {@link #forWords} looks up every word of a text in one
 * {@link SearchBackend#docFreqs} call (on OpenSearch one {@code _termvectors} request per shard for the whole
 * text, not per word).
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

    /** Every word's frequency from one {@link SearchBackend#docFreqs} call; other words are asked one by one. */
    @Override
    public TermStatistics forWords(Collection<String> words) {
        Map<String, String> termOf = new HashMap<>();
        Set<String> terms = new LinkedHashSet<>();
        for (String w : words) {
            if (!termOf.containsKey(w)) {
                String t = term(w);
                termOf.put(w, t);
                if (t != null) {
                    terms.add(t);
                }
            }
        }
        Map<String, Long> df = terms.isEmpty() ? Map.of() : docFreqs(terms);
        BackendTermStatistics all = this;
        return new TermStatistics() {
            @Override
            public int numDocs() {
                return numDocs;
            }

            @Override
            public int docFreq(String token) {
                if (!termOf.containsKey(token)) {
                    return all.docFreq(token);
                }
                String t = termOf.get(token);
                return t == null ? 0 : (int) (long) df.get(t);
            }
        };
    }
}
