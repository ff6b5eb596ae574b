package io.linkscout.graph;

import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.labelling.ArcLabelledImmutableGraph;
import it.unimi.dsi.webgraph.labelling.ArcLabelledNodeIterator;
import it.unimi.dsi.webgraph.labelling.ArcLabelledNodeIterator.LabelledArcIterator;
import it.unimi.dsi.webgraph.labelling.BitStreamArcLabelledImmutableGraph;
import it.unimi.dsi.webgraph.labelling.GammaCodedIntLabel;
import it.unimi.dsi.webgraph.labelling.Label;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@link LinkGraph} in WebGraph's compressed form, as the LAW and Common Crawl (cc-webgraph) store web graphs: a
 * folder with the arcs as a {@link BVGraph} ({@code graph.graph}, {@code .offsets}, {@code .properties}: gap and
 * reference compression, a few bits per arc on real web graphs), each arc's weight and nofollow flag as a WebGraph
 * arc labelling ({@code labels.*}, a {@link BitStreamArcLabelledImmutableGraph} of {@link GammaCodedIntLabel}s
 * holding {@code 2·(weight−1) + unfollowed}: 1 bit for the usual single followed link), and the node names, one a
 * line, in node order ({@code names.txt}). Any WebGraph tool reads the first two parts.
 *
 * <p>{@link #forEachArc} streams the arcs from disk ({@code loadOffline}: nothing per arc or per node in memory),
 * so {@link PageRank} and {@link TrustRank} run on graphs whose arcs do not fit in the heap with only their
 * 32 bytes per node; {@link #load()} decodes it back to arrays (13 bytes per arc). Writes go to a temporary
 * sibling folder, each file forced to disk, and then replace the folder in one rename: a reader never sees half a
 * graph.
 */
public final class CompressedGraph implements ArcScan {

    static final String GRAPH = "graph";
    static final String LABELS = "labels";
    static final String NAMES = "names.txt";

    private final Path dir;
    private final int nodes;
    private final long arcs;

    private CompressedGraph(Path dir, int nodes, long arcs) {
        this.dir = dir;
        this.nodes = nodes;
        this.arcs = arcs;
    }

    /** Writes {@code g} into the folder {@code dir} (created; an existing one is replaced atomically). */
    public static CompressedGraph store(LinkGraph g, Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(String.valueOf(parent), null,
                    "the folder to write the compressed graph into does not exist; create it first");
        }
        Path tmp = parent.resolve(abs.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectory(tmp);
        ArcLabelledImmutableGraph labelled = new Labelled(g);
        BVGraph.store(labelled, tmp.resolve(GRAPH).toString());
        BitStreamArcLabelledImmutableGraph.store(labelled, tmp.resolve(LABELS).toString(), GRAPH);
        try (BufferedWriter w = Files.newBufferedWriter(tmp.resolve(NAMES), StandardCharsets.UTF_8)) {
            for (int i = 0; i < g.nodeCount(); i++) {
                String name = g.name(i);
                if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("node " + i + " has a line break in its name: " + name);
                }
                w.write(name);
                w.write('\n');
            }
        }
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
        Path old = parent.resolve(abs.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(abs)) {
            Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        return new CompressedGraph(abs, g.nodeCount(), g.edgeCount());
    }

    /**
     * Opens a compressed graph folder written by {@link #store}. Reads its properties only.
     *
     * @throws IOException naming the folder and the missing or unreadable part, with what to do
     */
    public static CompressedGraph open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        for (String part : new String[] {GRAPH + ".graph", GRAPH + ".offsets", GRAPH + ".properties",
                LABELS + ".labels", LABELS + ".properties", NAMES}) {
            if (!Files.isRegularFile(abs.resolve(part))) {
                throw new NoSuchFileException(abs.resolve(part).toString(), null,
                        "not a LinkScout compressed graph folder (missing " + part + "); write one with"
                                + " `linkscout graph-export`");
            }
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(abs.resolve(GRAPH + ".properties"))) {
            p.load(in);
        }
        try {
            int n = Integer.parseInt(p.getProperty("nodes"));
            long m = Long.parseLong(p.getProperty("arcs"));
            return new CompressedGraph(abs, n, m);
        } catch (NumberFormatException e) {
            throw new IOException(abs.resolve(GRAPH + ".properties") + ": no valid nodes/arcs counts; write the"
                    + " graph again with `linkscout graph-export`");
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public int nodeCount() {
        return nodes;
    }

    @Override
    public long edgeCount() {
        return arcs;
    }

    /** Bytes on disk: the arcs (BVGraph graph + offsets), the labels, and the names. */
    public Sizes sizes() throws IOException {
        return new Sizes(size(GRAPH + ".graph") + size(GRAPH + ".offsets"),
                size(LABELS + ".labels") + size(LABELS + ".labeloffsets"), size(NAMES));
    }

    /** Sizes on disk in bytes. */
    public record Sizes(long arcs, long labels, long names) {

        public long total() {
            return arcs + labels + names;
        }
    }

    /**
     * One line for people: bits per arc of the arcs and of the labels, the names and the total, against what the
     * same graph takes in memory as a {@link LinkGraph} (4 bytes per node + 9 per arc, names aside).
     */
    public String describeSizes() throws IOException {
        Sizes z = sizes();
        String perArc = this.arcs == 0 ? "no arcs"
                : String.format(java.util.Locale.ROOT, "arcs %.2f bits/arc, labels %.2f bits/arc",
                        8.0 * z.arcs() / this.arcs, 8.0 * z.labels() / this.arcs);
        return String.format(java.util.Locale.ROOT, "%s, names %,d bytes; %,d bytes on disk in all (as LinkGraph "
                + "arrays in memory: %,d bytes + names)", perArc, z.names(), z.total(), 4L * nodes + 9L * this.arcs);
    }

    private long size(String part) throws IOException {
        Path f = dir.resolve(part);
        return Files.exists(f) ? Files.size(f) : 0;
    }

    @Override
    public void forEachArc(ArcVisitor visitor) {
        try {
            ArcLabelledImmutableGraph g = BitStreamArcLabelledImmutableGraph.loadOffline(dir.resolve(LABELS)
                    .toString());
            ArcLabelledNodeIterator it = g.nodeIterator();
            for (int i = 0; i < nodes; i++) {
                int s = it.nextInt();
                int d = it.outdegree();
                LabelledArcIterator succ = it.successors();
                for (int j = 0; j < d; j++) {
                    int t = succ.nextInt();
                    int v = succ.label().getInt();
                    visitor.arc(s, t, (v >>> 1) + 1, (v & 1) == 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the compressed graph: " + e.getMessage(), e);
        }
    }

    /** The node names, in node order (memory: the strings). */
    public String[] names() throws IOException {
        String[] names = new String[nodes];
        int i = 0;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve(NAMES), StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (i == nodes) {
                    throw new IOException(dir.resolve(NAMES) + " has more lines than the graph's " + nodes
                            + " nodes; write the graph again with `linkscout graph-export`");
                }
                names[i++] = line;
            }
        }
        if (i != nodes) {
            throw new IOException(dir.resolve(NAMES) + " has " + i + " lines for the graph's " + nodes
                    + " nodes; write the graph again with `linkscout graph-export`");
        }
        return names;
    }

    /** Decodes the whole graph into a {@link LinkGraph} (arrays: 4 bytes per node, 9 per arc, plus the names). */
    public LinkGraph load() throws IOException {
        if (arcs > Integer.MAX_VALUE - 8) {
            throw new IOException(dir + ": " + arcs + " arcs do not fit in arrays; use it through forEachArc");
        }
        int[] offsets = new int[nodes + 1];
        int[] targets = new int[(int) arcs];
        int[] weights = new int[(int) arcs];
        byte[] flags = new byte[(int) arcs];
        int[] p = {0};
        forEachArc((s, t, w, followed) -> {
            int e = p[0]++;
            offsets[s + 1] = e + 1;
            targets[e] = t;
            weights[e] = w;
            flags[e] = followed ? 0 : LinkGraph.UNFOLLOWED;
        });
        for (int i = 0; i < nodes; i++) {
            offsets[i + 1] = Math.max(offsets[i + 1], offsets[i]);
        }
        return new LinkGraph(names(), offsets, targets, weights, flags);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    /** A {@link LinkGraph} seen as a WebGraph arc-labelled graph (label: {@code 2·(weight−1) + unfollowed}). */
    private static final class Labelled extends ArcLabelledImmutableGraph {

        private final LinkGraph g;

        Labelled(LinkGraph g) {
            this.g = g;
        }

        @Override
        public int numNodes() {
            return g.nodeCount();
        }

        @Override
        public long numArcs() {
            return g.edgeCount();
        }

        @Override
        public boolean randomAccess() {
            return true;
        }

        @Override
        public int outdegree(int x) {
            return g.outDegree(x);
        }

        @Override
        public Label prototype() {
            return new GammaCodedIntLabel("w");
        }

        @Override
        public ArcLabelledImmutableGraph copy() {
            return this;
        }

        @Override
        public LabelledArcIterator successors(int x) {
            int start = g.edgeStart(x);
            int end = g.edgeEnd(x);
            GammaCodedIntLabel label = new GammaCodedIntLabel("w");
            return new LabelledArcIterator() {
                int e = start;

                @Override
                public Label label() {
                    return label;
                }

                @Override
                public int nextInt() {
                    if (e >= end) {
                        return -1;
                    }
                    label.value = Math.addExact(Math.multiplyExact(2, g.weight(e) - 1), g.followed(e) ? 0 : 1);
                    return g.target(e++);
                }

                @Override
                public int skip(int k) {
                    int n = Math.min(k, end - e);
                    e += n;
                    return n;
                }
            };
        }
    }
}
