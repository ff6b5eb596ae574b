package io.linkscout.jobs.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.jobs.JobsFixture;
import io.linkscout.outreach.NoDatabaseProfile;
import io.linkscout.outreach.OutreachDatabase;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without a database a job still runs, and {@code --campaign} exits with code 2 saying what to configure. */
@QuarkusMainTest
@TestProfile(NoDatabaseProfile.class)
class SendWithoutDatabaseCliTest {

    static final Path INDEX = Path.of("target", "test-cli-send-nodb", "index").toAbsolutePath();

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(INDEX.getParent());
        JobsFixture.build(INDEX);
    }

    @Test
    void campaignNeedsTheDatabaseTheJobDoesNot(QuarkusMainLauncher launcher) {
        LaunchResult ok = launcher.launch("mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas",
                "--domain", "mine.com");
        assertEquals(0, ok.exitCode(), ok.getOutput() + ok.getErrorOutput());
        assertTrue(ok.getOutput().contains("4 pages name you"), ok.getOutput());
        LaunchResult no = launcher.launch("mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas",
                "--domain", "mine.com", "--campaign", "1");
        assertEquals(2, no.exitCode(), no.getOutput() + no.getErrorOutput());
        assertTrue(no.getErrorOutput().contains("error: outreach (campaigns and prospects) needs a PostgreSQL"
                + " database, and none is configured: " + OutreachDatabase.HOW_TO_CONFIGURE), no.getErrorOutput());
        assertFalse(no.getOutput().contains("pages name you"), no.getOutput());
        assertFalse((no.getOutput() + no.getErrorOutput()).contains("\tat "));
    }
}
