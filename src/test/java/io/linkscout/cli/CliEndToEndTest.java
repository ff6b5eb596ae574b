package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.api.ApiFixture;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged command line, run in-process: exit codes, messages and outputs of ingest, stats, recommend, topics. */
@QuarkusMainTest
class CliEndToEndTest {

    static final Path WORK = Path.of("target", "test-cli").toAbsolutePath();
    static final Path FIXTURE_INDEX = WORK.resolve("fixture-index");
    static final Path ARTICLE = WORK.resolve("article.md");

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        ApiFixture.build(FIXTURE_INDEX);
        Files.writeString(ARTICLE, ApiFixture.ARTICLE, StandardCharsets.UTF_8);
    }

    /** stdout + stderr, for messages whichever stream they went to. */
    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    private static void assertNoStackTrace(LaunchResult r) {
        String s = all(r);
        assertFalse(s.contains("\tat ") || s.contains("Exception:") && s.contains("at io."), s);
    }

    @Test
    void ingestReadsBacklinkExportsWithTheirTarget(QuarkusMainLauncher launcher) throws Exception {
        Path in = Files.createDirectories(WORK.resolve("exports"));
        Path res = Path.of("src/test/resources/tool-exports");
        Files.copy(res.resolve("ahrefs-backlinks.csv"), in.resolve("ahrefs-backlinks.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(res.resolve("gsc-top-linking-sites.csv"), in.resolve("Top linking sites.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(in.resolve("majestic.csv"), "Source URL,Target URL,Anchor Text,Source Trust Flow\n"
                + "https://a.example/x,https://www.example.com/,Example,12\n"
                + "https://b.example/y,www.example.com,Example,twelve\n", StandardCharsets.UTF_8);
        Path index = WORK.resolve("exports-index");
        LaunchResult r = launcher.launch("ingest", "--index", index.toString(), "--target", "www.example.com",
                in.toString());
        assertEquals(0, r.exitCode(), all(r));
        String err = r.getErrorOutput();
        assertTrue(err.contains("ingested 0 page record(s), 0 catalog row(s), 0 authority row(s), 13 backlink "
                + "export row(s) in "), err);
        assertTrue(err.contains("Ahrefs export: 3 live link(s), 4 lost (kept, not in the graphs); domain-level 0 "
                + "live, 0 lost; 7 page(s) known only from it\n"), err);
        // Top linking sites: example.org, example.com (itself), example.net: 3 domain-level links to example.com
        assertTrue(err.contains("Search Console export: 0 live link(s), 0 lost (kept, not in the graphs); "
                + "domain-level 3 live, 0 lost; 0 page(s) known only from it\n"), err);
        assertTrue(err.contains(in.resolve("majestic.csv") + ":3: column 'Target URL': not an absolute http(s) URL: "
                + "'www.example.com' (give the linked page's URL with http:// or https://; the row is skipped)"), err);
        assertNoStackTrace(r);
    }

    @Test
    void ingestSkipsABadLineAndNamesIt(QuarkusMainLauncher launcher) throws Exception {
        Path in = WORK.resolve("pages-one-bad.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"url\": \"https://a-site.com/one\", \"title\": \"One\", \"text\": \"The first page about kelp.\","
                        + " \"links\": [\"https://b-site.org/two\"]}",
                "this line is not JSON",
                "{\"url\": \"https://b-site.org/two\", \"title\": \"Two\", \"text\": \"The second page.\"}",
                ""), StandardCharsets.UTF_8);
        Path index = WORK.resolve("ingest-index");
        LaunchResult r = launcher.launch("ingest", "--index", index.toString(), in.toString());
        assertEquals(0, r.exitCode(), all(r));
        String err = r.getErrorOutput();
        assertTrue(err.contains("ingested 2 page record(s), 0 catalog row(s), 0 authority row(s)"), err);
        assertTrue(err.contains("index now: 2 pages, 2 sites, 1 links,"), err);
        assertTrue(err.contains("links: 1 (internal 0, external 1)\n"
                + "  resolved to an indexed page: 1 (exact 1, variant 0, loose 0, slug 0; to another site 1)\n"
                + "  unresolved: 0 (site not indexed 0; on an indexed site, not ingested: home page 0, "
                + "tag/archive/feed 0, other page 0; ambiguous 0)\n"), err);
        assertTrue(err.contains("problems: 1 (records skipped)"), err);
        assertTrue(err.contains(in + ":2: "), "the problem names file:line\n" + err);
        assertNoStackTrace(r);

        LaunchResult stats = launcher.launch("stats", "--index", index.toString(), "--format", "json");
        assertEquals(0, stats.exitCode(), all(stats));
        JsonNode s = new ObjectMapper().readTree(stats.getOutput());
        assertEquals(2, s.get("pages").asInt());
        assertEquals(1, s.get("links").asInt());
    }

    @Test
    void ingestWithTheGraphLaterWarnsUntilGraphCompletesIt(QuarkusMainLauncher launcher) throws Exception {
        Path first = WORK.resolve("graph-later-1.jsonl");
        Files.writeString(first, String.join("\n",
                "{\"url\": \"https://a-site.com/one\", \"title\": \"One\", \"text\": \"Kelp forests and sea otters.\","
                        + " \"links\": [\"https://b-site.org/two\"]}",
                "{\"url\": \"https://b-site.org/two\", \"title\": \"Two\", \"text\": \"Sea otters eat urchins.\"}",
                ""), StandardCharsets.UTF_8);
        Path second = WORK.resolve("graph-later-2.jsonl");
        Files.writeString(second, "{\"url\": \"https://c-site.net/three\", \"title\": \"Three\", \"text\": "
                + "\"Otters and kelp.\", \"links\": [\"https://b-site.org/two\"]}\n", StandardCharsets.UTF_8);
        Path index = WORK.resolve("graph-later-index");
        assertEquals(0, launcher.launch("ingest", "--index", index.toString(), first.toString()).exitCode());
        LaunchResult r = launcher.launch("ingest", "--index", index.toString(), "--graph", "later",
                second.toString());
        assertEquals(0, r.exitCode(), all(r));
        // c-site's page is new; its link has no anchor text, so b-site's page is kept, as is a-site's
        assertTrue(r.getErrorOutput().contains("incremental, graph step left for later: wrote 1 page(s), kept 2; "
                + "graph scores and site documents pending since "), all(r));
        LaunchResult stats = launcher.launch("stats", "--index", index.toString());
        assertEquals(0, stats.exitCode(), all(stats));
        assertTrue(stats.getOutput().contains("\nWARNING:          graph scores pending since the ingest of "),
                all(stats));
        LaunchResult json = launcher.launch("stats", "--index", index.toString(), "--format", "json");
        String since = new ObjectMapper().readTree(json.getOutput()).get("graphPending").asText();
        LaunchResult rec = launcher.launch("recommend", "--index", index.toString(), "--content",
                ARTICLE.toString(), "--format", "json");
        assertEquals(0, rec.exitCode(), all(rec));
        assertTrue(rec.getErrorOutput().contains("warning: graph scores pending since the ingest of " + since
                + ": "), all(rec));
        LaunchResult graph = launcher.launch("graph", "--index", index.toString());
        assertEquals(0, graph.exitCode(), all(graph));
        assertTrue(graph.getOutput().startsWith("completed the graph scores pending since the ingest of " + since
                + "\n"), all(graph));
        LaunchResult after = launcher.launch("stats", "--index", index.toString(), "--format", "json");
        assertFalse(new ObjectMapper().readTree(after.getOutput()).has("graphPending"), after.getOutput());
        assertEquals(3, new ObjectMapper().readTree(after.getOutput()).get("sites").asInt());
        LaunchResult rec2 = launcher.launch("recommend", "--index", index.toString(), "--content",
                ARTICLE.toString(), "--format", "json");
        assertFalse(rec2.getErrorOutput().contains("graph scores pending"), all(rec2));

        LaunchResult bad = launcher.launch("ingest", "--index", index.toString(), "--graph", "tomorrow",
                second.toString());
        assertEquals(2, bad.exitCode(), all(bad));
        assertTrue(bad.getErrorOutput().contains("--graph"), all(bad));
        assertNoStackTrace(bad);
    }

    @Test
    void ingestOfNothingReadableExits3(QuarkusMainLauncher launcher) throws Exception {
        Path in = WORK.resolve("all-bad.jsonl");
        Files.writeString(in, "{\"url\": \"mailto:someone@example.com\", \"text\": \"x\"}\n"
                + "{\"text\": \"a page without its url\"}\n", StandardCharsets.UTF_8);
        Path index = WORK.resolve("empty-index");
        LaunchResult r = launcher.launch("ingest", "--index", index.toString(), in.toString());
        assertEquals(3, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains(
                "error: nothing could be read from the inputs; the index was left as it was before"), all(r));
        assertTrue(r.getErrorOutput().contains("problems: 2 (records skipped)"), all(r));
        assertTrue(r.getErrorOutput().contains("  " + in + ":1: "), all(r));
        assertTrue(r.getErrorOutput().contains("  " + in + ":2: "), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void ingestOfAMissingPathExits2(QuarkusMainLauncher launcher) {
        Path missing = WORK.resolve("does-not-exist.jsonl");
        LaunchResult r = launcher.launch("ingest", "--index", WORK.resolve("never").toString(), missing.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("error: input not found: " + missing + " (check the path)"), all(r));
        assertNoStackTrace(r);
        assertFalse(Files.exists(WORK.resolve("never")), "no index folder is created for a failed ingest");
    }

    @Test
    void statsPrintsTheFixtureCounts(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("stats", "--index", FIXTURE_INDEX.toString());
        assertEquals(0, r.exitCode(), all(r));
        List<String> lines = new ArrayList<>(r.getOutputStream());
        assertEquals("index:            " + FIXTURE_INDEX, lines.get(0));
        assertTrue(lines.get(1).startsWith("built at:         20"), lines.get(1));
        assertEquals(List.of(
                "pages:            9",
                "sites:            4",
                "catalog rows:     1",
                "authority rows:   1",
                "links:            15 (internal 10, external 5, nofollow/sponsored/ugc 0)",
                "page-graph edges: 15",
                "link joins:       resolved to an indexed page: 15 (exact 15, variant 0, loose 0, slug 0; to another "
                        + "site 5)",
                "                  unresolved: 0 (site not indexed 0; on an indexed site, not ingested: home page 0, "
                        + "tag/archive/feed 0, other page 0; ambiguous 0)",
                "domains:          4 (3 domain-to-domain edges)"), lines.subList(2, 11));
        assertTrue(lines.get(11).startsWith("terms:            "), lines.get(11));
        assertTrue(lines.get(12).matches("size on disk: +\\d+\\.\\d MB"), lines.get(12));
    }

    @Test
    void recommendJsonParsesAndRanksTheMentioningPagesFirst(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("recommend", "--index", FIXTURE_INDEX.toString(), "--content",
                ARTICLE.toString(), "--format", "json", "--top", "3");
        assertEquals(0, r.exitCode(), all(r));
        JsonNode resp = new ObjectMapper().readTree(r.getOutput());
        assertEquals("The Kelp Forest Atlas", resp.get("title").asText());
        assertEquals("page", resp.get("unit").asText());
        assertEquals(3, resp.get("results").size());
        assertEquals(ApiFixture.OCEAN_NEWS, resp.get("results").get(0).get("url").asText());
        assertEquals(ApiFixture.KELP_LIST, resp.get("results").get(1).get("url").asText());
        assertTrue(resp.get("topics").size() > 0);
    }

    @Test
    void recommendRefusesASiteThatIsNotADomain(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("recommend", "--index", FIXTURE_INDEX.toString(), "--content",
                ARTICLE.toString(), "--site", "-");
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("--site: \"-\" is not a domain (give a registrable domain, host or URL"
                + " such as example.com)"), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void recommendWithoutAnIndexExits2(QuarkusMainLauncher launcher) {
        Path none = WORK.resolve("no-index-here");
        LaunchResult r = launcher.launch("recommend", "--index", none.toString(), "--content", ARTICLE.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("error: no LinkScout index at " + none
                + " (create one with: ingest --index " + none + " FILE...;"), all(r));
        assertNoStackTrace(r);
    }

    @Test
    void topicsUseTheGivenIndexForIdf(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult with = launcher.launch("topics", "--index", FIXTURE_INDEX.toString(), "--content",
                ARTICLE.toString(), "--format", "json", "--top", "40");
        assertEquals(0, with.exitCode(), all(with));
        // 9 pages, none contains "divers": word idf = ln(1 + 9.5 / 0.5) = ln 20 from the index, phrase idf from the
        // bundled background table
        JsonNode topics = new ObjectMapper().readTree(with.getOutput());
        int count = 0;
        for (JsonNode t : topics.get("topics")) {
            if (t.get("phrase").asText().equals("divers")) {
                count = t.get("count").asInt();
            }
        }
        assertEquals(io.linkscout.nlp.TopicFixtures.oneWordSpecificity("divers", Math.log(20) / Math.log(9), count,
                topics.get("tokens").asInt()), specificity(with, "divers"), 1e-4);

        LaunchResult none = launcher.launch("topics", "--index", WORK.resolve("no-index-here").toString(),
                "--content", ARTICLE.toString());
        assertEquals(2, none.exitCode(), all(none));
        assertTrue(none.getErrorOutput().contains("error: no LinkScout index at "), all(none));
    }

    private static double specificity(LaunchResult r, String phrase) throws Exception {
        for (JsonNode t : new ObjectMapper().readTree(r.getOutput()).get("topics")) {
            if (t.get("phrase").asText().equals(phrase)) {
                return t.get("parts").get("specificity").asDouble();
            }
        }
        throw new AssertionError("no topic " + phrase + " in " + r.getOutput());
    }
}
