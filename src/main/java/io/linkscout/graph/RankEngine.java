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

    /** The rankings, in request order; each sums to 1 (or is all zeros for an all-zero teleport vector). */
    List<double[]> compute(LinkGraph graph, List<Request> requests);

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
