package io.linkscout.jobs.send;

import org.junit.jupiter.api.BeforeEach;
import io.linkscout.api.TestAuth;
import io.quarkus.test.security.TestSecurity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.jobs.JobsFixture;
import io.linkscout.outreach.NoDatabaseProfile;
import io.linkscout.outreach.OutreachDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The jobs' {@code --campaign} without a database: the command line of the application (as {@code java -jar}
 * configures it) exits with code 2 and says what to configure; the same job without {@code --campaign} runs.
 * (In-process through the application's {@link CommandLine}: a {@code @QuarkusMainTest} with this profile leaks its
 * empty datasource URL into the main tests that follow it.)
 */
@QuarkusTest
@TestProfile(NoDatabaseProfile.class)
@TestSecurity(user = "api", roles = {"viewer", "editor", "admin"})
class SendWithoutDatabaseTest {

    /** No database, so no users: the identity comes from @TestSecurity (no token header sent). */
    @BeforeEach
    void noTokenHeader() {
        TestAuth.anonymous();
    }

    static final Path INDEX = Path.of("target", "test-send-nodb", "index").toAbsolutePath();

    @Inject
    CommandLine commandLine;

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(INDEX.getParent());
        JobsFixture.build(INDEX);
    }

    private int run(StringWriter err, String... args) {
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void campaignNeedsTheDatabaseTheJobDoesNot() {
        StringWriter okErr = new StringWriter();
        assertEquals(0, run(okErr, "mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas", "--domain",
                "mine.com"), okErr.toString());
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas", "--domain",
                "mine.com", "--campaign", "1"), err.toString());
        assertEquals("error: outreach (campaigns and prospects) needs a PostgreSQL database, and none is configured: "
                + OutreachDatabase.HOW_TO_CONFIGURE, err.toString().strip());
        assertFalse(err.toString().contains("\tat "));
        StringWriter both = new StringWriter();
        assertEquals(2, run(both, "link-intersect", "--index", INDEX.toString(), "--competitor", "comp-a.com",
                "--domain", "mine.com", "--campaign", "1", "--send-top", "5"), both.toString());
        assertTrue(both.toString().contains("needs a PostgreSQL database"), both.toString());
    }
}
