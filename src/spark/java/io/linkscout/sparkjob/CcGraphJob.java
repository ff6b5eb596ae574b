package io.linkscout.sparkjob;

import io.linkscout.ingest.CommonCrawlLines;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code cc-graph} on Spark: a Common Crawl host- or domain-level graph in its published layout (vertex files
 * {@code id<TAB>reversed name}, edge files {@code from<TAB>to}, gzip or plain, several parts each) joined to
 * registrable domains, collapsed into weighted domain links and ranked by LinkScout's PageRank — the whole join on the
 * cluster, for graphs whose domain links do not fit one machine. The line rules, skip reports and domain join are
 * {@code io.linkscout.ingest.CommonCrawlLines} (compiled into this jar from the application's sources, with its
 * Public Suffix List code), so the results are those of the in-process {@code CommonCrawlGraph}: every vertex keyed
 * by id (a repeated id keeps its first line), host links between two domains counted into one domain link, links
 * inside a domain dropped (but counted as used), an edge to an unknown vertex skipped; the PageRank is
 * {@link RankJob#rank}.
 *
 * <p>Input, the job directory's {@code cc.tsv}: lines {@code damping<TAB>D}, {@code tolerance<TAB>T},
 * {@code max-iterations<TAB>N}, {@code max-problems<TAB>N}, and per file
 * {@code vertices|edges<TAB>path<TAB>name in messages}. Output: {@code out/cc/part-*} lines {@code domain<TAB>pagerank<TAB>hosts<TAB>referring domains}, best first across the
 * part files in their order (ties by domain); {@code out/cc.problems}, the first {@code max-problems} problems
 * ({@code file:line: what}) in file and line order; and last {@code out/cc.done} ({@code key<TAB>value}: vertices,
 * skipped-vertices, edges, skipped-edges, problems, domains, links, max-pagerank, iterations). A job killed part-way
 * leaves no {@code cc.done}.
 *
 * <p>Memory: nothing per vertex or edge on the driver (only counts, the top rank and the first problems); the
 * executors shuffle the edges twice (joined to the domain of their source, then of their target) and the domain
 * links once.
 */
public final class CcGraphJob {

    /** Lines per file at most 2^46; file index at most 2^16 per kind. */
    private static final int LINE_BITS = 46;

    private CcGraphJob() {
    }

    /** {@code --master URL --job DIR [--partitions P]}. */
    public static void main(String[] args) throws IOException {
        RankJob.JobArgs a = RankJob.JobArgs.parse(args);
        String master = a.master();
        Path job = a.job();
        int partitions = a.partitions();
        try (JavaSparkContext sc = RankJob.context("linkscout-cc-graph", master)) {
            run(sc, job, partitions > 0 ? partitions : Math.max(2, sc.defaultParallelism()));
        }
    }

    /** Where a line is: kind (0 vertices, 1 edges), file index, line number, packed so that order is file order. */
    static long where(int kind, int file, long line) {
        return ((((long) kind << 16) | file) << LINE_BITS) | line;
    }

    /** A problem's {@code file:line: what}. */
    private static String at(List<String> names, long where, String what) {
        return names.get((int) (where >>> LINE_BITS) & 0xffff) + ":" + (where & ((1L << LINE_BITS) - 1)) + ": " + what;
    }

    /** Orders problems by where they are. */
    static final class ByWhere implements Comparator<Tuple2<Long, String>>, Serializable {
        @Override
        public int compare(Tuple2<Long, String> a, Tuple2<Long, String> b) {
            return Long.compare(a._1(), b._1());
        }
    }

    /** Best first: higher PageRank, then domain (as {@code CommonCrawlGraph.rank}). */
    static final class BestFirst implements Comparator<Tuple2<Double, String>>, Serializable {
        @Override
        public int compare(Tuple2<Double, String> a, Tuple2<Double, String> b) {
            int c = Double.compare(-a._1(), -b._1());
            return c != 0 ? c : a._2().compareTo(b._2());
        }
    }

    /** The non-blank lines of {@code files} keyed by {@link #where}. */
    private static JavaPairRDD<Long, String> lines(JavaSparkContext sc, int kind, List<String> files) {
        JavaPairRDD<Long, String> all = null;
        for (int f = 0; f < files.size(); f++) {
            int file = f;
            JavaPairRDD<Long, String> one = sc.textFile(files.get(f)).zipWithIndex().filter(t -> !t._1().isBlank())
                    .mapToPair(t -> new Tuple2<>(where(kind, file, t._2() + 1), t._1()));
            all = all == null ? one : all.union(one);
        }
        return all;
    }

    static void run(JavaSparkContext sc, Path job, int partitions) throws IOException {
        double damping = 0.85;
        double tolerance = 1e-10;
        int maxIterations = 200;
        int maxProblems = 20;
        List<String> vertexFiles = new ArrayList<>();
        List<String> vertexNames = new ArrayList<>();
        List<String> edgeFiles = new ArrayList<>();
        List<String> edgeNames = new ArrayList<>();
        for (String l : Files.readAllLines(job.resolve("cc.tsv"), StandardCharsets.UTF_8)) {
            String[] f = l.split("\t", -1);
            switch (f[0]) {
                case "damping" -> damping = Double.parseDouble(f[1]);
                case "tolerance" -> tolerance = Double.parseDouble(f[1]);
                case "max-iterations" -> maxIterations = Integer.parseInt(f[1]);
                case "max-problems" -> maxProblems = Integer.parseInt(f[1]);
                case "vertices" -> {
                    vertexFiles.add(f[1]);
                    vertexNames.add(f[2]);
                }
                case "edges" -> {
                    edgeFiles.add(f[1]);
                    edgeNames.add(f[2]);
                }
                case "" -> {
                }
                default -> throw new IllegalArgumentException("cc.tsv: unknown key " + f[0]);
            }
        }
        HashPartitioner part = new HashPartitioner(partitions);
        StorageLevel keep = StorageLevel.MEMORY_AND_DISK();

        // vertices: parsed; a repeated id keeps its first line
        JavaPairRDD<Long, CommonCrawlLines.Vertex> vertices = lines(sc, 0, vertexFiles)
                .mapValues(CommonCrawlLines::vertex).persist(keep);
        JavaPairRDD<Long, String> vertexProblems = vertices.filter(t -> t._2().problem() != null)
                .mapToPair(t -> new Tuple2<>(t._1(), at(vertexNames, t._1(), t._2().problem())));
        JavaPairRDD<Long, Iterable<Tuple2<Long, String>>> byId = vertices.filter(t -> t._2().problem() == null)
                .mapToPair(t -> new Tuple2<>(t._2().id(), new Tuple2<>(t._1(), t._2().domain()))).groupByKey(part)
                .persist(keep);
        JavaPairRDD<Long, String> duplicates = byId.flatMapToPair(t -> {
            long first = Long.MAX_VALUE;
            for (Tuple2<Long, String> v : t._2()) {
                first = Math.min(first, v._1());
            }
            List<Tuple2<Long, String>> out = new ArrayList<>();
            for (Tuple2<Long, String> v : t._2()) {
                if (v._1() != first) {
                    out.add(new Tuple2<>(v._1(), at(vertexNames, v._1(), CommonCrawlLines.duplicateVertex(t._1()))));
                }
            }
            return out.iterator();
        });
        JavaPairRDD<Long, String> domainOfId = byId.mapValues(vs -> {
            Tuple2<Long, String> first = null;
            for (Tuple2<Long, String> v : vs) {
                first = first == null || v._1() < first._1() ? v : first;
            }
            return first._2();
        }).persist(keep);
        long usedVertices = domainOfId.count();

        // domains numbered in name order (as LinkGraphBuilder does), with their host counts
        JavaPairRDD<Tuple2<String, Long>, Long> domains = domainOfId.mapToPair(t -> new Tuple2<>(t._2(), 1L))
                .reduceByKey(part, Long::sum).sortByKey(true, partitions).zipWithIndex().persist(keep);
        long n = domains.count();
        JavaPairRDD<String, Long> domainNumber = domains.mapToPair(t -> new Tuple2<>(t._1()._1(), t._2()));
        JavaPairRDD<Long, Long> vertexDomain = domainOfId.mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .join(domainNumber).mapToPair(t -> t._2()).partitionBy(part).persist(keep);

        // edges: parsed, joined to the domain of their source, then of their target
        JavaPairRDD<Long, CommonCrawlLines.Edge> edges = lines(sc, 1, edgeFiles).mapValues(CommonCrawlLines::edge)
                .persist(keep);
        JavaPairRDD<Long, String> edgeProblems = edges.filter(t -> t._2().problem() != null)
                .mapToPair(t -> new Tuple2<>(t._1(), at(edgeNames, t._1(), t._2().problem())));
        JavaPairRDD<Long, Tuple2<Tuple2<Long, Long>, org.apache.spark.api.java.Optional<Long>>> fromJoined = edges
                .filter(t -> t._2().problem() == null)
                .mapToPair(t -> new Tuple2<>(t._2().from(), new Tuple2<>(t._1(), t._2().to())))
                .leftOuterJoin(vertexDomain, part).persist(keep);
        JavaPairRDD<Long, String> unknownFrom = fromJoined.filter(t -> !t._2()._2().isPresent())
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(),
                        at(edgeNames, t._2()._1()._1(), CommonCrawlLines.unknownVertex(t._1()))));
        // to -> (where, source domain)
        JavaPairRDD<Long, Tuple2<Tuple2<Long, Long>, org.apache.spark.api.java.Optional<Long>>> toJoined = fromJoined
                .filter(t -> t._2()._2().isPresent())
                .mapToPair(t -> new Tuple2<>(t._2()._1()._2(), new Tuple2<>(t._2()._1()._1(), t._2()._2().get())))
                .leftOuterJoin(vertexDomain, part).persist(keep);
        JavaPairRDD<Long, String> unknownTo = toJoined.filter(t -> !t._2()._2().isPresent())
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(),
                        at(edgeNames, t._2()._1()._1(), CommonCrawlLines.unknownVertex(t._1()))));
        JavaPairRDD<Long, Long> domainArcs = toJoined.filter(t -> t._2()._2().isPresent())
                .mapToPair(t -> new Tuple2<>(t._2()._1()._2(), t._2()._2().get()));
        long usedEdges = domainArcs.count();

        // host links between two domains collapse into one domain link weighted by their number
        JavaRDD<long[]> links = domainArcs.filter(t -> !t._1().equals(t._2())).mapToPair(t -> new Tuple2<>(t, 1L))
                .reduceByKey(part, Long::sum).map(t -> new long[] {t._1()._1(), t._1()._2(), t._2(), 1})
                .persist(keep);
        long linkCount = links.count();

        JavaPairRDD<Long, String> problems = vertexProblems.union(duplicates).union(edgeProblems).union(unknownFrom)
                .union(unknownTo).persist(keep);
        long problemCount = problems.count();
        List<Tuple2<Long, String>> first = problems.takeOrdered(maxProblems, new ByWhere());
        long skippedVertices = vertices.count() - usedVertices;
        long skippedEdges = edges.count() - usedEdges;

        Path outDir = job.resolve("out");
        Files.createDirectories(outDir);
        double max = 0;
        int iterations = 0;
        if (n > 0) {
            JavaPairRDD<Long, Long> ids = domains.mapToPair(t -> new Tuple2<>(t._2(), t._2())).partitionBy(part)
                    .persist(keep);
            RankJob.Ranking ranking = RankJob.rank(sc, job, new RankJob.Request("cc-pagerank", damping, false,
                    tolerance, maxIterations, null, null), n, ids, links, part);
            iterations = ranking.iterations();
            JavaPairRDD<Long, Long> refs = links.mapToPair(l -> new Tuple2<>(l[1], 1L)).reduceByKey(part, Long::sum);
            JavaPairRDD<Long, Tuple2<String, Long>> info = domains.mapToPair(t -> new Tuple2<>(t._2(), t._1()));
            JavaPairRDD<Tuple2<Double, String>, String> rows = ranking.ranks().join(info, part).leftOuterJoin(refs, part)
                    .mapToPair(t -> {
                        double pr = t._2()._1()._1();
                        String domain = t._2()._1()._2()._1();
                        return new Tuple2<>(new Tuple2<>(pr, domain), domain + "\t" + pr + "\t" + t._2()._1()._2()._2()
                                + "\t" + t._2()._2().orElse(0L));
                    }).persist(keep);
            max = rows.keys().map(Tuple2::_1).fold(0.0, (a, b) -> Math.max(a, b));
            rows.sortByKey(new BestFirst(), true, partitions).values().saveAsTextFile(outDir.resolve("cc").toString());
            ranking.release();
        }
        StringBuilder p = new StringBuilder();
        for (Tuple2<Long, String> t : first) {
            p.append(t._2().replace('\n', ' ')).append('\n');
        }
        Files.writeString(outDir.resolve("cc.problems"), p, StandardCharsets.UTF_8);
        String done = String.format(Locale.ROOT, "vertices\t%d%nskipped-vertices\t%d%nedges\t%d%nskipped-edges\t%d%n"
                + "problems\t%d%ndomains\t%d%nlinks\t%d%nmax-pagerank\t%s%niterations\t%d%n", usedVertices,
                skippedVertices, usedEdges, skippedEdges, problemCount, n, linkCount, Double.toString(max), iterations);
        Files.writeString(outDir.resolve("cc.done"), done, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "cc-graph: %d vertices, %d edges -> %d domains, %d links, %d iterations%n",
                usedVertices, usedEdges, n, linkCount, iterations);
    }
}
