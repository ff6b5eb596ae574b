package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexFields;
import io.linkscout.search.OpenSearchBackend;
import io.linkscout.search.OpenSearchHttp;
import io.linkscout.search.OpenSearchLauncher;
import io.linkscout.search.SearchBackend;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest --backend opensearch} from the command line: the documents published on a real (1-node) OpenSearch
 * cluster behind {@code --index-name}, and the option errors as clear messages with exit code 2.
 */
@QuarkusMainTest
class OpenSearchCliTest {

    static final Path WORK = Path.of("target", "test-opensearch-cli").toAbsolutePath();

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void ingestPublishesToOpenSearch(QuarkusMainLauncher launcher) throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Path in = Files.createDirectories(WORK).resolve("pages.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"url\": \"https://a-site.com/kelp\", \"title\": \"Kelp forests\", \"text\": \"Kelp forests and sea "
                        + "otters.\", \"links\": [\"https://b-site.org/otters\", \"mailto:editor@a-site.com\"]}",
                "{\"url\": \"https://b-site.org/otters\", \"title\": \"Sea otters\", \"text\": \"Sea otters eat "
                        + "urchins in kelp forests.\", \"links\": []}") + "\n", StandardCharsets.UTF_8);
        try (OpenSearchLauncher.Cluster c = OpenSearchLauncher.start(OpenSearchLauncher.locateHome(null), 1, "512m",
                null)) {
            LaunchResult r = launcher.launch("ingest", "--index", WORK.resolve("index").toString(), "--backend",
                    "opensearch", "--opensearch-url", c.urls(), "--index-name", "cli-test", in.toString());
            assertEquals(0, r.exitCode(), all(r));
            assertTrue(r.getErrorOutput().contains("opensearch: published 4 document(s) as cli-test-"), all(r));
            try (OpenSearchHttp http = new OpenSearchHttp(c.urls());
                    OpenSearchBackend os = new OpenSearchBackend(http, "cli-test", false)) {
                assertEquals(2, os.count(IndexFields.TYPE_PAGE));
                assertEquals(2, os.count(IndexFields.TYPE_SITE));
                assertEquals(List.of("https://b-site.org/otters", "https://a-site.com/kelp"),
                        os.topK(IndexFields.TYPE_PAGE, IndexFields.BODY, "otters eating urchins", 5).stream()
                                .map(SearchBackend.Hit::id).toList());
            }
            // recommend on OpenSearch: the same topics and results as on the embedded index
            Path draft = WORK.resolve("draft.md");
            Files.writeString(draft, "# Sea otters\n\nSea otters keep kelp forests alive by eating urchins.\n",
                    StandardCharsets.UTF_8);
            String idx = WORK.resolve("index").toString();
            LaunchResult embedded = launcher.launch("recommend", "--index", idx, "--content", draft.toString(),
                    "--format", "json");
            LaunchResult remote = launcher.launch("recommend", "--index", idx, "--content", draft.toString(),
                    "--format", "json", "--backend", "opensearch", "--opensearch-url", c.urls(), "--index-name",
                    "cli-test");
            assertEquals(0, embedded.exitCode(), all(embedded));
            assertEquals(0, remote.exitCode(), all(remote));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var e = json.readTree(embedded.getOutput());
            var o = json.readTree(remote.getOutput());
            assertTrue(e.path("results").size() >= 1, embedded.getOutput());
            assertEquals(e.path("results"), o.path("results"));
            assertEquals(e.path("topics"), o.path("topics"));
            // link-intersect with content on OpenSearch: the same JSON answer (a-site.com links to b-site.org)
            List<String> intersect = List.of("link-intersect", "--index", idx, "--competitor", "b-site.org",
                    "--domain", "mine.com", "--content", draft.toString(), "--format", "json");
            LaunchResult ie = launcher.launch(intersect.toArray(String[]::new));
            List<String> remoteIntersect = new java.util.ArrayList<>(intersect);
            remoteIntersect.addAll(List.of("--backend", "opensearch", "--opensearch-url", c.urls(), "--index-name",
                    "cli-test"));
            LaunchResult io = launcher.launch(remoteIntersect.toArray(String[]::new));
            assertEquals(0, ie.exitCode(), all(ie));
            assertEquals(0, io.exitCode(), all(io));
            assertEquals("a-site.com", json.readTree(ie.getOutput()).path("results").path(0).path("domain").asText(),
                    ie.getOutput());
            assertEquals(json.readTree(ie.getOutput()), json.readTree(io.getOutput()));
            // --campaign: the added sites' contacts are read through the backend the job ran on — the same
            // prospects, e-mail addresses included, as the embedded index gives
            List<com.fasterxml.jackson.databind.JsonNode> sent = new java.util.ArrayList<>();
            for (List<String> job : List.of(intersect, remoteIntersect)) {
                LaunchResult cr = launcher.launch("campaign", "create", "--name", "Otters", "--target-domain",
                        "mine.com", "--content", draft.toString());
                assertEquals(0, cr.exitCode(), all(cr));
                String out = cr.getOutput();
                long id = json.readTree(out.substring(out.startsWith("{") ? 0 : out.indexOf("\n{") + 1))
                        .path("id").asLong();
                List<String> args = new java.util.ArrayList<>(job);
                args.addAll(List.of("--campaign", String.valueOf(id)));
                LaunchResult jr = launcher.launch(args.toArray(String[]::new));
                assertEquals(0, jr.exitCode(), all(jr));
                com.fasterxml.jackson.databind.JsonNode added = json.readTree(jr.getOutput()).path("campaign")
                        .path("added");
                assertEquals(1, added.size(), jr.getOutput());
                assertEquals("a-site.com", added.path(0).path("domain").asText(), jr.getOutput());
                assertEquals("[\"editor@a-site.com\"]", added.path(0).path("contactEmails").toString(),
                        jr.getOutput());
                sent.add(added.path(0));
            }
            for (String f : List.of("domain", "pageUrl", "score", "authority", "reasons", "contactEmails",
                    "contactUrl", "source")) {
                assertEquals(sent.get(0).path(f), sent.get(1).path(f), f);
            }
            // stats --backend opensearch: the embedded figures plus the cluster's, of the same ingest
            LaunchResult se = launcher.launch("stats", "--index", idx, "--format", "json");
            LaunchResult so = launcher.launch("stats", "--index", idx, "--format", "json", "--backend", "opensearch",
                    "--opensearch-url", c.urls(), "--index-name", "cli-test");
            assertEquals(0, so.exitCode(), all(so));
            var statsEmbedded = json.readTree(se.getOutput());
            var statsCluster = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(so.getOutput());
            assertFalse(statsEmbedded.has("backend"), se.getOutput());
            var section = statsCluster.remove("backend");
            assertEquals(statsEmbedded, statsCluster);
            assertTrue(section.path("sameIngest").asBoolean(), so.getOutput());
            assertEquals(2, section.path("pages").asLong(), so.getOutput());
            assertEquals(2, section.path("sites").asLong(), so.getOutput());
            // graph --backend opensearch publishes its recomputed scores as a new generation started from a copy
            // of the published one (the embedded index's commit records it), so recommend on the cluster goes on
            // giving the embedded index's answer
            r = launcher.launch("graph", "--index", idx, "--backend", "opensearch", "--opensearch-url", c.urls(),
                    "--index-name", "cli-test");
            assertEquals(0, r.exitCode(), all(r));
            assertTrue(r.getErrorOutput().contains("opensearch: published cli-test-")
                    && r.getErrorOutput().contains("behind the alias: a copy of cli-test-"), all(r));
            embedded = launcher.launch("recommend", "--index", idx, "--content", draft.toString(), "--format",
                    "json");
            remote = launcher.launch("recommend", "--index", idx, "--content", draft.toString(), "--format", "json",
                    "--backend", "opensearch", "--opensearch-url", c.urls(), "--index-name", "cli-test");
            assertEquals(0, remote.exitCode(), all(remote));
            assertEquals(json.readTree(embedded.getOutput()).path("results"),
                    json.readTree(remote.getOutput()).path("results"));
            // bench scale on OpenSearch: the embedded backend's figures (ranked with the cluster's signals) plus
            // the cluster's index size, and the same results per query as the embedded ranking gives
            Path report = WORK.resolve("scale.json");
            r = launcher.launch("bench", "scale", "--pages", "300", "--queries", "3", "--backend", "opensearch",
                    "--opensearch-url", c.urls(), "--index-name", "bench", "--report", report.toString());
            assertEquals(0, r.exitCode(), all(r));
            var run = json.readTree(report.toFile()).path("runs").path(0);
            for (String f : List.of("pages", "domains", "corpus_sha256", "ingest_pages_per_s", "incremental_pages",
                    "incremental_seconds", "ranking_p50_ms", "ranking_p95_ms", "topics_p50_ms", "peak_heap_mb",
                    "index_bytes", "cores", "load_average", "opensearch_bytes")) {
                assertTrue(run.has(f), f + " missing in " + run);
            }
            assertEquals("opensearch", run.path("backend").asText());
            assertEquals(303, run.path("indexed_pages").asInt());
            assertTrue(run.path("opensearch_bytes").asLong() > 0, run.toString());
            assertTrue(run.path("ranking_mean_results").asDouble() > 0, run.toString());
            assertTrue(r.getOutput().contains("pages 300 (8 domains, opensearch)"), r.getOutput());
            // a plain ingest afterwards: the embedded index is no longer the generation OpenSearch serves
            r = launcher.launch("ingest", "--index", idx, in.toString());
            assertEquals(0, r.exitCode(), all(r));
            r = launcher.launch("recommend", "--index", idx, "--content", draft.toString(), "--backend",
                    "opensearch", "--opensearch-url", c.urls(), "--index-name", "cli-test");
            assertEquals(2, r.exitCode(), all(r));
            assertTrue(all(r).contains("both must be of one ingest"), all(r));
            assertFalse(all(r).contains("\tat "), all(r));
            // the jobs check the generation the same way
            r = launcher.launch("guest-posts", "--index", idx, "--content", draft.toString(), "--backend",
                    "opensearch", "--opensearch-url", c.urls(), "--index-name", "cli-test");
            assertEquals(2, r.exitCode(), all(r));
            assertTrue(all(r).contains("both must be of one ingest"), all(r));
            assertFalse(all(r).contains("\tat "), all(r));
        }
    }

    @Test
    void badBackendOptionsAreClearErrors(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(WORK);
        Path in = WORK.resolve("one.jsonl");
        Files.writeString(in, "{\"url\": \"https://a-site.com/x\", \"title\": \"X\", \"text\": \"x\"}\n",
                StandardCharsets.UTF_8);
        String index = WORK.resolve("bad-index").toString();
        LaunchResult r = launcher.launch("ingest", "--index", index, "--backend", "solr", in.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains("--backend must be lucene or opensearch"), all(r));
        r = launcher.launch("ingest", "--index", index, "--opensearch-url", "http://127.0.0.1:9200", in.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains("--opensearch-url and --index-name need --backend opensearch"), all(r));
        r = launcher.launch("ingest", "--index", index, "--backend", "opensearch", "--opensearch-url",
                "http://127.0.0.1:1", in.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains("OpenSearch at http://127.0.0.1:1 is not reachable"), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
        assertFalse(Files.exists(Path.of(index, "lucene")), "nothing was written");
        r = launcher.launch("recommend", "--index", index, "--content", in.toString(), "--backend", "elastic");
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains("--backend must be lucene or opensearch"), all(r));
    }
}
