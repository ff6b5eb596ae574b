package io.linkscout.graph;

import it.unimi.dsi.webgraph.algo.HyperBall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Harmonic centrality (Boldi &amp; Vigna 2014): {@code H(x) = Σ_{y≠x, d(y,x)<∞} 1/d(y,x)}, where {@code d(y,x)} is
 * the length of the shortest directed path from {@code y} to {@code x} over passing edges (followed ones unless
 * {@code passUnfollowed}). Unreachable pairs contribute 0, so the measure is defined on disconnected graphs.
 *
 * <ul>
 * <li>{@link #exact}: one breadth-first search per node on the transpose, run 64 at a time. Time O(n·m) at worst;
 * memory three {@code long[n]} and two {@code int[n]} plus the transposed passing edges (4 bytes per node + 4 bytes
 * per edge) and the result ({@code double[n]}). Used below {@link #EXACT_MAX_NODES} nodes.</li>
 * <li>{@link #approximate}: WebGraph's HyperBall (HyperLogLog counters, Boldi &amp; Vigna), run on the transpose so
 * that balls grow along incoming paths. Relative standard deviation ≈ 1.04/√(2^log2m) per ball size
 * (log2m = 7: ≈ 9%). Memory: two counter arrays of n·2^log2m·5 bits (log2m = 7: 160 bytes per node) plus
 * {@code float[n]} for the sums, plus the graph and its transpose (8 bytes per node + 8 bytes per edge for
 * {@link WebGraphView}s; a compressed BVGraph needs a few bits per edge).</li>
 * </ul>
 */
public final class HarmonicCentrality {

    /** Graphs up to this many nodes get the exact computation from {@link #compute}. */
    public static final int EXACT_MAX_NODES = 20_000;
    /** HyperLogLog registers per counter, as a power of two. */
    public static final int DEFAULT_LOG2M = 7;

    private HarmonicCentrality() {
    }

    /** Exact below {@link #EXACT_MAX_NODES} nodes, HyperBall above (seeded, so stable across runs). */
    public static double[] compute(LinkGraph g, boolean passUnfollowed) {
        WebGraphView view = WebGraphView.of(g, passUnfollowed);
        return g.nodeCount() <= EXACT_MAX_NODES ? exact(view) : approximate(view, DEFAULT_LOG2M, 42L, 2);
    }

    /**
     * Exact harmonic centrality of every node of {@code graph}: breadth-first searches on the transpose, 64 sources
     * at a time (one bit each in a {@code long} per node, as in multi-source BFS, Then et al. 2014), walking only
     * the nodes some search reached at the last level. The result is bit for bit that of one search per source:
     * each source's sum gets the same addends in the same order (1/1 for every node at distance 1, then 1/2, ...).
     * Time O(n·m) at worst, about n/64·(levels)·m on small-world graphs; memory three {@code long[n]}, two
     * {@code int[n]} lists and the transposed passing edges.
     */
    public static double[] exact(WebGraphView graph) {
        int n = graph.numNodes();
        WebGraphView t = graph.transpose();
        int[] off = t.offsets();
        int[] tg = t.targets();
        double[] h = new double[n];
        long[] seen = new long[n];
        long[] frontier = new long[n];
        long[] next = new long[n];
        int[] active = new int[n];
        int[] touched = new int[n];
        for (int base = 0; base < n; base += 64) {
            int size = Math.min(64, n - base);
            Arrays.fill(seen, 0L);
            int na = 0;
            for (int b = 0; b < size; b++) {
                seen[base + b] = 1L << b;
                frontier[base + b] = 1L << b;
                active[na++] = base + b;
            }
            for (int level = 1; na > 0; level++) {
                int nt = 0;
                for (int k = 0; k < na; k++) {
                    int u = active[k];
                    long f = frontier[u];
                    frontier[u] = 0;
                    for (int e = off[u]; e < off[u + 1]; e++) {
                        int y = tg[e];
                        if ((f & ~seen[y]) != 0) {
                            if (next[y] == 0) {
                                touched[nt++] = y;
                            }
                            next[y] |= f & ~seen[y];
                        }
                    }
                }
                double inv = 1.0 / level;
                na = 0;
                for (int k = 0; k < nt; k++) {
                    int y = touched[k];
                    long reached = next[y];
                    next[y] = 0;
                    seen[y] |= reached;
                    frontier[y] = reached;
                    active[na++] = y;
                    for (long r = reached; r != 0; r &= r - 1) {
                        h[base + Long.numberOfTrailingZeros(r)] += inv;
                    }
                }
            }
        }
        return h;
    }

    /**
     * Approximate harmonic centrality with HyperBall, iterating until no counter changes.
     *
     * @param seed    seed of the hash functions (fixed: same graph, same result)
     * @param threads worker threads
     */
    public static double[] approximate(WebGraphView graph, int log2m, long seed, int threads) {
        int n = graph.numNodes();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        WebGraphView t = graph.transpose();
        try (HyperBall hb = new HyperBall(t, graph, log2m, null, threads, 0, 0, false, false, true, null, seed)) {
            hb.init(seed);
            hb.run(Long.MAX_VALUE, -1);
            for (int i = 0; i < n; i++) {
                out[i] = hb.sumOfInverseDistances[i];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
