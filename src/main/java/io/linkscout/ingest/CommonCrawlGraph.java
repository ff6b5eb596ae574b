package io.linkscout.ingest;

import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import io.linkscout.graph.PageRank;
import io.linkscout.graph.RankEngine;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.NodeIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A Common Crawl web graph in its published layout, reduced to LinkScout's domain graph and ranked into an authority
 * list {@code ingest} reads. The layout (host- or domain-level, files optionally gzipped, several parts each):
 * {@code vertices} lines {@code id<TAB>reversed name[<TAB>more columns]} — the name with its labels reversed,
 * {@code com.example.www} for {@code www.example.com} —, {@code edges} lines {@code from<TAB>to}. Every vertex is
 * joined to its registrable domain (Public Suffix List, as {@code ingest} does: {@code uk.co.bbc.www} →
 * {@code bbc.co.uk}); the host edges between two domains collapse into one weighted domain edge (the number of host
 * links), edges inside a domain are dropped, as in the domain graph {@code graph} builds from crawled pages. The
 * ranking is LinkScout's PageRank ({@link RankEngine}: in this JVM or on Spark) scaled to 0–100 like site authority
 * ({@link PageRank#authority}).
 *
 * <p>Memory: one int per vertex id (its domain) plus the domain graph ({@link LinkGraphBuilder}: 8 bytes per host
 * edge while building) — fine for a crawl's domain graph of a few million nodes, not for the full 100 M-domain
 * graph, whose reduction belongs on the cluster.
 */
public final class CommonCrawlGraph {

    /** Problems listed in full; beyond this only counted. */
    public static final int MAX_PROBLEMS = 20;

    /** The CSV columns, an authority list {@code ingest} reads (its {@code merged} kind, {@code cc_*} metrics). */
    public static final List<String> COLUMNS = List.of("domain", "cc_rank", "cc_pagerank", "cc_authority",
            "cc_hosts", "cc_ref_domains");

    /** A ranked domain. */
    public record Row(String domain, int rank, double pageRank, double authority, int hosts, int refDomains) {
    }

    /** What was read: vertices and edges used and skipped, and the first problems ({@code file:line: what}). */
    public record Stats(long vertices, long skippedVertices, long edges, long skippedEdges, long problemCount,
            List<String> problems) {
    }

    /** The stopping rule of the ranking: that of {@code graph}'s domain PageRank. */
    public static final double TOLERANCE = 1e-10;

    public static final int MAX_ITERATIONS = 200;

    /**
     * A graph ranked and written: what was read, the domains and domain links it gave, and the first rows (for the
     * terminal).
     */
    public record Summary(Stats stats, long domains, long domainLinks, List<Row> top) {
    }

    private final LinkGraph graph;
    private final int[] hosts;
    private final Stats stats;

    private CommonCrawlGraph(LinkGraph graph, int[] hosts, Stats stats) {
        this.graph = graph;
        this.hosts = hosts;
        this.stats = stats;
    }

    public LinkGraph graph() {
        return graph;
    }

    public Stats stats() {
        return stats;
    }

    /** One non-blank line of a graph file: whether it was used (else it was skipped). */
    private interface Line {
        boolean read(String where, String line);
    }

    /** Reads every non-blank line of {@code files}; returns {used, skipped}. {@code where} is {@code file:line}. */
    private static long[] eachLine(List<Path> files, Line reader) throws IOException {
        long[] counts = new long[2];
        for (Path f : files) {
            try (BufferedReader in = IngestFiles.reader(f)) {
                String line;
                long no = 0;
                while ((line = in.readLine()) != null) {
                    no++;
                    if (!line.isBlank()) {
                        counts[reader.read(f + ":" + no, line) ? 0 : 1]++;
                    }
                }
            }
        }
        return counts;
    }

    /**
     * The vertices read so far: each vertex id's domain number ({@code -1} when none), and each domain's name and
     * host count. Memory: 4 bytes per vertex id up to the largest, 4 per domain plus its name.
     */
    private static final class Vertices {
        int[] domainOf = filled(new int[1024]);
        int[] hostCount = new int[1024];
        final List<String> names = new ArrayList<>();

        int domainOf(long id) {
            return id < domainOf.length ? domainOf[(int) id] : -1;
        }

        void add(long id, int domain, String name) {
            if (id >= domainOf.length) {
                int old = domainOf.length;
                domainOf = Arrays.copyOf(domainOf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(id + 1, 2L * old)));
                Arrays.fill(domainOf, old, domainOf.length, -1);
            }
            if (domain == names.size()) {
                names.add(name);
            }
            if (domain >= hostCount.length) {
                hostCount = Arrays.copyOf(hostCount, 2 * hostCount.length);
            }
            hostCount[domain]++;
            domainOf[(int) id] = domain;
        }

        private static int[] filled(int[] a) {
            Arrays.fill(a, -1);
            return a;
        }
    }

    /** {@link CommonCrawlLines#host}. */
    public static String host(String reversed) {
        return CommonCrawlLines.host(reversed);
    }

    /** Reads the vertex files, then the edge files, into the domain graph. */
    public static CommonCrawlGraph read(List<Path> vertexFiles, List<Path> edgeFiles) throws IOException {
        requireInputs(vertexFiles, edgeFiles);
        Reading r = readVertices(vertexFiles);
        long[] edgeCounts = eachLine(edgeFiles, (where, line) -> {
            CommonCrawlLines.Edge e = CommonCrawlLines.edge(line);
            if (e.problem() != null) {
                r.problems.add(where + ": " + e.problem());
                return false;
            }
            return r.edge(e.from(), e.to(), where);
        });
        return r.finish(vertexFiles, edgeCounts);
    }

    /**
     * Reads the vertex files, then the arcs of a graph in WebGraph's BVGraph form — the form Common Crawl also
     * publishes its host and domain graphs in ({@code BASENAME.graph} + {@code BASENAME.properties}; node ids are
     * the vertex file's ids) — streaming them from disk ({@code loadOffline}: nothing per arc in memory). Same
     * domain graph as the edge files of the same crawl.
     *
     * @param graph the basename, with or without {@code .graph}
     */
    public static CommonCrawlGraph readBvGraph(List<Path> vertexFiles, Path graph) throws IOException {
        if (vertexFiles.isEmpty()) {
            throw new UserException("give the graph's vertex files (--vertices)");
        }
        requireFiles(vertexFiles);
        String basename = graph.toString().endsWith(".graph")
                ? graph.toString().substring(0, graph.toString().length() - ".graph".length()) : graph.toString();
        for (String ext : new String[] {".graph", ".properties"}) {
            if (!Files.isRegularFile(Path.of(basename + ext))) {
                throw new UserException("--graph " + graph + ": " + basename + ext + " not found (give the basename of "
                        + "a BVGraph, e.g. cc-main-2024-feb-apr-may-domain for cc-main-2024-feb-apr-may-domain.graph "
                        + "and .properties)");
            }
        }
        Reading r = readVertices(vertexFiles);
        ImmutableGraph g;
        try {
            g = ImmutableGraph.loadOffline(basename);
        } catch (IOException | RuntimeException e) {
            throw new UserException("--graph " + graph + ": not a WebGraph graph WebGraph can read (" + e.getMessage()
                    + "); give the basename of a BVGraph (.graph + .properties)");
        }
        long used = 0;
        long skipped = 0;
        NodeIterator it = g.nodeIterator();
        for (int i = 0; i < g.numNodes(); i++) {
            int from = it.nextInt();
            int d = it.outdegree();
            int[] succ = it.successorArray();
            for (int j = 0; j < d; j++) {
                if (r.edge(from, succ[j], basename + ".graph: arc " + from + " -> " + succ[j])) {
                    used++;
                } else {
                    skipped++;
                }
            }
        }
        return r.finish(vertexFiles, new long[] {used, skipped});
    }

    /** The vertex and edge files are given and exist, else a clear error. */
    public static void requireInputs(List<Path> vertexFiles, List<Path> edgeFiles) {
        if (vertexFiles.isEmpty() || edgeFiles.isEmpty()) {
            throw new UserException("give the graph's vertex files (--vertices) and edge files (--edges or --graph)");
        }
        requireFiles(concat(vertexFiles, edgeFiles));
    }

    /** At least one vertex was usable, else the clear error of an unusable vertex file. */
    public static void requireVertices(Stats stats, List<Path> vertexFiles) {
        if (stats.vertices() == 0) {
            throw new UserException("no usable vertex in " + vertexFiles + ": a Common Crawl vertex file has lines "
                    + "id<TAB>reversed host name (e.g. 0<TAB>com.example.www)"
                    + (stats.problems().isEmpty() ? "" : "; first problem: " + stats.problems().get(0)));
        }
    }

    private static void requireFiles(List<Path> files) {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserException("graph file not found: " + f + " (check the path)");
            }
        }
    }

    /** Reads the vertex files: each id's domain, the domains' host counts. */
    private static Reading readVertices(List<Path> vertexFiles) throws IOException {
        Reading r = new Reading();
        r.vertexCounts = eachLine(vertexFiles, (where, line) -> {
            CommonCrawlLines.Vertex v = CommonCrawlLines.vertex(line);
            if (v.problem() != null) {
                r.problems.add(where + ": " + v.problem());
                return false;
            }
            if (r.v.domainOf(v.id()) >= 0) {
                r.problems.add(where + ": " + CommonCrawlLines.duplicateVertex(v.id()));
                return false;
            }
            r.v.add(v.id(), r.b.number(v.domain()), v.domain());
            return true;
        });
        return r;
    }

    /** One reading of a graph: the vertices, the domain links so far, the problems. */
    private static final class Reading {
        final Problems problems = new Problems();
        final LinkGraphBuilder b = new LinkGraphBuilder();
        final Vertices v = new Vertices();
        long[] vertexCounts;

        /** Adds the domain link of the vertex link {@code from -> to}; false (and a problem) when a vertex is unknown. */
        boolean edge(long from, long to, String where) {
            int a = v.domainOf(from);
            int z = v.domainOf(to);
            if (a < 0 || z < 0) {
                problems.add(where + ": " + CommonCrawlLines.unknownVertex(a < 0 ? from : to));
                return false;
            }
            b.edge(a, z, true);
            return true;
        }

        CommonCrawlGraph finish(List<Path> vertexFiles, long[] edgeCounts) {
            Stats stats = new Stats(vertexCounts[0], vertexCounts[1], edgeCounts[0], edgeCounts[1], problems.count,
                    List.copyOf(problems.list));
            requireVertices(stats, vertexFiles);
            LinkGraph g = b.build();
            int[] hosts = new int[g.nodeCount()];
            for (int d = 0; d < v.names.size(); d++) {
                hosts[g.node(v.names.get(d))] = v.hostCount[d];
            }
            return new CommonCrawlGraph(g, hosts, stats);
        }
    }

    /**
     * The domains ranked by PageRank on {@code engine} (damping {@code damping}, the stopping rule of
     * {@code graph}'s domain PageRank), best first, ties by domain.
     */
    public List<Row> rank(RankEngine engine, double damping) {
        double[] pr = engine.compute(graph, List.of(new RankEngine.Request("cc-pagerank", damping, null, false, null,
                TOLERANCE, MAX_ITERATIONS))).get(0);
        double[] authority = PageRank.authority(pr);
        int[] in = graph.inDegrees();
        Integer[] order = new Integer[graph.nodeCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -pr[i]).thenComparing(graph::name));
        List<Row> out = new ArrayList<>(order.length);
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            out.add(new Row(graph.name(i), r + 1, pr[i], authority[i], hosts[i], in[i]));
        }
        return out;
    }

    /** Ranks the domains ({@link #rank}), writes them to {@code out} ({@link #write}); the first {@code top} rows. */
    public Summary rankAndWrite(RankEngine engine, double damping, Path out, int top) throws IOException {
        requireOutFolder(out);
        List<Row> rows = rank(engine, damping);
        write(rows, out);
        return new Summary(stats, graph.nodeCount(), graph.edgeCount(), List.copyOf(rows.subList(0,
                Math.min(top, rows.size()))));
    }

    /** The output's folder exists, else a clear error. */
    public static void requireOutFolder(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("--out " + out + ": the folder " + parent + " does not exist");
        }
    }

    /**
     * The rows, best first, as an authority list CSV ({@link #COLUMNS}) that {@code ingest} reads; streamed (rows
     * may come from a cluster, one at a time), written to a temporary file moved into place at the end.
     */
    public static void write(Iterable<Row> rows, Path out) throws IOException {
        requireOutFolder(out);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                        .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                p.printRecord(r.domain(), r.rank(), r.pageRank(), r.authority(), r.hosts(), r.refDomains());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static final class Problems {
        final List<String> list = new ArrayList<>();
        long count;

        void add(String p) {
            count++;
            if (list.size() < MAX_PROBLEMS) {
                list.add(p);
            }
        }
    }
}
