package io.linkscout.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accumulates named edges and produces a {@link LinkGraph}. Parallel links between the same pair collapse into
 * one edge whose weight counts them; the edge is {@link LinkGraph#UNFOLLOWED} only if every one of them is.
 * Self-loops are dropped. Nodes may be declared without edges.
 */
public final class LinkGraphBuilder {

    private final TreeSet<String> names = new TreeSet<>();
    private final Map<String, Map<String, int[]>> edges = new HashMap<>();

    public LinkGraphBuilder node(String name) {
        names.add(name);
        return this;
    }

    public LinkGraphBuilder edge(String from, String to, boolean followed) {
        names.add(from);
        names.add(to);
        if (from.equals(to)) {
            return this;
        }
        int[] e = edges.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new int[2]);
        e[0]++;
        if (followed) {
            e[1]++;
        }
        return this;
    }

    public LinkGraph build() {
        String[] n = names.toArray(String[]::new);
        Map<String, Integer> id = new HashMap<>(n.length * 2);
        for (int i = 0; i < n.length; i++) {
            id.put(n[i], i);
        }
        int[] offsets = new int[n.length + 1];
        long total = 0;
        for (Map<String, int[]> m : edges.values()) {
            total += m.size();
        }
        int[] targets = new int[Math.toIntExact(total)];
        int[] weights = new int[targets.length];
        byte[] flags = new byte[targets.length];
        int p = 0;
        for (int i = 0; i < n.length; i++) {
            offsets[i] = p;
            Map<String, int[]> m = edges.get(n[i]);
            if (m != null) {
                int[] ts = new int[m.size()];
                int k = 0;
                for (String t : m.keySet()) {
                    ts[k++] = id.get(t);
                }
                Arrays.sort(ts);
                for (int t : ts) {
                    int[] e = m.get(n[t]);
                    targets[p] = t;
                    weights[p] = e[0];
                    flags[p] = e[1] == 0 ? LinkGraph.UNFOLLOWED : 0;
                    p++;
                }
            }
        }
        offsets[n.length] = p;
        return new LinkGraph(n, offsets, targets, weights, flags);
    }
}
