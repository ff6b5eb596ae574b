package io.linkscout.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.OpenSearchBackend;
import io.linkscout.search.OpenSearchHttp;
import picocli.CommandLine.Mixin;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.InputFormats;
import io.linkscout.rank.BatchRunner;
import io.linkscout.rank.ContentQuery;
import io.linkscout.rank.QueryFile;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.util.IOUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench scale --pages N[,M...]}: builds a deterministic synthetic web of N pages ({@link ScaleCorpus}),
 * ingests it through the normal ingest path into a temporary index, adds 1% more pages the same way — by default
 * leaving the graph step for later ({@code ingest --graph later}) and then running it on its own ({@code graph}),
 * each timed —, extracts the topics of the queries and ranks them with the topics given, one query at a time;
 * prints and writes (JSON) the speeds, latencies, heap and index size. Timings are measured, never asserted.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Ingest and ranking speed on a deterministic synthetic corpus of N pages over ~N/40 domains "
                + "(text from real documents, power-law in-degree): ingest pages/s, 1%% incremental ingest, "
                + "ranking and topic latency p50/p95, peak heap, index size.")
public class BenchScaleCommand implements Callable<Integer> {

    static final Path WIKISPEEDIA = Path.of("..", "shared", "data", "wikispeedia", "docs.jsonl.gz");
    static final String BUNDLED_SAMPLE = "sample/pages.jsonl.gz";

    @Option(names = "--pages", required = true, split = ",", paramLabel = "N[,M...]",
            description = "Corpus sizes, each measured in turn (e.g. 10000,100000).")
    List<Integer> pages;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--queries", defaultValue = "100", description = "Queries to rank (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the figures here as JSON.")
    Path report;

    @Option(names = "--source", paramLabel = "FILE.jsonl.gz",
            description = "Documents the page texts are drawn from (JSONL with title and text). Default: "
                    + "../shared/data/wikispeedia/docs.jsonl.gz when present, else the bundled sample's pages.")
    Path source;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where corpus and index are built (kept). Default: a temporary folder, deleted after.")
    Path work;

    @Option(names = "--reuse", description = "With --work: rank on the index a previous run built there for the "
            + "same corpus (same seed, size and --queries, checked by its hash) instead of ingesting again; ingest "
            + "figures are then left out; a different corpus is an error, the index is never deleted. For "
            + "comparing ranking code on one index.")
    boolean reuse;

    @Option(names = "--threads", description = "Ingest threads (default: available cores).")
    Integer threads;

    @Option(names = "--graph", paramLabel = "WHEN", defaultValue = "later", description = "How the 1%% incremental "
            + "ingest runs the graph step: later (default: `ingest --graph later`, then the graph step on its own, "
            + "timed as graph_seconds/graph_cpu_seconds) or now (inside the incremental ingest, as `ingest` does by "
            + "default). With --backend opensearch always now.")
    io.linkscout.cli.common.GraphWhen graph;

    @Inject
    RecommendService service;

    @Inject
    AuthoritySettings authority;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    /** The backend chosen ({@code --backend}, else {@code linkscout.backend}). */
    private BackendResolver.Choice chosen;

    /** The cluster of {@code --backend opensearch} while a run measures, else null. */
    private OpenSearchHttp http;

    @Override
    public Integer call() throws Exception {
        return HeapPeak.during(this::run);
    }

    private Integer run() throws Exception {
        for (int n : pages) {
            if (n < 10) {
                throw new UserException("--pages " + n + ": at least 10 pages (e.g. --pages 10000,100000)");
            }
        }
        if (queries < 1) {
            throw new UserException("--queries " + queries + ": at least 1");
        }
        List<ScaleCorpus.Source> sources;
        String sourceName;
        Path src = source != null ? source : Files.isRegularFile(WIKISPEEDIA) ? WIKISPEEDIA : null;
        if (src != null) {
            if (!Files.isRegularFile(src)) {
                throw new UserException("--source " + src + ": file not found (a JSONL.gz with title and text)");
            }
            try (InputStream in = Files.newInputStream(src)) {
                sources = ScaleCorpus.read(in);
            }
            sourceName = src.toString();
        } else {
            try (InputStream in = BenchScaleCommand.class.getClassLoader().getResourceAsStream(BUNDLED_SAMPLE)) {
                sources = ScaleCorpus.read(in);
            }
            sourceName = "bundled " + BUNDLED_SAMPLE;
        }
        chosen = backend.resolve(backends);
        if (chosen.opensearch()) {
            http = chosen.http();
        }
        try {
            return measure(sources, sourceName);
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    private Integer measure(List<ScaleCorpus.Source> sources, String sourceName) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int ingestThreads = threads == null ? cores : threads;
        System.out.printf(Locale.ROOT, "bench scale: seed %d, %d queries, %d source documents from %s, %d cores,"
                + " max heap %d MB, backend %s%n", seed, queries, sources.size(), sourceName, cores,
                Runtime.getRuntime().maxMemory() >> 20, http == null ? "lucene" : "opensearch " + http.urls());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int n : pages) {
            Path dir = work != null ? work.resolve("scale-" + n) : Files.createTempDirectory("linkscout-scale-");
            try {
                if (work != null && Files.exists(dir) && !reuse) {
                    IOUtils.rm(dir);
                }
                Files.createDirectories(dir);
                Map<String, Object> r = run(sources, n, dir, ingestThreads, cores);
                runs.add(r);
                System.out.println(line(r));
            } finally {
                if (work == null) {
                    IOUtils.rm(dir);
                }
            }
        }
        if (report != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("seed", seed);
            out.put("queries", queries);
            out.put("source", sourceName);
            out.put("cores", cores);
            out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
            out.put("backend", http == null ? "lucene" : "opensearch");
            out.put("runs", runs);
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), out);
            System.out.println("report: " + report);
        }
        return 0;
    }

    private Map<String, Object> run(List<ScaleCorpus.Source> sources, int n, Path dir, int ingestThreads, int cores)
            throws IOException {
        ScaleCorpus corpus = new ScaleCorpus(sources, n, seed);
        Path file = dir.resolve("pages.jsonl");
        corpus.writePages(file, 0, n);
        int more = Math.max(1, n / 100);
        Path moreFile = dir.resolve("more.jsonl");
        corpus.writePages(moreFile, n, n + more);
        List<QueryFile.Query> qs = corpus.queries(queries);
        String hash = corpus.sha256();

        IndexLayout layout = new IndexLayout(dir.resolve("index"));
        // on OpenSearch one alias per corpus size, so that --reuse finds each size's generation
        String alias = http == null ? null : chosen.indexName() + "-scale-" + n;
        Path marker = dir.resolve("corpus.sha256");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("pages", n);
        r.put("domains", corpus.domains());
        r.put("corpus_sha256", hash);
        r.put("incremental_pages", more);
        r.put("backend", http == null ? "lucene" : "opensearch");
        if (reuse && Files.isRegularFile(marker) && !Files.readString(marker).strip().equals(hash)) {
            // never delete an index --reuse was asked to keep (a 1M-page index takes most of an hour to build)
            throw new UserException("--reuse: the index in " + dir + " was built for another corpus (sha256 "
                    + Files.readString(marker).strip() + ", this run's is " + hash + "): use the same --pages, "
                    + "--seed and --queries as the run that built it, or leave out --reuse to rebuild it");
        }
        if (reuse && Files.isRegularFile(marker)) {
            r.put("reused_index", true);
        } else {
            if (Files.exists(layout.root())) {
                IOUtils.rm(layout.root());
            }
            long c0 = BenchGraphCommand.cpu();
            IndexBuilder.Result full = ingest(layout, file, ingestThreads, alias, false);
            long c1 = BenchGraphCommand.cpu();
            // with OpenSearch the second ingest is a full rebuild too (every OpenSearch ingest is one)
            boolean later = alias == null && graph == io.linkscout.cli.common.GraphWhen.later;
            IndexBuilder.Result inc = ingest(layout, moreFile, ingestThreads, alias, later);
            long c2 = BenchGraphCommand.cpu();
            // the graph step the incremental ingest left for later (`graph`: an ingest with no input), timed apart
            IndexBuilder.Result graphStep = later ? ingest(layout, null, ingestThreads, null, false) : null;
            long c3 = BenchGraphCommand.cpu();
            Files.writeString(marker, hash + "\n");
            r.put("ingest_seconds", round(full.millis() / 1000.0));
            r.put("ingest_pages_per_s", round(n / Math.max(full.millis() / 1000.0, 1e-3)));
            r.put("ingest_peak_heap_mb", full.peakHeapBytes() >> 20);
            // CPU time of the process (all threads, GC included) during each ingest: steadier than wall time
            // when other jobs share the machine
            r.put("ingest_cpu_seconds", round((c1 - c0) / 1e9));
            r.put("incremental_seconds", round(inc.millis() / 1000.0));
            r.put("incremental_cpu_seconds", round((c2 - c1) / 1e9));
            r.put("incremental_cpu_share", round3((double) (c2 - c1) / Math.max(1, c1 - c0)));
            // what the incremental ingest wrote: pages (re)written, kept as they were, kept with new graph scores
            r.put("incremental_pages_written", inc.writes().pagesWritten());
            r.put("incremental_pages_kept", inc.writes().pagesKept());
            r.put("incremental_scores_updated", inc.writes().scoresUpdated());
            r.put("incremental_graph", inc.graphDeferred() ? "later" : "now");
            if (graphStep != null) {
                r.put("graph_seconds", round(graphStep.millis() / 1000.0));
                r.put("graph_cpu_seconds", round((c3 - c2) / 1e9));
                r.put("graph_cpu_share", round3((double) (c3 - c2) / Math.max(1, c1 - c0)));
                r.put("graph_pages_written", graphStep.writes().pagesWritten());
                r.put("graph_scores_updated", graphStep.writes().scoresUpdated());
                r.put("graph_sites_written", graphStep.writes().sitesWritten());
            }
            r.put("indexed_pages", inc.stats().pages());
            r.put("links", inc.stats().links());
        }
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout);
                OpenSearchBackend os = http == null ? null : new OpenSearchBackend(http, alias, false)) {
            Recommender rec = new Recommender(idx, RankerModel.bundled(), authority.demoteResultsAt(), os);
            Function<QueryFile.Query, BatchRunner.Topics> extract = service.batchTopics(rec);
            if (os != null) {
                r.put("opensearch_bytes", os.storeBytes());
            }
            List<BatchRunner.Topics> topics = new ArrayList<>();
            for (QueryFile.Query q : qs) {
                topics.add(extract.apply(q));
            }
            Recommender.Options o = new Recommender.Options(100, Recommender.Unit.PAGE, 0, Set.of(), false);
            // the first query builds the per-index tables (once per index generation): timed on its own
            long t0 = System.nanoTime();
            rank(rec, qs.get(0), topics.get(0), o);
            r.put("first_query_ms", round((System.nanoTime() - t0) / 1e6));
            // warm-up (JIT), then one query at a time
            for (int i = 0; i < Math.min(10, qs.size()); i++) {
                rank(rec, qs.get(i), topics.get(i), o);
            }
            double[] ms = new double[qs.size()];
            double[] cpu = new double[qs.size()];
            java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
            long results = 0;
            for (int i = 0; i < qs.size(); i++) {
                long c0 = threadBean.getCurrentThreadCpuTime();
                long s0 = System.nanoTime();
                results += rank(rec, qs.get(i), topics.get(i), o);
                ms[i] = (System.nanoTime() - s0) / 1e6;
                cpu[i] = (threadBean.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            double[] tms = topics.stream().mapToDouble(BatchRunner.Topics::millis).toArray();
            r.put("ranking_p50_ms", round(BatchRunner.pct(ms, 50)));
            r.put("ranking_p95_ms", round(BatchRunner.pct(ms, 95)));
            // CPU time of the ranking thread: what a query costs when the machine is shared (load above cores)
            r.put("ranking_cpu_p50_ms", round(BatchRunner.pct(cpu, 50)));
            r.put("ranking_cpu_p95_ms", round(BatchRunner.pct(cpu, 95)));
            r.put("ranking_mean_results", round(results / (double) qs.size()));
            r.put("topics_p50_ms", round(BatchRunner.pct(tms, 50)));
            r.put("topics_p95_ms", round(BatchRunner.pct(tms, 95)));
        }
        r.put("peak_heap_mb", BenchLinkPredCommand.peakHeapMb());
        r.put("index_bytes", size(layout.root()));
        r.put("cores", cores);
        r.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return r;
    }

    private static int rank(Recommender rec, QueryFile.Query q, BatchRunner.Topics t, Recommender.Options o) {
        ContentQuery cq = rec.prepare(q.title(), q.text(), t.phrases());
        return rec.recommend(cq, o).size();
    }

    /** An ingest through the normal path; with {@code alias}, also published on OpenSearch (a full rebuild). */
    /** ({@code file} null: no input, the graph step; {@code graphLater}: {@code ingest --graph later}) */
    private IndexBuilder.Result ingest(IndexLayout layout, Path file, int threads, String alias, boolean graphLater)
            throws IOException {
        IndexBuilder b = new IndexBuilder(layout, threads, null);
        if (alias != null) {
            b.setMirror(chosen.writer(http, alias));
        }
        b.setGraphLater(graphLater);
        return b.ingest((sink, report) -> {
            if (file != null) {
                InputFormats.readAll(List.of(file), InputFormats.Format.PAGES, sink, report);
            }
        });
    }

    static String line(Map<String, Object> r) {
        String ingest = r.containsKey("ingest_seconds") ? String.format(Locale.ROOT,
                "ingest %.1f s (%.0f pages/s; CPU %.1f s), +%d pages incremental in %.1f s (CPU %.1f s, %.1f%% of"
                        + " the full ingest's; %d pages written, %d kept)", r.get("ingest_seconds"),
                r.get("ingest_pages_per_s"), r.get("ingest_cpu_seconds"), r.get("incremental_pages"),
                r.get("incremental_seconds"), r.get("incremental_cpu_seconds"),
                100 * ((Number) r.get("incremental_cpu_share")).doubleValue(), r.get("incremental_pages_written"),
                r.get("incremental_pages_kept"))
                + (r.containsKey("graph_seconds") ? String.format(Locale.ROOT, " with the graph step left for "
                        + "later, then the graph step in %.1f s (CPU %.1f s, %.1f%%; %d pages written, graph scores "
                        + "updated on %d, %d sites written)", r.get("graph_seconds"), r.get("graph_cpu_seconds"),
                        100 * ((Number) r.get("graph_cpu_share")).doubleValue(), r.get("graph_pages_written"),
                        r.get("graph_scores_updated"), r.get("graph_sites_written")) : "")
                : "index reused (no ingest)";
        return String.format(Locale.ROOT,
                "pages %d (%d domains, %s): %s; "
                        + "ranking p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f ms, p95 %.1f ms; first query %.0f ms); topics p50 %.0f ms; "
                        + "peak heap %d MB; index %.1f MB%s; %d cores, load %.2f; corpus sha256 %s",
                r.get("pages"), r.get("domains"), r.getOrDefault("backend", "lucene"), ingest,
                r.get("ranking_p50_ms"),
                r.get("ranking_p95_ms"), r.get("ranking_cpu_p50_ms"), r.get("ranking_cpu_p95_ms"),
                r.get("first_query_ms"), r.get("topics_p50_ms"), r.get("peak_heap_mb"),
                ((Number) r.get("index_bytes")).longValue() / 1e6, r.containsKey("opensearch_bytes")
                        ? String.format(Locale.ROOT, " (+ OpenSearch %.1f MB with replicas)",
                        ((Number) r.get("opensearch_bytes")).longValue() / 1e6) : "",
                r.get("cores"), r.get("load_average"),
                r.get("corpus_sha256"));
    }

    /** A share to three decimals (the ≤ 5% target needs a tenth of a percent). */
    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
