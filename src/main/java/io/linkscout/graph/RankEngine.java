package io.linkscout.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the PageRank family is computed: in this process ({@link #IN_PROCESS}, the default) or on a cluster (the
 * Spark engine, {@code SparkRankEngine} of the spark package). Callers hand over every ranking of one graph that does not depend on
 * another ranking's result in one {@link #compute} call, so that an engine with a start-up cost pays it once per
 * round, not once per ranking. Every engine has the semantics of
 * {@link PageRank#compute(ArcScan, double, double[], boolean, boolean[], double, int)}; results agree to rounding.
 */
public interface RankEngine {

    /**
     * One ranking of a graph.
     *
     * @param name           a short stable name (letters, digits, '-', '_'), unique within one call
     * @param teleport       teleport weights per node, or null for uniform
     * @param blocked        nodes whose out-edges pass nothing, or null
     */
    record Request(String name, double damping, double[] teleport, boolean passUnfollowed, boolean[] blocked,
            double tolerance, int maxIterations) {

        public Request {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("ranking name must be letters, digits, '-' or '_': " + name);
            }
        }
    }

    /**
     * Per-node figures a caller wants beside the rankings of one call, computed where the rankings are, so that an
     * engine on a cluster needs nothing per edge in this JVM for them.
     *
     * @param referrers each node's referrers, {@link LinkGraph#referrerCounts} (on the domain graph: its referring
     *                  domains)
     * @param spamMass  relative spam mass from two rankings of the same call, or null
     */
    record Derived(boolean referrers, SpamMassOf spamMass) {

        /** Nothing beside the rankings. */
        public static final Derived NONE = new Derived(false, null);

        /** Throws when the spam mass asks for a ranking {@code requests} does not compute. */
        public void check(List<Request> requests) {
            if (spamMass != null) {
                Result.indexOf(requests, spamMass.pageRank());
                Result.indexOf(requests, spamMass.trustRank());
            }
        }
    }

    /**
     * Relative spam mass of every node, {@link SpamMass#of}{@code (p, t, goodFraction)}, with {@code p} the ranking
     * named {@code pageRank} and {@code t} the (TrustRank) ranking named {@code trustRank} of the same call.
     */
    record SpamMassOf(String pageRank, String trustRank, double goodFraction) {
    }

    /**
     * What one call gives: the rankings in request order and the derived figures asked for (null where not asked).
     */
    record Result(List<double[]> ranks, int[] referrers, double[] spamMass) {

        /** The derived figures of {@code ranks} (the rankings of {@code requests}) computed in this JVM. */
        public static Result inProcess(LinkGraph graph, List<Request> requests, List<double[]> ranks,
                Derived derived) {
            int[] referrers = derived.referrers() ? graph.referrerCounts() : null;
            double[] spamMass = null;
            if (derived.spamMass() != null) {
                SpamMassOf s = derived.spamMass();
                double[] p = ranks.get(indexOf(requests, s.pageRank()));
                double[] t = ranks.get(indexOf(requests, s.trustRank()));
                spamMass = TrustRank.relativeSpamMass(p, TrustRank.coreRank(t, s.goodFraction()));
            }
            return new Result(ranks, referrers, spamMass);
        }

        /** The position of the ranking named {@code name} in {@code requests}; throws when there is none. */
        public static int indexOf(List<Request> requests, String name) {
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("spam mass asks for ranking '" + name + "', which this call does not "
                    + "compute");
        }
    }

    /** The rankings, in request order; each sums to 1 (or is all zeros for an all-zero teleport vector). */
    List<double[]> compute(LinkGraph graph, List<Request> requests);

    /**
     * The rankings and the {@code derived} figures of one call. This default derives them in this JVM
     * ({@link Result#inProcess}); an engine on a cluster computes them there.
     */
    default Result compute(LinkGraph graph, List<Request> requests, Derived derived) {
        derived.check(requests);
        return Result.inProcess(graph, requests, compute(graph, requests), derived);
    }

    /** A short name for messages ("in-process", "spark local[2]"). */
    String describe();

    /** Power iteration in this JVM ({@link PageRank}). */
    RankEngine IN_PROCESS = new RankEngine() {
        @Override
        public List<double[]> compute(LinkGraph graph, List<Request> requests) {
            List<double[]> out = new ArrayList<>(requests.size());
            for (Request r : requests) {
                out.add(PageRank.compute(graph, r.damping(), r.teleport(), r.passUnfollowed(), r.blocked(),
                        r.tolerance(), r.maxIterations()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "in-process";
        }
    };
}
