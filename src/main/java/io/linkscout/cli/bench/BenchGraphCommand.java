package io.linkscout.cli.bench;

import io.linkscout.error.UserException;
import io.linkscout.graph.CompressedGraph;
import io.linkscout.graph.HarmonicCentrality;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.PageRank;
import io.linkscout.graph.WebGraphView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench graph}: PageRank and harmonic centrality on a generated graph, with times and peak heap printed
 * (figures, not assertions: they depend on the machine and on what else runs).
 *
 * <p>The graph: {@code --edges} arcs drawn with a fixed seed, sources uniform, targets skewed like web in-degrees
 * ({@code target = floor(n·u³)}, so low ids collect most links), duplicates and self-loops dropped, every 20th arc
 * nofollow. PageRank runs on {@link LinkGraph} arrays; harmonic centrality with WebGraph's HyperBall
 * (log2m = {@value HarmonicCentrality#DEFAULT_LOG2M}), since the exact BFS is O(n·m).
 *
 * <p>{@code --compressed DIR} also stores the graph as a {@link CompressedGraph} (WebGraph BVGraph + arc labels)
 * in {@code DIR}, prints its size in bits per arc, runs PageRank again streaming the arcs from disk and prints the
 * largest difference to the in-memory ranks (0: same arcs, same order). {@code --from DIR} skips the generation
 * and runs PageRank on a compressed graph stored before, so the peak heap shows what ranking a graph whose arcs
 * are not in memory costs (32 bytes per node).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Benchmark PageRank + harmonic centrality (HyperBall) on a generated graph; prints seed, "
                + "sizes, times and peak heap.")
public class BenchGraphCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "1000000", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--edges", defaultValue = "10000000", description = "Arcs drawn (default: ${DEFAULT-VALUE}).")
    long edges;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--log2m", description = "HyperBall registers per counter as a power of two; relative standard "
            + "deviation about 1.04/sqrt(2^log2m) (default: ${DEFAULT-VALUE}, as ingest uses).")
    int log2m = HarmonicCentrality.DEFAULT_LOG2M;

    @Option(names = "--threads", description = "HyperBall threads (default: available cores).")
    Integer threads;

    @Option(names = "--no-harmonic", description = "Skip harmonic centrality (HyperBall), e.g. on graphs of hundreds "
            + "of millions of arcs where only PageRank and the compressed form are measured.")
    boolean noHarmonic;

    @Option(names = "--compressed", paramLabel = "DIR", description = "Also store the graph as a compressed "
            + "WebGraph (BVGraph + labels) in DIR and run PageRank on it from disk.")
    Path compressed;

    @Option(names = "--from", paramLabel = "DIR", description = "Run PageRank on a compressed graph stored before "
            + "(by --compressed or graph-export) instead of generating one; harmonic centrality is skipped.")
    Path from;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "target/bench-graph.txt",
            description = "Where to write the figures (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() throws Exception {
        System.gc();
        return HeapPeak.during(this::run);
    }

    private Integer run() throws IOException {
        if (nodes < 2 || edges < 1 || edges > Integer.MAX_VALUE - 8) {
            throw new UserException("--nodes must be at least 2 and --edges between 1 and " + (Integer.MAX_VALUE - 8));
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<String> out = new ArrayList<>();
        if (from != null) {
            line(out, String.format(Locale.ROOT, "bench graph --from %s: %d cores, max heap %d MB", from,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
            fromDisk(out);
            writeReport(out);
            return 0;
        }
        line(out, String.format(Locale.ROOT, "bench graph: seed %d, %d nodes, %d arcs drawn, %d cores, HyperBall "
                + "threads %d, max heap %d MB", seed, nodes, edges, Runtime.getRuntime().availableProcessors(), t,
                Runtime.getRuntime().maxMemory() >> 20));
        long t0 = System.nanoTime();
        long c0 = cpu();
        LinkGraph g = generate(nodes, edges, seed);
        long t1 = System.nanoTime();
        long c1 = cpu();
        line(out, String.format(Locale.ROOT, "generate: %d nodes, %d edges after dropping duplicates and self-loops "
                + "in %.1f s (cpu %.1f s)", g.nodeCount(), g.edgeCount(), (t1 - t0) / 1e9, (c1 - c0) / 1e9));
        double[] pr = PageRank.compute(g, 0.85, 1e-9, 100);
        long t2 = System.nanoTime();
        long c2 = cpu();
        double sum = Arrays.stream(pr).sum();
        int top = argMax(pr);
        line(out, String.format(Locale.ROOT, "pagerank: %.1f s (damping 0.85, tolerance 1e-9, at most 100 "
                + "iterations; cpu %.1f s); sum %.9f, top node %s with %.3g", (t2 - t1) / 1e9, (c2 - c1) / 1e9, sum,
                g.name(top), pr[top]));
        if (log2m < 4 || log2m > 16) {
            throw new UserException("--log2m must be between 4 and 16, got " + log2m);
        }
        if (noHarmonic) {
            line(out, String.format(Locale.ROOT, "harmonic centrality skipped (--no-harmonic); total %.1f s; peak heap "
                    + "%d MB (all heap pools together, just before a collection); load average %.1f", (t2 - t0) / 1e9,
                    HeapPeak.mb(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        } else {
            WebGraphView view = WebGraphView.of(g, false);
            double[] h = HarmonicCentrality.approximate(view, log2m, seed, t);
            long t3 = System.nanoTime();
            long c3 = cpu();
            int htop = argMax(h);
            line(out, String.format(Locale.ROOT, "harmonic centrality (HyperBall, log2m %d): %.1f s (cpu %.1f s); top "
                    + "node %s with %.4g", log2m, (t3 - t2) / 1e9, (c3 - c2) / 1e9,
                    g.name(htop), h[htop]));
            line(out, String.format(Locale.ROOT, "pagerank + harmonic: %.1f s wall, %.1f s cpu; total %.1f s; peak heap "
                    + "%d MB (all heap pools together, just before a collection); load average %.1f at the end",
                    (t3 - t1) / 1e9, (c3 - c1) / 1e9, (t3 - t0) / 1e9, HeapPeak.mb(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        if (compressed != null) {
            compressedRun(out, g, pr);
        }
        writeReport(out);
        return 0;
    }

    private void writeReport(List<String> out) throws IOException {
        if (report.getParent() != null) {
            Files.createDirectories(report.getParent());
        }
        Files.write(report, out, StandardCharsets.UTF_8);
        System.err.println("wrote " + report);
    }

    /** Stores {@code g} compressed, prints its size, ranks it from disk and compares with the in-memory ranks. */
    private void compressedRun(List<String> out, LinkGraph g, double[] pr) throws IOException {
        long t0 = System.nanoTime();
        long c0 = cpu();
        CompressedGraph c = CompressedGraph.store(g, compressed);
        long t1 = System.nanoTime();
        long c1 = cpu();
        line(out, String.format(Locale.ROOT, "compressed (BVGraph + labels) into %s in %.1f s (cpu %.1f s): %s",
                compressed, (t1 - t0) / 1e9, (c1 - c0) / 1e9, c.describeSizes()));
        double[] fromDisk = PageRank.compute(c, 0.85, 1e-9, 100);
        long t2 = System.nanoTime();
        long c2 = cpu();
        double diff = 0;
        for (int i = 0; i < pr.length; i++) {
            diff = Math.max(diff, Math.abs(pr[i] - fromDisk[i]));
        }
        line(out, String.format(Locale.ROOT, "pagerank from the compressed graph on disk: %.1f s (cpu %.1f s); "
                + "largest difference to the in-memory ranks %.3g", (t2 - t1) / 1e9, (c2 - c1) / 1e9, diff));
    }

    /** PageRank on a compressed graph stored before: nothing per arc in memory. */
    private void fromDisk(List<String> out) throws IOException {
        CompressedGraph c;
        try {
            c = CompressedGraph.open(from);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("--from " + from + ": " + e.getReason() + " (" + e.getFile() + ")");
        }
        line(out, String.format(Locale.ROOT, "compressed graph %s: %d nodes, %d arcs; %s", from, c.nodeCount(),
                c.edgeCount(), c.describeSizes()));
        long t0 = System.nanoTime();
        long c0 = cpu();
        double[] pr = PageRank.compute(c, 0.85, 1e-9, 100);
        long t1 = System.nanoTime();
        long c1 = cpu();
        int top = argMax(pr);
        line(out, String.format(Locale.ROOT, "pagerank from disk: %.1f s (damping 0.85, tolerance 1e-9, at most 100 "
                + "iterations; cpu %.1f s); sum %.9f, top node id %d with %.3g; peak heap %d MB (all heap pools "
                + "together, just before a collection); load average %.1f at the end", (t1 - t0) / 1e9,
                (c1 - c0) / 1e9, Arrays.stream(pr).sum(), top, pr[top], HeapPeak.mb(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }


    private static void line(List<String> out, String s) {
        System.out.println(s);
        out.add(s);
    }

    /** The benchmark graph (see the class comment). Deterministic for a seed. */
    public static LinkGraph generate(int n, long m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] arcs = new long[(int) m];
        for (int i = 0; i < m; i++) {
            int s = rnd.nextInt(n);
            double u = rnd.nextDouble();
            int d = (int) Math.min(n - 1, (long) (n * u * u * u));
            arcs[i] = ((long) s << 32) | d;
        }
        Arrays.parallelSort(arcs);
        int[] offsets = new int[n + 1];
        int[] targets = new int[arcs.length];
        int[] weights = new int[arcs.length];
        int p = 0;
        long prev = -1;
        for (long a : arcs) {
            int s = (int) (a >>> 32);
            int d = (int) a;
            if (s == d) {
                continue;
            }
            if (a == prev) {
                weights[p - 1]++;
                continue;
            }
            prev = a;
            offsets[s + 1]++;
            targets[p] = d;
            weights[p] = 1;
            p++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        byte[] flags = new byte[p];
        for (int i = 19; i < p; i += 20) {
            flags[i] = LinkGraph.UNFOLLOWED;
        }
        String[] names = new String[n];
        int width = Integer.toString(n - 1).length();
        for (int i = 0; i < n; i++) {
            names[i] = "n" + "0".repeat(width - Integer.toString(i).length()) + i;
        }
        return new LinkGraph(names, offsets, Arrays.copyOf(targets, p), Arrays.copyOf(weights, p), flags);
    }

    /** The first index of the largest value (0 for an empty array). */
    static int argMax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** CPU time of this process (all threads), nanoseconds: comparable across runs when the machine is busy. */
    static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
