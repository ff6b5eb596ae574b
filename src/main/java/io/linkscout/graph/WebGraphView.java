package io.linkscout.graph;

import it.unimi.dsi.webgraph.ImmutableGraph;
import java.util.Arrays;

/**
 * A WebGraph {@link ImmutableGraph} over plain CSR arrays (successors sorted ascending), so that WebGraph's
 * algorithms (HyperBall) run on a {@link LinkGraph} or on a generated benchmark graph without first compressing
 * it to a BVGraph. For graphs that do not fit in arrays, load a compressed {@code BVGraph} instead and hand it
 * to the same algorithms.
 *
 * <p>Memory: the arrays it is given (4 bytes per node + 4 bytes per edge); views and copies share them.
 */
public final class WebGraphView extends ImmutableGraph {

    private final int[] offsets;
    private final int[] targets;

    public WebGraphView(int[] offsets, int[] targets) {
        this.offsets = offsets;
        this.targets = targets;
    }

    /** The passing edges of a link graph (followed ones, or all when {@code passUnfollowed}). */
    public static WebGraphView of(LinkGraph g, boolean passUnfollowed) {
        int n = g.nodeCount();
        int[] off = new int[n + 1];
        int m = 0;
        for (int s = 0; s < n; s++) {
            for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                if (passUnfollowed || g.followed(e)) {
                    m++;
                }
            }
        }
        int[] t = new int[m];
        int p = 0;
        for (int s = 0; s < n; s++) {
            off[s] = p;
            for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                if (passUnfollowed || g.followed(e)) {
                    t[p++] = g.target(e);
                }
            }
        }
        off[n] = p;
        return new WebGraphView(off, t);
    }

    /** The transpose (edges reversed), successors sorted. */
    public WebGraphView transpose() {
        int n = numNodes();
        int[] off = new int[n + 1];
        for (int t : targets) {
            off[t + 1]++;
        }
        for (int i = 0; i < n; i++) {
            off[i + 1] += off[i];
        }
        int[] pos = Arrays.copyOf(off, n);
        int[] tt = new int[targets.length];
        for (int s = 0; s < n; s++) {
            for (int e = offsets[s]; e < offsets[s + 1]; e++) {
                tt[pos[targets[e]]++] = s;
            }
        }
        return new WebGraphView(off, tt);
    }

    public int[] offsets() {
        return offsets;
    }

    public int[] targets() {
        return targets;
    }

    @Override
    public int numNodes() {
        return offsets.length - 1;
    }

    @Override
    public long numArcs() {
        return targets.length;
    }

    @Override
    public boolean randomAccess() {
        return true;
    }

    @Override
    public int outdegree(int x) {
        return offsets[x + 1] - offsets[x];
    }

    @Override
    public int[] successorArray(int x) {
        return Arrays.copyOfRange(targets, offsets[x], offsets[x + 1]);
    }

    @Override
    public ImmutableGraph copy() {
        return this;
    }
}
