package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.error.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LambdaMART model type: reproducible training, SHAP explanations that add up, the model file. */
class LambdaMartTest {

    static final Set<Feature> FEATURES = EnumSet.of(Feature.BM25_TITLE, Feature.BM25_TERMS, Feature.OUT_DEGREE);

    /** A candidate row: the three features set, every other one 0. */
    static double[] row(double title, double terms, double outDegree) {
        double[] f = new double[Feature.values().length];
        f[Feature.BM25_TITLE.ordinal()] = title;
        f[Feature.BM25_TERMS.ordinal()] = terms;
        f[Feature.OUT_DEGREE.ordinal()] = outDegree;
        return f;
    }

    static Trainer.Example example(String id, double[][] rows, boolean[] relevant) {
        int[] nodes = new int[rows.length];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i;
        }
        int total = 0;
        for (boolean r : relevant) {
            total += r ? 1 : 0;
        }
        return new Trainer.Example(id, new Recommender.Candidates(null, new int[rows.length], nodes, rows, Map.of()),
                relevant, total, "fixture");
    }

    /**
     * 12 queries of 10 candidates: the relevant ones have a higher title BM25 and (noisily) higher term BM25; the
     * out-degree is noise. Fixed seed.
     */
    static List<Trainer.Example> noisy() {
        Random r = new Random(7);
        List<Trainer.Example> out = new ArrayList<>();
        for (int q = 0; q < 12; q++) {
            double[][] rows = new double[10][];
            boolean[] rel = new boolean[10];
            for (int i = 0; i < 10; i++) {
                rel[i] = i % 4 == q % 4;
                rows[i] = row((rel[i] ? 3 : 1) + r.nextDouble() * 2, r.nextDouble() * (rel[i] ? 4 : 3),
                        r.nextInt(50));
            }
            out.add(example("q" + q, rows, rel));
        }
        return out;
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesTheIdenticalModel(@TempDir Path dir) throws Exception {
        LambdaMart lm = new LambdaMart(20, 3, 0.3, 1, 42);
        RankerModel a = lm.fit(noisy(), FEATURES, 300, Map.of("command", "test"));
        RankerModel b = lm.fit(noisy(), FEATURES, 300, Map.of("command", "test"));
        assertTrue(a.isTrees());
        assertEquals(a.trees(), b.trees(), "same booster JSON, byte for byte");
        a.write(dir.resolve("a.json"));
        b.write(dir.resolve("b.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
        double[][] rows = noisy().get(3).candidates().features();
        assertArrayEquals(a.scores(rows), b.scores(rows));
        assertEquals(42L, a.trained().get("seed"));
        assertEquals(LambdaMart.THREADS, a.trained().get("threads"));
        // the written file loads back to the same scores
        RankerModel back = RankerModel.load(dir.resolve("a.json"));
        assertTrue(back.isTrees());
        assertEquals(List.of(Feature.BM25_TITLE, Feature.BM25_TERMS, Feature.OUT_DEGREE), back.trees().features());
        assertArrayEquals(a.scores(rows), back.scores(rows));
        assertEquals("test", back.trained().get("command"));
        assertEquals(lm, LambdaMart.of(back), "the settings are recorded, so the bench ablation can refit alike");
    }

    /**
     * One tree of depth 1 splits on the title BM25, the only feature that separates the labels: for two rows on
     * either side of the split, the title's contribution differs exactly by the score difference, the two other
     * features contribute 0, and each row's parts sum to its score.
     */
    @Test
    void aStumpsContributionsCanBeCheckedByHand() {
        List<Trainer.Example> ex = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            ex.add(example("q" + q, new double[][] {row(5, 1, 3), row(0, 1, 3), row(0, 1, 3), row(5, 1, 3)},
                    new boolean[] {true, false, false, true}));
        }
        RankerModel m = new LambdaMart(1, 1, 1.0, 0, 1).fit(ex, FEATURES, 300, Map.of());
        double[] high = row(5, 1, 3);
        double[] low = row(0, 1, 3);
        double[] s = m.scores(new double[][] {high, low});
        assertTrue(s[0] > s[1], "the relevant side scores higher: " + Arrays.toString(s));
        List<RankerModel.Part> ph = m.parts(high);
        List<RankerModel.Part> pl = m.parts(low);
        assertEquals(List.of(Feature.BM25_TITLE, Feature.BM25_TERMS, Feature.OUT_DEGREE),
                ph.subList(0, 3).stream().map(RankerModel.Part::feature).toList());
        assertEquals(null, ph.get(3).feature(), "the last part is the base value");
        assertEquals(s[0] - s[1], ph.get(0).contribution() - pl.get(0).contribution(), 1e-6);
        assertEquals(0.0, ph.get(1).contribution());
        assertEquals(0.0, ph.get(2).contribution());
        assertEquals(ph.get(3).contribution(), pl.get(3).contribution(), "one base value for every row");
        assertEquals(s[0], ph.stream().mapToDouble(RankerModel.Part::contribution).sum(), 1e-5);
        assertEquals(s[1], pl.stream().mapToDouble(RankerModel.Part::contribution).sum(), 1e-5);
        // ranking: the two relevant rows first, ties broken by node id (URL order)
        Recommender.Ranked r = Recommender.rank(ex.get(0).candidates(), m);
        assertArrayEquals(new int[] {0, 3, 1, 2}, r.nodes());
    }

    /**
     * Relevant pages have a middling out-degree (20-29): unconstrained, the score rises and then falls with it;
     * declared increasing, it never falls as the out-degree rises, other features fixed.
     */
    @Test
    void increasingFeaturesNeverLowerTheScore(@TempDir Path dir) throws Exception {
        List<Trainer.Example> ex = middlingOutDegree((q, i) -> 1);
        double[][] rows = new double[50][];
        for (int d = 0; d < 50; d++) {
            rows[d] = row(1, 1, d);
        }
        double[] free = new LambdaMart(30, 4, 0.3, 0, 42).fit(ex, FEATURES, 300, Map.of()).scores(rows);
        assertTrue(free[25] > free[0] && free[25] > free[49], "unconstrained: " + Arrays.toString(free));
        LambdaMart lm = new LambdaMart(30, 4, 0.3, 0, 42, EnumSet.of(Feature.OUT_DEGREE));
        RankerModel m = lm.fit(ex, FEATURES, 300, Map.of());
        assertEquals(List.of("out_degree"), m.trained().get("increasing"));
        double[] s = m.scores(rows);
        for (int d = 1; d < 50; d++) {
            assertTrue(s[d] >= s[d - 1], "out_degree " + d + ": " + s[d] + " < " + s[d - 1]);
        }
        m.write(dir.resolve("m.json"));
        assertEquals(lm, LambdaMart.of(RankerModel.load(dir.resolve("m.json"))));
    }

    @Test
    void contributionsSumToTheScoreOnEveryRow() {
        RankerModel m = new LambdaMart(30, 4, 0.2, 1, 42).fit(noisy(), FEATURES, 300, Map.of());
        for (Trainer.Example e : noisy()) {
            double[] s = m.scores(e.candidates().features());
            for (int i = 0; i < s.length; i++) {
                double sum = m.parts(e.candidates().features()[i]).stream()
                        .mapToDouble(RankerModel.Part::contribution).sum();
                assertEquals(s[i], sum, 1e-4, e.queryId() + " row " + i);
            }
        }
    }

    @Test
    void aBrokenTreeModelFileIsAClearError(@TempDir Path dir) throws Exception {
        RankerModel m = new LambdaMart(2, 2, 0.3, 1, 42).fit(noisy(), FEATURES, 300, Map.of());
        Path f = dir.resolve("t.json");
        m.write(f);
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = (ObjectNode) om.readTree(f.toFile());
        assertEquals(RankerModel.TREES_FORMAT, root.get("format").asText());
        // a feature list that does not match the booster
        ObjectNode fewer = root.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) fewer.get("features")).remove(2);
        String e1 = assertThrows(UserException.class, () -> RankerModel.parse(fewer, "t.json")).getMessage();
        assertEquals("invalid ranker model t.json: booster is not a model XGBoost can load: the booster uses 3 "
                + "features, the model file lists 2 (fix the file or regenerate it with the `train` command)", e1);
        ObjectNode noBooster = root.deepCopy();
        noBooster.put("booster", "x");
        assertEquals("invalid ranker model t.json: booster must be XGBoost's JSON model (an object), found STRING "
                + "(fix the file or regenerate it with the `train` command)",
                assertThrows(UserException.class, () -> RankerModel.parse(noBooster, "t.json")).getMessage());
        ObjectNode garbled = root.deepCopy();
        garbled.set("booster", om.readTree("{\"learner\": {\"x\": 1}}"));
        assertTrue(assertThrows(UserException.class, () -> RankerModel.parse(garbled, "t.json")).getMessage()
                .startsWith("invalid ranker model t.json: booster is not a model XGBoost can load: "));
        ObjectNode unknown = root.deepCopy();
        ((ObjectNode) unknown.get("features").get(0)).put("name", "nope");
        assertTrue(assertThrows(UserException.class, () -> RankerModel.parse(unknown, "t.json")).getMessage()
                .startsWith("invalid ranker model t.json: features[0].name unknown feature \"nope\""));
    }

    /**
     * Trees boosted from the linear model: relevant pages have a middling out-degree (20-29), which no linear weight
     * can express. The linear model alone puts a non-relevant page in some query's top 3; boosted, every query's 3
     * relevant pages come first. The boosted model keeps the linear model it started from, scores linear + trees,
     * its parts (linear term + TreeSHAP per feature, then the base value) sum to the score, and its file loads back
     * to the same scores and settings.
     */
    @Test
    void treesBoostedFromTheLinearScoreCorrectIt(@TempDir Path dir) throws Exception {
        List<Trainer.Example> ex = middlingOutDegree((q, i) -> 1 + (q + i) % 2);
        RankerModel linear = Trainer.defaults().fit(ex, FEATURES, 300, Map.of());
        LambdaMart lm = new LambdaMart(30, 3, 0.3, 0, 42).boostedFrom(Trainer.defaults());
        RankerModel m = lm.fit(ex, FEATURES, 300, Map.of("command", "test"));
        assertTrue(m.isTrees() && m.isBoosted());
        assertEquals(linear.terms(), m.terms(), "the linear model it was boosted from");
        int linearMisses = 0;
        for (Trainer.Example e : ex) {
            linearMisses += topThreeMisses(Recommender.rank(e.candidates(), linear).nodes());
            assertEquals(0, topThreeMisses(Recommender.rank(e.candidates(), m).nodes()), e.queryId());
        }
        assertTrue(linearMisses > 0, "the linear model alone cannot rank this fixture perfectly");
        double[][] rows = ex.get(2).candidates().features();
        double[] s = m.scores(rows);
        double[] lin = linear.scores(rows);
        double[] tr = m.trees().scores(rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(lin[i] + tr[i], s[i], 1e-9, "row " + i);
            List<RankerModel.Part> parts = m.parts(rows[i]);
            assertEquals(List.of(Feature.BM25_TITLE, Feature.BM25_TERMS, Feature.OUT_DEGREE),
                    parts.subList(0, 3).stream().map(RankerModel.Part::feature).toList());
            assertEquals(null, parts.get(3).feature());
            assertEquals(s[i], parts.stream().mapToDouble(RankerModel.Part::contribution).sum(), 1e-4, "row " + i);
        }
        m.write(dir.resolve("b.json"));
        RankerModel back = RankerModel.load(dir.resolve("b.json"));
        assertTrue(back.isBoosted());
        assertArrayEquals(s, back.scores(rows));
        assertTrue(LambdaMart.of(back).base() != null, "the bench ablation refits it boosted too");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(dir.resolve("b.json").toFile());
        root.put("linear", 3);
        assertEquals("invalid ranker model b.json: linear must be a non-empty array of linear terms (the model the "
                + "trees were boosted from) or absent, found NUMBER (fix the file or regenerate it with the `train` "
                + "command)", assertThrows(UserException.class, () -> RankerModel.parse(root, "b.json")).getMessage());
    }

    /**
     * {@code treesAlso}: the linear part is fitted on title and term BM25 only, the trees may also split on the
     * out-degree (where the relevant pages differ). The linear terms do not name the out-degree, the trees do, every
     * query's 3 relevant pages come first, and the setting is recorded so that a refit (the bench ablation) is alike.
     */
    @Test
    void treesAlsoSplitOnFeaturesTheLinearPartDoesNotWeigh(@TempDir Path dir) throws Exception {
        List<Trainer.Example> ex = middlingOutDegree((q, i) -> 1 + (q + i) % 2);
        Set<Feature> linearOnes = EnumSet.of(Feature.BM25_TITLE, Feature.BM25_TERMS);
        LambdaMart lm = new LambdaMart(30, 3, 0.3, 0, 42).boostedFrom(Trainer.defaults())
                .withTreesAlso(EnumSet.of(Feature.OUT_DEGREE));
        RankerModel m = lm.fit(ex, linearOnes, 300, Map.of());
        assertEquals(List.of(Feature.BM25_TITLE, Feature.BM25_TERMS),
                m.terms().stream().map(RankerModel.Term::feature).toList());
        assertEquals(List.of(Feature.BM25_TITLE, Feature.BM25_TERMS, Feature.OUT_DEGREE), m.trees().features());
        assertEquals(List.of("out_degree"), m.trained().get("trees_also"));
        assertTrue(m.uses(Feature.OUT_DEGREE));
        for (Trainer.Example e : ex) {
            assertEquals(0, topThreeMisses(Recommender.rank(e.candidates(), m).nodes()), e.queryId());
        }
        m.write(dir.resolve("b.json"));
        RankerModel back = RankerModel.load(dir.resolve("b.json"));
        assertEquals(EnumSet.of(Feature.OUT_DEGREE), LambdaMart.of(back).treesAlso());
        assertTrue(LambdaMart.of(back).base() != null);
        assertArrayEquals(m.scores(ex.get(0).candidates().features()),
                LambdaMart.of(back).fit(ex, linearOnes, 300, Map.of()).scores(ex.get(0).candidates().features()));
        // group weights for the trees (--tree-weight): recorded in the model and read back for a refit
        Map<String, Double> w = Map.of("fixture", 3.0);
        RankerModel weighted = lm.withTreeWeights(w).fit(ex, linearOnes, 300, Map.of());
        assertEquals(Map.of("fixture", 3.0), weighted.trained().get("tree_corpus_weight"));
        weighted.write(dir.resolve("w.json"));
        assertEquals(w, LambdaMart.of(RankerModel.load(dir.resolve("w.json"))).treeWeights());
        assertEquals("tree weight of fixture must be finite and > 0: 0.0", assertThrows(IllegalArgumentException.class,
                () -> lm.withTreeWeights(Map.of("fixture", 0.0))).getMessage());
    }

    /** How many of a ranking's first three nodes are not among the relevant nodes 0, 1, 2. */
    private static int topThreeMisses(int[] nodes) {
        int misses = 0;
        for (int i = 0; i < 3; i++) {
            misses += nodes[i] < 3 ? 0 : 1;
        }
        return misses;
    }

    /**
     * Six queries of ten candidates; the first three are relevant and have a middling out-degree (20-29), the others
     * a low or a high one; {@code first} gives each candidate's first feature (query, candidate).
     */
    private static List<Trainer.Example> middlingOutDegree(java.util.function.IntBinaryOperator first) {
        List<Trainer.Example> ex = new ArrayList<>();
        for (int q = 0; q < 6; q++) {
            double[][] rows = new double[10][];
            boolean[] rel = new boolean[10];
            for (int i = 0; i < 10; i++) {
                rel[i] = i < 3;
                double outDegree = rel[i] ? 20 + 3 * i + q % 3 : (i % 2 == 0 ? i + q : 35 + i + q);
                rows[i] = row(first.applyAsInt(q, i), 1, outDegree);
            }
            ex.add(example("q" + q, rows, rel));
        }
        return ex;
    }
}
