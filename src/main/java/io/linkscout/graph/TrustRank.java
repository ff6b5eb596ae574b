package io.linkscout.graph;

/**
 * TrustRank and spam mass (Gyöngyi, Garcia-Molina, Pedersen 2004; Gyöngyi, Berkhin, Garcia-Molina, Pedersen
 * 2006), on top of {@link PageRank#compute(ArcScan, double, double[], boolean, boolean[], double, int)}.
 *
 * <ul>
 * <li>TrustRank {@code t}: PageRank whose teleport vector is uniform over the trusted seeds ({@code 1/k} each,
 * {@code k} seeds in the graph) and 0 elsewhere. Sums to 1 when there is a seed; exactly 0 on every node no seed
 * reaches over passing edges.</li>
 * <li>Core-based PageRank {@code p+ = γ·t}: the PageRank the trusted core alone gives a node, with the core's
 * teleport mass set to {@code γ}, the estimated fraction of good nodes in the graph. The paper's plain form
 * ({@code v+_i = 1/n} on the core, i.e. {@code γ = k/n}) assumes the core is nearly all the good nodes; a seed set
 * is far smaller, so, as the paper proposes for that case (§3.4), the core's jump mass is scaled up to {@code γ}
 * (LinkScout's default 0.8, {@code linkscout.authority.good-fraction}).</li>
 * <li>Relative spam mass {@code m = (p − p+)/p} with {@code p} the ordinary PageRank: the share of a node's
 * PageRank that does not come from the trusted core. {@code m ≈ 1}: almost all of its rank comes from untrusted
 * parts of the graph; {@code m ≤ 0}: the core gives it at least its ordinary rank. Reported clamped to
 * {@code [-1, 1]}; 0 for a node with no rank.</li>
 * </ul>
 *
 * <p>Memory: as {@link PageRank} (32 bytes per node) plus the result arrays (8 bytes per node each).
 */
public final class TrustRank {

    /** The stopping rule of {@link #compute}: L1 change below this, or {@link #MAX_ITERATIONS}. */
    public static final double TOLERANCE = 1e-10;

    public static final int MAX_ITERATIONS = 200;

    private TrustRank() {
    }

    /** Teleport vector: 1 on the seeds present in the graph, 0 elsewhere (not normalised). */
    public static double[] seedVector(LinkGraph g, Iterable<String> seeds) {
        double[] v = new double[g.nodeCount()];
        for (String s : seeds) {
            int node = g.node(s);
            if (node >= 0) {
                v[node] = 1;
            }
        }
        return v;
    }

    /** TrustRank: PageRank with teleport restricted to the seeds; all zeros when no seed is in the graph. */
    public static double[] compute(ArcScan g, double[] seedVector, double damping, boolean passUnfollowed,
            boolean[] blocked) {
        return PageRank.compute(g, damping, seedVector, passUnfollowed, blocked, TOLERANCE, MAX_ITERATIONS);
    }

    /** Core-based PageRank {@code p+ = γ·t} ({@code goodFraction} = γ; {@link SpamMass#core} per node). */
    public static double[] coreRank(double[] trust, double goodFraction) {
        double[] out = new double[trust.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = SpamMass.core(trust[i], goodFraction);
        }
        return out;
    }

    /** Relative spam mass {@code (p − p+)/p} clamped to [-1, 1], 0 where {@code p} is 0 ({@link SpamMass#relative}). */
    public static double[] relativeSpamMass(double[] pageRank, double[] coreRank) {
        double[] m = new double[pageRank.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = SpamMass.relative(pageRank[i], coreRank[i]);
        }
        return m;
    }
}
