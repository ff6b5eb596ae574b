package io.linkscout.graph;

/**
 * Sequential access to a directed graph whose arcs carry a weight (links collapsed into the arc) and a followed
 * flag: all a power iteration ({@link PageRank}, {@link TrustRank}) needs. Implemented by the in-memory
 * {@link LinkGraph} (arrays) and by {@link CompressedGraph} (a WebGraph BVGraph read from disk, for graphs whose
 * arcs do not fit in arrays).
 */
public interface ArcScan {

    int nodeCount();

    long edgeCount();

    /**
     * Visits every arc once, sources ascending and each source's targets ascending (the same order for every
     * implementation, so the same graph gives bit-identical sums).
     *
     * @throws java.io.UncheckedIOException when a graph read from disk cannot be read
     */
    void forEachArc(ArcVisitor visitor);

    /** One arc. */
    @FunctionalInterface
    interface ArcVisitor {
        void arc(int source, int target, int weight, boolean followed);
    }
}
