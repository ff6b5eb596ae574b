package io.linkscout.jobs;

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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jobs' commands, run in-process: outputs, prospect lines, error paths, and the bench figures. */
@QuarkusMainTest
class JobsCliTest {

    static final Path WORK = Path.of("target", "test-cli-jobs").toAbsolutePath();
    static final Path INDEX = WORK.resolve("index");
    static final Path ARTICLE = WORK.resolve("article.md");

    @BeforeAll
    static void setUp() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        JobsFixture.build(INDEX);
        Files.writeString(ARTICLE, JobsFixture.ARTICLE, StandardCharsets.UTF_8);
    }

    static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    static void userError(LaunchResult r, String message) {
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains(message), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
    }

    @Test
    void guestPostsTableAndProspects(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult t = launcher.launch("guest-posts", "--index", INDEX.toString(), "--content", ARTICLE.toString());
        assertEquals(0, t.exitCode(), all(t));
        assertTrue(t.getOutput().contains("guidelines: " + JobsFixture.R1_WFU), t.getOutput());
        assertTrue(t.getOutput().contains("flags: sells-posts"), t.getOutput());
        LaunchResult p = launcher.launch("guest-posts", "--index", INDEX.toString(), "--content", ARTICLE.toString(),
                "--format", "prospects");
        assertEquals(0, p.exitCode(), all(p));
        List<String> domains = new ArrayList<>();
        for (String line : p.getOutput().strip().split("\n")) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertEquals("guest-posts", n.get("job").asText());
            domains.add(n.get("domain").asText());
        }
        assertEquals(List.of("r1.org", "r5.dev"), domains);
    }

    @Test
    void linkIntersectJson(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com", "--competitor", "comp-c.com", "--domain", "mine.com", "--format", "json");
        assertEquals(0, r.exitCode(), all(r));
        JsonNode n = new ObjectMapper().readTree(r.getOutput());
        List<String> got = new ArrayList<>();
        n.get("results").forEach(x -> got.add(x.get("domain").asText()));
        assertEquals(List.of("r1.org", "r2.net", "r5.dev"), got);
    }

    @Test
    void mentionsAndTopicsTables(QuarkusMainLauncher launcher) {
        LaunchResult m = launcher.launch("mentions", "--index", INDEX.toString(), "--brand", "Kelp Atlas", "--domain",
                "mine.com");
        assertEquals(0, m.exitCode(), all(m));
        assertTrue(m.getOutput().contains("4 pages name you; 2 of them are yours or already link to mine.com"),
                m.getOutput());
        LaunchResult t = launcher.launch("topics-that-earn", "--index", INDEX.toString(), "--keywords", "otters",
                "kelp", "--domain", "mine.com");
        assertEquals(0, t.exitCode(), all(t));
        assertTrue(t.getOutput().contains("  1  Sea otters"), t.getOutput());
        assertTrue(t.getOutput().contains("5 referring domains, 2 pages (4.00 ref. domains/page, median 4.0)  [gap]"),
                t.getOutput());
        assertFalse(t.getOutput().contains("kelp forests"), t.getOutput());
    }

    @Test
    void errorPaths(QuarkusMainLauncher launcher) {
        userError(launcher.launch("topics-that-earn", "--index", INDEX.toString()),
                "give either --content FILE or --keywords K... (one of them)");
        userError(launcher.launch("link-intersect", "--index", INDEX.toString(), "--competitor", "comp-a.com",
                "--domain", "mine.com", "--min-overlap", "3"),
                "minOverlap must be between 1 and the number of competitors (1), got 3");
        userError(launcher.launch("guest-posts", "--index", INDEX.toString(), "--content",
                WORK.resolve("missing.md").toString()), "content file not found");
        userError(launcher.launch("guest-posts", "--index", INDEX.toString(), "--content", ARTICLE.toString(),
                "--format", "xml"), "unknown --format xml (use table, json or prospects)");
        userError(launcher.launch("mentions", "--index", WORK.resolve("no-index").toString(), "--domain",
                "mine.com"), "no-index");
    }

    @Test
    void benchCommandsPrintTheFigures(QuarkusMainLauncher launcher) {
        LaunchResult g = launcher.launch("bench", "guest-posts");
        assertEquals(0, g.exitCode(), all(g));
        assertTrue(g.getOutput().contains("html     exact labels 43/45  detection P 1.000 R 0.926  sells P 1.000 "
                + "R 0.833"), g.getOutput());
        assertTrue(g.getOutput().contains("text     exact labels 42/45  detection P 1.000 R 0.889  sells P 1.000 "
                + "R 0.833"), g.getOutput());
        LaunchResult l = launcher.launch("bench", "link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com,comp-c.com", "--domain", "mine.com");
        assertEquals(0, l.exitCode(), all(l));
        assertTrue(l.getOutput().contains("results 3  explainable by their evidence 3  share 1.000"),
                l.getOutput());
        // the figures are checked against bench/expected.json
        assertTrue(g.getOutput().contains("check ok   guestposts-fixtures/html detection-recall: 0.9260, expected "
                + "0.9260 ± 0.0010"), g.getOutput());
        assertTrue(g.getOutput().contains("check ok   guestposts-fixtures/text exact-labels: 42.0000"), g.getOutput());
        assertTrue(g.getOutput().contains("all figures within tolerance of bench/expected.json "
                + "(guestposts-fixtures/text)"), g.getOutput());
        assertFalse(g.getOutput().contains("check FAIL"), g.getOutput());
        LaunchResult noCheck = launcher.launch("bench", "guest-posts", "--no-check");
        assertEquals(0, noCheck.exitCode(), all(noCheck));
        assertFalse(noCheck.getOutput().contains("check "), noCheck.getOutput());
        LaunchResult lc = launcher.launch("bench", "link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com,comp-c.com", "--domain", "mine.com", "--expect", "link-intersect/fixture");
        assertEquals(0, lc.exitCode(), all(lc));
        assertTrue(lc.getOutput().contains("check ok   link-intersect/fixture results: 3.0000"), lc.getOutput());
        assertTrue(lc.getOutput().contains("check ok   link-intersect/fixture explained-share: 1.0000"),
                lc.getOutput());
    }

    @Test
    void benchFiguresOffTheExpectedFileFail(QuarkusMainLauncher launcher) {
        // k=1 gives 4 results (r4.com links to one competitor only): not the k=2 figures of link-intersect/fixture
        LaunchResult l = launcher.launch("bench", "link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com,comp-c.com", "--domain", "mine.com", "--min-overlap", "1", "--expect",
                "link-intersect/fixture");
        assertEquals(1, l.exitCode(), all(l));
        assertTrue(l.getOutput().contains("check FAIL link-intersect/fixture results: measured 4.0000, expected "
                + "3.0000 ± 0.0000 (better than expected"), l.getOutput());
        assertTrue(l.getOutput().contains("FAILED: figures outside their tolerance in bench/expected.json "
                + "(link-intersect/fixture)"), l.getOutput());
        userError(launcher.launch("bench", "link-intersect", "--index", INDEX.toString(), "--competitor",
                "comp-a.com,comp-b.com", "--domain", "mine.com", "--expect", "nope"),
                "no expected figures for benchmark 'nope'");
    }

    @Test
    void benchLinkIntersectOnWarcFixturesMatchesTheExpectedFile(QuarkusMainLauncher launcher) {
        Path warcs = Path.of("../shared/data/warc-fixtures");
        Assumptions.assumeTrue(Files.isDirectory(warcs), "../shared is not beside the project "
                + "(../shared/data/warc-fixtures missing): link-intersect/warc-fixtures not checked");
        Path index = WORK.resolve("warc-index");
        LaunchResult i = launcher.launch("ingest", "--index", index.toString(), warcs.toString());
        assertEquals(0, i.exitCode(), all(i));
        LaunchResult l = launcher.launch("bench", "link-intersect", "--index", index.toString(), "--expect",
                "link-intersect/warc-fixtures");
        assertEquals(0, l.exitCode(), all(l));
        assertTrue(l.getOutput().contains("competitors google.com, twitter.com, w3.org; your domain adobe.com; k=2"),
                l.getOutput());
        assertTrue(l.getOutput().contains("all figures within tolerance of bench/expected.json "
                + "(link-intersect/warc-fixtures)"), l.getOutput());
    }
}
