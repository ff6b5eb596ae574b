package io.linkscout.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared test data: the offshore-wind article and small fixed document frequencies. */
public final class TopicFixtures {

    private TopicFixtures() {
    }

    /**
     * The specificity part of a one-word topic, by hand (TopicExtractor.Scorer): {@code wordIdf} is the word's idf
     * divided by ln N of its statistics, {@code count} its occurrences (and those of its stem) in a text of
     * {@code tokens} tokens. The word is its own lowest, highest, mean and last word; the phrase idf is the word's idf
     * in the bundled background table.
     */
    public static double oneWordSpecificity(String word, double wordIdf, int count, int tokens) {
        double l = Math.log(tokens) - TopicExtractor.LENGTH_CENTRE;
        BackgroundFrequencies bg = BackgroundFrequencies.bundled();
        double phraseIdf = bg.idf(word) / Math.log(bg.numDocs());
        double tfidf = Math.log(1 + count) * wordIdf;
        return TopicExtractor.round((w(TopicExtractor.Feature.WORD_IDF, l) + w(TopicExtractor.Feature.WORD_IDF_MIN, l)
                + w(TopicExtractor.Feature.WORD_IDF_MAX, l) + w(TopicExtractor.Feature.HEAD_IDF, l)) * wordIdf
                + w(TopicExtractor.Feature.PHRASE_IDF, l) * phraseIdf
                + w(TopicExtractor.Feature.COUNT_PHRASE_IDF, l) * (1 + Math.log(count)) * phraseIdf
                + (w(TopicExtractor.Feature.WORD_TFIDF_SUM, l) + w(TopicExtractor.Feature.WORD_TFIDF_MEAN, l)) * tfidf);
    }

    /** The shipped coefficient of {@code f} in a text with {@code L = l}. */
    public static double w(TopicExtractor.Feature f, double l) {
        return TopicExtractor.WEIGHTS.get(f).at(l);
    }

    public static String resource(String name) {
        try (InputStream in = TopicFixtures.class.getResourceAsStream("/nlp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource nlp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 1,000-document collection: common words are frequent, the rest have df 100 (idf 2.30). "wind" and
     * "energy" are frequent in a collection about energy, so "offshore", "turbines" and names stand out.
     */
    public static final TermStatistics STATS = new TermStatistics() {
        private final Map<String, Integer> df = Map.ofEntries(
                Map.entry("wind", 300), Map.entry("energy", 450), Map.entry("farms", 200), Map.entry("farm", 200),
                Map.entry("sea", 250), Map.entry("north", 400), Map.entry("company", 600), Map.entry("work", 700),
                Map.entry("cities", 400), Map.entry("homes", 350), Map.entry("home", 350), Map.entry("cost", 500),
                Map.entry("electricity", 250), Map.entry("place", 800), Map.entry("group", 700),
                Map.entry("water", 500), Map.entry("price", 500), Map.entry("coast", 300), Map.entry("land", 450),
                Map.entry("project", 600), Map.entry("turbines", 40), Map.entry("turbine", 40),
                Map.entry("offshore", 60), Map.entry("foundations", 90), Map.entry("cables", 80));

        @Override
        public int numDocs() {
            return 1000;
        }

        @Override
        public int docFreq(String token) {
            return df.getOrDefault(token, 100);
        }
    };
}
