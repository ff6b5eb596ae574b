package io.linkscout.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.error.UserException;
import io.linkscout.eval.SampleIndex;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import io.linkscout.graph.RankEngine;
import io.linkscout.graph.TrustRank;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.GraphRecomputeTest;
import io.linkscout.quality.TrustSeeds;
import io.linkscout.site.GraphRecompute;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the in-process PageRank family: the job built by {@code ./mvnw} into
 * {@code target/spark/}, run in {@code local[2]} and on a real standalone master + worker started from the same jars;
 * hand-computed graphs, the bundled sample's domain graph, the {@code graph} recomputation, and a job killed
 * part-way. (Slow-ish: every Spark job starts a JVM and runs one small Spark job per iteration.)
 */
class SparkRankEngineTest {

    static final double D = 0.85;

    static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        home = SparkRankEngine.locateHome(null);
    }

    static SparkRankEngine engine(String master) {
        return new SparkRankEngine(home, master, Duration.ofMinutes(30), "1g", 2, null);
    }

    /** Every ranking a build asks for: plain, TrustRank-style teleport, blocked nodes, nofollow passing. */
    static List<RankEngine.Request> requests(LinkGraph g) {
        int n = g.nodeCount();
        double[] seeds = new double[n];
        boolean[] blocked = new boolean[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = i % 5 == 0 ? 1 : 0;
            blocked[i] = i % 7 == 3;
        }
        return List.of(new RankEngine.Request("pagerank", D, null, false, null, 1e-10, 200),
                new RankEngine.Request("trust", D, seeds, false, null, TrustRank.TOLERANCE, TrustRank.MAX_ITERATIONS),
                new RankEngine.Request("blocked", D, null, false, blocked, 1e-10, 200),
                new RankEngine.Request("pass-all", D, null, true, null, 1e-9, 100));
    }

    static void assertSame(LinkGraph g, List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(g.nodeCount(), actual.get(k).length);
            assertArrayEquals(expected.get(k), actual.get(k), 1e-9, "ranking " + k);
        }
    }

    @Test
    void handComputedGraphsInLocalMode() {
        // a -> b, a -> c, b -> c, c dangling (PageRankTest's hand-computed case), and a 3-cycle with a nofollow
        // side edge: one job, two graphs in turn
        LinkGraph dangling = new LinkGraphBuilder().edge("a", "b", true).edge("a", "c", true).edge("b", "c", true)
                .build();
        double ra = 1 / (1 + (1 + D / 2) + (1 + D / 2 + D * (1 + D / 2)));
        List<double[]> r = engine("local[2]").compute(dangling, List.of(
                new RankEngine.Request("exact", D, null, false, null, 1e-14, 1000)));
        assertArrayEquals(new double[] {ra, ra * (1 + D / 2), ra * (1 + D / 2 + D * (1 + D / 2))}, r.get(0), 1e-12);

        LinkGraph cycle = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).edge("c", "a", true)
                .edge("a", "c", false).build();
        List<RankEngine.Request> cycleRequests = List.of(
                new RankEngine.Request("cycle", D, null, false, null, 1e-14, 1000),
                // TrustRank seeded on a alone: exactly 0 nowhere (a cycle), and the same as in-process
                new RankEngine.Request("seeded", D, new double[] {1, 0, 0}, false, null, 1e-14, 1000),
                // b blocked: b passes nothing, its rank jumps back to the teleport (uniform)
                new RankEngine.Request("blocked", D, null, false, new boolean[] {false, true, false}, 1e-14, 1000));
        // with referring domains and the spam mass of "cycle" against the TrustRank "seeded" (γ = 0.8)
        RankEngine.Derived derived = new RankEngine.Derived(true, new RankEngine.SpamMassOf("cycle", "seeded", 0.8));
        RankEngine.Result s = engine("local[2]").compute(cycle, cycleRequests, derived);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, s.ranks().get(0), 1e-12);
        RankEngine.Result inProcess = RankEngine.IN_PROCESS.compute(cycle, cycleRequests, derived);
        assertSame(cycle, inProcess, s);
        // by hand: a <- c; b <- a; c <- a (nofollow counts), b
        assertArrayEquals(new int[] {1, 1, 2}, s.referrers());
        // TrustRank from a: t_a = (1-d) + d·t_c (a's nofollow edge passes nothing), t_b = d·t_a, t_c = d·t_b, so
        // t_a = (1-d)/(1-d³); PageRank 1/3 each; spam mass 1 - 0.8·t/(1/3)
        double ta = (1 - D) / (1 - D * D * D);
        assertArrayEquals(new double[] {1 - 2.4 * ta, 1 - 2.4 * D * ta, 1 - 2.4 * D * D * ta}, s.spamMass(), 1e-12);
        // an all-zero teleport vector gives all zeros, as in-process; on a hand-made graph with a self-link
        // (b -> b), which is no referrer in either engine
        LinkGraph selfLink = new LinkGraph(new String[] {"a", "b", "c"}, new int[] {0, 2, 4, 5},
                new int[] {1, 2, 1, 2, 0}, new int[] {1, 1, 1, 1, 1},
                new byte[] {0, LinkGraph.UNFOLLOWED, 0, 0, 0});
        List<RankEngine.Request> none = List.of(new RankEngine.Request("none", D, new double[3], false, null, 1e-10,
                200));
        RankEngine.Result z = engine("local[2]").compute(selfLink, none, new RankEngine.Derived(true, null));
        assertArrayEquals(new double[3], z.ranks().get(0), 0);
        assertArrayEquals(new int[] {1, 1, 2}, z.referrers());
        assertArrayEquals(RankEngine.IN_PROCESS.compute(selfLink, none, new RankEngine.Derived(true, null))
                .referrers(), z.referrers());
        assertEquals(null, z.spamMass());
    }

    /** The same rankings within 1e-9, the same referrers exactly, the same spam mass within 1e-9. */
    static void assertSame(LinkGraph g, RankEngine.Result expected, RankEngine.Result actual) {
        assertSame(g, expected.ranks(), actual.ranks());
        assertArrayEquals(expected.referrers(), actual.referrers(), "referrers");
        if (expected.spamMass() == null) {
            assertEquals(null, actual.spamMass());
        } else {
            assertArrayEquals(expected.spamMass(), actual.spamMass(), 1e-9, "spam mass");
        }
    }

    @Test
    void sampleGraphLocalAndOnAStandaloneCluster() throws Exception {
        IndexLayout layout = new IndexLayout(Path.of("target", "test-spark-sample").toAbsolutePath());
        SampleIndex.ensure(layout, AuthorityConfig.DEFAULTS, m -> { });
        LinkGraph domains;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            domains = idx.domainGraph();
        }
        assertTrue(domains.nodeCount() > 1000, "the sample's domain graph");
        double[] seeds = TrustRank.seedVector(domains, TrustSeeds.effective(domains, TrustSeeds.bundled(),
                TrustSeeds.bundledFallback()));
        RankEngine.Request pageRank = new RankEngine.Request("pagerank", D, null, false, null, 1e-10, 200);
        RankEngine.Request trustRank = new RankEngine.Request("trustrank", D, seeds, false, null, TrustRank.TOLERANCE,
                TrustRank.MAX_ITERATIONS);
        List<RankEngine.Request> local = List.of(pageRank, trustRank, requests(domains).get(2),
                requests(domains).get(3));
        // referring domains and spam mass as DomainAnalysis asks for them
        RankEngine.Derived derived = new RankEngine.Derived(true, new RankEngine.SpamMassOf("pagerank", "trustrank",
                AuthorityConfig.DEFAULTS.goodFraction()));
        RankEngine.Result inProcess = RankEngine.IN_PROCESS.compute(domains, local, derived);
        RankEngine.Result spark = engine("local[2]").compute(domains, local, derived);
        assertSame(domains, inProcess, spark);
        // referring domains as DomainAnalysis counted them before (the transpose's out-degree), and not all zero
        LinkGraph transposed = domains.transpose();
        int linked = 0;
        for (int x = 0; x < domains.nodeCount(); x++) {
            assertEquals(transposed.outDegree(x), spark.referrers()[x], domains.name(x));
            linked += spark.referrers()[x] > 0 ? 1 : 0;
        }
        assertTrue(linked > 100, linked + " linked domains");
        assertTrue(java.util.Arrays.stream(spark.spamMass()).anyMatch(m -> m > 0.5)
                && java.util.Arrays.stream(spark.spamMass()).anyMatch(m -> m < 0.5), "spam mass spread");

        try (Cluster cluster = Cluster.start(tmp)) {
            List<RankEngine.Request> onCluster = List.of(pageRank, trustRank);
            assertSame(domains, RankEngine.IN_PROCESS.compute(domains, onCluster, derived),
                    engine(cluster.master).compute(domains, onCluster, derived));
        }
    }

    @Test
    void graphCommandOnSparkStoresTheInProcessFigures() throws Exception {
        IndexLayout layout = new IndexLayout(ApiFixture.build(tmp.resolve("idx")));
        Map<String, List<String>> inProcess = GraphRecomputeTest.snapshot(layout);
        GraphRecompute.run(layout, 1, 3, AuthorityConfig.DEFAULTS, engine("local[2]"), IndexBuilder.Progress.NONE,
                () -> { });
        Map<String, List<String>> spark = GraphRecomputeTest.snapshot(layout);
        assertEquals(inProcess.keySet(), spark.keySet());
        // referring domains are among the figures compared, and some site has them
        assertTrue(spark.values().stream()
                .anyMatch(v -> v.stream().anyMatch(f -> f.matches("ref_domains=[1-9]\\d*"))), spark.toString());
        for (String doc : inProcess.keySet()) {
            List<String> a = inProcess.get(doc);
            List<String> b = spark.get(doc);
            for (int i = 0; i < a.size(); i++) {
                assertSameField(doc, a.get(i), b.get(i));
            }
        }
    }

    /** {@code field=value}: numbers within 1e-9, anything else (flags, JSON) exactly. */
    static void assertSameField(String doc, String a, String b) {
        String va = a.substring(a.indexOf('=') + 1);
        String vb = b.substring(b.indexOf('=') + 1);
        try {
            assertEquals(Double.parseDouble(va), Double.parseDouble(vb), 1e-9, doc + " " + a);
        } catch (NumberFormatException notANumber) {
            assertEquals(a, b, doc);
        }
    }

    @Test
    void aKilledJobLeavesThePreviousScores() throws Exception {
        IndexLayout layout = new IndexLayout(ApiFixture.build(tmp.resolve("idx")));
        Map<String, List<String>> before = GraphRecomputeTest.snapshot(layout);
        String builtAt;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            builtAt = idx.commitData().get(IndexFields.COMMIT_BUILT_AT);
        }
        // a job given one second is killed by the engine part-way (a Spark JVM alone takes longer to start)
        SparkRankEngine impatient = new SparkRankEngine(home, "local[2]", Duration.ofSeconds(1), "1g", 2, null);
        UserException e = assertThrows(UserException.class, () -> GraphRecompute.run(layout, 1, 3,
                AuthorityConfig.DEFAULTS, impatient, IndexBuilder.Progress.NONE, () -> { }));
        assertTrue(e.getMessage().startsWith("the Spark job did not finish within 1 s (master local[2]); nothing was "
                + "stored."), e.getMessage());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(builtAt, idx.commitData().get(IndexFields.COMMIT_BUILT_AT));
        }
        assertEquals(before, GraphRecomputeTest.snapshot(layout));
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        assertEquals("--master must be local, local[N], local[*] or spark://host:port, got 'yarn'",
                assertThrows(UserException.class, () -> engine("yarn")).getMessage());
        assertEquals("Spark driver memory must look like 512m or 2g, got 'lots'", assertThrows(UserException.class,
                () -> new SparkRankEngine(home, "local[2]", Duration.ofMinutes(1), "lots", 0, null)).getMessage());
        UserException e = assertThrows(UserException.class, () -> SparkRankEngine.locateHome(tmp.toString()));
        assertEquals("linkscout.spark.home=" + tmp + " holds no linkscout-spark-job.jar; point it at the "
                + "target/spark directory that ./mvnw package builds", e.getMessage());
    }

    /** A real standalone Spark master and one worker (2 cores, 1 GB) on 127.0.0.1, from the job's jars. */
    record Cluster(String master, Process masterProcess, Process workerProcess) implements AutoCloseable {

        static Cluster start(Path dir) throws Exception {
            int port = freePort();
            List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            java.addAll(engine("local[2]").jvmOptions());
            java.addAll(List.of("-Xmx512m", "-cp", home.resolve("jars") + "/*"));
            List<String> m = new ArrayList<>(java);
            m.addAll(List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", Integer.toString(freePort())));
            Process master = spawn(m, dir.resolve("master.log"));
            String url = "spark://127.0.0.1:" + port;
            List<String> w = new ArrayList<>(java);
            w.addAll(List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                    "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                    dir.resolve("work").toString(), url));
            Process worker = spawn(w, dir.resolve("worker.log"));
            Cluster c = new Cluster(url, master, worker);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(dir.resolve("master.log"), StandardCharsets.UTF_8)
                    .contains("Registering worker")) {
                if (System.nanoTime() > deadline || !worker.isAlive() || !master.isAlive()) {
                    c.close();
                    throw new IllegalStateException("the standalone cluster did not start:\n"
                            + Files.readString(dir.resolve("master.log")) + Files.readString(dir.resolve("worker.log")));
                }
                Thread.sleep(200);
            }
            return c;
        }

        private static Process spawn(List<String> cmd, Path log) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(SparkRankEngine.sparkEnvironment(home));
            return pb.start();
        }

        @Override
        public void close() throws InterruptedException {
            for (Process p : List.of(workerProcess, masterProcess)) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
