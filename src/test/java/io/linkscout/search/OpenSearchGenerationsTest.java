package io.linkscout.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.graph.RankEngine;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.jobs.JobsFixture;
import io.linkscout.profile.SiteProfiles;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.SiteQuality;
import io.linkscout.site.GraphRecompute;
import io.linkscout.site.SiteRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * New OpenSearch generations that start from the published one, on a real 2-node OpenSearch cluster (one for the
 * class; indices with 2 shards and 1 replica): an incremental ingest sends only what changes (a clone of the
 * published index, the documents written again, partial updates of the kept pages' moved values) and publishes the
 * same documents as a full publish of the same inputs; {@code graph} pushes its recomputed authority, TrustRank,
 * spam and rank features to the cluster the same way; and a graph job that fails before its commit, or whose Spark
 * job is killed part-way, leaves the previous scores and generation on the cluster and in the embedded index (the
 * last test needs the Spark job that {@code ./mvnw} builds into {@code target/spark/}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchGenerationsTest {

    static TestCluster cluster;
    static OpenSearchHttp http;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        cluster = TestCluster.start(2, "512m");
        http = cluster.http();
    }

    @AfterAll
    static void stop() throws IOException {
        TestCluster.close(cluster);
    }

    /**
     * The fixture plus 8 filler sites of 6 pages each (each page links to the next of its site, each site's first
     * page to the next site's), far from what {@link #change} touches: most of the corpus an incremental ingest keeps.
     */
    static List<PageRecord> corpus() {
        List<PageRecord> out = new ArrayList<>(JobsFixture.pages());
        for (int s = 0; s < 8; s++) {
            for (int p = 0; p < 6; p++) {
                List<Link> links = new ArrayList<>();
                links.add(new Link("https://f" + s + ".org/p" + (p + 1) % 6, "page " + (p + 1) % 6, ""));
                if (p == 0) {
                    links.add(new Link("https://f" + (s + 1) % 8 + ".org/p0", "next site", ""));
                }
                out.add(new PageRecord("https://f" + s + ".org/p" + p, "Filler " + s + " page " + p,
                        "Notes on gardening, tomatoes and compost, part " + p + " of site " + s + ".", links,
                        List.of(), "2026-01-01T00:00:00Z", "filler"));
            }
        }
        return out;
    }

    /** What the second ingest brings: a new page linking to two fixture pages, and one fixture page changed. */
    static List<PageRecord> change() {
        return List.of(
                new PageRecord("https://r6.org/otters", "Otter reading", "More about sea otters and kelp.",
                        List.of(new Link(JobsFixture.A2, "kelp forests", ""), new Link(JobsFixture.C1, "urchins", "")),
                        List.of(), "2026-01-02T00:00:00Z", "change"),
                new PageRecord(JobsFixture.R3, "Resources", "The Kelp Atlas is great; so are sea otters.",
                        List.of(new Link(JobsFixture.A1, "a", ""), new Link(JobsFixture.M1, "kelp forests", "")),
                        List.of(), "2026-01-02T00:00:00Z", "change"));
    }

    /** Ingests {@code pages} into {@code layout}, publishing on the cluster behind {@code alias}. */
    static OpenSearchIndexWriter ingest(IndexLayout layout, String alias, List<PageRecord> pages)
            throws IOException {
        IndexBuilder b = new IndexBuilder(layout, 1, null);
        OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, alias, 2, 1);
        b.setMirror(w);
        IndexBuilder.Result r = b.ingest((sink, report) -> pages.forEach(p -> {
            sink.page(p);
            report.pageRead();
        }));
        assertEquals(w.basedOn() != null, r.writes().incremental(), "the mirror follows the Lucene side");
        // it is sent exactly what the embedded index writes: the documents (re)written, the values updated in place
        assertEquals(r.writes().pagesWritten() + r.writes().sitesWritten(), w.added(), w.summary());
        assertEquals(r.writes().scoresUpdated(), w.updated(), w.summary());
        return w;
    }

    /** Every document behind {@code alias}: {@code _id} to {@code _source}. */
    static Map<String, JsonNode> sources(String alias) {
        Map<String, JsonNode> out = new TreeMap<>();
        JsonNode hits = http.call("POST", "/" + alias + "/_search", Map.of("size", 10_000, "query",
                Map.of("match_all", Map.of()))).path("hits").path("hits");
        for (JsonNode h : hits) {
            out.put(h.path("_id").asText(), h.path("_source"));
        }
        return out;
    }

    @Test
    @Order(1)
    void anIncrementalIngestSendsOnlyChangesAndEqualsAFullPublish() throws IOException {
        IndexLayout inc = new IndexLayout(tmp.resolve("inc"));
        OpenSearchIndexWriter first = ingest(inc, "inc", corpus());
        assertNull(first.basedOn(), "the first ingest publishes a full generation");
        long total = first.added();
        OpenSearchIndexWriter second = ingest(inc, "inc", change());
        assertEquals(first.physicalIndex(), second.basedOn(), "the second starts from the published generation");
        assertEquals(List.of(second.physicalIndex()), OpenSearchIndexWriter.aliasTargets(http, "inc"));
        assertTrue(http.exists("/" + first.physicalIndex()),
                "the generation just replaced stays for readers of the previous embedded commit");
        // only what changed was sent: the two pages read, the pages whose anchors, in-links or authority point
        // moved and the sites that changed — fewer than a full generation — and the kept pages' moved values
        assertTrue(second.added() >= 2 && second.added() < total, second.summary() + " (full: " + total + ")");
        assertTrue(second.updated() > 0, second.summary());

        IndexLayout full = new IndexLayout(tmp.resolve("full"));
        List<PageRecord> all = new ArrayList<>(corpus());
        all.addAll(change());
        OpenSearchIndexWriter once = ingest(full, "full", all);
        assertNull(once.basedOn());
        Map<String, JsonNode> expected = sources("full");
        assertEquals(once.added(), expected.size());
        assertEquals(expected, sources("inc"), "incremental and full publication hold the same documents");
        // and the embedded index of the incremental ingest is of the generation the alias serves
        try (LinkScoutIndex idx = LinkScoutIndex.open(inc);
                OpenSearchBackend b = new OpenSearchBackend(http, "inc", false)) {
            Generations.requireSame(idx, b);
        }
    }

    /** Every site's standing and every page's figures, as the embedded index and the cluster give them. */
    record Scores(Map<String, SiteQuality> sites, Map<String, SiteProfiles.Pages> pages,
            List<SearchBackend.Hit> boosted) {
    }

    static Scores scores(SearchBackend b, List<String> domains) throws IOException {
        Map<String, SiteQuality> sites = new TreeMap<>();
        Map<String, SiteProfiles.Pages> pages = new TreeMap<>();
        for (String d : domains) {
            sites.put(d, SiteRepository.quality(SiteRepository.document(b, d).orElseThrow()));
            pages.put(d, SiteProfiles.pages(b, d, 1000));
        }
        // the first stage's authority clause reads the rank features (pages' and sites')
        List<SearchBackend.Hit> boosted = new ArrayList<>(b.topK(IndexFields.TYPE_PAGE, IndexFields.TITLE,
                "sea otters kelp forests", 20, 3.0));
        boosted.addAll(b.topK(IndexFields.TYPE_SITE, IndexFields.NAME, "kelp otter", 20, 3.0));
        return new Scores(sites, pages, boosted);
    }

    static Scores scores(IndexLayout layout, String alias) throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout);
                LuceneSearchBackend lucene = new LuceneSearchBackend(idx, false);
                OpenSearchBackend os = new OpenSearchBackend(http, alias, false)) {
            Generations.requireSame(idx, os);
            List<String> domains = List.copyOf(new SiteRepository(idx).sites(null,
                    java.util.Set.of(IndexFields.ID)).keySet());
            Scores embedded = scores(lucene, domains);
            Scores cluster = scores(os, domains);
            assertEquals(embedded.sites(), cluster.sites());
            assertEquals(embedded.pages(), cluster.pages());
            assertEquals(embedded.boosted().stream().map(SearchBackend.Hit::id).toList(),
                    cluster.boosted().stream().map(SearchBackend.Hit::id).toList());
            for (int i = 0; i < embedded.boosted().size(); i++) {
                assertEquals(embedded.boosted().get(i).score(), cluster.boosted().get(i).score(), 1e-4,
                        embedded.boosted().get(i).id());
            }
            return embedded;
        }
    }

    @Test
    @Order(2)
    void graphPushesItsScoresToTheClusterAndAFailedJobLeavesThePreviousOnes() throws Exception {
        IndexLayout layout = new IndexLayout(tmp.resolve("graph"));
        ingest(layout, "graph", JobsFixture.pages());
        Scores before = scores(layout, "graph");

        // graph with other settings (damping 0.6, nofollow links passing rank): new scores on both
        AuthorityConfig other = new AuthorityConfig(0.6, true, 0.0, 50.0, 0.8, "catalog");
        String published = OpenSearchIndexWriter.aliasTargets(http, "graph").get(0);
        try (OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, "graph", 2, 1)) {
            GraphRecompute.run(layout, 1, 5, other, RankEngine.IN_PROCESS, w, IndexBuilder.Progress.NONE, () -> { });
            assertEquals(published, w.basedOn(), "graph starts from the published generation: " + w.summary());
            assertTrue(w.updated() > 0, w.summary());
        }
        Scores after = scores(layout, "graph");
        assertNotEquals(before.sites(), after.sites(), "the settings moved the sites' scores");
        assertNotEquals(before.pages(), after.pages(), "and the pages'");
        Map<String, JsonNode> docsAfter = sources("graph");

        // a job that fails right before its commit (as a killed Spark job's missing result does) stores nothing
        String now = OpenSearchIndexWriter.aliasTargets(http, "graph").get(0);
        String[] attempted = new String[1];
        try (OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, "graph", 2, 1)) {
            attempted[0] = w.physicalIndex();
            UserException e = assertThrows(UserException.class, () -> GraphRecompute.run(layout, 1, 5,
                    AuthorityConfig.DEFAULTS, RankEngine.IN_PROCESS, w, IndexBuilder.Progress.NONE, () -> {
                        throw new UserException("injected: the job was killed");
                    }));
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
            assertNotNull(w.basedOn(), "it had started from a copy");
        }
        assertEquals(List.of(now), OpenSearchIndexWriter.aliasTargets(http, "graph"));
        assertFalse(http.exists("/" + attempted[0]), "the unpublished copy is deleted");
        assertEquals(docsAfter, sources("graph"), "the cluster keeps the previous scores");
        assertEquals(after, scores(layout, "graph"), "and so does the embedded index");

        // the next graph run publishes again (from the write-blocked published generation)
        try (OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, "graph", 2, 1)) {
            GraphRecompute.run(layout, 1, 5, AuthorityConfig.DEFAULTS, RankEngine.IN_PROCESS, w,
                    IndexBuilder.Progress.NONE, () -> { });
            assertEquals(now, w.basedOn());
        }
        assertEquals(before, scores(layout, "graph"), "the default settings give the first scores back");
    }

    /**
     * {@code graph --engine spark} with the index on OpenSearch, its Spark job killed part-way (the engine's timeout
     * kills the job's JVM): nothing is stored, on the cluster or in the embedded index.
     */
    @Test
    @Order(3)
    void aKilledSparkJobLeavesTheClusterAsItWas() throws Exception {
        IndexLayout layout = new IndexLayout(tmp.resolve("spark"));
        ingest(layout, "spark", JobsFixture.pages());
        String published = OpenSearchIndexWriter.aliasTargets(http, "spark").get(0);
        Map<String, JsonNode> docs = sources("spark");
        Scores before = scores(layout, "spark");
        // a job given one second is killed by the engine part-way (a Spark JVM alone takes longer to start)
        io.linkscout.spark.SparkRankEngine impatient = new io.linkscout.spark.SparkRankEngine(
                io.linkscout.spark.SparkRankEngine.locateHome(null), "local[2]", java.time.Duration.ofSeconds(1), "1g",
                2, null);
        String attempted;
        try (OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, "spark", 2, 1)) {
            attempted = w.physicalIndex();
            UserException e = assertThrows(UserException.class, () -> GraphRecompute.run(layout, 1, 3,
                    new AuthorityConfig(0.6, true, 0.0, 50.0, 0.8, "catalog"), impatient, w,
                    IndexBuilder.Progress.NONE, () -> { }));
            assertTrue(e.getMessage().startsWith("the Spark job did not finish within 1 s"), e.getMessage());
            assertEquals(published, w.basedOn(), "it had started from a copy of the published generation");
        }
        assertEquals(List.of(published), OpenSearchIndexWriter.aliasTargets(http, "spark"));
        assertFalse(http.exists("/" + attempted), "the unpublished copy is deleted");
        assertEquals(docs, sources("spark"));
        assertEquals(before, scores(layout, "spark"));
    }
}
