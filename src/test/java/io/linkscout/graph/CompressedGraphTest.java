package io.linkscout.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CompressedGraph}: WebGraph BVGraph + arc labels, the same graph and the same ranks as in memory. */
class CompressedGraphTest {

    private static final long SEED = 20261206L;

    /** A random graph: {@code n} nodes, up to 6 targets a node, parallel links (weights) and nofollow links. */
    static LinkGraph randomGraph(Random rnd, int n) {
        LinkGraphBuilder b = new LinkGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.node(String.format("n%04d.example", i));
            int out = rnd.nextInt(7);
            for (int k = 0; k < out; k++) {
                String to = String.format("n%04d.example", rnd.nextInt(n));
                int links = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(5) : 0);
                for (int l = 0; l < links; l++) {
                    b.edge(String.format("n%04d.example", i), to, rnd.nextInt(5) != 0);
                }
            }
        }
        return b.build();
    }

    static void assertSameGraph(LinkGraph a, LinkGraph b) {
        assertEquals(a.nodeCount(), b.nodeCount());
        assertEquals(a.edgeCount(), b.edgeCount());
        for (int s = 0; s < a.nodeCount(); s++) {
            assertEquals(a.name(s), b.name(s));
            assertEquals(a.edgeStart(s), b.edgeStart(s), "offset of node " + s);
            assertEquals(a.edgeEnd(s), b.edgeEnd(s), "end of node " + s);
            for (int e = a.edgeStart(s); e < a.edgeEnd(s); e++) {
                assertEquals(a.target(e), b.target(e), "target of arc " + e);
                assertEquals(a.weight(e), b.weight(e), "weight of arc " + e);
                assertEquals(a.flags(e), b.flags(e), "flags of arc " + e);
            }
        }
    }

    @Test
    void randomGraphsRoundTripExactly(@TempDir Path dir) throws IOException {
        System.out.println("CompressedGraphTest seed " + SEED);
        Random rnd = new Random(SEED);
        for (int round = 0; round < 20; round++) {
            LinkGraph g = randomGraph(rnd, 1 + rnd.nextInt(300));
            CompressedGraph c = CompressedGraph.store(g, dir.resolve("g" + round));
            assertSameGraph(g, c.load());
            CompressedGraph reopened = CompressedGraph.open(dir.resolve("g" + round));
            assertEquals(g.nodeCount(), reopened.nodeCount());
            assertEquals(g.edgeCount(), reopened.edgeCount());
            assertSameGraph(g, reopened.load());
        }
    }

    @Test
    void pageRankAndTrustRankAreBitIdenticalToTheArrays(@TempDir Path dir) throws IOException {
        Random rnd = new Random(SEED + 1);
        for (int round = 0; round < 10; round++) {
            LinkGraph g = randomGraph(rnd, 50 + rnd.nextInt(200));
            CompressedGraph c = CompressedGraph.store(g, dir.resolve("g" + round));
            int n = g.nodeCount();
            double[] teleport = new double[n];
            boolean[] blocked = new boolean[n];
            for (int i = 0; i < n; i++) {
                teleport[i] = rnd.nextInt(10) == 0 ? 1 : 0;
                blocked[i] = rnd.nextInt(15) == 0;
            }
            boolean pass = round % 2 == 1;
            assertArrayEquals(PageRank.compute(g, 0.85, 1e-12, 200), PageRank.compute(c, 0.85, 1e-12, 200), 0.0);
            assertArrayEquals(PageRank.compute(g, 0.85, teleport, pass, blocked, 1e-12, 200),
                    PageRank.compute(c, 0.85, teleport, pass, blocked, 1e-12, 200), 0.0);
            assertArrayEquals(TrustRank.compute(g, teleport, 0.85, pass, null),
                    TrustRank.compute(c, teleport, 0.85, pass, null), 0.0);
        }
    }

    @Test
    void handSolvedDanglingGraphFromDisk(@TempDir Path dir) throws IOException {
        // a -> b, a -> c, b -> c, c dangling (PageRankTest's hand-solved case), read back from the compressed form
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("a", "c", true).edge("b", "c", true).build();
        CompressedGraph c = CompressedGraph.store(g, dir.resolve("abc"));
        double d = 0.85;
        double ra = 1 / (1 + (1 + d / 2) + (1 + d / 2 + d * (1 + d / 2)));
        assertArrayEquals(new double[] {ra, ra * (1 + d / 2), ra * (1 + d / 2 + d * (1 + d / 2))},
                PageRank.compute(c, d, 1e-14, 1000), 1e-9);
    }

    @Test
    void weightsAndNofollowAreLabels(@TempDir Path dir) throws IOException {
        // a->b twice (one nofollow: the arc is followed), a->c nofollow only, b->a five times
        LinkGraphBuilder b = new LinkGraphBuilder().edge("a", "b", true).edge("a", "b", false).edge("a", "c", false);
        for (int i = 0; i < 5; i++) {
            b.edge("b", "a", true);
        }
        LinkGraph g = b.build();
        CompressedGraph c = CompressedGraph.store(g, dir.resolve("w"));
        StringBuilder arcs = new StringBuilder();
        c.forEachArc((s, t, w, followed) -> arcs.append(s).append("->").append(t).append(" w").append(w)
                .append(followed ? " f" : " nf").append("; "));
        assertEquals("0->1 w2 f; 0->2 w1 nf; 1->0 w5 f; ", arcs.toString());
        assertArrayEquals(new String[] {"a", "b", "c"}, c.names());
    }

    @Test
    void anyWebGraphToolReadsTheArcs(@TempDir Path dir) throws IOException {
        LinkGraph g = randomGraph(new Random(SEED + 2), 120);
        CompressedGraph.store(g, dir.resolve("g"));
        ImmutableGraph bv = BVGraph.load(dir.resolve("g").resolve("graph").toString());
        assertEquals(g.nodeCount(), bv.numNodes());
        assertEquals(g.edgeCount(), bv.numArcs());
        for (int s = 0; s < g.nodeCount(); s++) {
            assertArrayEquals(g.successors(s), java.util.Arrays.copyOf(bv.successorArray(s), bv.outdegree(s)));
        }
    }

    @Test
    void nodesWithoutArcsAndAnEmptyGraph(@TempDir Path dir) throws IOException {
        LinkGraph g = new LinkGraphBuilder().node("x").edge("y", "z", true).node("zz").build();
        assertSameGraph(g, CompressedGraph.store(g, dir.resolve("sparse")).load());
        LinkGraph empty = new LinkGraphBuilder().build();
        CompressedGraph c = CompressedGraph.store(empty, dir.resolve("empty"));
        assertEquals(0, c.load().nodeCount());
        assertEquals(0, PageRank.compute(c, 0.85, 1e-9, 10).length);
        assertTrue(c.describeSizes().startsWith("no arcs, names 0 bytes;"), c.describeSizes());
        CompressedGraph sparse = CompressedGraph.open(dir.resolve("sparse"));
        // 4 nodes (x, y, z, zz: 2 + 2 + 2 + 3 bytes with line ends), 1 arc: 4·4 + 9 bytes as arrays
        assertTrue(sparse.describeSizes().matches("arcs [0-9.]+ bits/arc, labels [0-9.]+ bits/arc, names 9 bytes; "
                + "[0-9,]+ bytes on disk in all \\(as LinkGraph arrays in memory: 25 bytes \\+ names\\)"),
                sparse.describeSizes());
    }

    @Test
    void storingAgainReplacesTheFolderAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        LinkGraph first = new LinkGraphBuilder().edge("a", "b", true).build();
        LinkGraph second = new LinkGraphBuilder().edge("p", "q", true).edge("q", "r", false).build();
        CompressedGraph.store(first, dir.resolve("g"));
        CompressedGraph.store(second, dir.resolve("g"));
        assertSameGraph(second, CompressedGraph.open(dir.resolve("g")).load());
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("g"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFolderThatIsNotACompressedGraphIsAClearError(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nothing"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> CompressedGraph.open(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("missing graph.graph"), e.getMessage());
        assertTrue(e.getMessage().contains("graph-export"), e.getMessage());

        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).edge("b", "c", true).build();
        CompressedGraph.store(g, dir.resolve("g"));
        Files.writeString(dir.resolve("g").resolve(CompressedGraph.NAMES), "a\nb\n");
        IOException names = assertThrows(IOException.class, () -> CompressedGraph.open(dir.resolve("g")).load());
        assertTrue(names.getMessage().contains("has 2 lines for the graph's 3 nodes"), names.getMessage());
        Files.delete(dir.resolve("g").resolve("labels.labels"));
        e = assertThrows(NoSuchFileException.class, () -> CompressedGraph.open(dir.resolve("g")));
        assertTrue(e.getMessage().contains("missing labels.labels"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("g.tmp")));
    }

    @Test
    void aMissingParentFolderIsAClearError(@TempDir Path dir) {
        LinkGraph g = new LinkGraphBuilder().edge("a", "b", true).build();
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> CompressedGraph.store(g, dir.resolve("no").resolve("g")));
        assertTrue(e.getMessage().contains("create it first"), e.getMessage());
    }
}
