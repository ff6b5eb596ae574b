package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.api.ApiFixture;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bench load} run briefly on the fixture index against the test PostgreSQL: the real HTTP server, 3 clients, two
 * ingest commits during the run. Asserts the invariants of the report (never the timings).
 */
@QuarkusMainTest
class BenchLoadTest {

    static final Path WORK = Path.of("target", "test-bench-load").toAbsolutePath();

    @Test
    void invariantsHoldUnderLoadAcrossTwoIngests(QuarkusMainLauncher launcher) throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Path index = WORK.resolve("index");
        ApiFixture.build(index);
        Path report = WORK.resolve("load.json");
        LaunchResult r = launcher.launch("bench", "load", "--index", index.toString(), "--seconds", "4",
                "--clients", "3", "--prospects", "4", "--ingest-pages", "20", "--seed", "7",
                "--report", report.toString());
        String all = r.getOutput() + "\n" + r.getErrorOutput();
        assertEquals(0, r.exitCode(), all);
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        assertTrue(j.get("requests").asLong() > 0, all);
        assertEquals(0, j.get("errors_5xx").asLong(), all);
        assertEquals(0, j.get("closed_reader_errors").asLong(), all);
        assertEquals(0, j.get("stack_traces").asLong(), all);
        assertEquals(0, j.get("transport_errors").asLong(), all);
        assertTrue(j.get("writes_acknowledged").asLong() > 0, all);
        assertEquals(0, j.get("writes_missing_after").asLong(), all);
        assertEquals(0, j.get("stale_writes_accepted").asLong(), all);
        assertEquals(0, j.get("stale_writes_not_409").asLong(), all);
        assertEquals(2, j.get("ingest_commits").asInt(), all);
        assertEquals(2, j.get("ingest_commits_under_load").asInt(), "both swaps happened while the clients ran");
        assertEquals(j.get("index_pages_before").asLong() + 40, j.get("index_pages_after").asLong(),
                "each ingest added its 20 pages");
        for (String e : LoadRun.ENDPOINTS) {
            JsonNode ep = j.get("endpoints").get(e);
            assertTrue(ep.has("p50_ms") && ep.has("p99_ms"), e);
        }
        assertTrue(j.get("passed").asBoolean(), all);
        assertTrue(r.getOutput().contains("PASS every acknowledged write present"), all);
    }

    @Test
    void recognisesClosedReaderErrorsAndStackTraces() {
        assertTrue(LoadRun.isClosedReaderError("{\"message\": \"AlreadyClosedException: this IndexReader is closed\"}"));
        assertFalse(LoadRun.isClosedReaderError("{\"message\": \"no such campaign\"}"));
        assertTrue(LoadRun.hasStackTrace("java.lang.IllegalStateException: x\n\tat io.linkscout.A.b(A.java:3)"));
        assertTrue(LoadRun.hasStackTrace("boom at io.linkscout.api.X.y(X.java:12)"));
        assertFalse(LoadRun.hasStackTrace("{\"message\": \"top must be between 1 and 1000 (got 0)\"}"));
    }
}
