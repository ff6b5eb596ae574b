package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The commands that need no database start and run with none configured, as {@code demo}, {@code stats} and
 * {@code recommend} do on a fresh machine: no bean may touch the inactive Hibernate session at start-up (a
 * directly injected {@code EntityManager} in a scheduled service once stopped every command).
 */
@QuarkusMainTest
@TestProfile(NoDatabaseCliTest.NoDatabase.class)
class NoDatabaseCliTest {

    /** No datasource URL and the scheduler off, as {@code cli.Main} runs every command but {@code serve}. */
    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.quarkus.datasource.jdbc.url", "", "quarkus.datasource.jdbc.url", "",
                    "quarkus.scheduler.enabled", "false");
        }
    }

    @Test
    void statsRunsWithoutADatabase(QuarkusMainLauncher launcher) throws Exception {
        Path index = ApiFixture.build(Path.of("target", "test-no-db-cli", "index").toAbsolutePath());
        LaunchResult r = launcher.launch("stats", "--index", index.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("pages"), r.getOutput());
    }
}
