package io.linkscout.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.PageRecord;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code campaign} command line against the test PostgreSQL and a fixture index whose oceanwatch.org pages carry
 * e-mail addresses: create, shortlist (contacts from the index's site document), status, export, exclude.
 */
@QuarkusMainTest
class CampaignCliTest {

    static final Path WORK = Path.of("target", "test-cli-outreach").toAbsolutePath();
    static final Path INDEX = WORK.resolve("index");
    static final Path ARTICLE = WORK.resolve("article.md");
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Files.writeString(ARTICLE, ApiFixture.ARTICLE, StandardCharsets.UTF_8);
        new IndexBuilder(new IndexLayout(INDEX), 1, null).ingest((sink, report) -> {
            for (PageRecord p : ApiFixture.pages()) {
                List<String> emails = p.url().startsWith("https://oceanwatch.org/sea-otters")
                        ? List.of("otters@oceanwatch.org", "editor@oceanwatch.org") : List.of();
                sink.page(new PageRecord(p.url(), p.title(), p.text(), p.links(), emails, p.fetchedAt(), p.source()));
                report.pageRead();
            }
        });
    }

    @BeforeEach
    void clean() throws Exception {
        // the tables exist even when this class runs first on the emptied test database (FreshTestDatabase)
        org.flywaydb.core.Flyway.configure().dataSource(MigrationsTest.URL, MigrationsTest.USER, MigrationsTest.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(MigrationsTest.URL, MigrationsTest.USER,
                MigrationsTest.PASSWORD); Statement s = c.createStatement()) {
            s.execute("truncate table prospect_status_change, prospect, exclusion, campaign restart identity cascade");
        }
    }

    /** The JSON document a command printed (start-up log lines of the test launcher may precede it). */
    static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        int i = out.startsWith("{") ? 0 : out.indexOf("\n{") + 1;
        return JSON.readTree(out.substring(i));
    }

    static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void createShortlistStatusExport(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult created = launcher.launch("campaign", "create", "--name", "Kelp atlas", "--target-domain",
                "kelpforestatlas.org", "--content", ARTICLE.toString());
        assertEquals(0, created.exitCode(), all(created));
        long id = json(created).get("id").asLong();

        LaunchResult sl = launcher.launch("campaign", "shortlist", String.valueOf(id), "--index", INDEX.toString(),
                "--format", "json", "--by", "maria");
        assertEquals(0, sl.exitCode(), all(sl));
        JsonNode r = json(sl);
        assertEquals(2, r.get("added").size(), sl.getOutput());
        JsonNode ocean = null;
        for (JsonNode p : r.get("added")) {
            if (p.get("domain").asText().equals("oceanwatch.org")) {
                ocean = p;
            }
        }
        assertEquals(List.of("editor@oceanwatch.org", "otters@oceanwatch.org"),
                JSON.convertValue(ocean.get("contactEmails"), List.class));

        LaunchResult again = launcher.launch("campaign", "shortlist", String.valueOf(id), "--index", INDEX.toString());
        assertEquals(0, again.exitCode(), all(again));
        assertTrue(again.getOutput().contains("0 added, 2 skipped"), again.getOutput());
        assertTrue(again.getOutput().contains("skipped ALREADY_IN_CAMPAIGN: 2"), again.getOutput());

        long pid = ocean.get("id").asLong();
        LaunchResult bad = launcher.launch("campaign", "status", String.valueOf(pid), "WON");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.getErrorOutput().contains("error: prospect " + pid + " cannot move from NEW to WON: allowed"
                + " next statuses from NEW are QUALIFIED, REJECTED"), all(bad));
        LaunchResult ok = launcher.launch("campaign", "status", String.valueOf(pid), "QUALIFIED", "--by", "maria");
        assertEquals(0, ok.exitCode(), all(ok));
        assertTrue(ok.getOutput().contains("is now QUALIFIED (version 1; next: CONTACTED, REJECTED)"), ok.getOutput());
        LaunchResult stale = launcher.launch("campaign", "note", String.valueOf(pid), "hi", "--version", "0");
        assertEquals(2, stale.exitCode(), all(stale));

        Path csv = WORK.resolve("out.csv");
        LaunchResult ex = launcher.launch("campaign", "export", String.valueOf(id), "--out", csv.toString());
        assertEquals(0, ex.exitCode(), all(ex));
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(ProspectCsv.BOM + "domain,page,score,top_reasons,authority,contacts,status,notes\r\n"));
        assertTrue(text.contains(",editor@oceanwatch.org; otters@oceanwatch.org,QUALIFIED,"), text);
    }

    @Test
    void excludeFromCsvAndAddByDomain(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult created = launcher.launch("campaign", "create", "--name", "B", "--target-domain", "mysite.com",
                "--content", ARTICLE.toString());
        long id = json(created).get("id").asLong();
        Path csv = WORK.resolve("exclusions.csv");
        Files.writeString(csv, "domain,reason\nbreadclub.net,competitor\n", StandardCharsets.UTF_8);
        LaunchResult ex = launcher.launch("campaign", "exclude", "--campaign", String.valueOf(id), "--csv",
                csv.toString());
        assertEquals(0, ex.exitCode(), all(ex));
        assertTrue(ex.getOutput().contains("1 exclusion saved (campaign " + id + ")"), ex.getOutput());
        LaunchResult add = launcher.launch("campaign", "add", String.valueOf(id), "breadclub.net",
                "https://cyclenews.io/commuting", "--index", INDEX.toString());
        assertEquals(0, add.exitCode(), all(add));
        JsonNode r = json(add);
        assertEquals("cyclenews.io", r.get("added").get(0).get("domain").asText());
        assertEquals("EXCLUDED", r.get("skipped").get(0).get("reason").asText());
        assertFalse(all(add).contains("\tat "));
    }

    @Test
    void toxicAndExportFormats(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult created = launcher.launch("campaign", "create", "--name", "Disavow me", "--target-domain",
                "mysite.com", "--content", ARTICLE.toString());
        long id = json(created).get("id").asLong();
        LaunchResult add = launcher.launch("campaign", "add", String.valueOf(id), "spam-links.example",
                "https://cyclenews.io/commuting", "--index", INDEX.toString());
        assertEquals(0, add.exitCode(), all(add));
        long spam = -1;
        for (JsonNode p : json(add).get("added")) {
            if (p.get("domain").asText().equals("spam-links.example")) {
                spam = p.get("id").asLong();
            }
        }
        LaunchResult wrong = launcher.launch("campaign", "toxic", String.valueOf(spam), "--campaign", "999");
        assertEquals(2, wrong.exitCode(), all(wrong));
        assertTrue(wrong.getErrorOutput().contains("campaign 999 does not exist"), all(wrong));
        LaunchResult t = launcher.launch("campaign", "toxic", String.valueOf(spam), "--campaign", String.valueOf(id));
        assertEquals(0, t.exitCode(), all(t));
        assertTrue(t.getOutput().contains("prospect " + spam + " (spam-links.example) is marked toxic in campaign " + id
                + " (version 1)"), t.getOutput());

        Path disavow = WORK.resolve("disavow.txt");
        LaunchResult ex = launcher.launch("campaign", "export", String.valueOf(id), "--format", "disavow", "--out",
                disavow.toString());
        assertEquals(0, ex.exitCode(), all(ex));
        List<String> lines = Files.readAllLines(disavow, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("# LinkScout disavow file for campaign " + id + ": Disavow me"), lines.get(0));
        assertEquals("domain:spam-links.example", lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("domain:")).count());

        Path bz = WORK.resolve("buzzstream.csv");
        LaunchResult ex2 = launcher.launch("campaign", "export", String.valueOf(id), "--format", "buzzstream", "--out",
                bz.toString());
        assertEquals(0, ex2.exitCode(), all(ex2));
        String text = Files.readString(bz, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Link Partner \u2013 Name,Link Partner \u2013 Domain,Linking from,"), text);
        assertTrue(text.contains("\r\ncyclenews.io,cyclenews.io,"), text);
        assertFalse(text.contains("spam-links"), text);

        LaunchResult bad = launcher.launch("campaign", "export", String.valueOf(id), "--format", "ahrefs");
        assertEquals(2, bad.exitCode(), all(bad));
        assertTrue(bad.getErrorOutput().contains("unknown export format \"ahrefs\": use one of linkscout, buzzstream,"
                + " pitchbox, hunter, disavow"), all(bad));

        LaunchResult clear = launcher.launch("campaign", "toxic", String.valueOf(spam), "--clear", "--version", "1");
        assertEquals(0, clear.exitCode(), all(clear));
        assertTrue(clear.getOutput().contains("is no longer marked toxic"), clear.getOutput());
    }
}
