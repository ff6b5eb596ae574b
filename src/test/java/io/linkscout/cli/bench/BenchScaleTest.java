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
                "incremental_seconds", "ranking_p50_ms", "ranking_p95_ms", "topics_p50_ms", "peak_heap_mb",
                "index_bytes", "cores", "load_average")) {
            assertTrue(run.has(f), f + " missing in " + run);
        }
        assertEquals(2000, run.get("pages").asInt());
        assertEquals(50, run.get("domains").asInt());
        assertEquals(20, run.get("incremental_pages").asInt());
        assertEquals(2020, run.get("indexed_pages").asInt());
        assertTrue(run.get("index_bytes").asLong() > 0);
        assertTrue(r.getOutput().contains("corpus sha256 " + run.get("corpus_sha256").asText()), r.getOutput());
    }

    @Test
    void badSizeIsAOneLineError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("bench", "scale", "--pages", "5");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--pages 5: at least 10 pages"), r.getErrorOutput());
    }
}
