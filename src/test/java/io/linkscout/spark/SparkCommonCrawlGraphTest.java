package io.linkscout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.graph.RankEngine;
import io.linkscout.ingest.CommonCrawlGraph;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc-graph --engine spark}: the host→domain join, the domain links and the ranking all on Spark
 * ({@code CcGraphJob}) give the CSV, the counts and the skip report of the in-process {@link CommonCrawlGraph} — on
 * the Common Crawl fixture (src/test/resources/ccgraph) and on a generated host graph (seed {@value #SEED}: several
 * vertex and edge files, gzip and plain, public and private suffixes, a repeated vertex id, bad names, malformed lines,
 * edges to unknown vertices, more problems than are listed), in {@code local[2]} and on a real standalone master +
 * worker ({@link SparkRankEngineTest.Cluster}); and a job killed part-way leaves the previous CSV.
 */
class SparkCommonCrawlGraphTest {

    static final long SEED = 18;

    static final double D = 0.85;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        SparkRankEngineTest.built();
    }

    private Path fixture(String name) throws Exception {
        Path f = tmp.resolve(name);
        try (InputStream in = SparkCommonCrawlGraphTest.class.getResourceAsStream("/ccgraph/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    /** Both paths on the same input: the same summary, and the same CSV rows (scores within 1e-9). */
    private void assertSameAsInProcess(SparkRankEngine engine, List<Path> vertices, List<Path> edges, String name)
            throws Exception {
        Path expectedCsv = tmp.resolve(name + "-in-process.csv");
        Path actualCsv = tmp.resolve(name + "-spark.csv");
        CommonCrawlGraph.Summary expected = CommonCrawlGraph.read(vertices, edges).rankAndWrite(RankEngine.IN_PROCESS,
                D, expectedCsv, 3);
        CommonCrawlGraph.Summary actual = SparkCommonCrawlGraph.rankAndWrite(engine, vertices, edges, D, actualCsv, 3);
        assertEquals(expected.stats(), actual.stats());
        assertEquals(expected.domains(), actual.domains());
        assertEquals(expected.domainLinks(), actual.domainLinks());
        List<String> a = Files.readAllLines(expectedCsv, StandardCharsets.UTF_8);
        List<String> b = Files.readAllLines(actualCsv, StandardCharsets.UTF_8);
        assertEquals(expected.domains() + 1, a.size());
        assertEquals(a.size(), b.size());
        assertEquals(a.get(0), b.get(0));
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals(x[0], y[0], "domain of row " + i);
            assertEquals(x[1], y[1], "rank of " + x[0]);
            assertEquals(Double.parseDouble(x[2]), Double.parseDouble(y[2]), 1e-9, "pagerank of " + x[0]);
            assertEquals(Double.parseDouble(x[3]), Double.parseDouble(y[3]), 1e-9, "authority of " + x[0]);
            assertEquals(x[4], y[4], "hosts of " + x[0]);
            assertEquals(x[5], y[5], "referring domains of " + x[0]);
        }
        assertEquals(expected.top().size(), actual.top().size());
        for (int i = 0; i < expected.top().size(); i++) {
            assertEquals(expected.top().get(i).domain(), actual.top().get(i).domain());
        }
    }

    @Test
    void theFixtureAndAGeneratedGraphInLocalMode() throws Exception {
        Path v = fixture("host-vertices.txt.gz");
        Path e = fixture("host-edges.txt.gz");
        SparkRankEngine local = SparkRankEngineTest.engine("local[2]");
        assertSameAsInProcess(local, List.of(v), List.of(e), "fixture");
        // the fixture's figures, by hand in CommonCrawlGraphTest: a.com 0.40923 first, d.co.uk 0.0375 last
        List<String> csv = Files.readAllLines(tmp.resolve("fixture-spark.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.get(1).startsWith("a.com,1,0.40922678"), csv.get(1));
        assertTrue(csv.get(4).startsWith("d.co.uk,4,0.0375"), csv.get(4));

        Generated g = generate(tmp.resolve("gen"));
        assertSameAsInProcess(local, g.vertices, g.edges, "generated");
        CommonCrawlGraph.Stats s = CommonCrawlGraph.read(g.vertices, g.edges).stats();
        // what the generator planted is what both report
        assertEquals(3, s.skippedVertices());
        assertEquals(27, s.skippedEdges());
        assertEquals(30, s.problemCount());
        assertEquals(CommonCrawlGraph.MAX_PROBLEMS, s.problems().size());
        assertTrue(s.problems().get(0).endsWith("vertices-2.txt:2: vertex id 7 appears twice (the first is kept)"),
                s.problems().toString());
        assertTrue(s.problems().get(3).endsWith("edges-1.txt:9: vertex 409 is not in the vertex files (or was "
                + "skipped)"), s.problems().toString());
    }

    @Test
    void aGeneratedGraphOnAStandaloneCluster() throws Exception {
        Generated g = generate(tmp.resolve("gen"));
        try (SparkRankEngineTest.Cluster cluster = SparkRankEngineTest.Cluster.start(tmp)) {
            assertSameAsInProcess(SparkRankEngineTest.engine(cluster.master()), g.vertices, g.edges, "cluster");
        }
    }

    @Test
    void aKilledJobLeavesThePreviousCsv() throws Exception {
        Path out = tmp.resolve("cc-authority.csv");
        Files.writeString(out, "domain,cc_rank\nprevious.com,1\n");
        // a job given one second is killed by the engine part-way (a Spark JVM alone takes longer to start)
        SparkRankEngine impatient = new SparkRankEngine(SparkRankEngineTest.home, "local[2]", Duration.ofSeconds(1),
                "1g", 2, null);
        UserException e = assertThrows(UserException.class, () -> SparkCommonCrawlGraph.rankAndWrite(impatient,
                List.of(fixture("host-vertices.txt.gz")), List.of(fixture("host-edges.txt.gz")), D, out, 3));
        assertTrue(e.getMessage().startsWith("the Spark job did not finish within 1 s (master local[2]); nothing was "
                + "stored."), e.getMessage());
        assertEquals("domain,cc_rank\nprevious.com,1\n", Files.readString(out));
        // bad input is refused before any job starts, as in-process
        Path missing = tmp.resolve("nope.txt.gz");
        e = assertThrows(UserException.class, () -> SparkCommonCrawlGraph.rankAndWrite(impatient, List.of(missing),
                List.of(out), D, out, 3));
        assertEquals("graph file not found: " + missing + " (check the path)", e.getMessage());
        e = assertThrows(UserException.class, () -> SparkCommonCrawlGraph.rankAndWrite(impatient, List.of(out),
                List.of(out), D, tmp.resolve("no-such-folder").resolve("x.csv"), 3));
        assertTrue(e.getMessage().contains("no-such-folder does not exist"), e.getMessage());
    }

    record Generated(List<Path> vertices, List<Path> edges) {
    }

    /**
     * A host graph of 400 hosts on 120 domains (seed {@value #SEED}) in two vertex files (gzip, plain) and two edge
     * files (plain, gzip): 3 bad vertex lines (a bad name, a line without a name, vertex id 7 again), 2 malformed edge
     * lines and 25 edges to vertices not in the files, blank lines.
     */
    static Generated generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random rnd = new Random(SEED);
        String[] suffixes = {"com", "org", "uk.co", "de", "io.github", "net"};
        String[] prefixes = {"www", "blog", "shop", "news", ""};
        int hosts = 400;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            int domain = rnd.nextInt(120);
            String prefix = prefixes[rnd.nextInt(prefixes.length)];
            names.add(suffixes[domain % suffixes.length] + ".site" + domain + (prefix.isEmpty() ? "" : "." + prefix));
        }
        StringBuilder v1 = new StringBuilder();
        StringBuilder v2 = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            (i < hosts / 2 ? v1 : v2).append(i).append('\t').append(names.get(i)).append('\n');
            if (i == 100) {
                v1.append('\n');
            }
            if (i == hosts / 2) {
                v2.append("7\tcom.elsewhere.www\n").append(hosts).append("\tcom..bad\n");
            }
        }
        v2.append(hosts + 1).append('\n');
        StringBuilder e1 = new StringBuilder();
        StringBuilder e2 = new StringBuilder();
        for (int k = 0; k < 3000; k++) {
            int from = rnd.nextInt(hosts);
            // a skewed target: a few hosts gather most links
            int to = rnd.nextInt(4) == 0 ? rnd.nextInt(hosts) : rnd.nextInt(hosts / 10);
            (k < 1500 ? e1 : e2).append(from).append('\t').append(to).append('\n');
            if (k % 120 == 7) {
                (k < 1500 ? e1 : e2).append(k % 240 == 7 ? from : hosts + 2 + k).append('\t')
                        .append(k % 240 == 7 ? hosts + 2 + k : to).append('\n');
            }
            if (k == 10) {
                e1.append("x\ty\n\n");
            }
        }
        e2.append("12\n");
        Path vf1 = dir.resolve("vertices-1.txt.gz");
        Path vf2 = dir.resolve("vertices-2.txt");
        Path ef1 = dir.resolve("edges-1.txt");
        Path ef2 = dir.resolve("edges-2.txt.gz");
        gzip(vf1, v1);
        Files.writeString(vf2, v2, StandardCharsets.UTF_8);
        Files.writeString(ef1, e1, StandardCharsets.UTF_8);
        gzip(ef2, e2);
        return new Generated(List.of(vf1, vf2), List.of(ef1, ef2));
    }

    private static void gzip(Path f, CharSequence text) throws Exception {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f));
                Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8)) {
            w.append(text);
        }
    }
}
