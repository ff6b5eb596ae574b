package io.linkscout.graph;

import java.util.Arrays;

/**
 * A directed graph in compressed sparse row form: node {@code i}'s successors are
 * {@code targets[offsets[i] .. offsets[i+1])}, sorted ascending and without duplicates, each with a weight
 * (number of links collapsed into the edge) and flags.
 *
 * <p>Memory: 4 bytes per node for the offsets plus 9 bytes per edge (target, weight, flags), plus the node
 * names. Node ids are dense {@code 0..n-1}; names are sorted, so ids are stable for the same set of nodes.
 */
public final class LinkGraph implements ArcScan {

    /** Edge flag: every link collapsed into this edge is nofollow/sponsored/ugc (passes no authority by default). */
    public static final byte UNFOLLOWED = 1;

    private final String[] names;
    private final int[] offsets;
    private final int[] targets;
    private final int[] weights;
    private final byte[] flags;

    public LinkGraph(String[] names, int[] offsets, int[] targets, int[] weights, byte[] flags) {
        if (offsets.length != names.length + 1 || targets.length != offsets[names.length]
                || weights.length != targets.length || flags.length != targets.length) {
            throw new IllegalArgumentException("inconsistent graph arrays");
        }
        this.names = names;
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
        this.flags = flags;
    }

    @Override
    public int nodeCount() {
        return names.length;
    }

    @Override
    public long edgeCount() {
        return targets.length;
    }

    @Override
    public void forEachArc(ArcVisitor visitor) {
        for (int s = 0; s < names.length; s++) {
            for (int e = offsets[s]; e < offsets[s + 1]; e++) {
                visitor.arc(s, targets[e], weights[e], (flags[e] & UNFOLLOWED) == 0);
            }
        }
    }

    public String name(int node) {
        return names[node];
    }

    /** The node id of a name, or -1. Names are sorted, so this is a binary search. */
    public int node(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? i : -1;
    }

    public int outDegree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    public int edgeStart(int node) {
        return offsets[node];
    }

    public int edgeEnd(int node) {
        return offsets[node + 1];
    }

    public int target(int edge) {
        return targets[edge];
    }

    public int weight(int edge) {
        return weights[edge];
    }

    public byte flags(int edge) {
        return flags[edge];
    }

    public boolean followed(int edge) {
        return (flags[edge] & UNFOLLOWED) == 0;
    }

    /** Successor ids of a node (a copy). */
    public int[] successors(int node) {
        return Arrays.copyOfRange(targets, offsets[node], offsets[node + 1]);
    }

    /** In-degree of every node (distinct predecessors). */
    public int[] inDegrees() {
        int[] in = new int[names.length];
        for (int t : targets) {
            in[t]++;
        }
        return in;
    }

    /**
     * Referrers of every node: the distinct other nodes with an edge to it, followed or not — on the domain graph,
     * each domain's referring domains. A self-link is not counted (the graph builders never make one); targets are
     * distinct per node, so this is {@code transpose().outDegree(x)} without building the transpose (4 bytes per
     * node, nothing per edge). The Spark job ({@code io.linkscout.sparkjob.RankJob}) counts the same on its edge
     * list.
     */
    public int[] referrerCounts() {
        int[] in = new int[names.length];
        for (int s = 0; s < names.length; s++) {
            for (int e = offsets[s]; e < offsets[s + 1]; e++) {
                if (targets[e] != s) {
                    in[targets[e]]++;
                }
            }
        }
        return in;
    }

    /** The transposed graph (same names, edges reversed, weights and flags kept). */
    public LinkGraph transpose() {
        int n = names.length;
        int[] in = inDegrees();
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            off[i + 1] = off[i] + in[i];
        }
        int[] pos = Arrays.copyOf(off, n);
        int[] t = new int[targets.length];
        int[] w = new int[targets.length];
        byte[] f = new byte[targets.length];
        for (int s = 0; s < n; s++) {
            for (int e = offsets[s]; e < offsets[s + 1]; e++) {
                int p = pos[targets[e]]++;
                t[p] = s;
                w[p] = weights[e];
                f[p] = flags[e];
            }
        }
        return new LinkGraph(names, off, t, w, f);
    }

    String[] names() {
        return names;
    }

    int[] offsets() {
        return offsets;
    }

    int[] targets() {
        return targets;
    }

    int[] weights() {
        return weights;
    }

    byte[] flagsArray() {
        return flags;
    }
}
