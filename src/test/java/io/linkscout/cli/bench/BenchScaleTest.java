package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench scale} at 2,000 pages: the report's fields and values that do not depend on timing. */
@QuarkusMainTest
class BenchScaleTest {

    @TempDir
    Path dir;

    @Test
    void reportHasEveryFigure(QuarkusMainLauncher launcher) throws Exception {
        Path report = dir.resolve("scale.json");
        LaunchResult r = launcher.launch("bench", "scale", "--pages", "2000", "--queries", "5", "--seed", "42",
                "--report", report.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        assertEquals(42, root.get("seed").asLong());
        assertTrue(root.get("cores").asInt() >= 1);
        JsonNode run = root.get("runs").get(0);
        for (String f : List.of("pages", "domains", "corpus_sha256", "ingest_pages_per_s", "incremental_pages",
                "incremental_seconds", "ingest_cpu_seconds", "incremental_cpu_seconds", "incremental_cpu_share",
                "ranking_p50_ms", "ranking_p95_ms", "topics_p50_ms", "peak_heap_mb",
                "index_bytes", "cores", "load_average")) {
            assertTrue(run.has(f), f + " missing in " + run);
        }
        assertEquals(2000, run.get("pages").asInt());
        assertEquals(50, run.get("domains").asInt());
        assertEquals(20, run.get("incremental_pages").asInt());
        assertEquals(2020, run.get("indexed_pages").asInt());
        // the 20 new pages are written; every old page is either written again or kept
        assertTrue(run.get("incremental_pages_written").asInt() >= 20, run.toString());
        assertEquals(2020, run.get("incremental_pages_written").asInt() + run.get("incremental_pages_kept").asInt(),
                run.toString());
        assertTrue(run.get("incremental_scores_updated").asInt() <= run.get("incremental_pages_kept").asInt(),
                run.toString());
        assertTrue(run.get("index_bytes").asLong() > 0);
        // by default the incremental ingest leaves the graph step for later (no graph score updated in it, no site
        // written) and the graph step runs on its own, timed apart
        assertEquals("later", run.get("incremental_graph").asText(), run.toString());
        assertEquals(0, run.get("incremental_scores_updated").asInt(), run.toString());
        for (String f : List.of("graph_seconds", "graph_cpu_seconds", "graph_cpu_share", "graph_pages_written",
                "graph_scores_updated", "graph_sites_written")) {
            assertTrue(run.has(f), f + " missing in " + run);
        }
        assertTrue(run.get("graph_cpu_seconds").asDouble() > 0, run.toString());
        assertEquals(run.get("graph_cpu_seconds").asDouble() / run.get("ingest_cpu_seconds").asDouble(),
                run.get("graph_cpu_share").asDouble(), 0.01);
        // the 20 new pages are linked to by nobody before: the graph step writes at least their sites' documents
        assertTrue(run.get("graph_sites_written").asInt() > 0, run.toString());
        assertTrue(r.getOutput().contains("with the graph step left for later, then the graph step in "),
                r.getOutput());
        // CPU share = incremental CPU / full CPU, both measured (a 2,000-page ingest takes some CPU)
        assertTrue(run.get("ingest_cpu_seconds").asDouble() > 0, run.toString());
        assertEquals(run.get("incremental_cpu_seconds").asDouble() / run.get("ingest_cpu_seconds").asDouble(),
                run.get("incremental_cpu_share").asDouble(), 0.01);
        // the most heap in use at one time cannot exceed the maximum heap (a sum of per-pool peaks can)
        assertTrue(run.get("peak_heap_mb").asLong() > 0
                && run.get("peak_heap_mb").asLong() <= root.get("max_heap_mb").asLong(), run.toString());
        assertTrue(r.getOutput().contains("corpus sha256 " + run.get("corpus_sha256").asText()), r.getOutput());
    }

    @Test
    void reuseRanksOnTheKeptIndexAndNeverDeletesOneBuiltForAnotherCorpus(QuarkusMainLauncher launcher)
            throws Exception {
        LaunchResult built = launcher.launch("bench", "scale", "--pages", "300", "--queries", "2", "--work",
                dir.toString());
        assertEquals(0, built.exitCode(), built.getOutput() + built.getErrorOutput());
        Path lucene = dir.resolve("scale-300").resolve("index").resolve("lucene");
        java.util.Set<String> files;
        try (var l = java.nio.file.Files.list(lucene)) {
            files = l.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
        // other queries: another corpus hash
        LaunchResult other = launcher.launch("bench", "scale", "--pages", "300", "--queries", "3", "--work",
                dir.toString(), "--reuse");
        assertEquals(2, other.exitCode(), other.getOutput());
        assertTrue(other.getErrorOutput().contains("--reuse: the index in")
                && other.getErrorOutput().contains("was built for another corpus"), other.getErrorOutput());
        try (var l = java.nio.file.Files.list(lucene)) {
            assertEquals(files, l.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
        LaunchResult same = launcher.launch("bench", "scale", "--pages", "300", "--queries", "2", "--work",
                dir.toString(), "--reuse");
        assertEquals(0, same.exitCode(), same.getOutput() + same.getErrorOutput());
        assertTrue(same.getOutput().contains("index reused (no ingest)"), same.getOutput());
    }

    @Test
    void badSizeIsAOneLineError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("bench", "scale", "--pages", "5");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--pages 5: at least 10 pages"), r.getErrorOutput());
    }
}
