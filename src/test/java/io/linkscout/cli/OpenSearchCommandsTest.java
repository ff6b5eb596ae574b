package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.api.ApiFixture;
import io.linkscout.crawl.AddressPolicy;
import io.linkscout.crawl.Crawler;
import io.linkscout.crawl.FixtureWeb;
import io.linkscout.crawl.Seeds;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.Generations;
import io.linkscout.search.LuceneSearchBackend;
import io.linkscout.search.OpenSearchBackend;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.search.SearchBackend;
import io.linkscout.search.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code topics}, {@code bench linkpred}, {@code bench load} and {@code crawl} with {@code --backend opensearch}
 * against a real (1-node) OpenSearch cluster: the idf of the topic weights read from the cluster gives exactly the
 * topics the embedded index gives, the benchmark's figures and runs on the cluster are the embedded ones, the load
 * benchmark's invariants hold with the server reading from the cluster, a crawl's ingest is published on the
 * cluster as the embedded index's generation, and the backend errors are one-line messages with exit code 2.
 */
@QuarkusMainTest
class OpenSearchCommandsTest {

    static final Path WORK = Path.of("target", "test-opensearch-topics").toAbsolutePath();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestCluster c;

    @BeforeAll
    static void startCluster() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        c = TestCluster.start(1, "512m");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        TestCluster.close(c);
    }

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    /** The JSON answer without its timing (the one field two runs may differ in). */
    private static JsonNode answer(LaunchResult r) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(r.getOutput());
        assertTrue(n.has("millis"), r.getOutput());
        n.remove("millis");
        return n;
    }

    /** A clear error: exit code 2, one line naming {@code expected}, no stack trace. */
    private static void assertOneLineError(LaunchResult r, String expected) {
        assertEquals(2, r.exitCode(), all(r));
        assertEquals("", r.getOutput().strip(), all(r));
        List<String> lines = r.getErrorOutput().strip().lines().toList();
        assertEquals(1, lines.size(), all(r));
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(expected), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
    }

    @Test
    void topicsOnTheClusterEqualTheEmbeddedIndex(QuarkusMainLauncher launcher) throws Exception {
        Path in = WORK.resolve("pages.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"url\": \"https://a-site.com/kelp\", \"title\": \"Kelp forests\", \"text\": \"Kelp forests and sea "
                        + "otters along the Pacific coast. Giant kelp grows fast in cold water.\", \"links\": "
                        + "[\"https://b-site.org/otters\"]}",
                "{\"url\": \"https://b-site.org/otters\", \"title\": \"Sea otters\", \"text\": \"Sea otters eat "
                        + "urchins in kelp forests. Otters use rocks as tools.\", \"links\": []}",
                "{\"url\": \"https://c-site.net/urchins\", \"title\": \"Sea urchins\", \"text\": \"Purple urchins "
                        + "graze kelp and leave urchin barrens behind.\", \"links\": [\"https://a-site.com/kelp\"]}",
                "{\"url\": \"https://c-site.net/tides\", \"title\": \"Tide pools\", \"text\": \"Tide pools on the "
                        + "Pacific coast hold anemones, crabs and small fish.\", \"links\": []}") + "\n",
                StandardCharsets.UTF_8);
        Path draft = WORK.resolve("draft.md");
        Files.writeString(draft, "# Sea otters and kelp forests\n\nSea otters keep kelp forests alive by eating "
                + "urchins. Without otters, urchin barrens spread along the Pacific coast and giant kelp "
                + "disappears. Monterey Bay shows how fast kelp forests come back.\n", StandardCharsets.UTF_8);
        String idx = WORK.resolve("index").toString();
        LaunchResult r = launcher.launch("ingest", "--index", idx, "--backend", "opensearch", "--opensearch-url",
                c.urls(), "--index-name", "topics-test", in.toString());
        assertEquals(0, r.exitCode(), all(r));
        List<String> topics = List.of("topics", "--content", draft.toString(), "--format", "json", "--top", "10");
        List<String> embeddedArgs = new ArrayList<>(topics);
        embeddedArgs.addAll(List.of("--index", idx));
        List<String> clusterArgs = new ArrayList<>(embeddedArgs);
        clusterArgs.addAll(List.of("--backend", "opensearch", "--opensearch-url", c.urls(), "--index-name",
                "topics-test"));
        LaunchResult embedded = launcher.launch(embeddedArgs.toArray(String[]::new));
        LaunchResult cluster = launcher.launch(clusterArgs.toArray(String[]::new));
        LaunchResult background = launcher.launch(topics.toArray(String[]::new)); // no index: background df
        assertEquals(0, embedded.exitCode(), all(embedded));
        assertEquals(0, cluster.exitCode(), all(cluster));
        assertEquals(0, background.exitCode(), all(background));
        JsonNode e = answer(embedded);
        JsonNode o = answer(cluster);
        assertEquals(8, e.path("topics").size(), embedded.getOutput()); // all it finds (--top 10)
        // the same topics (phrase, kind, count, mentions), in the same order, with the same weights and parts,
        // and the same single terms — the whole answer
        assertEquals(e, o);
        // ...read from an index: the specificity parts (idf) differ from those of the background table
        List<Double> indexSpec = new ArrayList<>();
        List<Double> backgroundSpec = new ArrayList<>();
        e.path("topics").forEach(t -> indexSpec.add(t.path("parts").path("specificity").asDouble()));
        answer(background).path("topics").forEach(t -> backgroundSpec.add(t.path("parts").path("specificity")
                .asDouble()));
        assertNotEquals(backgroundSpec, indexSpec);
        // the table output through the cluster lists the same topics in the same order
        List<String> table = new ArrayList<>(clusterArgs);
        table.set(table.indexOf("json"), "table");
        LaunchResult t = launcher.launch(table.toArray(String[]::new));
        assertEquals(0, t.exitCode(), all(t));
        List<String> lines = t.getOutput().lines().toList();
        for (int i = 0; i < 8; i++) {
            assertTrue(lines.get(i + 1).endsWith("  " + e.path("topics").path(i).path("phrase").asText()),
                    t.getOutput());
        }

        // errors: one line, exit code 2, nothing printed on standard output
        List<String> wrongUrl = new ArrayList<>(embeddedArgs);
        wrongUrl.addAll(List.of("--backend", "opensearch", "--opensearch-url", "http://127.0.0.1:1",
                "--index-name", "topics-test"));
        assertOneLineError(launcher.launch(wrongUrl.toArray(String[]::new)),
                "OpenSearch at http://127.0.0.1:1 is not reachable");
        List<String> missingAlias = new ArrayList<>(embeddedArgs);
        missingAlias.addAll(List.of("--backend", "opensearch", "--opensearch-url", c.urls(), "--index-name",
                "no-such-index"));
        assertOneLineError(launcher.launch(missingAlias.toArray(String[]::new)), "has no index 'no-such-index'");
        List<String> missingEmbedded = new ArrayList<>(topics);
        missingEmbedded.addAll(List.of("--index", WORK.resolve("none").toString(), "--backend", "opensearch",
                "--opensearch-url", c.urls(), "--index-name", "topics-test"));
        assertOneLineError(launcher.launch(missingEmbedded.toArray(String[]::new)), "no LinkScout index at");
        List<String> urlWithoutBackend = new ArrayList<>(embeddedArgs);
        urlWithoutBackend.addAll(List.of("--opensearch-url", c.urls()));
        assertOneLineError(launcher.launch(urlWithoutBackend.toArray(String[]::new)),
                "--opensearch-url and --index-name need --backend opensearch");
        List<String> badBackend = new ArrayList<>(embeddedArgs);
        badBackend.addAll(List.of("--backend", "solr"));
        assertOneLineError(launcher.launch(badBackend.toArray(String[]::new)),
                "--backend must be lucene or opensearch");
        // a plain ingest afterwards: the cluster no longer serves the embedded index's ingest, so no idf from
        // either (never the embedded index's alone under the cluster's name)
        r = launcher.launch("ingest", "--index", idx, in.toString());
        assertEquals(0, r.exitCode(), all(r));
        assertOneLineError(launcher.launch(clusterArgs.toArray(String[]::new)), "both must be of one ingest");
    }

    /** One page of a split ({@code make_linkpred.py}'s pages.jsonl layout). */
    private static String page(String url, String title, String text, String... links) {
        StringBuilder l = new StringBuilder();
        for (String link : links) {
            l.append(l.isEmpty() ? "" : ", ").append('"').append(link).append('"');
        }
        return "{\"url\": \"" + url + "\", \"title\": \"" + title + "\", \"text\": \"" + text
                + "\", \"links\": [" + l + "]}\n";
    }

    /** The run's rows: query, url and rank equal, scores within 1e-4. */
    private static void assertSameRun(Path expected, Path actual) throws Exception {
        List<String> e = Files.readAllLines(expected);
        List<String> a = Files.readAllLines(actual);
        assertEquals(e.size(), a.size(), actual.toString());
        assertTrue(e.size() >= 6, e.toString());
        for (int i = 0; i < e.size(); i++) {
            String[] x = e.get(i).split("\t");
            String[] y = a.get(i).split("\t");
            assertEquals(List.of(x[0], x[1], x[2]), List.of(y[0], y[1], y[2]), "row " + i);
            assertEquals(Double.parseDouble(x[3]), Double.parseDouble(y[3]), 1e-4, "row " + i);
        }
    }

    /** The printed figures (page and site level), without the run file's path. */
    private static List<String> figures(LaunchResult r) {
        return r.getOutput().lines().filter(l -> l.startsWith("model ") || l.startsWith("site level: "))
                .map(l -> l.replaceFirst("\\s+\\(run: .*\\)$", "")).toList();
    }

    @Test
    void benchLinkpredOnTheClusterGivesTheEmbeddedFigures(QuarkusMainLauncher launcher) throws Exception {
        Path split = Files.createDirectories(WORK.resolve("split"));
        String pages = page("https://kelp.org/forests", "Kelp forests", "Giant kelp forests grow along cold "
                        + "Pacific coasts and shelter sea otters, urchins and rockfish.", "https://otters.net/diet")
                + page("https://kelp.org/restoration", "Kelp restoration", "Divers remove purple urchins so that "
                        + "kelp forests can recover from urchin barrens.", "https://kelp.org/forests")
                + page("https://otters.net/diet", "What sea otters eat", "Sea otters eat urchins, crabs and clams; "
                        + "by eating urchins they protect kelp forests.")
                + page("https://otters.net/tools", "Otters and tools", "Sea otters crack shells with rocks, one of "
                        + "the few tool uses among marine mammals.", "https://otters.net/diet")
                + page("https://rust.dev/cargo", "Cargo crates", "Cargo builds Rust crates, resolves dependencies "
                        + "and publishes packages to crates.io.")
                + page("https://rust.dev/borrow", "The borrow checker", "Rust's borrow checker enforces ownership "
                        + "rules at compile time, so there are no data races.", "https://rust.dev/cargo")
                + page("https://tools.io/cli", "Command-line tools in Rust", "Shipping a command-line tool in Rust: "
                        + "argument parsing, cargo install and release builds.", "https://rust.dev/cargo")
                + page("https://volcano.info/plates", "Plate tectonics", "Volcanoes form where tectonic plates "
                        + "meet; magma rises through the crust at subduction zones.")
                + page("https://volcano.info/etna", "Mount Etna", "Etna is an active volcano on Sicily whose lava "
                        + "flows are watched by volcanologists.", "https://volcano.info/plates");
        try (var out = new GZIPOutputStream(Files.newOutputStream(split.resolve("pages.jsonl.gz")))) {
            out.write(pages.getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(split.resolve("queries.jsonl"), String.join("\n",
                "{\"id\": \"q-kelp\", \"title\": \"Saving kelp forests\", \"text\": \"Sea otters and divers "
                        + "keep urchins in check so that giant kelp forests grow back.\"}",
                "{\"id\": \"q-rust\", \"title\": \"Publishing a Rust crate\", \"text\": \"How to publish a "
                        + "crate with cargo and keep the borrow checker happy.\"}",
                "{\"id\": \"q-volcano\", \"title\": \"Why volcanoes erupt\", \"text\": \"Magma, tectonic "
                        + "plates and the lava flows of Etna.\"}") + "\n", StandardCharsets.UTF_8);
        Files.writeString(split.resolve("qrels.tsv"), String.join("\n",
                "q-kelp\thttps://otters.net/diet", "q-kelp\thttps://kelp.org/restoration",
                "q-rust\thttps://tools.io/cli", "q-volcano\thttps://volcano.info/etna") + "\n",
                StandardCharsets.UTF_8);
        List<String> bench = List.of("bench", "linkpred", "--split", split.toString(), "--no-ablation", "--no-check");
        List<String> embeddedArgs = new ArrayList<>(bench);
        embeddedArgs.addAll(List.of("--run", WORK.resolve("embedded.tsv").toString()));
        List<String> clusterArgs = new ArrayList<>(bench);
        clusterArgs.addAll(List.of("--run", WORK.resolve("cluster.tsv").toString(), "--backend", "opensearch",
                "--opensearch-url", c.urls(), "--index-name", "bench-linkpred"));
        LaunchResult embedded = launcher.launch(embeddedArgs.toArray(String[]::new));
        assertEquals(0, embedded.exitCode(), all(embedded));
        LaunchResult cluster = launcher.launch(clusterArgs.toArray(String[]::new));
        assertEquals(0, cluster.exitCode(), all(cluster));
        assertTrue(cluster.getOutput().contains("text signals from opensearch index bench-linkpred"), all(cluster));
        assertTrue(all(cluster).contains("opensearch: published"), all(cluster));
        List<String> figures = figures(embedded);
        assertEquals(2, figures.size(), embedded.getOutput());
        assertTrue(figures.get(0).contains("queries=3 "), embedded.getOutput());
        assertEquals(figures, figures(cluster));
        assertSameRun(WORK.resolve("embedded.tsv"), WORK.resolve("cluster.tsv"));
        assertSameRun(WORK.resolve("embedded-site.tsv"), WORK.resolve("cluster-site.tsv"));
        // --index of the split built without the cluster: it is not the ingest the cluster serves
        List<String> stale = new ArrayList<>(clusterArgs);
        LaunchResult plain = launcher.launch("ingest", "--index", WORK.resolve("plain-index").toString(),
                split.resolve("pages.jsonl.gz").toString());
        assertEquals(0, plain.exitCode(), all(plain));
        stale.addAll(List.of("--index", WORK.resolve("plain-index").toString()));
        LaunchResult r = launcher.launch(stale.toArray(String[]::new));
        assertEquals(2, r.exitCode(), all(r));
        List<String> err = r.getErrorOutput().strip().lines().toList();
        assertEquals(1, err.size(), all(r));
        assertTrue(err.get(0).startsWith("error: ") && err.get(0).contains("both must be of one ingest"), all(r));
        assertFalse(r.getOutput().contains("model "), all(r)); // nothing ranked
        assertFalse(all(r).contains("\tat "), all(r));
    }

    private static List<String> ids(List<SearchBackend.Hit> hits) {
        return hits.stream().map(SearchBackend.Hit::id).toList();
    }

    @Test
    void crawlPublishesItsIngestOnTheCluster(QuarkusMainLauncher launcher) throws Exception {
        String host = "garden-fixture.com";
        try (FixtureWeb web = new FixtureWeb()) {
            web.robots(host, "User-agent: *\nAllow: /\n");
            web.page(host, "/", "<html><head><title>Garden notes</title></head><body><p>Growing vegetables.</p>"
                    + "<a href=\"/tomatoes\">Tomatoes</a> <a href=\"/peppers\">Peppers</a></body></html>");
            web.page(host, "/tomatoes", "<html><head><title>Tomatoes</title></head><body><p>Tomatoes need sun "
                    + "and stakes; water tomatoes at the roots.</p></body></html>");
            web.page(host, "/peppers", "<html><head><title>Peppers</title></head><body><p>Peppers like warm "
                    + "soil, like tomatoes.</p></body></html>");
            Crawler.Options o = new Crawler.Options();
            o.delayMillis = 0;
            o.timeoutMillis = 10_000;
            o.resolver = web.resolver(host);
            o.policy = AddressPolicy.allowAll();
            o.stateDir = WORK.resolve("crawl-state");
            Path seeds = WORK.resolve("seeds.txt");
            Files.writeString(seeds, web.url(host, "/") + "\n", StandardCharsets.UTF_8);
            IndexLayout layout = new IndexLayout(WORK.resolve("crawl-index"));
            BackendResolver.Choice cluster = new BackendResolver.Choice(true, c.urls(), "crawl-test", 1, 0);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (OpenSearchIndexWriter mirror = cluster.openWriter()) {
                assertEquals(0, CrawlCommand.run(o, Seeds.read(seeds), layout, false,
                        new PrintStream(log, true, StandardCharsets.UTF_8), AuthorityConfig.DEFAULTS, mirror));
            }
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("opensearch: published"), log.toString());
            try (LinkScoutIndex idx = LinkScoutIndex.open(layout); OpenSearchBackend os = cluster.open()) {
                // the embedded commit records the generation the alias serves, so every reader accepts the pair
                assertEquals(os.generation().orElseThrow(), idx.commitData().get(IndexFields.COMMIT_MIRROR));
                Generations.requireSame(idx, os);
                assertEquals(3, idx.count(IndexFields.TYPE_PAGE));
                assertEquals(3, os.count(IndexFields.TYPE_PAGE));
                assertEquals(1, os.count(IndexFields.TYPE_SITE));
                List<String> expected = ids(new LuceneSearchBackend(idx, false).topK(IndexFields.TYPE_PAGE,
                        IndexFields.BODY, "tomatoes", 5));
                assertEquals(3, expected.size(), expected.toString()); // the home page links "Tomatoes"
                assertTrue(expected.get(0).endsWith("/tomatoes"), expected.toString());
                assertEquals(expected, ids(os.topK(IndexFields.TYPE_PAGE, IndexFields.BODY, "tomatoes", 5)));
            }
        }
        // the command's options: an unreachable cluster is refused before anything is fetched
        LaunchResult r = launcher.launch("crawl", "--index", WORK.resolve("crawl-refused").toString(), "--seeds",
                WORK.resolve("seeds.txt").toString(), "--backend", "opensearch", "--opensearch-url",
                "http://127.0.0.1:1");
        assertOneLineError(r, "OpenSearch at http://127.0.0.1:1 is not reachable");
        assertFalse(Files.exists(WORK.resolve("crawl-refused").resolve("crawl")), "nothing was crawled");
    }
    /**
     * {@code bench load --backend opensearch}: the copy published on the cluster, the server reading from it, both
     * ingests published there too — the bench's invariants hold (as {@code BenchLoadTest} checks them embedded) and
     * the cluster ends serving the last ingest.
     */
    @Test
    void benchLoadServesFromTheClusterAndPublishesBothIngests(QuarkusMainLauncher launcher) throws Exception {
        Path index = WORK.resolve("load-index");
        ApiFixture.build(index);
        Path report = WORK.resolve("load.json");
        LaunchResult r = launcher.launch("bench", "load", "--index", index.toString(), "--seconds", "4",
                "--clients", "3", "--prospects", "4", "--ingest-pages", "20", "--seed", "7",
                "--report", report.toString(), "--backend", "opensearch", "--opensearch-url", c.urls(),
                "--index-name", "load-test");
        String all = all(r);
        assertTrue(Files.isRegularFile(report), all);
        JsonNode j = JSON.readTree(report.toFile());
        assertEquals("opensearch load-test", j.get("backend").asText(), all);
        assertTrue(r.getOutput().contains("opensearch: published"), all);
        assertTrue(j.get("requests").asLong() > 0, all);
        assertEquals(0, j.get("errors_5xx").asLong(), all);
        assertEquals(0, j.get("closed_reader_errors").asLong(), all);
        assertEquals(0, j.get("stack_traces").asLong(), all);
        assertEquals(0, j.get("transport_errors").asLong(), all);
        assertEquals(0, j.get("writes_missing_after").asLong(), all);
        assertEquals(0, j.get("stale_writes_accepted").asLong(), all);
        assertEquals(2, j.get("ingest_commits").asInt(), all);
        assertEquals(j.get("index_pages_before").asLong() + 40, j.get("index_pages_after").asLong(), all);
        assertTrue(j.get("passed").asBoolean(), all);
        assertEquals(0, r.exitCode(), all);
        // no refusal but the expected 409s: a read landing between an ingest's embedded commit and its alias switch
        // reads the physical index that commit names, not the alias's previous generation
        j.get("endpoints").fields().forEachRemaining(e -> e.getValue().get("first_errors").fieldNames()
                .forEachRemaining(status -> assertEquals("409", status, e.getKey() + ": " + all)));
        try (OpenSearchBackend os = new BackendResolver.Choice(true, c.urls(), "load-test", 1, 0).open()) {
            assertEquals(j.get("index_pages_after").asLong(), os.count(IndexFields.TYPE_PAGE), all);
        }
    }
}
