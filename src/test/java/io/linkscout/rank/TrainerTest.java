package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The linear trainer's corpus weights: the heavier corpus wins where the corpora disagree. */
class TrainerTest {

    static final Set<Feature> FEATURES = EnumSet.of(Feature.BM25_TITLE, Feature.BM25_TERMS);

    /**
     * 8 queries of 6 candidates, one relevant. In corpus "title" the relevant page has title BM25 3 and term BM25 0
     * and a decoy has the reverse; in corpus "terms" it is the other way round; four noise rows (seed 5). No linear
     * model ranks both corpora right: title weight above term weight suits "title", below suits "terms".
     */
    static List<Trainer.Example> corpus(String name, boolean titleWins) {
        Random r = new Random(5);
        List<Trainer.Example> out = new ArrayList<>();
        for (int q = 0; q < 8; q++) {
            double[][] rows = new double[6][];
            boolean[] rel = new boolean[6];
            rows[0] = LambdaMartTest.row(titleWins ? 3 : 0, titleWins ? 0 : 3, 0);
            rel[0] = true;
            rows[1] = LambdaMartTest.row(titleWins ? 0 : 3, titleWins ? 3 : 0, 0);
            for (int i = 2; i < 6; i++) {
                rows[i] = LambdaMartTest.row(r.nextDouble(), r.nextDouble(), 0);
            }
            out.add(new Trainer.Example(name + q, new Recommender.Candidates(null, new int[6],
                    new int[] {0, 1, 2, 3, 4, 5}, rows, Map.of()), rel, 1, name));
        }
        return out;
    }

    static double weight(RankerModel m, Feature f) {
        return m.terms().stream().filter(t -> t.feature() == f).findFirst().orElseThrow().weight();
    }

    static List<Trainer.Example> both() {
        List<Trainer.Example> all = new ArrayList<>(corpus("title", true));
        all.addAll(corpus("terms", false));
        return all;
    }

    @Test
    void theHeavierCorpusDecidesWhereTheCorporaDisagree() {
        Trainer t = new Trainer(42L, 1e-3, 4, 100);
        RankerModel titleHeavy = t.withCorpusWeights(Map.of("title", 3.0)).fit(both(), FEATURES, 300, Map.of());
        assertTrue(weight(titleHeavy, Feature.BM25_TITLE) > weight(titleHeavy, Feature.BM25_TERMS),
                titleHeavy.terms().toString());
        RankerModel termsHeavy = t.withCorpusWeights(Map.of("terms", 3.0)).fit(both(), FEATURES, 300, Map.of());
        assertTrue(weight(termsHeavy, Feature.BM25_TERMS) > weight(termsHeavy, Feature.BM25_TITLE),
                termsHeavy.terms().toString());
        assertEquals(Map.of("terms", 3.0), termsHeavy.trained().get("corpus_weight"));
        // the heavier corpus's relevant page is ranked first in each of its queries
        for (Trainer.Example ex : corpus("terms", false)) {
            double[] s = termsHeavy.scores(ex.candidates().features());
            for (int i = 1; i < 6; i++) {
                assertTrue(s[0] > s[i], ex.queryId() + ": " + java.util.Arrays.toString(s));
            }
        }
    }

    @Test
    void weightsOfOneAreTheUnweightedFit() {
        Trainer t = new Trainer(42L, 1e-3, 4, 100);
        RankerModel plain = t.fit(both(), FEATURES, 300, Map.of());
        RankerModel ones = t.withCorpusWeights(Map.of("title", 1.0, "terms", 1.0)).fit(both(), FEATURES, 300,
                Map.of());
        assertEquals(plain.terms(), ones.terms());
        assertTrue(!plain.trained().containsKey("corpus_weight"));
    }

    @Test
    void aWeightMustBePositiveAndFinite() {
        Trainer t = Trainer.defaults();
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> t.withCorpusWeights(Map.of("a", bad)));
        }
    }
}
