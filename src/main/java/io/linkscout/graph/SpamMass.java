package io.linkscout.graph;

/**
 * The spam-mass arithmetic of one node ({@link TrustRank} explains the model), in one place for both engines: the
 * in-process arrays ({@link TrustRank#coreRank}, {@link TrustRank#relativeSpamMass}) and the Spark job
 * ({@code io.linkscout.sparkjob.RankJob}, whose build compiles this very file into its jar — so this class must not
 * depend on anything but {@code java.lang}).
 */
public final class SpamMass {

    private SpamMass() {
    }

    /** Core-based PageRank {@code p+ = γ·t} of a node with TrustRank {@code trust} ({@code goodFraction} = γ). */
    public static double core(double trust, double goodFraction) {
        return goodFraction * trust;
    }

    /** Relative spam mass {@code (p − p+)/p}, clamped to [-1, 1]; 0 where {@code p} is 0 (or less). */
    public static double relative(double pageRank, double coreRank) {
        return pageRank > 0 ? Math.max(-1, Math.min(1, (pageRank - coreRank) / pageRank)) : 0;
    }

    /** Relative spam mass of a node from its PageRank and TrustRank: {@code relative(p, core(t, γ))}. */
    public static double of(double pageRank, double trust, double goodFraction) {
        return relative(pageRank, core(trust, goodFraction));
    }
}
