package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact ranked output and explanations on a small hand-made corpus (Anserini style). */
class RecommenderTest {

    @TempDir
    static Path dir;
    static LinkScoutIndex index;

    static final String VOLCANO = "https://geo.example/volcano";
    static final String ICELAND = "https://travel.example/iceland";
    static final String KRAKATOA = "https://geo.example/krakatoa";
    static final String RIFT = "https://science.example/rift";
    static final String BAKING = "https://food.example/baking";
    static final String OCEAN = "https://science.example/ocean";

    @BeforeAll
    static void build() throws Exception {
        List<PageRecord> pages = List.of(
                page(VOLCANO, "Volcano", "A volcano is an opening in the crust. Magma rises through the vent. "
                        + "Plate tectonics explains where each volcano forms.", List.of(KRAKATOA, RIFT)),
                page(ICELAND, "Iceland travel guide", "Iceland sits on the Mid-Atlantic Ridge. Plate tectonics "
                        + "shapes the island, and visitors hike to a volcano near Reykjavik.", List.of(VOLCANO)),
                page(KRAKATOA, "Krakatoa", "Krakatoa is a volcano in Indonesia. Its 1883 eruption was heard "
                        + "thousands of kilometres away.", List.of(VOLCANO)),
                page(RIFT, "Rift valley", "A rift valley forms where plates pull apart. Magma can reach the "
                        + "surface in a rift.", List.of(OCEAN)),
                page(BAKING, "Baking bread", "Bread needs flour, water, yeast and an oven.", List.of()),
                page(OCEAN, "Ocean", "The ocean covers most of the planet. Plate tectonics moves the ocean floor.",
                        List.of(RIFT)));
        index = index(dir, pages);
    }

    /** An on-disk index of {@code pages} under {@code dir}, opened. */
    static LinkScoutIndex index(Path dir, List<PageRecord> pages) throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        new IndexBuilder(layout, 1, null).ingest((sink, report) -> pages.forEach(sink::page));
        return LinkScoutIndex.open(layout);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static PageRecord page(String url, String title, String text, List<String> links) {
        return new PageRecord(url, title, title + "\n\n" + text,
                links.stream().map(l -> new Link(l, "", "")).toList(), List.of(), null, "test");
    }

    /** A hand-set model: title phrase mentions count most, then title words, then authority. */
    static RankerModel model() {
        return new RankerModel("test", List.of(
                new RankerModel.Term(Feature.MENTION_BM25, false, 0, 1, 2.0),
                new RankerModel.Term(Feature.BM25_TITLE, false, 0, 1, 1.0),
                new RankerModel.Term(Feature.REVERSE_ANY, false, 0, 1, 0.5)), 300, Map.of());
    }

    /**
     * A tree model (LambdaMART fitted on this corpus's candidates, the pages naming the title labelled relevant):
     * results in the model's order, each explained by every model feature's SHAP contribution plus the base value,
     * which add up to the score.
     */
    @Test
    void aTreeModelExplainsEveryResultWithContributionsThatAddUp() {
        Recommender plain = new Recommender(index, model());
        ContentQuery q = plain.prepare("Plate tectonics", "Plate tectonics moves the crust. Each volcano and every "
                + "rift valley tells the story, as does the ocean floor.", List.of("volcano", "rift valley"));
        Recommender.Candidates c = plain.candidates(q, 300);
        boolean[] rel = new boolean[c.nodes().length];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = Set.of(OCEAN, VOLCANO, ICELAND).contains(plain.url(c.nodes()[i]));
        }
        Trainer.Example ex = new Trainer.Example("q", c, rel, 3);
        RankerModel trees = new LambdaMart(5, 2, 0.5, 0, 42).fit(List.of(ex, ex), java.util.EnumSet.of(
                Feature.MENTION_BM25, Feature.BM25_TITLE, Feature.BM25_TERMS), 300, Map.of());
        Recommender rec = new Recommender(index, trees);
        List<Recommendation> r = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0, Set.of(),
                true));
        Recommender.Ranked ranked = Recommender.rank(c, trees);
        assertEquals(java.util.stream.IntStream.range(0, ranked.size()).mapToObj(i -> rec.url(ranked.nodes()[i]))
                .toList(), r.stream().map(Recommendation::url).toList());
        assertEquals(Set.of(OCEAN, VOLCANO, ICELAND), Set.copyOf(r.stream().map(Recommendation::url).toList()
                .subList(0, 3)), "the three pages naming the title first");
        for (Recommendation x : r) {
            assertEquals(Set.of("mention_bm25", "bm25_title", "bm25_terms", RankerModel.BASE_VALUE),
                    Set.copyOf(x.contributions().stream().map(Recommendation.Contribution::feature).toList()));
            assertEquals(x.score(), x.contributions().stream().mapToDouble(Recommendation.Contribution::contribution)
                    .sum(), 1e-3, x.url() + ": contributions add up to the score");
        }
    }

    @Test
    void ranksPagesThatNameTheTitleFirstWithExplanations() {
        Recommender rec = new Recommender(index, model());
        ContentQuery q = rec.prepare("Plate tectonics", "Plate tectonics moves the crust. Each volcano and every "
                + "rift valley tells the story, as does the ocean floor.", List.of("volcano", "rift valley"));
        List<Recommendation> r = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0, Set.of(),
                true));
        // pages naming "plate tectonics" first (shorter page = higher BM25), then the page the content names, then
        // a candidate found only through the content's terms ("volcano"), which this model gives a score of 0
        assertEquals(List.of(OCEAN, VOLCANO, ICELAND, RIFT, KRAKATOA),
                r.stream().map(Recommendation::url).toList());
        assertEquals(0.0, r.get(4).score());
        Recommendation top = r.get(0);
        assertEquals(1, top.rank());
        assertEquals("Ocean", top.title());
        assertEquals("mention", top.evidence().get(0).kind());
        assertEquals("Plate tectonics moves the ocean floor.", top.evidence().get(0).text());
        assertEquals("named-by-content", top.evidence().get(1).kind());
        assertEquals(List.of("mention_bm25", "bm25_title", "reverse_any"),
                top.contributions().stream().map(Recommendation.Contribution::feature).toList());
        assertEquals(List.of(), top.matchedTopics());
        // the content's topics that the page's topics stored at ingest contain
        assertEquals(List.of("volcano"), r.get(1).matchedTopics());
        assertEquals(List.of("rift valley"), r.get(3).matchedTopics());
        double sum = top.contributions().stream().mapToDouble(Recommendation.Contribution::contribution).sum();
        assertEquals(top.score(), sum, 1e-3, "contributions add up to the score");
        // RIFT does not name the title; it is there because the content names "Rift valley"
        Recommendation rift = r.get(3);
        assertEquals(0.0, rift.contributions().stream().filter(c -> c.feature().equals("mention_bm25"))
                .findFirst().orElseThrow().value());
        assertEquals("named-by-content", rift.evidence().get(0).kind());
    }

    /**
     * Every fixture page is thin (THIN_CONTENT, weight 0.2, strength 1 − length/250): OCEAN (82 characters) scores
     * 20·(1 − 82/250) = 13.44 and RIFT (96) 12.32, the others stay under 12 (KRAKATOA 103: 11.76). With the
     * demotion threshold at 12 those two follow the others, in their own order, flagged, not hidden.
     */
    @Test
    void spammyResultsAreListedAfterTheOthers() {
        Recommender rec = new Recommender(index, model(), 12);
        ContentQuery q = rec.prepare("Plate tectonics", "Plate tectonics moves the crust. Each volcano and every "
                + "rift valley tells the story, as does the ocean floor.", List.of("volcano", "rift valley"));
        List<Recommendation> r = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0, Set.of(),
                false));
        assertEquals(List.of(VOLCANO, ICELAND, KRAKATOA, OCEAN, RIFT), r.stream().map(Recommendation::url).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), r.stream().map(Recommendation::rank).toList());
        assertEquals("DEMOTED: spam score 13.4 >= 12.0 (linkscout.authority.demote-results-at): listed after every result"
                + " below it", r.get(3).flags().get(0));
        assertTrue(r.get(3).flags().get(1).startsWith("THIN_CONTENT (weight 0.20, strength 0.67)"), r.get(3).flags()
                .toString());
        assertTrue(r.get(2).flags().stream().noneMatch(f -> f.startsWith("DEMOTED")));
        // top 3: the demoted pages do not push out the others
        assertEquals(List.of(VOLCANO, ICELAND, KRAKATOA), rec.recommend(q, new Recommender.Options(3,
                Recommender.Unit.PAGE, 0, Set.of(), false)).stream().map(Recommendation::url).toList());
    }

    @Test
    void sitesAggregateByDomainAndFiltersApply() {
        Recommender rec = new Recommender(index, model());
        ContentQuery q = rec.prepare("Plate tectonics", "Plate tectonics moves the crust. Each volcano and every "
                + "rift valley tells the story, as does the ocean floor.", List.of());
        List<Recommendation> sites = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.SITE, 0,
                Set.of(), true));
        assertEquals(List.of("science.example", "geo.example", "travel.example"),
                sites.stream().map(Recommendation::domain).toList());
        assertEquals(2, sites.get(0).pages(), "ocean and rift pages");
        assertEquals(OCEAN, sites.get(0).url(), "best page is the evidence");
        assertEquals("supporting-page", sites.get(0).evidence().get(sites.get(0).evidence().size() - 1).kind());

        List<Recommendation> filtered = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0,
                Set.of("science.example"), false));
        assertEquals(List.of(VOLCANO, ICELAND, KRAKATOA), filtered.stream().map(Recommendation::url).toList());
        assertTrue(filtered.get(0).contributions().isEmpty(), "no explanation when not asked");
    }

    @Test
    void tiesAreBrokenByUrl() {
        Recommender rec = new Recommender(index, new RankerModel("flat", List.of(
                new RankerModel.Term(Feature.REVERSE_ANY, false, 0, 1, 1.0)), 300, Map.of()));
        ContentQuery q = rec.prepare("Unrelated", "Iceland travel guide and Krakatoa and Baking bread.", List.of());
        List<Recommendation> r = rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0, Set.of(),
                false));
        // the three pages the content names score 1 and are ordered by URL; VOLCANO (score 0) is a candidate
        // because it links to Krakatoa, a page the content names (co-citation)
        assertEquals(List.of(BAKING, KRAKATOA, ICELAND, VOLCANO), r.stream().map(Recommendation::url).toList(),
                "equal scores ordered by URL");
    }

    @Test
    void partialTitleIsTheLeadingWordsUnlessTheyNameNothing() {
        org.apache.lucene.util.QueryBuilder qb = new org.apache.lucene.util.QueryBuilder(index.analyzer());
        assertEquals("body:\"elizabeth i\"",
                Recommender.partialTitle(qb, Tokens.phrase("Elizabeth I of England")).toString());
        assertEquals("body:hebrew", Recommender.partialTitle(qb, Tokens.phrase("Hebrew language")).toString());
        assertEquals(null, Recommender.partialTitle(qb, Tokens.phrase("Why the Ground Moves")));
        assertEquals(null, Recommender.partialTitle(qb, Tokens.phrase("Volcano")));
    }

    @Test
    void linkCountLogarithmsAreMathLog1pInAndBeyondTheTable() {
        for (int links = 0; links < 10_000; links++) {
            assertEquals(Math.log1p(links), Recommender.log1p(links), 0.0, "links " + links);
        }
        assertEquals(Math.log1p(Integer.MAX_VALUE), Recommender.log1p(Integer.MAX_VALUE), 0.0);
    }
}
