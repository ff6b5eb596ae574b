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
 * <li>{@link #exact}: one breadth-first search per node on the transpose. Time O(n·m); memory two
 * {@code int[n]} (queue, distances) plus the transposed passing edges (4 bytes per node + 4 bytes per edge) and
 * the result ({@code double[n]}). Used below {@link #EXACT_MAX_NODES} nodes.</li>
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

    /** Exact harmonic centrality of every node of {@code graph}. */
    public static double[] exact(WebGraphView graph) {
        int n = graph.numNodes();
        WebGraphView t = graph.transpose();
        int[] off = t.offsets();
        int[] tg = t.targets();
        double[] h = new double[n];
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        int[] queue = new int[n];
        for (int x = 0; x < n; x++) {
            int head = 0;
            int tail = 0;
            queue[tail++] = x;
            dist[x] = 0;
            double sum = 0;
            while (head < tail) {
                int u = queue[head++];
                int du = dist[u];
                for (int e = off[u]; e < off[u + 1]; e++) {
                    int y = tg[e];
                    if (dist[y] < 0) {
                        dist[y] = du + 1;
                        sum += 1.0 / (du + 1);
                        queue[tail++] = y;
                    }
                }
            }
            for (int i = 0; i < tail; i++) {
                dist[queue[i]] = -1;
            }
            h[x] = sum;
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
