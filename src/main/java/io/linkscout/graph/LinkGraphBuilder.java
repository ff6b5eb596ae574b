package io.linkscout.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates named edges and produces a {@link LinkGraph}. Parallel links between the same pair collapse into
 * one edge whose weight counts them; the edge is {@link LinkGraph#UNFOLLOWED} only if every one of them is.
 * Self-loops are dropped. Nodes may be declared without edges.
 *
 * <p>Each name gets a number when first seen ({@link #number} returns it, and {@link #edge(int, int, boolean)} takes
 * numbers, so a caller that numbers its nodes once need not look names up per link); every link is one
 * {@code long} (source, target, followed bit) until {@link #build}, which sorts the names, renumbers the links,
 * sorts them (primitive sort) and collapses parallel ones. Memory while building: 8 bytes per link plus one map
 * entry per name — no per-node or per-edge objects.
 */
public final class LinkGraphBuilder {

    /** Names up to 2^30: source and target take 30 bits each in a link's {@code long}, with the followed bit. */
    private static final int MAX_NODES = 1 << 30;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private long[] links = new long[1024];
    private int size;

    /** Declares a node. */
    public LinkGraphBuilder node(String name) {
        number(name);
        return this;
    }

    /**
     * Declares a node if new; returns its number in this builder, for {@link #edge(int, int, boolean)} (not its id in
     * the built graph, which sorts the names).
     */
    public int number(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (names.size() == MAX_NODES) {
            throw new IllegalStateException("more than " + MAX_NODES + " nodes");
        }
        int n = names.size();
        ids.put(name, n);
        names.add(name);
        return n;
    }

    public LinkGraphBuilder edge(String from, String to, boolean followed) {
        return edge(number(from), number(to), followed);
    }

    /** A link between two nodes numbered by {@link #number}. */
    public LinkGraphBuilder edge(int from, int to, boolean followed) {
        if (from == to) {
            return this;
        }
        if (size == links.length) {
            links = Arrays.copyOf(links, links.length * 2);
        }
        links[size++] = pack(from, to, followed);
        return this;
    }

    private static long pack(int from, int to, boolean followed) {
        return ((long) from << 31) | ((long) to << 1) | (followed ? 1 : 0);
    }

    public LinkGraph build() {
        int count = names.size();
        String[] sorted = names.toArray(String[]::new);
        Arrays.sort(sorted);
        int[] rank = new int[count];
        for (int i = 0; i < count; i++) {
            rank[ids.get(sorted[i])] = i;
        }
        long[] l = Arrays.copyOf(links, size);
        for (int i = 0; i < size; i++) {
            long v = l[i];
            l[i] = pack(rank[(int) (v >>> 31)], rank[(int) (v >>> 1) & (MAX_NODES - 1)], (v & 1) != 0);
        }
        Arrays.parallelSort(l);
        int[] offsets = new int[count + 1];
        int edges = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || (l[i] >>> 1) != (l[i - 1] >>> 1)) {
                edges++;
            }
        }
        int[] targets = new int[edges];
        int[] weights = new int[edges];
        byte[] flags = new byte[edges];
        int p = -1;
        for (int i = 0; i < size; i++) {
            long v = l[i];
            if (i == 0 || (v >>> 1) != (l[i - 1] >>> 1)) {
                p++;
                int from = (int) (v >>> 31);
                offsets[from + 1] = p + 1;
                targets[p] = (int) (v >>> 1) & (MAX_NODES - 1);
                flags[p] = LinkGraph.UNFOLLOWED;
            }
            weights[p]++;
            if ((v & 1) != 0) {
                flags[p] = 0;
            }
        }
        // offsets[s + 1] holds the end of s's edges when s has any; fill the gaps with the previous end
        for (int s = 1; s <= count; s++) {
            offsets[s] = Math.max(offsets[s], offsets[s - 1]);
        }
        return new LinkGraph(sorted, offsets, targets, weights, flags);
    }
}
