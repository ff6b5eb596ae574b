package io.linkscout.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.api.ApiFixture;
import io.linkscout.crawl.FixtureWeb;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line of won links on the test PostgreSQL: {@code campaign status ... WON --won-url --target} (validated),
 * {@code monitor} against a loopback fixture page, and the checks in {@code campaign history} and {@code campaign show}.
 */
@QuarkusMainTest
class WonLinkCliTest {

    static final Path WORK = Path.of("target", "test-cli-monitor").toAbsolutePath();

    FixtureWeb web;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("article.md"), ApiFixture.ARTICLE, StandardCharsets.UTF_8);
        new CampaignCliTest().clean();
        web = new FixtureWeb();
        web.page("127.0.0.1", "/kelp", "<html><body><a href=\"https://kelpforestatlas.org/guide\">Kelp atlas</a>"
                + "</body></html>");
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private static JsonNode json(LaunchResult r) throws Exception {
        return CampaignCliTest.json(r);
    }

    private static String all(LaunchResult r) {
        return CampaignCliTest.all(r);
    }

    private static LaunchResult ok(QuarkusMainLauncher l, String... args) {
        LaunchResult r = l.launch(args);
        assertEquals(0, r.exitCode(), all(r));
        return r;
    }

    @Test
    void wonLinkMonitorHistoryAndShow(QuarkusMainLauncher l) throws Exception {
        long c = json(ok(l, "campaign", "create", "--name", "Kelp atlas", "--target-domain", "kelpforestatlas.org",
                "--content", WORK.resolve("article.md").toString())).get("id").asLong();
        String p = json(ok(l, "campaign", "add", String.valueOf(c), "oceanwatch.org", "--index",
                WORK.resolve("no-index").toString())).get("added").get(0).get("id").asText();
        ok(l, "campaign", "status", p, "QUALIFIED");
        ok(l, "campaign", "status", p, "CONTACTED");

        LaunchResult bad = l.launch("campaign", "status", p, "WON", "--won-url", "not a url");
        assertEquals(2, bad.exitCode(), all(bad));
        assertTrue(bad.getErrorOutput().contains("error: wonUrl: \"not a url\" is not a usable http(s) URL (give the"
                + " full address of the page, such as https://blog.example.org/post)"), all(bad));
        assertFalse(all(bad).contains("\tat "), "no stack trace");
        LaunchResult badTarget = l.launch("campaign", "status", p, "WON", "--won-url", web.url("127.0.0.1", "/kelp"),
                "--target", "-");
        assertEquals(2, badTarget.exitCode(), all(badTarget));
        assertTrue(badTarget.getErrorOutput().contains("error: wonTarget: \"-\" is not a domain (give a registrable"
                + " domain, host or URL such as example.com)"),
                all(badTarget));

        LaunchResult won = ok(l, "campaign", "status", p, "WON", "--won-url", web.url("127.0.0.1", "/kelp"),
                "--target", "https://kelpforestatlas.org/guide");
        assertTrue(won.getOutput().contains("is now WON"), won.getOutput());

        LaunchResult first = ok(l, "monitor", "--campaign", String.valueOf(c));
        assertTrue(first.getOutput().contains("ok                " + p + " oceanwatch.org         live  HTTP 200,"
                + " link follow \"Kelp atlas\"  followed link: <a href=\"https://kelpforestatlas.org/guide\">Kelp"
                + " atlas</a>"), first.getOutput());
        assertTrue(first.getOutput().contains("checked 1 of 1 due won links (0 left for the next run); flagged: none"),
                first.getOutput());
        LaunchResult none = ok(l, "monitor");
        assertTrue(none.getOutput().contains("checked 0 of 0 due won links (0 left for the next run); flagged: none"),
                none.getOutput());

        web.page("127.0.0.1", "/kelp", "<html><body><a rel=\"sponsored\" href=\"https://kelpforestatlas.org/guide\">"
                + "Kelp atlas</a></body></html>");
        JsonNode second = json(ok(l, "monitor", "--min-age", "0", "--format", "json"));
        assertEquals(1, second.get("checked").asInt());
        assertEquals("LINK_NOFOLLOW", second.get("checks").get(0).get("flag").asText());
        assertEquals("sponsored", second.get("checks").get(0).get("rel").asText());
        assertEquals(1, second.get("flagged").get("LINK_NOFOLLOW").asInt());

        String history = ok(l, "campaign", "history", p).getOutput();
        assertTrue(history.contains("Prospect " + p + ": oceanwatch.org (WON, version 3)  won link: "
                + web.url("127.0.0.1", "/kelp") + " -> https://kelpforestatlas.org/guide"), history);
        assertTrue(history.contains("status CONTACTED -> WON by cli"), history);
        assertTrue(history.contains("ok                " + p + " oceanwatch.org         live  HTTP 200, link follow"),
                history);
        assertTrue(history.contains("LINK_NOFOLLOW     " + p + " oceanwatch.org         live  HTTP 200, link"
                + " sponsored \"Kelp atlas\"  rel=\"sponsored\" on"), history);

        String show = ok(l, "campaign", "show", String.valueOf(c)).getOutput();
        assertTrue(show.contains("Won links (latest check; all checks: campaign history PROSPECT_ID)"), show);
        assertTrue(show.contains(p + "  oceanwatch.org                 " + web.url("127.0.0.1", "/kelp")
                + " -> https://kelpforestatlas.org/guide  LINK_NOFOLLOW (2 checks, last "), show);

        LaunchResult badAge = l.launch("monitor", "--min-age", "soon");
        assertEquals(2, badAge.exitCode(), all(badAge));
        assertTrue(badAge.getErrorOutput().contains("error: --min-age: \"soon\" is not a duration (give 30m, 1h, 2d"
                + " or PT1H)"), all(badAge));
    }
}
