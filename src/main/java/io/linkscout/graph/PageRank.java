package io.linkscout.graph;

import java.util.Arrays;

/**
 * PageRank by power iteration over the followed edges of a graph: a {@link LinkGraph} in memory or a
 * {@link CompressedGraph} streamed from disk (any {@link ArcScan}).
 *
 * <p>With damping {@code d}, each iteration gives every node {@code (1-d)/n} plus {@code d} times the rank
 * flowing in; a node's rank is split over its followed out-edges in proportion to their weights (the number of
 * links). Dangling nodes (no followed out-edge: no links, or only nofollow/sponsored/ugc ones) spread their
 * rank uniformly over all nodes, so the ranks always sum to 1. Iterates until the L1 change is below
 * {@code tolerance} or {@code maxIterations}.
 *
 * <p>Memory: four {@code double[n]} arrays (rank, next, teleport, out-weight sums: 32 bytes per node) on top of
 * the graph: a {@link LinkGraph}'s 13 bytes per edge, or nothing per edge for a {@link CompressedGraph}, which is
 * read sequentially from disk once per iteration (plus once for the out-weights); no per-edge allocation. Time:
 * O(edges) per iteration. Deterministic: same graph, same result, whichever form it is in (arcs are visited in
 * the same order); permuting node ids permutes the result.
 */
public final class PageRank {

    private PageRank() {
    }

    public static double[] compute(ArcScan g, double damping, double tolerance, int maxIterations) {
        return compute(g, damping, null, false, null, tolerance, maxIterations);
    }

    /**
     * Personalised PageRank: {@code r = d·(M r + δ(r)·v) + (1-d)·v}, where {@code v} is the teleport vector
     * ({@code null}: uniform {@code 1/n}; otherwise non-negative, normalised here to sum 1), {@code M} spreads a
     * node's rank over its passing out-edges in proportion to their weights, and {@code δ(r)} is the rank of the
     * dangling nodes (no passing out-edge), which also jumps along {@code v}. The ranks sum to 1; a node that
     * cannot be reached from the support of {@code v} gets exactly 0 (that is what TrustRank and topic-sensitive
     * PageRank rely on).
     *
     * @param passUnfollowed whether nofollow/sponsored/ugc edges pass rank (LinkScout's default: no)
     * @param blocked        nodes whose out-edges pass nothing (they become dangling), or {@code null}; used to
     *                       stop flagged link farms from passing authority
     */
    public static double[] compute(ArcScan g, double damping, double[] teleport, boolean passUnfollowed,
            boolean[] blocked, double tolerance, int maxIterations) {
        int n = g.nodeCount();
        if (n == 0) {
            return new double[0];
        }
        double[] v = new double[n];
        if (teleport == null) {
            Arrays.fill(v, 1.0 / n);
        } else {
            double sum = 0;
            for (double x : teleport) {
                if (x < 0 || Double.isNaN(x)) {
                    throw new IllegalArgumentException("teleport weights must be non-negative");
                }
                sum += x;
            }
            if (sum == 0) {
                return new double[n];
            }
            for (int i = 0; i < n; i++) {
                v[i] = teleport[i] / sum;
            }
        }
        double[] outWeight = new double[n];
        g.forEachArc((s, t, w, followed) -> {
            if ((passUnfollowed || followed) && (blocked == null || !blocked[s])) {
                outWeight[s] += w;
            }
        });
        double[] rank = Arrays.copyOf(v, n);
        double[] next = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            double dangling = 0;
            for (int s = 0; s < n; s++) {
                if (outWeight[s] == 0) {
                    dangling += rank[s];
                }
            }
            double jump = (1 - damping) + damping * dangling;
            for (int i = 0; i < n; i++) {
                next[i] = jump * v[i];
            }
            double[] from = rank;
            double[] to = next;
            g.forEachArc((s, t, w, followed) -> {
                if (outWeight[s] != 0 && (passUnfollowed || followed)) {
                    to[t] += damping * from[s] / outWeight[s] * w;
                }
            });
            double diff = 0;
            for (int i = 0; i < n; i++) {
                diff += Math.abs(next[i] - rank[i]);
            }
            double[] t = rank;
            rank = next;
            next = t;
            if (diff < tolerance) {
                break;
            }
        }
        return rank;
    }

    /** Default parameters: damping 0.85, tolerance 1e-9, at most 100 iterations. */
    public static double[] compute(LinkGraph g) {
        return compute(g, 0.85, 1e-9, 100);
    }

    /** The scale's top is at least this many times the uniform rank (see {@link #authority}). */
    public static final double MIN_TOP = 10;

    /**
     * Scales PageRank to 0–100 on a log scale relative to the graph:
     * {@code 100 * ln(1 + r*n) / ln(1 + max(max_r*n, 10))}, where {@code r*n} is the rank relative to the uniform
     * rank {@code 1/n}. The top node gets 100 whenever it has at least 10× the uniform rank; a node with the
     * uniform rank gets {@code 100·ln 2/ln 11 ≈ 28.9} at most, and a graph where nobody stands out (no links) gives
     * every node that modest score rather than 100. Stable across re-runs: same graph, same numbers.
     */
    public static double[] authority(double[] rank) {
        double max = 0;
        for (double r : rank) {
            max = Math.max(max, r);
        }
        java.util.function.DoubleUnaryOperator scale = authorityScale(max, rank.length);
        double[] a = new double[rank.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = scale.applyAsDouble(rank[i]);
        }
        return a;
    }

    /**
     * {@link #authority}'s scale for a graph of {@code n} nodes whose top rank is {@code max}, one rank at a time (for
     * rankings streamed back from a cluster, never held in one array).
     */
    public static java.util.function.DoubleUnaryOperator authorityScale(double max, long n) {
        if (n == 0 || max == 0) {
            return r -> 0;
        }
        double denom = Math.log1p(Math.max(max * n, MIN_TOP));
        return r -> denom == 0 ? 0 : 100.0 * Math.log1p(r * n) / denom;
    }
}
