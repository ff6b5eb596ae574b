package io.linkscout.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrustAndHarmonicTest {

    @Test
    void trustRankIsZeroWhereSeedsCannotReach() {
        // seed s -> a -> b ; c -> d (unreachable from s) ; e isolated
        LinkGraph g = new LinkGraphBuilder().edge("s", "a", true).edge("a", "b", true).edge("c", "d", true)
                .node("e").build();
        double[] sv = TrustRank.seedVector(g, List.of("s", "not-in-graph"));
        double[] t = TrustRank.compute(g, sv, 0.85, false, null);
        assertEquals(1.0, Arrays.stream(t).sum(), 1e-9);
        assertEquals(0.0, t[g.node("c")]);
        assertEquals(0.0, t[g.node("d")]);
        assertEquals(0.0, t[g.node("e")]);
        // hand-computed: dangling b jumps back to s, so s = 0.15 + 0.85*b, a = 0.85*s, b = 0.85*a
        double d = 0.85;
        double s = 1 / (1 + d + d * d);
        assertEquals(s, t[g.node("s")], 1e-9);
        assertEquals(d * s, t[g.node("a")], 1e-9);
        assertEquals(d * d * s, t[g.node("b")], 1e-9);
    }

    @Test
    void spamMassIsTheUntrustedShareOfPageRank() {
        LinkGraph g = new LinkGraphBuilder().edge("s", "a", true).edge("c", "a", true).edge("c", "d", true).build();
        double[] sv = TrustRank.seedVector(g, List.of("s"));
        double[] p = PageRank.compute(g, 0.85, null, false, null, 1e-12, 500);
        double[] t = TrustRank.compute(g, sv, 0.85, false, null);
        double[] core = TrustRank.coreRank(t, 0.8);
        double[] m = TrustRank.relativeSpamMass(p, core);
        assertEquals(1.0, m[g.node("d")], 1e-12); // only the untrusted c links to d
        assertTrue(m[g.node("a")] > 0 && m[g.node("a")] < 1, "a is fed by both the seed and c");
        assertEquals(0.8 * t[g.node("s")], core[g.node("s")], 1e-12); // p+ = γ t
    }

    @Test
    void spamMassArithmeticByHand() {
        // p = 0.2, t = 0.1, γ = 0.8: p+ = 0.08, m = (0.2 - 0.08) / 0.2 = 0.6
        assertEquals(0.08, SpamMass.core(0.1, 0.8), 1e-15);
        assertEquals(0.6, SpamMass.of(0.2, 0.1, 0.8), 1e-15);
        // clamped to [-1, 1]: a node the core gives three times its PageRank; no rank at all gives 0
        assertEquals(-1.0, SpamMass.of(0.1, 0.5, 0.8));
        assertEquals(0.0, SpamMass.of(0.0, 0.3, 0.8));
        assertEquals(1.0, SpamMass.relative(0.3, -1));
        // the array forms are the per-node ones
        assertArrayEquals(new double[] {0.6, -1, 0}, TrustRank.relativeSpamMass(new double[] {0.2, 0.1, 0},
                TrustRank.coreRank(new double[] {0.1, 0.5, 0.3}, 0.8)), 1e-15);
    }

    @Test
    void nofollowPassesNoTrust() {
        LinkGraph g = new LinkGraphBuilder().edge("s", "a", false).build();
        double[] t = TrustRank.compute(g, TrustRank.seedVector(g, List.of("s")), 0.85, false, null);
        assertEquals(0.0, t[g.node("a")]);
        assertEquals(1.0, t[g.node("s")], 1e-12);
    }

    @Test
    void pageRankIsUnchangedWhenNodeIdsArePermuted() {
        Random rnd = new Random(7);
        int n = 40;
        int[][] edges = new int[200][];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = new int[] {rnd.nextInt(n), rnd.nextInt(n), rnd.nextInt(5) == 0 ? 0 : 1};
        }
        // the same graph under two namings whose sort orders differ: ids are a permutation of each other
        LinkGraphBuilder b1 = new LinkGraphBuilder();
        LinkGraphBuilder b2 = new LinkGraphBuilder();
        for (int i = 0; i < n; i++) {
            b1.node(String.format("n%03d", i));
            b2.node(String.format("m%03d", (i * 17) % n));
        }
        for (int[] e : edges) {
            b1.edge(String.format("n%03d", e[0]), String.format("n%03d", e[1]), e[2] == 1);
            b2.edge(String.format("m%03d", (e[0] * 17) % n), String.format("m%03d", (e[1] * 17) % n), e[2] == 1);
        }
        LinkGraph g1 = b1.build();
        LinkGraph g2 = b2.build();
        double[] r1 = PageRank.compute(g1, 0.85, 1e-13, 1000);
        double[] r2 = PageRank.compute(g2, 0.85, 1e-13, 1000);
        double[] h1 = HarmonicCentrality.compute(g1, false);
        double[] h2 = HarmonicCentrality.compute(g2, false);
        assertEquals(1.0, Arrays.stream(r1).sum(), 1e-9);
        for (int i = 0; i < n; i++) {
            int j = g2.node(String.format("m%03d", (i * 17) % n));
            assertEquals(r1[g1.node(String.format("n%03d", i))], r2[j], 1e-12);
            assertEquals(h1[g1.node(String.format("n%03d", i))], h2[j], 1e-12);
        }
    }

    @Test
    void harmonicCentralityOfAPathAndACycle() {
        // a -> b -> c, and c -> d nofollow (passes nothing)
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).edge("c", "d", false).build();
        double[] h = HarmonicCentrality.compute(g, false);
        assertArrayEquals(new double[] {0, 1, 1.5, 0}, h, 1e-12);
        assertArrayEquals(new double[] {0, 1, 1.5, 1 + 0.5 + 1 / 3.0}, HarmonicCentrality.compute(g, true), 1e-12);
        // 3-cycle: every node has one node at distance 1 and one at distance 2
        LinkGraph c = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).edge("c", "a", true).build();
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, HarmonicCentrality.compute(c, false), 1e-12);
    }

    @Test
    void hyperBallApproximatesTheExactValues() {
        Random rnd = new Random(3);
        LinkGraphBuilder b = new LinkGraphBuilder();
        for (int i = 0; i < 300; i++) {
            b.edge("n" + rnd.nextInt(300), "n" + rnd.nextInt(300), true);
        }
        WebGraphView v = WebGraphView.of(b.build(), false);
        double[] exact = HarmonicCentrality.exact(v);
        double[] approx = HarmonicCentrality.approximate(v, 10, 42, 1);
        double se = 0;
        double sa = 0;
        for (int i = 0; i < exact.length; i++) {
            se += exact[i];
            sa += approx[i];
        }
        // log2m = 10: relative standard deviation about 3%; the sum over 300 nodes is far tighter
        assertEquals(se, sa, 0.05 * se);
        assertArrayEquals(approx, HarmonicCentrality.approximate(v, 10, 42, 1), 0.0, "seeded: same result");
    }

    /**
     * The 64-at-a-time exact computation equals one plain breadth-first search per source, bit for bit, on random
     * graphs of 1–300 nodes (more than one batch of 64), chains (one level per node) and stars.
     */
    @Test
    void exactEqualsOneSearchPerSourceBitForBit() {
        Random rnd = new Random(20261206L);
        for (int round = 0; round < 40; round++) {
            int n = 1 + rnd.nextInt(300);
            int m = rnd.nextInt(4 * n + 1);
            int[][] edges = new int[m][];
            for (int k = 0; k < m; k++) {
                edges[k] = new int[] {rnd.nextInt(n), rnd.nextInt(n)};
            }
            check(n, edges);
        }
        int[][] chain = new int[199][];
        int[][] star = new int[199][];
        for (int k = 0; k < 199; k++) {
            chain[k] = new int[] {k, k + 1};
            star[k] = new int[] {k + 1, 0};
        }
        check(200, chain);
        check(200, star);
    }

    private static void check(int n, int[][] edges) {
        LinkGraphBuilder b = new LinkGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.node(String.format("n%04d", i));
        }
        for (int[] e : edges) {
            b.edge(String.format("n%04d", e[0]), String.format("n%04d", e[1]), true);
        }
        WebGraphView v = WebGraphView.of(b.build(), false);
        assertArrayEquals(oneSearchPerSource(v), HarmonicCentrality.exact(v), 0.0);
    }

    /** The reference: a breadth-first search from each node on the transpose, summing 1/distance in queue order. */
    private static double[] oneSearchPerSource(WebGraphView g) {
        int n = g.numNodes();
        WebGraphView t = g.transpose();
        double[] h = new double[n];
        for (int x = 0; x < n; x++) {
            int[] dist = new int[n];
            Arrays.fill(dist, -1);
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            queue[tail++] = x;
            dist[x] = 0;
            while (head < tail) {
                int u = queue[head++];
                for (int e = t.offsets()[u]; e < t.offsets()[u + 1]; e++) {
                    int y = t.targets()[e];
                    if (dist[y] < 0) {
                        dist[y] = dist[u] + 1;
                        h[x] += 1.0 / dist[y];
                        queue[tail++] = y;
                    }
                }
            }
        }
        return h;
    }
}
