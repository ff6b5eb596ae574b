package io.linkscout.spark;

import io.linkscout.error.UserException;
import io.linkscout.graph.PageRank;
import io.linkscout.ingest.CommonCrawlGraph;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

/**
 * {@code cc-graph --engine spark}: the whole of {@link CommonCrawlGraph} — the host→domain join, the collapse into
 * weighted domain links and the PageRank — as one Spark job ({@code io.linkscout.sparkjob.CcGraphJob}, which runs the
 * same line rules and Public Suffix List join, {@code ingest.CommonCrawlLines}, compiled into its jar), for graphs
 * whose domain links do not fit this machine. The job writes the ranked domains best first; this class streams them
 * into the same CSV the in-process path writes ({@link CommonCrawlGraph#write}), scaling each PageRank to authority
 * with {@link PageRank#authorityScale} — nothing per vertex, edge or domain is held here.
 */
public final class SparkCommonCrawlGraph {

    private SparkCommonCrawlGraph() {
    }

    /** Joins, ranks and writes the graph of {@code vertexFiles} and {@code edgeFiles} on {@code engine}. */
    public static CommonCrawlGraph.Summary rankAndWrite(SparkRankEngine engine, List<Path> vertexFiles,
            List<Path> edgeFiles, double damping, Path out, int top) throws IOException {
        CommonCrawlGraph.requireInputs(vertexFiles, edgeFiles);
        CommonCrawlGraph.requireOutFolder(out);
        Path job = null;
        try {
            job = engine.newJob();
            StringBuilder sb = new StringBuilder();
            sb.append("damping\t").append(damping).append('\n');
            sb.append("tolerance\t").append(CommonCrawlGraph.TOLERANCE).append('\n');
            sb.append("max-iterations\t").append(CommonCrawlGraph.MAX_ITERATIONS).append('\n');
            sb.append("max-problems\t").append(CommonCrawlGraph.MAX_PROBLEMS).append('\n');
            for (Path f : vertexFiles) {
                sb.append("vertices\t").append(f.toAbsolutePath()).append('\t').append(oneLine(f)).append('\n');
            }
            for (Path f : edgeFiles) {
                sb.append("edges\t").append(f.toAbsolutePath()).append('\t').append(oneLine(f)).append('\n');
            }
            Files.writeString(job.resolve("cc.tsv"), sb, StandardCharsets.UTF_8);
            engine.run(job, "io.linkscout.sparkjob.CcGraphJob");
            Path outDir = job.resolve("out");
            if (!Files.isRegularFile(outDir.resolve("cc.done"))) {
                throw new UserException("the Spark job ended without ranking the graph; nothing was written");
            }
            Map<String, String> done = new HashMap<>();
            for (String l : Files.readAllLines(outDir.resolve("cc.done"), StandardCharsets.UTF_8)) {
                String[] kv = l.split("\t", 2);
                if (kv.length == 2) {
                    done.put(kv[0], kv[1]);
                }
            }
            List<String> problems = Files.readAllLines(outDir.resolve("cc.problems"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty()).toList();
            CommonCrawlGraph.Stats stats = new CommonCrawlGraph.Stats(number(done, "vertices"),
                    number(done, "skipped-vertices"), number(done, "edges"), number(done, "skipped-edges"),
                    number(done, "problems"), problems);
            CommonCrawlGraph.requireVertices(stats, vertexFiles);
            long domains = number(done, "domains");
            DoubleUnaryOperator authority = PageRank.authorityScale(Double.parseDouble(done.get("max-pagerank")),
                    domains);
            List<CommonCrawlGraph.Row> first = new ArrayList<>();
            List<Path> parts = parts(outDir.resolve("cc"));
            CommonCrawlGraph.write(() -> new RowIterator(parts, domains, authority, row -> {
                if (first.size() < top) {
                    first.add(row);
                }
            }), out);
            return new CommonCrawlGraph.Summary(stats, domains, number(done, "links"), List.copyOf(first));
        } finally {
            SparkRankEngine.removeJob(job);
        }
    }

    private static String oneLine(Path f) {
        return f.toString().replace('\t', ' ').replace('\n', ' ');
    }

    private static long number(Map<String, String> done, String key) {
        String v = done.get(key);
        if (v == null) {
            throw new UserException("the Spark job's summary has no '" + key + "'; nothing was written");
        }
        return Long.parseLong(v);
    }

    /** The job's part files in their order (the rows' order: best first). */
    private static List<Path> parts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d+"))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(5))))
                    .toList();
        }
    }

    /**
     * The rows of the part files, ranked 1, 2, ... in order: {@code domain<TAB>pagerank<TAB>hosts<TAB>refs}; fails at
     * the end when they are not the {@code expected} number of domains.
     */
    private static final class RowIterator implements Iterator<CommonCrawlGraph.Row> {
        private final Iterator<Path> parts;
        private final long expected;
        private final DoubleUnaryOperator authority;
        private final java.util.function.Consumer<CommonCrawlGraph.Row> seen;
        private BufferedReader in;
        private String next;
        private int rank;

        RowIterator(List<Path> parts, long expected, DoubleUnaryOperator authority,
                java.util.function.Consumer<CommonCrawlGraph.Row> seen) {
            this.parts = parts.iterator();
            this.expected = expected;
            this.authority = authority;
            this.seen = seen;
            advance();
        }

        private void advance() {
            try {
                next = null;
                while (next == null) {
                    if (in != null) {
                        next = in.readLine();
                        if (next != null) {
                            return;
                        }
                        in.close();
                        in = null;
                    }
                    if (!parts.hasNext()) {
                        if (rank != expected) {
                            throw new UserException("the Spark job returned " + rank + " of " + expected
                                    + " domains; nothing was written");
                        }
                        return;
                    }
                    in = Files.newBufferedReader(parts.next(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public CommonCrawlGraph.Row next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            String[] f = next.split("\t");
            double pr = Double.parseDouble(f[1]);
            CommonCrawlGraph.Row row = new CommonCrawlGraph.Row(f[0], ++rank, pr, authority.applyAsDouble(pr),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            seen.accept(row);
            advance();
            return row;
        }
    }
}
