package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankerModelTest {

    static String parseError(String json) throws Exception {
        return assertThrows(UserException.class,
                () -> RankerModel.parse(new ObjectMapper().readTree(json), "m.json")).getMessage();
    }

    /**
     * The bundled default is trees boosted from a linear model; its linear part uses every feature except the five
     * left out (train --without), its trees those and similar_links (train --trees-also similar_links), and the
     * linear option in models/ weighs every feature.
     */
    @Test
    void bundledModelValidatesAndUsesEveryFeature() {
        RankerModel m = RankerModel.bundled();
        assertTrue(m.isBoosted());
        java.util.Set<Feature> used = java.util.EnumSet.allOf(Feature.class);
        used.removeAll(java.util.EnumSet.of(Feature.SIMILAR_LINKS, Feature.IN_DEGREE, Feature.AUTHORITY, Feature.SPAM));
        // page_topics: the shipped models neither list nor use it (README "Ranking")
        used.remove(Feature.PAGE_TOPICS);
        assertEquals(used, java.util.EnumSet.copyOf(m.terms().stream().map(RankerModel.Term::feature).toList()));
        java.util.Set<Feature> treesUse = java.util.EnumSet.copyOf(used);
        treesUse.add(Feature.SIMILAR_LINKS);
        assertEquals(treesUse, java.util.EnumSet.copyOf(m.trees().features()));
        assertEquals(java.util.List.of("similar_links"), m.trained().get("trees_also"));
        assertTrue(m.uses(Feature.SIMILAR_LINKS));
        RankerModel linear = RankerModel.load(Path.of("models/ranker-linear.json"));
        // the linear option predates page_topics and dated_after: it lists every other feature
        assertEquals(Feature.values().length - 2, linear.terms().size());
        assertTrue(!linear.features().contains(Feature.PAGE_TOPICS));
        assertTrue(!linear.features().contains(Feature.DATED_AFTER));
        assertTrue(m.uses(Feature.DATED_AFTER));
        // so ranking skips page_topics' queries (Recommender), while the features the trees split on are used
        assertFalse(m.uses(Feature.PAGE_TOPICS));
        assertFalse(linear.uses(Feature.PAGE_TOPICS));
        assertTrue(m.uses(Feature.BM25_TITLE));
        // a term of weight 0 is not a use; the same term with a weight is
        RankerModel zero = new RankerModel("z", java.util.List.of(new RankerModel.Term(Feature.PAGE_TOPICS, false, 0, 1, 0)),
                10, java.util.Map.of());
        assertFalse(zero.uses(Feature.PAGE_TOPICS));
        RankerModel one = new RankerModel("o", java.util.List.of(new RankerModel.Term(Feature.PAGE_TOPICS, false, 0, 1, 0.5)),
                10, java.util.Map.of());
        assertTrue(one.uses(Feature.PAGE_TOPICS));
    }

    /** The LambdaMART option in models/ loads as a tree model over the features the linear model weighs. */
    @Test
    void theLambdaMartOptionLoads() {
        RankerModel m = RankerModel.load(Path.of("models/ranker-lambdamart.json"));
        assertEquals(true, m.isTrees());
        RankerModel lin = RankerModel.load(Path.of("models/ranker-linear.json"));
        java.util.Set<Feature> linear = new java.util.HashSet<>(lin.features());
        lin.terms().stream().filter(t -> t.weight() == 0).forEach(t -> linear.remove(t.feature()));
        assertEquals(linear, m.features());
        assertEquals(42, m.trained().get("seed"));
    }

    @Test
    void invalidModelsGiveErrorsWithThePath() throws Exception {
        assertEquals("invalid ranker model m.json: format must be \"linkscout-ranker/1\" (linear) or "
                + "\"linkscout-ranker-trees/1\" (trees), found \"x\" (fix the file or regenerate it with the `train` "
                + "command)", parseError("{\"format\":\"x\",\"features\":[]}"));
        assertEquals("invalid ranker model m.json: features must be a non-empty array (fix the file or regenerate "
                + "it with the `train` command)", parseError("{\"format\":\"linkscout-ranker/1\"}"));
        String unknown = parseError("{\"format\":\"linkscout-ranker/1\",\"features\":[{\"name\":\"nope\","
                + "\"mean\":0,\"std\":1,\"weight\":1}]}");
        assertEquals(true, unknown.startsWith("invalid ranker model m.json: features[0].name unknown feature \"nope\""));
        assertEquals("invalid ranker model m.json: features[1].name feature \"bm25_title\" appears twice (fix the "
                + "file or regenerate it with the `train` command)", parseError("{\"format\":\"linkscout-ranker/1\","
                + "\"features\":[{\"name\":\"bm25_title\",\"mean\":0,\"std\":1,\"weight\":1},{\"name\":\"bm25_title\","
                + "\"mean\":0,\"std\":1,\"weight\":1}]}"));
        assertEquals("invalid ranker model m.json: features[0].std must be > 0, found 0.0 (fix the file or "
                + "regenerate it with the `train` command)", parseError("{\"format\":\"linkscout-ranker/1\","
                + "\"features\":[{\"name\":\"bm25_title\",\"mean\":0,\"std\":0,\"weight\":1}]}"));
        assertEquals("invalid ranker model m.json: features[0].weight must be a finite number, found \"a\" (fix "
                + "the file or regenerate it with the `train` command)", parseError("{\"format\":"
                + "\"linkscout-ranker/1\",\"features\":[{\"name\":\"bm25_title\",\"mean\":0,\"std\":1,"
                + "\"weight\":\"a\"}]}"));
        assertEquals("invalid ranker model m.json: features[0].transform must be \"identity\" or \"log1p\", found "
                + "\"sqrt\" (fix the file or regenerate it with the `train` command)", parseError("{\"format\":"
                + "\"linkscout-ranker/1\",\"features\":[{\"name\":\"bm25_title\",\"transform\":\"sqrt\",\"mean\":0,"
                + "\"std\":1,\"weight\":1}]}"));
    }

    @Test
    void writeThenLoadRoundTrips(@TempDir Path dir) throws Exception {
        RankerModel m = new RankerModel("t", List.of(new RankerModel.Term(Feature.AUTHORITY, false, 1.5, 2.0, -0.25),
                new RankerModel.Term(Feature.BM25_TITLE, true, 0.5, 0.75, 1.0)), 123, Map.of("seed", 7));
        Path f = dir.resolve("r.json");
        m.write(f);
        RankerModel back = RankerModel.load(f);
        assertEquals(m.terms(), back.terms());
        assertEquals(123, back.perGenerator());
        assertEquals(7, back.trained().get("seed"));
        Files.writeString(f, "{not json");
        assertEquals(true, assertThrows(UserException.class, () -> RankerModel.load(f)).getMessage()
                .startsWith("ranker model " + f + " is not readable JSON"));
    }
}
