package io.linkscout.nlp;

import java.util.Locale;
import java.util.Map;

/**
 * Document frequencies of single words in a reference collection (normally the Lucene index of candidate pages),
 * used to weight the topics of the user's content tf-idf style.
 *
 * <p>The {@code token} passed to {@link #docFreq(String)} is one lower-cased surface word as it appears in the
 * content (for example {@code "turbines"}, {@code "solar"}, {@code "o'brien"}): an implementation backed by an index
 * should analyse it the same way as the indexed field (stemming, folding) and return the document frequency of the
 * resulting term, or 0 when unknown. Implementations must be safe to call from several threads.
 *
 * <p>{@link #idf(String)} is the smoothed BM25-style idf {@code ln(1 + (N - df + 0.5) / (df + 0.5))}, always
 * positive. With {@link #NONE} ({@code numDocs() == 0}) every word gets the neutral idf {@code 1.0}, so extraction
 * works without an index (ranking then falls back to term frequency).
 */
public interface TermStatistics {

    /** Number of documents in the collection; 0 means "no statistics" (every idf is 1.0). */
    int numDocs();

    /** Number of documents containing {@code token} (a lower-cased surface word); 0 if unknown. */
    int docFreq(String token);

    /**
     * These statistics for a text whose words are all known now: an index-backed implementation looks them up at
     * once (one request to a remote index instead of one per word) and answers from that; words not among
     * {@code words} are still answered. The default is this object itself.
     */
    default TermStatistics forWords(java.util.Collection<String> words) {
        return this;
    }

    /** No statistics: neutral idf 1.0 for every word. */
    TermStatistics NONE = new TermStatistics() {
        @Override
        public int numDocs() {
            return 0;
        }

        @Override
        public int docFreq(String token) {
            return 0;
        }

        @Override
        public String toString() {
            return "TermStatistics.NONE";
        }
    };

    /** Smoothed idf of one lower-cased word; 1.0 when {@link #numDocs()} is 0. */
    default double idf(String token) {
        int n = numDocs();
        if (n <= 0) {
            return 1.0;
        }
        int df = Math.max(0, Math.min(n, docFreq(token)));
        return Math.log(1.0 + (n - df + 0.5) / (df + 0.5));
    }

    /** Fixed statistics (tests, small collections): {@code docFreqs} keys are lower-cased words. */
    static TermStatistics of(int numDocs, Map<String, Integer> docFreqs) {
        Map<String, Integer> copy = Map.copyOf(docFreqs);
        return new TermStatistics() {
            @Override
            public int numDocs() {
                return numDocs;
            }

            @Override
            public int docFreq(String token) {
                return copy.getOrDefault(token.toLowerCase(Locale.ROOT), 0);
            }
        };
    }
}
