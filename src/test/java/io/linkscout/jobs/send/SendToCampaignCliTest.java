package io.linkscout.jobs.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.api.ApiFixture;
import io.linkscout.jobs.JobsFixture;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs' {@code --campaign} / {@code --send-top} options against the test PostgreSQL and the {@link JobsFixture}
 * index: what the commands print, what the campaign then holds, re-sending, errors.
 */
@QuarkusMainTest
class SendToCampaignCliTest {

    static final Path WORK = Path.of("target", "test-cli-send").toAbsolutePath();
    static final Path INDEX = WORK.resolve("index");
    static final Path ARTICLE = WORK.resolve("article.md");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DB_URL = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String DB_USER = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_USER", "postgres");
    static final String DB_PASSWORD = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_PASSWORD", "");

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        JobsFixture.build(INDEX);
        Files.writeString(ARTICLE, JobsFixture.ARTICLE, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
                Statement s = c.createStatement()) {
            // the first launch creates the schema (Flyway): on a freshly wiped database there is nothing to empty yet
            s.execute("do $$ begin if to_regclass('campaign') is not null then truncate table prospect_status_change,"
                    + " prospect, exclusion, campaign restart identity cascade; end if; end $$");
        }
    }

    static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    /** The JSON document a command printed (start-up log lines of the test launcher may precede it). */
    static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        int i = out.startsWith("{") ? 0 : out.indexOf("\n{") + 1;
        return JSON.readTree(out.substring(i));
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    static long campaign(QuarkusMainLauncher launcher, String target) throws Exception {
        LaunchResult c = launcher.launch("campaign", "create", "--name", "Kelp atlas", "--target-domain", target,
                "--content", ARTICLE.toString());
        assertEquals(0, c.exitCode(), all(c));
        return json(c).get("id").asLong();
    }

    static void line(LaunchResult r, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(r.getOutput()).find(),
                "no line " + regex + " in:\n" + r.getOutput());
    }

    @Test
    void linkIntersectToACampaignPrintsAddedAndSkippedWithReasons(QuarkusMainLauncher launcher) throws Exception {
        long id = campaign(launcher, "r5.dev");
        LaunchResult ex = launcher.launch("campaign", "exclude", "--campaign", String.valueOf(id), "r2.net",
                "--reason", "competitor");
        assertEquals(0, ex.exitCode(), all(ex));

        String[] job = {"link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com,comp-c.com", "--domain", "mine.com"};
        List<String> args = new ArrayList<>(List.of(job));
        args.addAll(List.of("--campaign", String.valueOf(id), "--by", "maria"));
        LaunchResult r = launcher.launch(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), all(r));
        // the job's table, then what sending did
        assertTrue(r.getOutput().contains("3 domains link to at least 2 of"), r.getOutput());
        line(r, "Campaign " + id + ": 1 added, 2 skipped");
        line(r, "  \\+ r1\\.org +[0-9.]+  " + Pattern.quote(JobsFixture.R1));
        line(r, "  - r2\\.net +EXCLUDED +campaign exclusion list: COMPETITOR");
        line(r, "  - r5\\.dev +OWN_SITE +the campaign's own target domain");
        line(r, "  skipped EXCLUDED: 1");
        line(r, "  skipped OWN_SITE: 1");

        // again, as JSON: the job's answer with a campaign field; nothing new is added
        args.addAll(List.of("--format", "json"));
        LaunchResult again = launcher.launch(args.toArray(String[]::new));
        assertEquals(0, again.exitCode(), all(again));
        JsonNode n = json(again);
        assertEquals(List.of("r1.org", "r2.net", "r5.dev"), texts(n.get("results"), "domain"));
        assertEquals(0, n.get("campaign").get("added").size());
        assertEquals(List.of("ALREADY_IN_CAMPAIGN", "EXCLUDED", "OWN_SITE"),
                texts(n.get("campaign").get("skipped"), "reason"));

        // the campaign holds r1.org from link-intersect
        LaunchResult show = launcher.launch("campaign", "show", String.valueOf(id), "--format", "json");
        assertEquals(0, show.exitCode(), all(show));
        JsonNode items = json(show).get("prospects").get("items");
        assertEquals(List.of("r1.org"), texts(items, "domain"));
        assertEquals(List.of("link-intersect"), texts(items, "source"));
        assertEquals(List.of(JobsFixture.R1), texts(items, "pageUrl"));
    }

    @Test
    void sendTopAndProspectLines(QuarkusMainLauncher launcher) throws Exception {
        long id = campaign(launcher, "mine.com");
        // guest posts, only the first result sent: r1.org; prospect lines stay on standard output, the report on
        // standard error
        LaunchResult g = launcher.launch("guest-posts", "--index", INDEX.toString(), "--content", ARTICLE.toString(),
                "--format", "prospects", "--campaign", String.valueOf(id), "--send-top", "1");
        assertEquals(0, g.exitCode(), all(g));
        List<String> domains = new ArrayList<>();
        for (String l : g.getOutput().strip().split("\n")) {
            domains.add(JSON.readTree(l).get("domain").asText());
        }
        assertEquals(List.of("r1.org", "r5.dev"), domains);
        assertTrue(g.getErrorOutput().contains("Campaign " + id + ": 1 added, 0 skipped"), all(g));
        assertTrue(g.getErrorOutput().contains("  + r1.org"), all(g));
        assertFalse(g.getErrorOutput().contains("r5.dev"), all(g));

        // mentions: r2.net and r4.com pages name the brand, both are added
        LaunchResult m = launcher.launch("mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas",
                "--domain", "mine.com", "--campaign", String.valueOf(id), "--format", "json");
        assertEquals(0, m.exitCode(), all(m));
        JsonNode n = json(m);
        assertEquals(List.of("r2.net", "r4.com"), texts(n.get("campaign").get("added"), "domain"));
        assertEquals(List.of(JobsFixture.R2B, JobsFixture.R4), texts(n.get("campaign").get("added"), "pageUrl"));
        assertEquals(List.of("mentions", "mentions"), texts(n.get("campaign").get("added"), "source"));
    }

    @Test
    void errors(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult none = launcher.launch("mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas",
                "--domain", "mine.com", "--campaign", "999");
        assertEquals(2, none.exitCode(), all(none));
        assertTrue(none.getErrorOutput().contains("error: campaign 999 does not exist"), all(none));
        assertFalse(all(none).contains("\tat "), all(none));
        long id = campaign(launcher, "mine.com");
        LaunchResult zero = launcher.launch("topics-that-earn", "--index", INDEX.toString(), "--keywords", "kelp",
                "--campaign", String.valueOf(id), "--send-top", "0");
        assertEquals(2, zero.exitCode(), all(zero));
        assertTrue(zero.getErrorOutput().contains("error: --send-top must be between 1 and 1000, got 0"), all(zero));
        LaunchResult alone = launcher.launch("topics-that-earn", "--index", INDEX.toString(), "--keywords", "kelp",
                "--send-top", "3");
        assertEquals(2, alone.exitCode(), all(alone));
        assertTrue(alone.getErrorOutput().contains("error: --send-top needs --campaign: give the campaign to send"
                + " the results to"), all(alone));
    }
}
