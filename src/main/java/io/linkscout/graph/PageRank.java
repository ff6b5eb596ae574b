package io.linkscout.graph;

import java.util.Arrays;

/**
 * PageRank by power iteration over the followed edges of a {@link LinkGraph}.
 *
 * <p>With damping {@code d}, each iteration gives every node {@code (1-d)/n} plus {@code d} times the rank
 * flowing in; a node's rank is split over its followed out-edges in proportion to their weights (the number of
 * links). Dangling nodes (no followed out-edge: no links, or only nofollow/sponsored/ugc ones) spread their
 * rank uniformly over all nodes, so the ranks always sum to 1. Iterates until the L1 change is below
 * {@code tolerance} or {@code maxIterations}.
 *
 * <p>Memory: three {@code double[n]} arrays plus one {@code double} per node for the out-weight sums (32 bytes
 * per node); no per-edge allocation. Deterministic: same graph, same result.
 */
public final class PageRank {

    private PageRank() {
    }

    public static double[] compute(LinkGraph g, double damping, double tolerance, int maxIterations) {
        int n = g.nodeCount();
        if (n == 0) {
            return new double[0];
        }
        double[] outWeight = new double[n];
        for (int s = 0; s < n; s++) {
            for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                if (g.followed(e)) {
                    outWeight[s] += g.weight(e);
                }
            }
        }
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / n);
        double[] next = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            double dangling = 0;
            for (int s = 0; s < n; s++) {
                if (outWeight[s] == 0) {
                    dangling += rank[s];
                }
            }
            Arrays.fill(next, (1 - damping) / n + damping * dangling / n);
            for (int s = 0; s < n; s++) {
                if (outWeight[s] == 0) {
                    continue;
                }
                double share = damping * rank[s] / outWeight[s];
                for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                    if (g.followed(e)) {
                        next[g.target(e)] += share * g.weight(e);
                    }
                }
            }
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

    /**
     * Scales PageRank to 0–100 on a log scale relative to the graph: {@code 100 * log(1 + r*n) / log(1 + max*n)},
     * where {@code r*n} is the rank relative to the uniform rank {@code 1/n}. A node with the uniform rank or less
     * lands near the bottom; the top node gets 100.
     */
    public static double[] authority(double[] rank) {
        int n = rank.length;
        double max = 0;
        for (double r : rank) {
            max = Math.max(max, r);
        }
        double[] a = new double[n];
        if (n == 0 || max == 0) {
            return a;
        }
        double denom = Math.log1p(max * n);
        for (int i = 0; i < n; i++) {
            a[i] = denom == 0 ? 0 : 100.0 * Math.log1p(rank[i] * n) / denom;
        }
        return a;
    }
}
