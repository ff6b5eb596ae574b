package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import io.linkscout.outreach.MigrationsTest;
import io.linkscout.url.Domains;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded default as a new user meets it: {@code demo} on the bundled multi-site sample, and a campaign
 * shortlist for the software post on the index the demo built. The ranked lists depend on the ranker model, so the
 * assertions are structural: how many distinct sites (registrable domains), each with a why card.
 */
@QuarkusMainTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleDemoTest {

    static final Path WORK = Path.of("target", "test-sample-demo").toAbsolutePath();
    static final Path INDEX = WORK.resolve("index");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Starts from an index of an older sample version (marker "true"), which the demo must rebuild. */
    @BeforeAll
    static void olderSampleIndex() throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        IndexBuilder b = new IndexBuilder(new IndexLayout(INDEX), 1, null);
        b.setExtraCommitData(Map.of(DemoCommand.MARKER, "true"));
        b.ingest((sink, report) -> {
            for (PageRecord p : ApiFixture.pages()) {
                sink.page(p);
                report.pageRead();
            }
        });
    }

    /** The JSON document a command printed (start-up log lines of the test launcher may precede it). */
    private static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        return JSON.readTree(out.substring(out.startsWith("{") ? 0 : out.indexOf("\n{") + 1));
    }

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    /** The result URLs of the section that starts with {@code heading}, and how many of them have a why line. */
    static List<String> urls(String out, String heading, int[] withWhy) {
        int at = out.indexOf(heading);
        assertTrue(at >= 0, "no section '" + heading + "' in:\n" + out);
        int end = out.indexOf("\n===", at + heading.length());
        String[] lines = out.substring(at, end < 0 ? out.length() : end).split("\n");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches(" *\\d+\\. .* score +-?[0-9.]+ +authority .*")) {
                urls.add(lines[i + 1].strip());
                if (lines[i + 2].strip().startsWith("why: ") && lines[i + 2].length() > 12) {
                    withWhy[0]++;
                }
            }
        }
        return urls;
    }

    @Test
    @Order(1)
    void demoRebuildsAnOlderSampleAndShowsTenSitesForTheSoftwarePost(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("demo", "--index", INDEX.toString(), "--example", "1");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("is from an older sample; rebuilding it"), all(r));
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(INDEX))) {
            assertEquals(DemoCommand.SAMPLE_VERSION, idx.commitData().get(DemoCommand.MARKER));
        }
        String out = r.getOutput();
        assertTrue(out.contains("##### Example 1 of 2: example-software-post.md"), out);
        assertFalse(out.contains("Example 2 of 2"), out);
        int[] why = {0};
        List<String> sites = urls(out, "=== Sites most likely to link to example 1 ===", why);
        Set<String> domains = new LinkedHashSet<>();
        for (String u : sites) {
            assertFalse(u.contains("oceanwatch.org"), "a page of the older index survived: " + u);
            domains.add(Domains.registrableDomain(u));
        }
        assertEquals(10, sites.size(), out);
        assertEquals(10, domains.size(), "distinct sites in the site view: " + domains);
        assertEquals(10, why[0], "every site has a why card:\n" + out);
        assertTrue(out.contains("=== Pages most likely to link to example 1 ==="), out);
    }

    @Test
    @Order(2)
    void demoShowsBothExamplesByDefaultAndRejectsAnUnknownOne(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("demo", "--index", INDEX.toString(), "--top", "3");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("using the sample index at " + INDEX), all(r));
        String out = r.getOutput();
        assertTrue(out.indexOf("##### Example 1 of 2: example-software-post.md") < out.indexOf(
                "##### Example 2 of 2: example-article.md"), out);
        int[] why = {0};
        assertEquals(3, urls(out, "=== Sites most likely to link to example 2 ===", why).size(), out);
        assertEquals(3, urls(out, "=== Pages most likely to link to example 2 ===", why).size(), out);

        LaunchResult bad = launcher.launch("demo", "--index", INDEX.toString(), "--example", "3");
        assertEquals(2, bad.exitCode(), all(bad));
        assertTrue(bad.getErrorOutput().contains("error: --example must be 1 or 2 (got 3)"), all(bad));
    }

    /** The sample's blogs that publish guest posts (bylines and "guest post" wording in real posts). */
    @Test
    @Order(3)
    void guestPostTargetsOnTheSampleForTheSoftwarePost(QuarkusMainLauncher launcher) throws Exception {
        Path post = WORK.resolve("example-software-post.md");
        Files.writeString(post, DemoCommand.resource(DemoCommand.SAMPLE + "example-software-post.md"));
        LaunchResult r = launcher.launch("guest-posts", "--index", INDEX.toString(), "--content", post.toString(),
                "--top", "10");
        assertEquals(0, r.exitCode(), all(r));
        String out = r.getOutput();
        assertTrue(out.contains("3 sites in the index take guest posts; 3 fit your content"), out);
        assertTrue(out.indexOf("pyodide.org") < out.indexOf("swift.org") && out.indexOf("swift.org") < out.indexOf(
                "grpc.io"), out);
        assertTrue(out.contains("\"In this guest post we'll tell you about our free educational tool, Pandas Tutor"),
                out);
    }

    @Test
    @Order(4)
    void shortlistOnTheSampleAddsTwentySitesForTheSoftwarePost(QuarkusMainLauncher launcher) throws Exception {
        try (Connection c = DriverManager.getConnection(MigrationsTest.URL, MigrationsTest.USER,
                MigrationsTest.PASSWORD); Statement s = c.createStatement()) {
            s.execute("truncate table prospect_status_change, prospect, exclusion, campaign restart identity cascade");
        }
        Path post = WORK.resolve("example-software-post.md");
        Files.writeString(post, DemoCommand.resource(DemoCommand.SAMPLE + "example-software-post.md"));
        LaunchResult created = launcher.launch("campaign", "create", "--name", "Rust CLI", "--target-domain",
                "this-week-in-rust.org", "--content", post.toString());
        assertEquals(0, created.exitCode(), all(created));
        long id = json(created).get("id").asLong();
        LaunchResult sl = launcher.launch("campaign", "shortlist", String.valueOf(id), "--index", INDEX.toString(),
                "--format", "json");
        assertEquals(0, sl.exitCode(), all(sl));
        JsonNode res = json(sl);
        Set<String> domains = new LinkedHashSet<>();
        for (JsonNode p : res.get("added")) {
            domains.add(p.get("domain").asText());
            assertFalse(p.get("reasons").asText().isBlank(), p.toString());
        }
        assertEquals(res.get("added").size(), domains.size(), "one prospect per domain: " + domains);
        assertTrue(domains.size() >= 20, domains.size() + " prospects: " + domains);
        assertFalse(domains.contains("this-week-in-rust.org"), "the campaign's own site is never suggested");
    }
}
