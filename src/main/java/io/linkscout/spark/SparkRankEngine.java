package io.linkscout.spark;

import io.linkscout.config.SparkSettings;
import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.RankEngine;
import io.linkscout.graph.RankEngine.Derived;
import io.linkscout.graph.RankEngine.Result;
import io.linkscout.graph.RankEngine.SpamMassOf;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.IOUtils;

/**
 * The PageRank family on Apache Spark: writes the graph as an edge list ({@code vertices}: {@code id<TAB>name};
 * {@code edges}: {@code from<TAB>to<TAB>weight<TAB>followed}, the Common Crawl graph layout plus two columns) and the
 * rankings to compute into a job directory, runs the Spark job ({@code src/spark}, built into {@code target/spark/} by
 * {@code ./mvnw package}) in a child JVM against {@code master} ({@code local[N]} or a standalone cluster
 * {@code spark://host:port}), and reads the scores back. Spark needs Netty 4.2 and Scala 2.13, which cannot share
 * the Quarkus classpath, hence the child process; the app never links a Spark class.
 *
 * <p>Failure is all-or-nothing: a job that fails, times out or is killed leaves some ranking without its
 * {@code .done} marker, and {@link #compute} throws a {@link UserException} naming the job's log — so a caller that
 * commits only after every ranking is back (ingest, {@code graph}) keeps the index's previous scores.
 *
 * <p>Referring domains and spam mass ({@link RankEngine.Derived}) are computed by the job too and read back with the
 * rankings.
 *
 * <p>Memory in this JVM: the scores being read back (8 bytes per node per ranking or derived figure); the graph is
 * streamed out.
 */
public final class SparkRankEngine implements RankEngine {

    /** The job jar inside the Spark home. */
    public static final String JOB_JAR = "linkscout-spark-job.jar";

    /** The job directory's folder of derived figures, and their names (the job's {@code derived.tsv} lines). */
    static final String DERIVED = "derived";
    static final String REFERRERS = "referrers";
    static final String SPAM_MASS = "spam-mass";

    private final Path home;
    private final String master;
    private final Duration timeout;
    private final String driverMemory;
    private final int partitions;
    private final Path workDir;
    private List<String> jvmOptions;

    /**
     * @param home         the built job: {@value #JOB_JAR} and {@code jars/} (see {@link #locateHome})
     * @param master       {@code local[N]} or {@code spark://host:port}
     * @param timeout      the longest a job may run before it is killed
     * @param driverMemory the driver JVM's heap ({@code -Xmx}), e.g. {@code 2g}
     * @param partitions   partitions of the edge list (0: Spark's default parallelism)
     * @param workDir      where job directories are made (null: the system's temp directory); on a cluster of
     *                     several machines it must be storage every machine reads and writes at the same path
     */
    public SparkRankEngine(Path home, String master, Duration timeout, String driverMemory, int partitions,
            Path workDir) {
        if (!master.matches("local(\\[(\\d+|\\*)])?|spark://[^\\s/]+(:\\d+)?(,[^\\s/]+(:\\d+)?)*")) {
            throw new UserException("--master must be local, local[N], local[*] or spark://host:port, got '" + master
                    + "'");
        }
        if (!driverMemory.matches("\\d+[kKmMgG]")) {
            throw new UserException("Spark driver memory must look like 512m or 2g, got '" + driverMemory + "'");
        }
        this.home = home;
        this.master = master;
        this.timeout = timeout;
        this.driverMemory = driverMemory;
        this.partitions = partitions;
        this.workDir = workDir;
    }

    /** The engine the settings describe; {@code master} (e.g. a command-line flag) wins over the configured one. */
    public static SparkRankEngine of(SparkSettings settings, String master) {
        return new SparkRankEngine(locateHome(settings.home().orElse(null)),
                master == null || master.isBlank() ? settings.master() : master, settings.timeout(),
                settings.driverMemory(), settings.partitions(), settings.workDir().map(Path::of).orElse(null));
    }

    /**
     * The built Spark job: {@code configured} when given, else the first {@code spark/} directory holding
     * {@value #JOB_JAR} in the working directory's {@code target/} or beside the application's own jar or classes
     * (the packaged app in {@code target/quarkus-app/} and the tests in {@code target/classes} both find
     * {@code target/spark/}).
     */
    public static Path locateHome(String configured) {
        return io.linkscout.config.BuildUnits.locate(configured, "spark", JOB_JAR, "linkscout.spark.home="
                + configured + " holds no " + JOB_JAR + "; point it at the target/spark directory that ./mvnw package "
                + "builds", "the Spark job is not built: run ./mvnw package (it builds target/spark/), or set "
                + "linkscout.spark.home to a directory holding " + JOB_JAR + " and jars/");
    }

    @Override
    public String describe() {
        return "spark " + master;
    }

    @Override
    public List<double[]> compute(LinkGraph graph, List<Request> requests) {
        return compute(graph, requests, Derived.NONE).ranks();
    }

    /**
     * The rankings and the derived figures, all computed by the Spark job: referring domains are counted on the
     * edge list there and spam mass is computed from the job's own two rankings, so this JVM reads back one value
     * per node per figure and holds nothing per edge for them.
     */
    @Override
    public Result compute(LinkGraph graph, List<Request> requests, Derived derived) {
        derived.check(requests);
        int n = graph.nodeCount();
        Path job = null;
        try {
            job = newJob();
            writeGraph(graph, job);
            writeRequests(n, requests, job);
            writeDerived(derived, job);
            run(job, "io.linkscout.sparkjob.RankJob");
            List<double[]> out = new ArrayList<>(requests.size());
            for (Request r : requests) {
                out.add(readValues(job.resolve("out"), r.name(), "ranking", n));
            }
            int[] referrers = null;
            if (derived.referrers()) {
                double[] c = readValues(job.resolve(DERIVED), REFERRERS, "figure", n);
                referrers = new int[n];
                for (int i = 0; i < n; i++) {
                    referrers[i] = (int) c[i];
                }
            }
            double[] spamMass = derived.spamMass() == null ? null
                    : readValues(job.resolve(DERIVED), SPAM_MASS, "figure", n);
            return new Result(out, referrers, spamMass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            removeJob(job);
        }
    }

    /**
     * {@code derived.tsv}: {@code referrers} and/or {@code spam-mass<TAB>pagerank<TAB>trustrank<TAB>goodFraction}
     * (absent when nothing is derived).
     */
    static void writeDerived(Derived derived, Path job) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (derived.referrers()) {
            sb.append(REFERRERS).append('\n');
        }
        if (derived.spamMass() != null) {
            SpamMassOf s = derived.spamMass();
            sb.append(String.join("\t", SPAM_MASS, s.pageRank(), s.trustRank(), Double.toString(s.goodFraction())))
                    .append('\n');
        }
        if (!sb.isEmpty()) {
            Files.writeString(job.resolve("derived.tsv"), sb, StandardCharsets.UTF_8);
        }
    }

    /** A new job directory under {@code linkscout.spark.work-dir} (else the system's temp directory). */
    Path newJob() throws IOException {
        return workDir == null ? Files.createTempDirectory("linkscout-spark-")
                : Files.createTempDirectory(Files.createDirectories(workDir), "linkscout-spark-");
    }

    /** Deletes a job directory (null: nothing), unless {@code -Dlinkscout.spark.keep-job=true} keeps it to look at. */
    static void removeJob(Path job) {
        if (job != null && !Boolean.getBoolean("linkscout.spark.keep-job")) {
            try {
                IOUtils.rm(job);
            } catch (IOException e) {
                // a temp directory left behind is not worth failing the computation for
            }
        }
    }

    /** {@code vertices} and {@code edges} of the job directory. */
    static void writeGraph(LinkGraph g, Path job) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(job.resolve("vertices"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < g.nodeCount(); i++) {
                w.write(i + "\t" + g.name(i).replace('\t', ' ').replace('\n', ' ') + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(job.resolve("edges"), StandardCharsets.UTF_8)) {
            for (int s = 0; s < g.nodeCount(); s++) {
                for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                    w.write(s + "\t" + g.target(e) + "\t" + g.weight(e) + "\t" + (g.followed(e) ? 1 : 0) + "\n");
                }
            }
        }
    }

    /** {@code requests.tsv} and each ranking's teleport and blocked files. */
    static void writeRequests(int n, List<Request> requests, Path job) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Request r : requests) {
            String teleport = "-";
            if (r.teleport() != null) {
                teleport = r.name() + ".teleport";
                try (BufferedWriter w = Files.newBufferedWriter(job.resolve(teleport), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < n; i++) {
                        double x = r.teleport()[i];
                        if (x < 0 || Double.isNaN(x)) {
                            throw new IllegalArgumentException("teleport weights must be non-negative");
                        }
                        if (x > 0) {
                            w.write(i + "\t" + x + "\n");
                        }
                    }
                }
            }
            String blocked = "-";
            if (r.blocked() != null) {
                blocked = r.name() + ".blocked";
                try (BufferedWriter w = Files.newBufferedWriter(job.resolve(blocked), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < n; i++) {
                        if (r.blocked()[i]) {
                            w.write(i + "\n");
                        }
                    }
                }
            }
            sb.append(String.join("\t", r.name(), Double.toString(r.damping()), Boolean.toString(r.passUnfollowed()),
                    Double.toString(r.tolerance()), Integer.toString(r.maxIterations()), teleport, blocked))
                    .append('\n');
        }
        Files.writeString(job.resolve("requests.tsv"), sb, StandardCharsets.UTF_8);
    }

    /** Runs the job class {@code mainClass} of the built job on {@code job} against the master; throws when it fails. */
    void run(Path job, String mainClass) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions());
        cmd.add("-Xmx" + driverMemory);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        cmd.addAll(List.of("--master", master, "--job", job.toString()));
        if (partitions > 0) {
            cmd.addAll(List.of("--partitions", Integer.toString(partitions)));
        }
        Path log = job.resolve("job.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(sparkEnvironment(home));
        Process p = pb.start();
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while the Spark job ran; nothing was stored");
        }
        if (!done) {
            p.destroyForcibly();
            throw new UserException("the Spark job did not finish within " + timeout.toSeconds() + " s (master "
                    + master + "); nothing was stored. Raise linkscout.spark.timeout or use a bigger cluster."
                    + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new UserException("the Spark job failed (exit code " + p.exitValue() + ", master " + master
                    + "); nothing was stored." + tail(log));
        }
    }

    /**
     * The environment a Spark process started from {@code home} needs: {@code SPARK_HOME}, and the Scala version,
     * which Spark's launcher otherwise looks for in a source checkout ("Cannot find any build directories").
     */
    public static java.util.Map<String, String> sparkEnvironment(Path home) {
        return java.util.Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13");
    }

    /**
     * The values {@code dir/NAME/part-*} ({@code id<TAB>value}, one per node) of a ranking or derived figure
     * ({@code what}, for messages), after its {@code NAME.done} marker.
     */
    private static double[] readValues(Path dir, String name, String what, int n) throws IOException {
        if (!Files.isRegularFile(dir.resolve(name + ".done"))) {
            throw new UserException("the Spark job ended without " + what + " '" + name + "'; nothing was stored");
        }
        double[] r = new double[n];
        if (n == 0) {
            return r;
        }
        boolean[] seen = new boolean[n];
        int count = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir.resolve(name), "part-*")) {
            for (Path part : parts) {
                try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        int t = l.indexOf('\t');
                        int id = Integer.parseInt(l.substring(0, t));
                        if (!seen[id]) {
                            seen[id] = true;
                            count++;
                        }
                        r[id] = Double.parseDouble(l.substring(t + 1));
                    }
                }
            }
        }
        if (count != n) {
            throw new UserException("the Spark job returned " + count + " of " + n + " values for " + what + " '"
                    + name + "'; nothing was stored");
        }
        return r;
    }

    private String classPath() {
        return home.resolve(JOB_JAR) + java.io.File.pathSeparator + home.resolve("jars") + java.io.File.separator
                + "*";
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The module options this Spark build needs on this Java (asked from the job jar once). */
    synchronized List<String> jvmOptions() throws IOException {
        if (jvmOptions == null) {
            Process p = new ProcessBuilder(javaExecutable(), "-cp", classPath(), "io.linkscout.sparkjob.JvmOptions")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new UserException("could not start the Spark job's JVM (" + home + "): " + text);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("interrupted while starting the Spark job");
            }
            jvmOptions = Arrays.stream(text.split("\\s+")).filter(s -> !s.isBlank()).toList();
        }
        return jvmOptions;
    }

    /** The job log's first exception with a few lines of context, else its last lines. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.startsWith("WARNING:")).toList();
            int from = Math.max(0, lines.size() - 8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches(".*(Exception|Error)\\b.*") && !lines.get(i).startsWith("\tat ")) {
                    from = i;
                    break;
                }
            }
            return " Its log says:\n  " + String.join("\n  ", lines.subList(from, Math.min(lines.size(), from + 8)));
        } catch (IOException e) {
            return "";
        }
    }
}
