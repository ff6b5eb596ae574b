package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Site-level ranking on a small multi-site fixture (Anserini style): the content's own site is never returned,
 * pages of sites that already link to it are candidates and rank by those links, the site fit is the mean of a
 * site's five best page scores relative to the best page, and a site's score is a soft maximum of its pages.
 */
class SiteRankingTest {

    @TempDir
    static Path dir;
    static LinkScoutIndex index;

    static final String OWN_POST = "https://myblog.example/posts/rust-errors/";
    static final String OWN_ABOUT = "https://myblog.example/about/";
    static final String HUB = "https://hub.example/issue-1/";
    static final String RUST_A = "https://rust.example/traits/";
    static final String RUST_B = "https://rust.example/results/";
    static final String RUST_C = "https://rust.example/cargo/";
    static final String MISC = "https://misc.example/garden/";
    static final String FOOD = "https://food.example/bread/";

    @BeforeAll
    static void build() throws Exception {
        List<PageRecord> pages = List.of( // RecommenderTest.page: title, blank line, text; links without anchors
                RecommenderTest.page(OWN_POST, "Rust error handling", "Rust error handling with Result and the question mark "
                        + "operator. Rust errors compose.", List.of()),
                RecommenderTest.page(OWN_ABOUT, "About me", "I write about programming.", List.of()),
                RecommenderTest.page(HUB, "Weekly issue 1", "This week: news from the community, a cargo release and a "
                        + "podcast.", List.of(OWN_POST, OWN_ABOUT, RUST_A)),
                RecommenderTest.page(RUST_A, "Rust traits", "Traits in Rust describe shared behaviour. Rust generics use traits.",
                        List.of()),
                RecommenderTest.page(RUST_B, "Results in Rust", "A Result in Rust carries a value or an error. Rust error values "
                        + "are ordinary types.", List.of()),
                RecommenderTest.page(RUST_C, "Cargo tips", "Cargo builds Rust crates; Rust workspaces share a lock file.",
                        List.of()),
                RecommenderTest.page(MISC, "Garden tools", "Old garden tools gather rust over the winter. Oil them in autumn, "
                        + "and store them dry.", List.of(FOOD)),
                RecommenderTest.page(FOOD, "Bread", "Bread needs flour, water, yeast and an oven.", List.of()));
        index = RecommenderTest.index(dir, pages);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** Raw values, unscaled: links the site gives the content's site (clipped at 5) plus its site fit (0-1). */
    static RankerModel model() {
        return new RankerModel("test", List.of(
                new RankerModel.Term(Feature.LINKS_OWN_SITE, false, 0, 1, 1.0),
                new RankerModel.Term(Feature.SITE_FIT, false, 0, 1, 1.0)), 300, Map.of());
    }

    static ContentQuery content(Recommender rec, String site) {
        return rec.prepare("Handling errors in Rust", "Rust error handling: a Result carries the error, and the "
                + "question mark operator passes errors up. Rust makes error values ordinary.", List.of())
                .withSite(site);
    }

    @Test
    void sitesThatLinkToTheContentsSiteComeFirstAndTheOwnSiteNever() {
        Recommender rec = new Recommender(index, model());
        List<Recommendation> sites = rec.recommend(content(rec, "https://myblog.example/posts/"),
                new Recommender.Options(10, Recommender.Unit.SITE, 0, Set.of(), true));
        // hub.example gives myblog.example 2 links (score >= 2); rust.example writes about Rust on three pages;
        // misc.example uses the word "rust" once; food.example matches nothing and is no candidate
        assertEquals(List.of("hub.example", "rust.example", "misc.example"),
                sites.stream().map(Recommendation::domain).toList());
        Recommendation hub = sites.get(0);
        assertEquals(HUB, hub.url());
        assertEquals(2.0, hub.contributions().stream().filter(c -> c.feature().equals("links_own_site"))
                .findFirst().orElseThrow().value());
        assertEquals(3, sites.get(1).pages(), "every rust.example page is a candidate");
        // every page of one site has the same site features, so with this model the site's score is
        // s + ln(pages) (soft maximum, temperature 1, of equal scores)
        double page = sites.get(1).contributions().stream().mapToDouble(Recommendation.Contribution::contribution)
                .sum();
        assertEquals(page + Math.log(3), sites.get(1).score(), 1e-3);
    }

    @Test
    void withoutTheContentsSiteItsOwnPagesCompete() {
        Recommender rec = new Recommender(index, model());
        List<String> domains = rec.recommend(content(rec, null),
                new Recommender.Options(10, Recommender.Unit.SITE, 0, Set.of(), false)).stream()
                .map(Recommendation::domain).toList();
        assertTrue(domains.contains("myblog.example"), domains.toString());
        assertTrue(!domains.contains("hub.example") || domains.indexOf("hub.example") > 0, domains.toString());
    }

    @Test
    void siteFitIsTheMeanOfFiveBestPagesRelativeToTheBestPage() {
        Recommender rec = new Recommender(index, model());
        Recommender.Candidates c = rec.candidates(content(rec, "myblog.example"), 300);
        double misc = -1;
        double best = 0;
        for (int i = 0; i < c.docs().length; i++) {
            double fit = c.features()[i][Feature.SITE_FIT.ordinal()];
            best = Math.max(best, fit);
            if (rec.url(c.nodes()[i]).equals(MISC)) {
                misc = fit;
            }
            assertTrue(!rec.url(c.nodes()[i]).startsWith("https://myblog.example/"), "own pages are no candidates");
        }
        // misc.example has one matching page, weaker than the best: fit < 1/5; no site reaches 1 with < 5 pages
        assertTrue(misc > 0 && misc < 0.2, "misc fit " + misc);
        assertTrue(best <= 3 / 5.0 + 1e-9, "rust.example has three pages: at most 3/5, got " + best);
    }

    @Test
    void softMaximumOfPageScores() {
        // 3 + ln(1 + e^-1 + e^-3) = 3.349012...
        assertEquals(3.0 + Math.log(1 + Math.exp(-1) + Math.exp(-3)),
                Recommender.siteScore(new double[] {0.0, 3.0, 2.0}, List.of(1, 2, 0)), 1e-12);
        assertEquals(3.349012, Recommender.siteScore(new double[] {0.0, 3.0, 2.0}, List.of(1, 2, 0)), 1e-6);
        // one page: its own score
        assertEquals(-1.5, Recommender.siteScore(new double[] {-1.5}, List.of(0)), 1e-12);
    }

    @Test
    void queryFilesCarryTheOptionalSite(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("q.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\",\"site\":\"blog.example.org\"}\n"
                + "{\"id\":\"b\",\"title\":\"T\",\"text\":\"x\"}\n");
        List<QueryFile.Query> qs = QueryFile.read(f);
        assertEquals("blog.example.org", qs.get(0).site());
        assertEquals(null, qs.get(1).site());
    }

    /**
     * site_links_similar is the fit of each other site the page's site links to, weighted by ln(1 + links): the hub
     * links once to rust.example (and to the content's own site, which does not count), so its value is rust.example's
     * fit × ln 2; the garden site links only to food.example, which has no fit for the content: 0.
     */
    @Test
    void siteLinksSimilarIsTheFitOfTheSitesLinkedToWeightedByLnLinks() {
        Recommender rec = new Recommender(index, model());
        Recommender.Candidates c = rec.candidates(content(rec, "https://myblog.example/posts/"), 300);
        Map<String, double[]> byUrl = new java.util.HashMap<>();
        for (int i = 0; i < c.nodes().length; i++) {
            byUrl.put(rec.url(c.nodes()[i]), c.features()[i]);
        }
        double rustFit = byUrl.get(RUST_B)[Feature.SITE_FIT.ordinal()];
        assertTrue(rustFit > 0, "rust.example writes about the content");
        assertEquals(rustFit * Math.log(2), byUrl.get(HUB)[Feature.SITE_LINKS_SIMILAR.ordinal()], 1e-12);
        assertEquals(0.0, byUrl.get(MISC)[Feature.SITE_LINKS_SIMILAR.ordinal()]);
        // another content in between (other sites with a fit), then the same values again: the per-thread fits of
        // each query are cleared after it
        rec.candidates(rec.prepare("Garden tools and bread", "Garden tools, flour and an oven for bread.", List.of()),
                300);
        Recommender.Candidates again = rec.candidates(content(rec, "https://myblog.example/posts/"), 300);
        assertEquals(java.util.Arrays.deepToString(c.features()), java.util.Arrays.deepToString(again.features()));
    }

    /**
     * page_topics: the idf, ln(1 + n / df) over the 8 pages, of each content topic that is one of the page's own
     * topics (stored at ingest, compared by key). The fixture's page topics include "rust" (rust.example's traits
     * and results pages, the garden page: df 3), "result" (the results page and the content's own post: df 2) and
     * "cargo" (the cargo page: df 1); "quantum physics" is no page's topic, and "rust" is counted once although
     * two of the content's topics have that key.
     */
    @Test
    void pageTopicsSumTheIdfOfTheContentTopicsThatArePageTopics() {
        Recommender rec = new Recommender(index, model());
        ContentQuery q = rec.prepare("Handling errors in Rust", "Rust error handling: a Result carries the error, "
                + "and the question mark operator passes errors up. Cargo and Rust make error values ordinary.",
                List.of("Rust", "Results", "Cargo", "quantum physics", "rust")).withSite("myblog.example");
        Recommender.Candidates c = rec.candidates(q, 300);
        Map<String, Double> byUrl = new java.util.TreeMap<>();
        for (int i = 0; i < c.nodes().length; i++) {
            byUrl.put(rec.url(c.nodes()[i]), c.features()[i][Feature.PAGE_TOPICS.ordinal()]);
        }
        double rust = Math.log(1 + 8 / 3.0);
        assertEquals(rust, byUrl.get(RUST_A), 1e-12);
        assertEquals(rust + Math.log(1 + 8 / 2.0), byUrl.get(RUST_B), 1e-12);
        assertEquals(Math.log(1 + 8 / 1.0), byUrl.get(RUST_C), 1e-12);
        assertEquals(rust, byUrl.get(MISC), 1e-12);
        assertEquals(0.0, byUrl.get(HUB));
        // without topics (an index or a content without them) the feature is 0 everywhere
        Recommender.Candidates none = rec.candidates(rec.prepare(q.title(), q.text(), List.of())
                .withSite("myblog.example"), 300);
        for (double[] v : none.features()) {
            assertEquals(0.0, v[Feature.PAGE_TOPICS.ordinal()]);
        }
    }
}
