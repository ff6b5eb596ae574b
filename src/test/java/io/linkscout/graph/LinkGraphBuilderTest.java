package io.linkscout.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LinkGraphBuilderTest {

    @Test
    void parallelLinksCollapseSelfLoopsDropAndNamesAreSorted() {
        LinkGraphBuilder b = new LinkGraphBuilder();
        b.node("z");
        b.edge("c", "a", false);
        b.edge("c", "a", true);
        b.edge("c", "b", false);
        b.edge("c", "b", false);
        b.edge("c", "b", false);
        b.edge("b", "b", true);
        b.edge(b.number("a"), b.number("c"), true);
        LinkGraph g = b.build();
        assertEquals(4, g.nodeCount());
        assertEquals(List.of("a", "b", "c", "z"), List.of(g.name(0), g.name(1), g.name(2), g.name(3)));
        assertArrayEquals(new int[] {2}, g.successors(0));
        assertArrayEquals(new int[] {}, g.successors(1)); // the self-loop is dropped
        assertArrayEquals(new int[] {0, 1}, g.successors(2));
        assertArrayEquals(new int[] {}, g.successors(3));
        int ca = g.edgeStart(2);
        assertEquals(2, g.weight(ca));
        assertTrue(g.followed(ca)); // followed: one of its two links is
        assertEquals(3, g.weight(ca + 1));
        assertFalse(g.followed(ca + 1)); // unfollowed: all three are
        assertEquals(3, g.edgeCount());
    }

    /** Against a plain map of maps on random graphs: same nodes, edges, weights and flags. */
    @Test
    void sameGraphAsAMapOfMaps() {
        Random rnd = new Random(20261206L);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(30);
            LinkGraphBuilder b = new LinkGraphBuilder();
            TreeSet<String> names = new TreeSet<>();
            TreeMap<String, TreeMap<String, int[]>> edges = new TreeMap<>();
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pool.add("n" + rnd.nextInt(1000));
            }
            for (int k = rnd.nextInt(200); k > 0; k--) {
                String f = pool.get(rnd.nextInt(n));
                String t = pool.get(rnd.nextInt(n));
                boolean followed = rnd.nextBoolean();
                b.edge(f, t, followed);
                names.add(f);
                names.add(t);
                if (!f.equals(t)) {
                    int[] e = edges.computeIfAbsent(f, x -> new TreeMap<>()).computeIfAbsent(t, x -> new int[2]);
                    e[0]++;
                    e[1] += followed ? 1 : 0;
                }
            }
            LinkGraph g = b.build();
            assertEquals(new ArrayList<>(names), nodes(g));
            long count = 0;
            for (int s = 0; s < g.nodeCount(); s++) {
                TreeMap<String, int[]> want = edges.getOrDefault(g.name(s), new TreeMap<>());
                assertEquals(want.size(), g.outDegree(s));
                int e = g.edgeStart(s);
                for (var w : want.entrySet()) {
                    assertEquals(w.getKey(), g.name(g.target(e)));
                    assertEquals(w.getValue()[0], g.weight(e));
                    assertEquals(w.getValue()[1] > 0, g.followed(e));
                    e++;
                }
                count += want.size();
            }
            assertEquals(count, g.edgeCount());
        }
    }

    /**
     * Referrers (referring domains on the domain graph): distinct other nodes linking, followed or not, parallel
     * links counted once; a self-link (only a hand-made graph can hold one) not at all; on every builder graph the
     * out-degree of the transpose, the count DomainAnalysis used before.
     */
    @Test
    void referrerCountsAreDistinctOtherLinkingNodes() {
        LinkGraph g = new LinkGraphBuilder().edge("a", "c", true).edge("a", "c", true).edge("b", "c", false)
                .edge("c", "a", true).edge("a", "a", true).node("d").build();
        assertArrayEquals(new int[] {1, 0, 2, 0}, g.referrerCounts()); // a <- c; c <- a, b (nofollow counts)
        // a -> a, a -> b, b -> a made by hand: a's self-link is not a referrer
        LinkGraph selfLink = new LinkGraph(new String[] {"a", "b"}, new int[] {0, 2, 3}, new int[] {0, 1, 0},
                new int[] {1, 1, 1}, new byte[3]);
        assertArrayEquals(new int[] {1, 1}, selfLink.referrerCounts());
        Random rnd = new Random(18L);
        LinkGraphBuilder b = new LinkGraphBuilder();
        for (int k = 0; k < 500; k++) {
            b.edge("n" + rnd.nextInt(60), "n" + rnd.nextInt(60), rnd.nextInt(4) > 0);
        }
        LinkGraph r = b.build();
        LinkGraph t = r.transpose();
        int[] c = r.referrerCounts();
        for (int x = 0; x < r.nodeCount(); x++) {
            assertEquals(t.outDegree(x), c[x], r.name(x));
        }
    }

    private static List<String> nodes(LinkGraph g) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < g.nodeCount(); i++) {
            out.add(g.name(i));
        }
        return out;
    }
}
