package io.linkscout.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageRankTest {

    @Test
    void threeCycleGivesOneThirdEach() {
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).edge("c", "a", true).build();
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, PageRank.compute(g), 1e-12);
    }

    @Test
    void danglingNodesKeepTheSumAtOne() {
        // a -> b, a -> c, b -> c, c dangling
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("a", "c", true).edge("b", "c", true).build();
        double[] r = PageRank.compute(g, 0.85, 1e-14, 1000);
        assertEquals(1.0, Arrays.stream(r).sum(), 1e-12);
        // hand-computed: with d=0.85 and dangling mass spread uniformly:
        // ra = 0.05 + 0.85*rc/3 ; rb = ra + 0.85*ra/2 - ra... solved exactly below
        double d = 0.85;
        // ra = (1-d)/3 + d*rc/3; rb = ra + d*ra/2; rc = ra + d*ra/2 + d*rb  (uniform part equals ra)
        // => rb = ra(1 + d/2), rc = ra(1 + d/2 + d(1 + d/2)); ra + rb + rc = 1
        double ra = 1 / (1 + (1 + d / 2) + (1 + d / 2 + d * (1 + d / 2)));
        assertArrayEquals(new double[] {ra, ra * (1 + d / 2), ra * (1 + d / 2 + d * (1 + d / 2))}, r, 1e-9);
    }

    @Test
    void nofollowPassesNothing() {
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", false).node("c").build();
        double[] r = PageRank.compute(g);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, r, 1e-12);
    }

    @Test
    void permutingNodeNamesPermutesRanks() {
        LinkGraph g1 = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).edge("c", "b", true)
                .edge("d", "a", true).build();
        // same graph, names chosen so the sorted order (ids) differ: a->z, b->y, c->x, d->w
        LinkGraph g2 = new LinkGraphBuilder().edge("z", "y", true).edge("y", "x", true).edge("x", "y", true)
                .edge("w", "z", true).build();
        double[] r1 = PageRank.compute(g1);
        double[] r2 = PageRank.compute(g2);
        String[][] pairs = {{"a", "z"}, {"b", "y"}, {"c", "x"}, {"d", "w"}};
        for (String[] p : pairs) {
            assertEquals(r1[g1.node(p[0])], r2[g2.node(p[1])], 1e-12);
        }
    }

    @Test
    void parallelLinksCollapseIntoWeightedEdges(@TempDir Path dir) throws Exception {
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("a", "b", false).edge("a", "c", false)
                .edge("a", "a", true).build();
        assertEquals(2, g.edgeCount());
        assertEquals(2, g.weight(0));
        assertEquals(true, g.followed(0));
        assertEquals(false, g.followed(1));
        Path f = dir.resolve("g.lsg");
        GraphFiles.write(g, f);
        LinkGraph back = GraphFiles.read(f);
        assertEquals(g.nodeCount(), back.nodeCount());
        assertArrayEquals(g.successors(0), back.successors(0));
        assertEquals(g.weight(0), back.weight(0));
        assertEquals(g.flags(1), back.flags(1));
    }
}
