package io.linkscout.ingest;

import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import io.linkscout.graph.PageRank;
import io.linkscout.graph.RankEngine;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
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
import java.util.Locale;
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

    /** One non-blank line of a graph file, split at tabs: whether it was used (else it was skipped). */
    private interface Line {
        boolean read(String[] columns, String where, String line);
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
                        counts[reader.read(line.split("\t", 3), f + ":" + no, line) ? 0 : 1]++;
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

    /**
     * The host or domain name of a reversed Common Crawl vertex name ({@code com.example.www} →
     * {@code www.example.com}), lower-cased; null when it is not a valid host name.
     */
    public static String host(String reversed) {
        if (reversed == null || reversed.isBlank()) {
            return null;
        }
        List<String> labels = Arrays.asList(reversed.strip().toLowerCase(Locale.ROOT).split("\\.", -1));
        java.util.Collections.reverse(labels);
        String h = String.join(".", labels);
        return UrlNormalizer.isValidHost(h) && h.contains(".") ? h : null;
    }

    /** Reads the vertex files, then the edge files, into the domain graph. */
    public static CommonCrawlGraph read(List<Path> vertexFiles, List<Path> edgeFiles) throws IOException {
        if (vertexFiles.isEmpty() || edgeFiles.isEmpty()) {
            throw new UserException("give the graph's vertex files (--vertices) and edge files (--edges)");
        }
        for (Path f : concat(vertexFiles, edgeFiles)) {
            if (!Files.isRegularFile(f)) {
                throw new UserException("graph file not found: " + f + " (check the path)");
            }
        }
        Problems problems = new Problems();
        LinkGraphBuilder b = new LinkGraphBuilder();
        Vertices v = new Vertices();
        long[] vertexCounts = eachLine(vertexFiles, (c, where, line) -> {
            long id = c.length < 2 ? -1 : id(c[0]);
            if (id < 0) {
                problems.add(where + ": not a vertex line (id<TAB>reversed name): '" + cut(line) + "'");
                return false;
            }
            String host = host(c[1]);
            String domain = host == null ? null : Domains.registrableDomain(host);
            if (domain == null || domain.isBlank()) {
                problems.add(where + ": '" + cut(c[1]) + "' is not a reversed host name like com.example.www");
                return false;
            }
            if (v.domainOf(id) >= 0) {
                problems.add(where + ": vertex id " + id + " appears twice (the first is kept)");
                return false;
            }
            v.add(id, b.number(domain), domain);
            return true;
        });
        long[] edgeCounts = eachLine(edgeFiles, (c, where, line) -> {
            long from = id(c[0]);
            long to = c.length < 2 ? -1 : id(c[1]);
            if (from < 0 || to < 0) {
                problems.add(where + ": not an edge line (from<TAB>to): '" + cut(line) + "'");
                return false;
            }
            int a = v.domainOf(from);
            int z = v.domainOf(to);
            if (a < 0 || z < 0) {
                problems.add(where + ": vertex " + (a < 0 ? from : to) + " is not in the vertex files (or was "
                        + "skipped)");
                return false;
            }
            b.edge(a, z, true);
            return true;
        });
        long vertices = vertexCounts[0];
        long skippedVertices = vertexCounts[1];
        long edges = edgeCounts[0];
        long skippedEdges = edgeCounts[1];
        if (vertices == 0) {
            throw new UserException("no usable vertex in " + vertexFiles + ": a Common Crawl vertex file has lines "
                    + "id<TAB>reversed host name (e.g. 0<TAB>com.example.www)"
                    + (problems.list.isEmpty() ? "" : "; first problem: " + problems.list.get(0)));
        }
        LinkGraph g = b.build();
        int[] hosts = new int[g.nodeCount()];
        for (int d = 0; d < v.names.size(); d++) {
            hosts[g.node(v.names.get(d))] = v.hostCount[d];
        }
        return new CommonCrawlGraph(g, hosts, new Stats(vertices, skippedVertices, edges, skippedEdges,
                problems.count, List.copyOf(problems.list)));
    }

    /**
     * The domains ranked by PageRank on {@code engine} (damping {@code damping}, the stopping rule of
     * {@code graph}'s domain PageRank), best first, ties by domain.
     */
    public List<Row> rank(RankEngine engine, double damping) {
        double[] pr = engine.compute(graph, List.of(new RankEngine.Request("cc-pagerank", damping, null, false, null,
                1e-10, 200))).get(0);
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

    /** The rows as an authority list CSV ({@link #COLUMNS}) that {@code ingest} reads. */
    public static void write(List<Row> rows, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("--out " + out + ": the folder " + parent + " does not exist");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                        .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                p.printRecord(r.domain(), r.rank(), r.pageRank(), r.authority(), r.hosts(), r.refDomains());
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static long id(String s) {
        try {
            long v = Long.parseLong(s.strip());
            return v < 0 || v >= Integer.MAX_VALUE - 8 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
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
