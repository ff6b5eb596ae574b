package io.linkscout.index;

import io.linkscout.nlp.TermStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;

/**
 * Document frequencies of words in the index's page bodies, for the idf of topic weights: the word is analysed
 * like the body field (English stemming), so "turbines" counts the pages containing "turbin".
 */
public final class IndexTermStatistics implements TermStatistics {

    private final LinkScoutIndex index;
    private final int numDocs;

    public IndexTermStatistics(LinkScoutIndex index) {
        this.index = index;
        try {
            this.numDocs = (int) Math.max(1, index.count(IndexFields.TYPE_PAGE));
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
        try (TokenStream ts = index.analyzer().tokenStream(IndexFields.BODY, token)) {
            CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            int df = 0;
            if (ts.incrementToken()) {
                df = index.reader().docFreq(new Term(IndexFields.BODY, a.toString()));
            }
            ts.end();
            return df;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
