package io.linkscout.sparkjob;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * LinkScout's PageRank family on Spark: plain, personalised (TrustRank, topic-sensitive) and with blocked nodes,
 * plus the per-node figures derived beside them (referring domains, relative spam mass),
 * with exactly the semantics of {@code io.linkscout.graph.PageRank#compute} — weighted followed edges, dangling mass
 * jumping along the teleport vector, blocked nodes passing nothing, L1 stopping rule — so that the figures agree
 * with the in-process code to rounding (summation order only).
 *
 * <p>Input, a job directory written by LinkScout ({@code io.linkscout.spark.SparkRankEngine}) or taken from a Common
 * Crawl host/domain graph:
 * <ul>
 * <li>{@code vertices} (a file or a folder of part files, gzip allowed): {@code id<TAB>name[<TAB>...]}, ids 0..n-1;</li>
 * <li>{@code edges}: {@code from<TAB>to[<TAB>weight[<TAB>followed]]} (weight 1 and followed when absent — the
 * Common Crawl edge format);</li>
 * <li>{@code requests.tsv}: one line per ranking, {@code name<TAB>damping<TAB>passUnfollowed<TAB>tolerance<TAB>
 * maxIterations<TAB>teleport|-<TAB>blocked|-} where teleport is a file of {@code id<TAB>weight} (absent: uniform)
 * and blocked a file of ids.</li>
 * <li>{@code derived.tsv} (optional): per-node figures besides the rankings — {@code referrers} (referring
 * domains) and {@code spam-mass<TAB>P<TAB>T<TAB>γ} (relative spam mass from two of the rankings); see
 * {@link #derive}.</li>
 * </ul>
 * Output: {@code out/NAME/part-*} lines {@code id<TAB>rank} ({@code Double.toString}, exact), then
 * {@code out/NAME.done} holding the iteration count; {@code derived/NAME/part-*} and {@code derived/NAME.done} for
 * the derived figures. A job killed part-way leaves no {@code .done} file.
 *
 * <p>Memory: edges are held once, partitioned by source ({@code P} partitions, about 40 bytes per edge in
 * serialized storage), and the node state twice during an iteration (about 48 bytes per node); nothing is collected
 * on the driver but sums. Lineage is cut every {@value #CHECKPOINT_EVERY} iterations. Referring domains cost one
 * shuffle of the (target, source) pairs (distinct); spam mass a join of two saved rankings by node.
 */
public final class RankJob {

    static final int CHECKPOINT_EVERY = 10;

    private RankJob() {
    }

    /** A node's teleport weight, passing out-weight and rank (with the previous rank for the stopping rule). */
    record Node(double v, double outW, double rank, double prev) implements Serializable {
    }

    /** One ranking to compute. */
    record Request(String name, double damping, boolean passUnfollowed, double tolerance, int maxIterations,
            String teleport, String blocked) {

        static Request parse(String line, int lineNo) {
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException("requests.tsv:" + lineNo + ": expected 7 tab-separated fields, got "
                        + f.length);
            }
            return new Request(f[0], Double.parseDouble(f[1]), Boolean.parseBoolean(f[2]), Double.parseDouble(f[3]),
                    Integer.parseInt(f[4]), f[5].equals("-") ? null : f[5], f[6].equals("-") ? null : f[6]);
        }
    }

    /** The arguments every LinkScout Spark job takes: {@code --master URL --job DIR [--partitions P]} (0: default). */
    record JobArgs(String master, Path job, int partitions) {
        static JobArgs parse(String[] args) {
            String master = "local[2]";
            Path job = null;
            int partitions = 0;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--master" -> master = args[++i];
                    case "--job" -> job = Path.of(args[++i]);
                    case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (job == null) {
                throw new IllegalArgumentException("--job DIR is required");
            }
            return new JobArgs(master, job, partitions);
        }
    }

    /** {@code --master URL --job DIR [--partitions P]}. */
    public static void main(String[] args) throws IOException {
        JobArgs a = JobArgs.parse(args);
        String master = a.master();
        Path job = a.job();
        int partitions = a.partitions();
        List<Request> requests = new ArrayList<>();
        List<String> lines = Files.readAllLines(job.resolve("requests.tsv"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                requests.add(Request.parse(lines.get(i), i + 1));
            }
        }
        try (JavaSparkContext sc = context("linkscout-rank", master)) {
            int p = partitions > 0 ? partitions : Math.max(2, sc.defaultParallelism());
            run(sc, job, requests, p);
        }
    }

    /**
     * A Spark context on {@code master} ({@code local[N]}: bound to 127.0.0.1; a cluster: its executors load this
     * job's classes from its jar, served by the driver), without the web UI, logging errors only.
     */
    static JavaSparkContext context(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        } else {
            // executors on a cluster load this job's classes from its jar, served by the driver
            try {
                conf.setJars(new String[] {
                        Path.of(RankJob.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()});
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("ERROR");
        return sc;
    }

    static void run(JavaSparkContext sc, Path job, List<Request> requests, int partitions) throws IOException {
        HashPartitioner part = new HashPartitioner(partitions);
        JavaRDD<Long> ids = sc.textFile(job.resolve("vertices").toString()).filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.substring(0, tab(l))));
        long n = ids.count();
        JavaRDD<long[]> edgeRows = sc.textFile(job.resolve("edges").toString()).filter(l -> !l.isBlank())
                .map(RankJob::edge);
        JavaPairRDD<Long, Long> idsKeyed = ids.mapToPair(i -> new Tuple2<>(i, i)).partitionBy(part)
                .persist(StorageLevel.MEMORY_AND_DISK());
        for (Request r : requests) {
            Path out = job.resolve("out").resolve(r.name());
            int iterations = 0;
            if (n > 0) {
                Ranking ranking = rank(sc, job, r, n, idsKeyed, edgeRows, part);
                ranking.ranks().map(t -> t._1() + "\t" + t._2()).saveAsTextFile(out.toString());
                ranking.release();
                iterations = ranking.iterations();
            }
            Files.writeString(job.resolve("out").resolve(r.name() + ".done"), Integer.toString(iterations));
            System.out.printf(Locale.ROOT, "rank %s: %d nodes, %d iterations%n", r.name(), n, iterations);
        }
        Path derived = job.resolve("derived.tsv");
        if (Files.isRegularFile(derived)) {
            List<String> lines = Files.readAllLines(derived, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    derive(sc, job, lines.get(i), i + 1, n, idsKeyed, edgeRows, part);
                }
            }
        }
    }

    /**
     * One line of {@code derived.tsv}, written to {@code derived/NAME/part-*} ({@code id<TAB>value}, every node) and
     * then {@code derived/NAME.done}:
     * <ul>
     * <li>{@code referrers}: each node's distinct other source nodes over all edges, followed or not (on the domain
     * graph its referring domains) — the Spark form of {@code io.linkscout.graph.LinkGraph#referrerCounts}, which
     * counts the same on arrays (a separate classpath and a different data layout, so the rule is written twice;
     * SparkRankEngineTest checks both agree exactly);</li>
     * <li>{@code spam-mass<TAB>P<TAB>T<TAB>γ}: relative spam mass of every node from the rankings {@code P}
     * (PageRank) and {@code T} (TrustRank) this job wrote to {@code out/}, by {@code io.linkscout.graph.SpamMass#of}
     * — the very class the app uses, compiled into this jar.</li>
     * </ul>
     */
    static void derive(JavaSparkContext sc, Path job, String line, int lineNo, long n, JavaPairRDD<Long, Long> ids,
            JavaRDD<long[]> edgeRows, HashPartitioner part) throws IOException {
        String[] f = line.split("\t", -1);
        Path out = job.resolve("derived").resolve(f[0]);
        JavaPairRDD<Long, String> values;
        switch (f[0]) {
            case "referrers" -> {
                JavaPairRDD<Long, Long> counts = edgeRows.filter(e -> e[0] != e[1])
                        .mapToPair(e -> new Tuple2<>(e[1], e[0])).distinct(part.numPartitions())
                        .mapToPair(t -> new Tuple2<>(t._1(), 1L)).reduceByKey(part, Long::sum);
                values = ids.leftOuterJoin(counts).mapValues(t -> Long.toString(t._2().orElse(0L)));
            }
            case "spam-mass" -> {
                if (f.length != 4) {
                    throw new IllegalArgumentException("derived.tsv:" + lineNo + ": spam-mass takes 3 fields, got "
                            + (f.length - 1));
                }
                double goodFraction = Double.parseDouble(f[3]);
                values = savedRanks(sc, job, f[1], part).join(savedRanks(sc, job, f[2], part))
                        .mapValues(t -> Double.toString(io.linkscout.graph.SpamMass.of(t._1(), t._2(), goodFraction)));
            }
            default -> throw new IllegalArgumentException("derived.tsv:" + lineNo + ": unknown figure '" + f[0]
                    + "'");
        }
        if (n > 0) {
            values.map(t -> t._1() + "\t" + t._2()).saveAsTextFile(out.toString());
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out.getParent().resolve(f[0] + ".done"), "");
        System.out.printf(Locale.ROOT, "derived %s: %d nodes%n", f[0], n);
    }

    /** The ranking {@code name} this job wrote to {@code out/NAME} (exact: {@code Double.toString} round-trips). */
    private static JavaPairRDD<Long, Double> savedRanks(JavaSparkContext sc, Path job, String name,
            HashPartitioner part) {
        if (!Files.isRegularFile(job.resolve("out").resolve(name + ".done"))) {
            throw new IllegalArgumentException("derived.tsv asks for ranking '" + name + "', which was not computed");
        }
        return sc.textFile(job.resolve("out").resolve(name).toString()).filter(l -> !l.isBlank()).mapToPair(l -> {
            int t = tab(l);
            return new Tuple2<>(Long.parseLong(l.substring(0, t)), Double.parseDouble(l.substring(t + 1)));
        }).partitionBy(part);
    }

    /** A ranking computed: each node's rank, the iterations it took; {@link #release} after use. */
    record Ranking(JavaPairRDD<Long, Double> ranks, int iterations, Runnable cleanup) {
        void release() {
            cleanup.run();
        }
    }

    /**
     * Ranking {@code r} of the graph of {@code n} nodes {@code ids} (keyed by themselves, partitioned by {@code part})
     * and {@code edgeRows} ({@code from, to, weight, followed}).
     */
    static Ranking rank(JavaSparkContext sc, Path job, Request r, long n, JavaPairRDD<Long, Long> ids,
            JavaRDD<long[]> edgeRows, HashPartitioner part) {
        boolean pass = r.passUnfollowed();
        double d = r.damping();
        // teleport vector v, normalised to sum 1 (uniform 1/n when absent)
        JavaPairRDD<Long, Double> v;
        if (r.teleport() == null) {
            double u = 1.0 / n;
            v = ids.mapValues(i -> u);
        } else {
            JavaPairRDD<Long, Double> raw = sc.textFile(job.resolve(r.teleport()).toString())
                    .filter(l -> !l.isBlank()).mapToPair(l -> {
                        int t = tab(l);
                        return new Tuple2<>(Long.parseLong(l.substring(0, t)), Double.parseDouble(l.substring(t + 1)));
                    }).reduceByKey(part, Double::sum);
            double sum = raw.values().fold(0.0, Double::sum);
            if (sum == 0) {
                return new Ranking(ids.mapToPair(e -> new Tuple2<>(e._1(), 0.0)), 0, () -> { });
            }
            v = ids.leftOuterJoin(raw).mapValues(t -> t._2().orElse(0.0) / sum);
        }
        JavaPairRDD<Long, Boolean> blocked = r.blocked() == null ? null
                : sc.textFile(job.resolve(r.blocked()).toString()).filter(l -> !l.isBlank())
                        .mapToPair(l -> new Tuple2<>(Long.parseLong(l.trim()), true)).reduceByKey(part, (a, b) -> a);
        JavaPairRDD<Long, Tuple2<Long, Double>> passing = edgeRows.filter(e -> pass || e[3] == 1)
                .mapToPair(e -> new Tuple2<>(e[0], new Tuple2<>(e[1], (double) e[2]))).partitionBy(part);
        if (blocked != null) {
            passing = passing.leftOuterJoin(blocked).filter(t -> !t._2()._2().isPresent())
                    .mapValues(t -> t._1());
        }
        passing = passing.persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Long, Double> outW = passing.mapValues(t -> t._2()).reduceByKey(part, Double::sum);
        JavaPairRDD<Long, Node> state = v.leftOuterJoin(outW)
                .mapValues(t -> new Node(t._1(), t._2().orElse(0.0), t._1(), Double.NaN))
                .persist(StorageLevel.MEMORY_AND_DISK());
        int it = 0;
        double dangling = state.values().filter(s -> s.outW() == 0).map(Node::rank).fold(0.0, Double::sum);
        while (it < r.maxIterations()) {
            it++;
            double jump = (1 - d) + d * dangling;
            JavaPairRDD<Long, Double> shares = state.filter(t -> t._2().outW() > 0)
                    .mapValues(s -> d * s.rank() / s.outW());
            JavaPairRDD<Long, Double> inflow = passing.join(shares)
                    .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), t._2()._2() * t._2()._1()._2()))
                    .reduceByKey(part, Double::sum);
            JavaPairRDD<Long, Node> next = state.leftOuterJoin(inflow).mapValues(t -> {
                Node s = t._1();
                Optional<Double> c = t._2();
                return new Node(s.v(), s.outW(), jump * s.v() + c.orElse(0.0), s.rank());
            }).persist(StorageLevel.MEMORY_AND_DISK());
            if (it % CHECKPOINT_EVERY == 0) {
                next.rdd().localCheckpoint();
            }
            // one pass gives both the L1 change and the next iteration's dangling rank
            double[] sums = next.values().aggregate(new double[2], (acc, s) -> {
                acc[0] += Math.abs(s.rank() - s.prev());
                if (s.outW() == 0) {
                    acc[1] += s.rank();
                }
                return acc;
            }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
            dangling = sums[1];
            state.unpersist(false);
            state = next;
            if (sums[0] < r.tolerance()) {
                break;
            }
        }
        JavaPairRDD<Long, Node> last = state;
        JavaPairRDD<Long, Tuple2<Long, Double>> edges = passing;
        return new Ranking(state.mapValues(Node::rank), it, () -> {
            edges.unpersist(false);
            last.unpersist(false);
        });
    }

    /** {@code from, to, weight, followed(0/1)}. */
    static long[] edge(String line) {
        String[] f = line.split("\t");
        if (f.length < 2) {
            throw new IllegalArgumentException("edge line without two ids: " + line);
        }
        long w = f.length > 2 ? Long.parseLong(f[2].trim()) : 1;
        long followed = f.length > 3 ? Long.parseLong(f[3].trim()) : 1;
        return new long[] {Long.parseLong(f[0].trim()), Long.parseLong(f[1].trim()), w, followed};
    }

    private static int tab(String l) {
        int t = l.indexOf('\t');
        return t < 0 ? l.length() : t;
    }
}
