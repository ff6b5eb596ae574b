package io.linkscout.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.eval.SampleIndex;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.IndexStats;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.InputFormats;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSearch backend against the embedded Lucene index, on a real 2-node OpenSearch 3.9.0 cluster (the launcher
 * {@code ./mvnw} builds into {@code target/opensearch/}; one cluster for the whole class): the bundled sample
 * ingested into both (one ingest, the OpenSearch index with 2 shards and 1 replica) gives, for the bundled examples'
 * topic queries over title, body and anchor text, the same ranked ids and BM25 scores within 1e-4, the same term
 * statistics and the same stored fields; a failed ingest leaves the previous generation published; bad settings
 * are clear errors; and with a node stopped mid-run every answer is the right one (from the replicas) or a clear
 * error, never a different ranking. The last test stops a node, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchParityTest {

    /** Topics of the bundled examples (src/main/resources/sample/example-*.md), and their titles. */
    static final List<String> QUERIES = List.of(
            "Why the Ground Moves: A Beginner's Guide to Volcanoes, Earthquakes and Plate Tectonics",
            "plate tectonics", "volcanoes", "earthquakes", "magma", "tectonic plates", "mantle convection",
            "Iceland geysers hot springs",
            "From cargo new to a First Release: Shipping a Small Command-Line Tool in Rust",
            "rust", "command-line tool", "cargo crate", "open-source package release", "error message",
            "Markdown files", "exit codes and output format");
    static final List<String> PAGE_FIELDS = List.of(IndexFields.TITLE, IndexFields.BODY, IndexFields.ANCHORS_IN);
    static final String ALIAS = "sample";

    static TestCluster cluster;
    static OpenSearchHttp http;
    static LuceneSearchBackend lucene;
    static OpenSearchBackend opensearch;
    static String firstPhysical;
    static IndexLayout layout;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void ingestBoth() throws Exception {
        cluster = TestCluster.start(2, "768m");
        http = cluster.http();
        List<Path> files = new ArrayList<>();
        for (String name : SampleIndex.INPUTS) {
            Path f = tmp.resolve(name);
            try (InputStream in = SampleIndex.class.getResourceAsStream("/sample/" + name)) {
                Files.copy(in, f);
            }
            files.add(f);
        }
        layout = new IndexLayout(tmp.resolve("index"));
        IndexBuilder b = new IndexBuilder(layout, 2, null);
        OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, ALIAS, 2, 1);
        firstPhysical = w.physicalIndex();
        b.setMirror(w);
        IndexBuilder.Result r = b.ingest((sink, report) -> InputFormats.readAll(files, null, sink, report));
        assertTrue(r.stats().pages() > 1000, "the sample has its pages: " + r.stats().pages());
        lucene = new LuceneSearchBackend(LinkScoutIndex.open(layout), true);
        opensearch = new OpenSearchBackend(http, ALIAS, false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (lucene != null) {
            lucene.close();
        }
        TestCluster.close(cluster);
    }

    /** The alias names the one physical index the ingest wrote: 2 shards, 1 replica, every document in it. */
    @Test
    @Order(1)
    void theIngestPublishedOneIndexBehindTheAlias() throws IOException {
        assertEquals(List.of(firstPhysical), OpenSearchIndexWriter.aliasTargets(http, ALIAS));
        assertEquals(2, opensearch.shards());
        Map<String, String> published = settings(firstPhysical);
        assertEquals("1", published.get("index.number_of_replicas"), published.toString());
        assertFalse(published.containsKey("index.refresh_interval"), published.toString());
        assertFalse(published.containsKey("index.translog.durability"), published.toString());
        for (String type : List.of(IndexFields.TYPE_PAGE, IndexFields.TYPE_SITE, IndexFields.TYPE_CATALOG,
                IndexFields.TYPE_AUTHORITY)) {
            assertTrue(lucene.count(type) > 0, type);
            assertEquals(lucene.count(type), opensearch.count(type), type);
        }
    }

    /**
     * {@code stats --backend opensearch} / {@code GET /api/index/stats} on the cluster: the embedded figures
     * unchanged plus the alias's section, whose counts are the embedded index's, of the same ingest.
     */
    @Test
    @Order(1)
    void statsThroughTheClusterMatchTheEmbeddedIndex() throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            IndexStats embedded = idx.stats();
            assertEquals(embedded, BackendResolver.Choice.LUCENE.stats(idx));
            assertNull(embedded.backend());
            IndexStats s = new BackendResolver.Choice(true, cluster.urls(), ALIAS, 2, 1).stats(idx);
            assertEquals(embedded, s.with(null));
            IndexStats.Backend b = s.backend();
            assertEquals(opensearch.describe(), b.backend());
            assertEquals(firstPhysical, b.generation());
            assertTrue(b.sameIngest());
            assertEquals(List.of(embedded.pages(), embedded.sites(), embedded.catalogRows(), embedded.authorityRows()),
                    List.of(b.pages(), b.sites(), b.catalogRows(), b.authorityRows()));
            assertTrue(embedded.pages() > 1000, "" + embedded.pages());
            assertEquals(opensearch.storeBytes(), b.sizeBytes());
            assertTrue(b.sizeBytes() > 0);
            assertTrue(s.toText().contains("search backend:   " + opensearch.describe() + "\n"
                    + "                  generation " + firstPhysical + " (the embedded index's ingest)"), s.toText());
        }
    }

    /** Same ids in the same order (ties by id) and the same BM25 scores, for every query and field. */
    @Test
    @Order(2)
    void topKMatchesTheEmbeddedIndex() throws IOException {
        int nonEmpty = 0;
        int ties = 0;
        for (String field : PAGE_FIELDS) {
            for (String q : QUERIES) {
                List<SearchBackend.Hit> expected = lucene.topK(IndexFields.TYPE_PAGE, field, q, 20);
                assertSameRanking(expected, opensearch.topK(IndexFields.TYPE_PAGE, field, q, 20), field + ": " + q);
                nonEmpty += expected.isEmpty() ? 0 : 1;
                for (int i = 1; i < expected.size(); i++) {
                    ties += expected.get(i).score() == expected.get(i - 1).score() ? 1 : 0;
                }
            }
        }
        for (String field : List.of(IndexFields.TITLE, IndexFields.DESCRIPTION, IndexFields.NAME)) {
            for (String q : QUERIES) {
                assertSameRanking(lucene.topK(IndexFields.TYPE_SITE, field, q, 10),
                        opensearch.topK(IndexFields.TYPE_SITE, field, q, 10), "site " + field + ": " + q);
            }
        }
        // the comparison is not vacuous: most queries find pages, and some lists hold tied scores
        assertTrue(nonEmpty >= 40, "queries with hits: " + nonEmpty);
        assertTrue(ties > 0, "tied scores in the lists: " + ties);
        // only stop words: no query at all, on both
        assertEquals(List.of(), lucene.topK(IndexFields.TYPE_PAGE, IndexFields.BODY, "the and of", 10));
        assertEquals(List.of(), opensearch.topK(IndexFields.TYPE_PAGE, IndexFields.BODY, "the and of", 10));
    }

    /**
     * FeatureField → rank_features: with the ranking's first-stage authority clause (saturation, pivot 10) the
     * lists and scores agree too, and the clause does change them.
     */
    @Test
    @Order(2)
    void authorityFeatureMatchesTheEmbeddedIndex() throws IOException {
        int changed = 0;
        for (String field : List.of(IndexFields.TITLE, IndexFields.BODY)) {
            for (String q : QUERIES) {
                List<SearchBackend.Hit> expected = lucene.topK(IndexFields.TYPE_PAGE, field, q, 20, 2.0);
                assertSameRanking(expected, opensearch.topK(IndexFields.TYPE_PAGE, field, q, 20, 2.0),
                        "authority " + field + ": " + q);
                changed += expected.equals(lucene.topK(IndexFields.TYPE_PAGE, field, q, 20)) ? 0 : 1;
            }
        }
        assertTrue(changed >= 10, "lists the authority clause changed: " + changed);
    }

    static void assertSameRanking(List<SearchBackend.Hit> expected, List<SearchBackend.Hit> actual, String what) {
        assertEquals(expected.stream().map(SearchBackend.Hit::id).toList(),
                actual.stream().map(SearchBackend.Hit::id).toList(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-4, what + " #" + (i + 1));
        }
    }

    /** docFreq, totalTermFreq and docCount of every query term, summed over the shards, equal Lucene's. */
    @Test
    @Order(3)
    void termStatisticsAreEqual() throws IOException {
        long seen = 0;
        for (String field : PAGE_FIELDS) {
            for (String q : QUERIES) {
                List<SearchBackend.TermStats> expected = lucene.termStatistics(field, q);
                assertEquals(expected, opensearch.termStatistics(field, q), field + ": " + q);
                seen += expected.stream().mapToLong(SearchBackend.TermStats::docFreq).sum();
            }
        }
        assertTrue(seen > 100, "the terms occur: " + seen);
        // the analyzer chain: possessive, lower case, stop word, Porter stem
        assertEquals(List.of("beginn", "guid", "volcano"), lucene.termStatistics(IndexFields.BODY,
                "A Beginner's Guide to Volcanoes").stream().map(SearchBackend.TermStats::term).toList());
        assertEquals(List.of("beginn", "guid", "volcano"), opensearch.termStatistics(IndexFields.BODY,
                "A Beginner's Guide to Volcanoes").stream().map(SearchBackend.TermStats::term).toList());
    }

    /** The explanations of the top hits: the same tree, the same values within 1e-4. */
    @Test
    @Order(4)
    void explanationsAreEqual() throws IOException {
        int compared = 0;
        for (String field : PAGE_FIELDS) {
            for (String q : List.of(QUERIES.get(0), "plate tectonics", "cargo crate")) {
                for (SearchBackend.Hit h : lucene.topK(IndexFields.TYPE_PAGE, field, q, 3)) {
                    SearchBackend.Explanation expected = lucene.explain(IndexFields.TYPE_PAGE, field, q, h.id())
                            .orElseThrow();
                    assertEquals(h.score(), expected.value(), 1e-6);
                    assertSameExplanation(expected, opensearch.explain(IndexFields.TYPE_PAGE, field, q, h.id())
                            .orElseThrow(), field + ": " + q + " " + h.id());
                    compared++;
                }
            }
        }
        assertTrue(compared >= 20, "explanations compared: " + compared);
        assertEquals(Optional.empty(), opensearch.explain(IndexFields.TYPE_PAGE, IndexFields.TITLE, "zzzqqq",
                lucene.topK(IndexFields.TYPE_PAGE, IndexFields.TITLE, "rust", 1).get(0).id()));
    }

    static void assertSameExplanation(SearchBackend.Explanation expected, SearchBackend.Explanation actual,
            String where) {
        assertEquals(expected.description(), actual.description(), where);
        assertEquals(expected.value(), actual.value(), 1e-4, where + " / " + expected.description());
        assertEquals(expected.details().size(), actual.details().size(), where + " / " + expected.description()
                + "\nexpected " + expected + "\nactual " + actual);
        for (int i = 0; i < expected.details().size(); i++) {
            assertSameExplanation(expected.details().get(i), actual.details().get(i),
                    where + " / " + expected.description());
        }
    }

    /** Every stored field of the top pages and sites has the same values on both backends. */
    @Test
    @Order(4)
    void storedFieldsAreEqual() throws IOException {
        int checked = 0;
        for (String type : List.of(IndexFields.TYPE_PAGE, IndexFields.TYPE_SITE)) {
            for (SearchBackend.Hit h : lucene.topK(type, IndexFields.TITLE, "volcanoes rust earthquakes", 10)) {
                Map<String, List<String>> expected = lucene.storedFields(type, h.id()).orElseThrow();
                Map<String, List<String>> actual = opensearch.storedFields(type, h.id()).orElseThrow();
                for (Map.Entry<String, List<String>> e : expected.entrySet()) {
                    assertEquals(e.getValue(), actual.get(e.getKey()), type + " " + h.id() + " " + e.getKey());
                }
                assertTrue(expected.containsKey(IndexFields.RECORD) || type.equals(IndexFields.TYPE_SITE));
                checked++;
            }
        }
        assertTrue(checked >= 10, "documents compared: " + checked);
        assertEquals(Optional.empty(), lucene.storedFields(IndexFields.TYPE_PAGE, "https://nowhere.example/"));
        assertEquals(Optional.empty(), opensearch.storedFields(IndexFields.TYPE_PAGE, "https://nowhere.example/"));
    }

    /**
     * Ties are broken by id on both backends; a failed ingest (here: failing right before its commit) publishes
     * nothing and deletes its new index; the next good one replaces the generation.
     */
    @Test
    @Order(5)
    void tiesByIdAndAtomicPublication(@TempDir Path dir) throws IOException {
        String alias = "ties";
        IndexLayout layout = new IndexLayout(dir.resolve("index"));
        List<String> urls = List.of("https://c.example/x", "https://a.example/x", "https://b.example/x");
        ingest(layout, alias, urls, null);
        String first = OpenSearchIndexWriter.aliasTargets(http, alias).get(0);
        try (LuceneSearchBackend l = new LuceneSearchBackend(LinkScoutIndex.open(layout), true);
                OpenSearchBackend o = new OpenSearchBackend(http, alias, false)) {
            List<SearchBackend.Hit> expected = l.topK(IndexFields.TYPE_PAGE, IndexFields.TITLE, "kelp", 2);
            assertEquals(List.of("https://a.example/x", "https://b.example/x"),
                    expected.stream().map(SearchBackend.Hit::id).toList());
            assertEquals(expected.get(0).score(), expected.get(1).score());
            assertSameRanking(expected, o.topK(IndexFields.TYPE_PAGE, IndexFields.TITLE, "kelp", 2), "ties");
        }
        AtomicReference<String> failedPhysical = new AtomicReference<>();
        UserException e = assertThrows(UserException.class, () -> ingest(layout, alias,
                List.of("https://d.example/x"), failedPhysical));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertEquals(List.of(first), OpenSearchIndexWriter.aliasTargets(http, alias));
        assertFalse(http.exists("/" + failedPhysical.get()), "the unpublished index is deleted");
        try (OpenSearchBackend o = new OpenSearchBackend(http, alias, false)) {
            assertEquals(3, o.count(IndexFields.TYPE_PAGE));
        }
        ingest(layout, alias, List.of("https://d.example/x"), null);
        List<String> now = OpenSearchIndexWriter.aliasTargets(http, alias);
        assertEquals(1, now.size());
        assertFalse(now.contains(first));
        assertTrue(http.exists("/" + first), "the generation just replaced stays for readers of its embedded commit");
        try (OpenSearchBackend o = new OpenSearchBackend(http, alias, false)) {
            assertEquals(4, o.count(IndexFields.TYPE_PAGE));
        }
        // a reader of an embedded commit reads the generation that commit names, by its own name (not the alias)
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout);
                OpenSearchBackend o = new BackendResolver.Choice(true, http.urls(), alias, 1, 0).open(idx)) {
            assertEquals(now.get(0), o.generation().orElseThrow());
        }
        ingest(layout, alias, List.of("https://e.example/x"), null);
        List<String> third = OpenSearchIndexWriter.aliasTargets(http, alias);
        assertFalse(http.exists("/" + first), "the generation before the replaced one is deleted");
        assertTrue(http.exists("/" + now.get(0)), "the replaced one stays");
        assertEquals(1, third.size());
        assertFalse(third.contains(now.get(0)));
        // the failed one was loaded in bulk-load mode (a clone of the first); the published one has its replica
        assertBulkLoadedThenPublished(now.get(0));
        // and a full generation likewise: a new layout, so no copy
        IndexLayout fresh = new IndexLayout(dir.resolve("fresh"));
        AtomicReference<String> failedFull = new AtomicReference<>();
        assertThrows(UserException.class, () -> ingest(fresh, "fresh", List.of("https://e.example/x"), failedFull));
        assertEquals("0", loading.get("index.number_of_replicas"), loading.toString());
        assertEquals("-1", loading.get("index.refresh_interval"), loading.toString());
        assertEquals("async", loading.get("index.translog.durability"), loading.toString());
        // stats through the cluster of another ingest: reported, not refused
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            IndexStats.Backend other = new BackendResolver.Choice(true, cluster.urls(), ALIAS, 2, 1).stats(idx)
                    .backend();
            assertEquals(firstPhysical, other.generation());
            assertFalse(other.sameIngest());
            assertEquals(lucene.count(IndexFields.TYPE_PAGE), other.pages());
        }
    }

    /** The settings of the index the failed ingest wrote, read while it was loaded (right before the commit). */
    static Map<String, String> loading;

    /** An index's settings, flat ({@code index.number_of_replicas} → {@code "1"}). */
    static Map<String, String> settings(String index) {
        Map<String, String> out = new java.util.TreeMap<>();
        http.call("GET", "/" + index + "/_settings", null, Map.of("flat_settings", "true")).path(index)
                .path("settings").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * A generation is loaded in bulk-load mode (no replica, no periodic refresh, the translog synced in the
     * background) and published with the configured replica and OpenSearch's default refresh and durability.
     */
    static void assertBulkLoadedThenPublished(String physical) {
        assertEquals("0", loading.get("index.number_of_replicas"), loading.toString());
        assertEquals("-1", loading.get("index.refresh_interval"), loading.toString());
        assertEquals("async", loading.get("index.translog.durability"), loading.toString());
        Map<String, String> published = settings(physical);
        assertEquals("1", published.get("index.number_of_replicas"), published.toString());
        assertFalse(published.containsKey("index.refresh_interval"), published.toString());
        assertFalse(published.containsKey("index.translog.durability"), published.toString());
        assertEquals("green", http.call("GET", "/_cluster/health/" + physical, null).path("status").asText());
    }

    /** Ingests pages titled "Kelp" (the Lucene index keeps earlier ones); {@code failed}: fail before the commit. */
    private static void ingest(IndexLayout layout, String alias, List<String> urls, AtomicReference<String> failed)
            throws IOException {
        IndexBuilder b = new IndexBuilder(layout, 1, null);
        OpenSearchIndexWriter w = new OpenSearchIndexWriter(http, alias, 2, 1);
        b.setMirror(w);
        if (failed != null) {
            failed.set(w.physicalIndex());
            b.setBeforeCommitHook(() -> {
                loading = settings(w.physicalIndex());
                throw new UserException("injected failure before the commit");
            });
        }
        b.ingest((sink, report) -> {
            for (String u : urls) {
                sink.page(new PageRecord(u, "Kelp", "Kelp forests and sea otters.", List.of(), List.of(), null,
                        "test"));
            }
        });
    }

    @Test
    @Order(6)
    void badSettingsAreClearErrors() {
        UserException e = assertThrows(UserException.class, () -> new OpenSearchHttp("localhost:9200"));
        assertTrue(e.getMessage().contains("http://host:9200"), e.getMessage());
        e = assertThrows(UserException.class, () -> new OpenSearchIndexWriter(http, "Bad Name", 2, 1));
        assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
        e = assertThrows(UserException.class, () -> new OpenSearchBackend(http, "missing", false));
        assertTrue(e.getMessage().contains("no index 'missing'"), e.getMessage());
        http.call("PUT", "/plain", Map.of());
        e = assertThrows(UserException.class, () -> new OpenSearchIndexWriter(http, "plain", 2, 1));
        assertTrue(e.getMessage().contains("not an alias"), e.getMessage());
        try (OpenSearchHttp dead = new OpenSearchHttp("http://127.0.0.1:1")) {
            e = assertThrows(UserException.class, () -> new OpenSearchBackend(dead, ALIAS, false));
            assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        } catch (IOException io) {
            throw new IllegalStateException(io);
        }
    }

    /** The bundled example contents (title: the first heading) and a few short ones, with fixed topics. */
    static List<String[]> contents() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String name : List.of("example-article.md", "example-software-post.md")) {
            try (InputStream in = SampleIndex.class.getResourceAsStream("/sample/" + name)) {
                String md = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int nl = md.indexOf('\n');
                out.add(new String[] {md.substring(2, nl).strip(), md.substring(nl + 1)});
            }
        }
        out.add(new String[] {"Plate tectonics", "How plate tectonics explains volcanoes, earthquakes and the "
                + "mantle convection under Iceland's geysers and hot springs."});
        out.add(new String[] {"Cargo (package manager)", "Publishing a Rust crate with cargo: versions, the "
                + "command-line tool, error messages and exit codes."});
        out.add(new String[] {"The", "only stop words in the title; the text is about magma and earthquakes."});
        return out;
    }

    static final List<String> TOPICS = List.of("plate tectonics", "volcanoes", "rust", "command-line tool",
            "earthquakes", "cargo");

    /**
     * {@code recommend} on OpenSearch: with every text signal from the cluster (first-stage top k, candidate
     * scores, counts, term positions for the mentions, stored text, the content's term statistics) the same
     * candidates with the same features (within 1e-4), and the same recommendations — pages and sites, ids in
     * order, scores within 1e-4, the same contributions, matched topics, evidence and flags — as the embedded
     * index, for the bundled examples and a few short contents, also with the content's own site given.
     */
    @Test
    @Order(7)
    void recommendMatchesTheEmbeddedIndex() throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            io.linkscout.rank.RankerModel model = io.linkscout.rank.RankerModel.bundled();
            io.linkscout.rank.Recommender embedded = new io.linkscout.rank.Recommender(idx, model);
            io.linkscout.rank.Recommender remote = new io.linkscout.rank.Recommender(idx, model,
                    io.linkscout.quality.AuthorityConfig.DEMOTE_RESULTS_AT, opensearch);
            assertTrue(remote.source().startsWith("opensearch "), remote.source());
            int mentions = 0;
            int results = 0;
            List<String[]> contents = contents();
            for (int ci = 0; ci < contents.size(); ci++) {
                String[] c = contents.get(ci);
                io.linkscout.rank.ContentQuery qe = embedded.prepare(c[0], c[1], TOPICS);
                io.linkscout.rank.ContentQuery qr = remote.prepare(c[0], c[1], TOPICS);
                assertEquals(qe.terms(), qr.terms(), "the content's tf-idf terms (the backend's statistics): " + c[0]);
                assertEquals(qe.lead(), qr.lead(), c[0]);
                assertEquals(qe.leadRarest(), qr.leadRarest(), c[0]);
                List<io.linkscout.rank.ContentQuery> variants = new ArrayList<>(List.of(qe));
                if (ci == 0) {
                    variants.add(qe.withSite("github.com")); // the generator of pages linking to the own site
                }
                for (io.linkscout.rank.ContentQuery q : variants) {
                    String what = c[0] + (q.site() == null ? "" : " (site " + q.site() + ")");
                    io.linkscout.rank.Recommender.Candidates ce = embedded.candidates(q, model.perGenerator());
                    io.linkscout.rank.Recommender.Candidates cr = remote.candidates(q, model.perGenerator());
                    assertEquals(java.util.Arrays.toString(ce.docs()), java.util.Arrays.toString(cr.docs()),
                            "candidates of " + what);
                    for (int i = 0; i < ce.docs().length; i++) {
                        for (io.linkscout.rank.Feature f : io.linkscout.rank.Feature.values()) {
                            assertEquals(ce.features()[i][f.ordinal()], cr.features()[i][f.ordinal()], 1e-4,
                                    f + " of candidate " + i + " for " + what);
                        }
                        mentions += ce.features()[i][io.linkscout.rank.Feature.MENTION_COUNT.ordinal()] > 0 ? 1 : 0;
                    }
                    for (io.linkscout.rank.Recommender.Unit unit : ci < 2 ? io.linkscout.rank.Recommender.Unit.values()
                            : new io.linkscout.rank.Recommender.Unit[] {io.linkscout.rank.Recommender.Unit.PAGE}) {
                        io.linkscout.rank.Recommender.Options o = new io.linkscout.rank.Recommender.Options(20, unit,
                                0, java.util.Set.of(), true);
                        List<io.linkscout.rank.Recommendation> e = embedded.recommend(q, o);
                        List<io.linkscout.rank.Recommendation> r = remote.recommend(q, o);
                        assertEquals(e.size(), r.size(), unit + " results for " + what);
                        for (int i = 0; i < e.size(); i++) {
                            assertSameRecommendation(e.get(i), r.get(i), unit + " #" + (i + 1) + " for " + what);
                        }
                        results += e.size();
                    }
                }
            }
            // not vacuous: pages mention the titles, and there are results to compare
            assertTrue(mentions > 0, "candidates with title mentions: " + mentions);
            assertTrue(results > 80, "results compared: " + results);
        }
    }

    static void assertSameRecommendation(io.linkscout.rank.Recommendation e, io.linkscout.rank.Recommendation r,
            String what) {
        assertEquals(e.url(), r.url(), what);
        assertEquals(e.rank(), r.rank(), what);
        assertEquals(e.score(), r.score(), 1e-4, what);
        assertEquals(e.authority(), r.authority(), 1e-4, what);
        assertEquals(e.pages(), r.pages(), what);
        assertEquals(e.contributions().size(), r.contributions().size(), what);
        for (int k = 0; k < e.contributions().size(); k++) {
            var ce = e.contributions().get(k);
            var cr = r.contributions().get(k);
            assertEquals(ce.feature(), cr.feature(), what);
            assertEquals(ce.value(), cr.value(), 1e-4, what + " " + ce.feature());
            assertEquals(ce.contribution(), cr.contribution(), 1e-4, what + " " + ce.feature());
        }
        assertEquals(e.matchedTopics(), r.matchedTopics(), what);
        assertEquals(e.evidence(), r.evidence(), what);
        assertEquals(e.flags(), r.flags(), what);
    }

    /**
     * A node stopped while queries run: each answer is the embedded index's ranking or a clear
     * {@link UserException}, never another list; once the cluster has noticed, the replicas answer correctly.
     */
    /**
     * The jobs on OpenSearch: {@code guest-posts} and {@code link-intersect} with content read every score (topic
     * fit, the fit of each published guest post) and the content's term statistics from the cluster, through
     * {@link BackendResolver.Choice#with} (which checks the generation), and give the same answer as on the
     * embedded index — the same sites in the same order, the same scores, fits, matched terms and posts.
     */
    @Test
    @Order(8)
    void jobsMatchTheEmbeddedIndex() throws IOException {
        BackendResolver.Choice onCluster = new BackendResolver.Choice(true, cluster.urls(), ALIAS, 2, 1);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            int guestPosts = 0;
            for (String[] c : contents().subList(0, 4)) {
                var o = new io.linkscout.jobs.guestpost.GuestPostFinder.Options(20, 0, 100, java.util.Set.of());
                var expected = new io.linkscout.jobs.guestpost.GuestPostFinder(idx).find(
                        io.linkscout.jobs.JobsContent.of(idx, c[1], "markdown", c[0], false), o);
                var actual = onCluster.with(idx, b -> new io.linkscout.jobs.guestpost.GuestPostFinder(idx, b).find(
                        io.linkscout.jobs.JobsContent.of(idx, b, c[1], "markdown", c[0], false), o));
                assertEquals(expected, actual, "guest-posts for " + c[0]);
                guestPosts += expected.results().size();
            }
            // not vacuous: the software post finds the sample's guest-post sites (README "Sample corpus")
            assertTrue(guestPosts >= 3, "guest-post results: " + guestPosts);
            var lo = io.linkscout.jobs.gap.LinkIntersect.validate(List.of("docs.rs", "crates.io"), "mysite.dev", null,
                    null, null);
            String[] software = contents().get(1);
            var expected = new io.linkscout.jobs.gap.LinkIntersect(idx).run(lo,
                    io.linkscout.jobs.JobsContent.of(idx, software[1], "markdown", software[0], false));
            var actual = onCluster.with(idx, b -> new io.linkscout.jobs.gap.LinkIntersect(idx, b).run(lo,
                    io.linkscout.jobs.JobsContent.of(idx, b, software[1], "markdown", software[0], false)));
            assertEquals(expected, actual, "link-intersect with content");
            assertTrue(expected.results().size() >= 6, "link-intersect results: " + expected.results().size());
        }
    }

    /**
     * {@code mentions} on OpenSearch: the pages naming a brand, domain or title found by phrase search on the
     * cluster (every match: more than one request window, paged with {@code search_after}) give the embedded
     * index's answer.
     */
    @Test
    @Order(9)
    void mentionsAndPagedSearchesMatchTheEmbeddedIndex() throws IOException {
        // paging: windows of 7 hits give the same 60 hits as one request
        QuerySpec q = QuerySpec.typed(new QuerySpec.Match(IndexFields.BODY, "rust crate release"),
                IndexFields.TYPE_PAGE);
        List<SearchBackend.Hit> whole = opensearch.search(q, 60, true);
        assertEquals(60, whole.size());
        opensearch.window = 7;
        try {
            assertSameRanking(lucene.search(q, 60, true), opensearch.search(q, 60, true), "paged search");
            assertEquals(whole.stream().map(SearchBackend.Hit::id).toList(),
                    opensearch.search(q, 60, true).stream().map(SearchBackend.Hit::id).toList());
        } finally {
            opensearch.window = OpenSearchBackend.WINDOW;
        }
        BackendResolver.Choice onCluster = new BackendResolver.Choice(true, cluster.urls(), ALIAS, 2, 1);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            int found = 0;
            for (String[] m : List.of(new String[] {"Cargo", "mysite.dev", "Shipping a Small Command-Line Tool"},
                    new String[] {"Plate tectonics", "example.org", null},
                    new String[] {"The", "example.org", null})) {
                var o = io.linkscout.jobs.gap.Mentions.validate(m[0], m[1], m[2], 50, null);
                var expected = new io.linkscout.jobs.gap.Mentions(idx).run(o);
                var actual = onCluster.with(idx, b -> new io.linkscout.jobs.gap.Mentions(idx, b).run(o));
                assertEquals(expected, actual, "mentions of " + m[0]);
                found += expected.results().size();
            }
            assertTrue(found >= 10, "mentions found: " + found);
        }
    }

    /**
     * {@code topics-that-earn} on OpenSearch: the niche's candidate pages (boosted term query, pages with referring
     * domains, the own domain left out) searched on the cluster give the embedded index's ideas, for content and for
     * keywords.
     */
    @Test
    @Order(10)
    void topicsThatEarnMatchTheEmbeddedIndex() throws IOException {
        BackendResolver.Choice onCluster = new BackendResolver.Choice(true, cluster.urls(), ALIAS, 2, 1);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            String[] software = contents().get(1);
            var withDomain = io.linkscout.jobs.earn.EarnedTopics.validate(20, "github.com");
            var plain = io.linkscout.jobs.earn.EarnedTopics.validate(20, null);
            int ideas = 0;
            for (var o : List.of(plain, withDomain)) {
                var expected = io.linkscout.jobs.earn.EarnedTopics.forContent(idx, software[1], null, o);
                var actual = onCluster.with(idx, b -> io.linkscout.jobs.earn.EarnedTopics.forContent(idx, b,
                        software[1], null, o));
                assertEquals(expected, actual, "topics-that-earn for the software post, domain " + o.domain());
                ideas += expected.ideas().size();
                List<String> keywords = List.of("plate tectonics", "volcanoes");
                assertEquals(io.linkscout.jobs.earn.EarnedTopics.forContent(idx, null, keywords, o),
                        onCluster.with(idx, b -> io.linkscout.jobs.earn.EarnedTopics.forContent(idx, b, null,
                                keywords, o)), "topics-that-earn for keywords, domain " + o.domain());
            }
            assertTrue(ideas >= 5, "ideas: " + ideas);
        }
    }

    @Test
    @Order(100)
    void aNodeStoppedMidRunNeverGivesAWrongRanking() throws Exception {
        List<List<SearchBackend.Hit>> expected = new ArrayList<>();
        for (String q : QUERIES) {
            expected.add(lucene.topK(IndexFields.TYPE_PAGE, IndexFields.BODY, q, 10));
        }
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger rightAfterStop = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread queries = new Thread(() -> {
            for (int round = 0; !done.get() && wrong.get() == null; round++) {
                int i = round % QUERIES.size();
                boolean after = stopped.get();
                try {
                    assertSameRanking(expected.get(i), opensearch.topK(IndexFields.TYPE_PAGE, IndexFields.BODY,
                            QUERIES.get(i), 10), QUERIES.get(i));
                    if (after) {
                        rightAfterStop.incrementAndGet();
                    }
                } catch (UserException e) {
                    errors.incrementAndGet();
                } catch (Throwable t) {
                    wrong.compareAndSet(null, t);
                }
            }
        });
        queries.start();
        Thread.sleep(500);
        cluster.stopNode(1);
        stopped.set(true);
        long end = System.nanoTime() + 90_000_000_000L;
        while (rightAfterStop.get() < 2 * QUERIES.size() && System.nanoTime() < end && wrong.get() == null) {
            Thread.sleep(100);
        }
        done.set(true);
        queries.join();
        if (wrong.get() != null) {
            throw new AssertionError("a wrong answer with a node down", wrong.get());
        }
        assertTrue(rightAfterStop.get() >= 2 * QUERIES.size(), "correct answers from the replicas after the stop: "
                + rightAfterStop.get() + " (clear errors meanwhile: " + errors.get() + ")");
    }
}
