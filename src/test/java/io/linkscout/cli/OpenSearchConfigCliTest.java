package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch settings come from configuration: {@code linkscout.backend=opensearch} makes a plain
 * {@code ingest} publish to {@code linkscout.opensearch.url} under {@code linkscout.opensearch.index-name}, and
 * {@code --backend lucene} overrides it; {@code recommend} reads the same settings (one {@code BackendResolver}).
 */
@QuarkusMainTest
@TestProfile(OpenSearchConfigCliTest.OpenSearchConfigured.class)
class OpenSearchConfigCliTest {

    /** An OpenSearch backend configured at a port nothing listens on, and a bad index name. */
    public static class OpenSearchConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linkscout.backend", "opensearch", "linkscout.opensearch.url", "http://127.0.0.1:1",
                    "linkscout.opensearch.index-name", "Not Valid");
        }
    }

    @Test
    void theConfiguredBackendIsUsedAndTheFlagWins(QuarkusMainLauncher launcher) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "test-opensearch-config").toAbsolutePath());
        Path in = work.resolve("one.jsonl");
        Files.writeString(in, "{\"url\": \"https://a-site.com/x\", \"title\": \"X\", \"text\": \"kelp\"}\n",
                StandardCharsets.UTF_8);
        String index = work.resolve("index").toString();
        LaunchResult r = launcher.launch("ingest", "--index", index, in.toString());
        assertEquals(2, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("bad OpenSearch index name 'Not Valid' (--index-name / "
                + "linkscout.opensearch.index-name)"), r.getErrorOutput());
        r = launcher.launch("ingest", "--index", index, "--index-name", "from-flag", in.toString());
        assertEquals(2, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("OpenSearch at http://127.0.0.1:1 is not reachable"),
                r.getErrorOutput());
        r = launcher.launch("ingest", "--index", index, "--backend", "lucene", in.toString());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("ingested 1 page record(s)"), r.getErrorOutput());
        // recommend resolves the backend through the same BackendResolver: the configured (bad) alias is refused
        Path draft = work.resolve("draft.txt");
        Files.writeString(draft, "Kelp forests\n\nKelp forests grow in cold water.\n", StandardCharsets.UTF_8);
        r = launcher.launch("recommend", "--index", index, "--content", draft.toString());
        assertEquals(2, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("bad OpenSearch index name 'Not Valid' (--index-name / "
                + "linkscout.opensearch.index-name)"), r.getErrorOutput());
        r = launcher.launch("recommend", "--index", index, "--content", draft.toString(), "--backend", "solr");
        assertEquals(2, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("--backend must be lucene or opensearch (or set linkscout.backend), "
                + "got 'solr'"), r.getErrorOutput());
    }
}
