package io.linkscout.rank;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Ranks many contents in parallel (one task per query on a fixed pool) and writes a run file
 * {@code query_id<TAB>url<TAB>rank<TAB>score}, ranks from 1, in the order of the queries.
 */
public final class BatchRunner {

    /** What the topic step returns for one query: topic phrases and how long it took. */
    public record Topics(List<String> phrases, double millis) {
    }

    /** Per-query results and timings. */
    public record Result(List<QueryFile.Query> queries, List<List<Recommendation>> results, double[] topicMillis,
            double[] rankMillis, double wallMillis) {

        public String timingSummary() {
            return String.format(Locale.ROOT,
                    "per query: topic extraction p50 %.0f ms, p95 %.0f ms; ranking p50 %.1f ms, p95 %.1f ms; "
                            + "%d queries in %.1f s",
                    pct(topicMillis, 50), pct(topicMillis, 95), pct(rankMillis, 50), pct(rankMillis, 95),
                    queries.size(), wallMillis / 1000);
        }
    }

    private BatchRunner() {
    }

    public static Result run(Recommender rec, List<QueryFile.Query> queries, Recommender.Options options,
            Function<QueryFile.Query, Topics> topics, int threads) {
        long t0 = System.nanoTime();
        int n = queries.size();
        List<List<Recommendation>> results = new ArrayList<>(n);
        double[] topicMs = new double[n];
        double[] rankMs = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<List<Recommendation>>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int qi = i;
                fs.add(pool.submit(() -> {
                    QueryFile.Query q = queries.get(qi);
                    Topics t = topics == null ? new Topics(List.of(), 0) : topics.apply(q);
                    topicMs[qi] = t.millis();
                    long r0 = System.nanoTime();
                    ContentQuery cq = rec.prepare(q.title(), q.text(), t.phrases()).withSite(q.site())
                            .withPublished(q.published());
                    List<Recommendation> out = rec.recommend(cq, options);
                    rankMs[qi] = (System.nanoTime() - r0) / 1e6;
                    return out;
                }));
            }
            for (Future<List<Recommendation>> f : fs) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(queries, results, topicMs, rankMs, (System.nanoTime() - t0) / 1e6);
    }

    public static void writeRun(Result r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < r.queries().size(); i++) {
                String id = r.queries().get(i).id();
                for (Recommendation rec : r.results().get(i)) {
                    w.write(id + "\t" + rec.url() + "\t" + rec.rank() + "\t"
                            + String.format(Locale.ROOT, "%.6f", rec.score()) + "\n");
                }
            }
        }
    }

    /** The p-th percentile (nearest rank) of {@code xs}; 0 when empty. */
    public static double pct(double[] xs, int p) {
        if (xs.length == 0) {
            return 0;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
