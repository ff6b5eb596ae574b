package io.linkscout.cli.bench;

import io.linkscout.cli.common.BackendOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.eval.Wikispeedia;
import io.linkscout.eval.Run;
import io.linkscout.eval.LinkPredSplit;
import io.linkscout.eval.LinkPredData;
import io.linkscout.eval.ExpectedFigures;
import io.linkscout.eval.Evaluator;
import io.linkscout.eval.CrossValidation;
import io.linkscout.eval.BlogsSplit;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.BatchRunner;
import io.linkscout.rank.Feature;
import io.linkscout.rank.LambdaMart;
import io.linkscout.rank.RankerFit;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.Generations;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.search.SearchBackend;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench linkpred}: the whole held-out link-prediction benchmark on a dev split (Wikispeedia, or the blogs
 * corpus with {@code --corpus blogs}) — ingest, topic extraction + ranking of every query, scoring at page and at
 * site level (the page run collapsed to registrable domains, as {@code eval_linkpred.py --unit site}), a check
 * against {@code bench/expected.json} (two-sided tolerance; benchmarks {@code FAMILY/linkscout} and
 * {@code FAMILY/linkscout-site}), the ablation (each feature family removed in turn, 5-fold cross-validated), and
 * speed figures. {@code --backend opensearch}: the ingest also publishes the split on the cluster, and the topics
 * and rankings read their text signals from it ({@code recommend --backend opensearch}); the link graphs and page
 * table stay the embedded index's, which must be of the same ingest.
 */
@Command(name = "linkpred", mixinStandardHelpOptions = true,
        description = "Run the link-prediction benchmark on a dev split (Wikispeedia or blogs), score it at page and "
                + "site level and check the figures against bench/expected.json.")
public class BenchLinkPredCommand implements Callable<Integer> {

    /** Suffix of the site-level benchmark of a family: {@code linkpred-blogs-dev/linkscout-site}. */
    public static final String SITE_SUFFIX = "-site";

    /** A dev split: its benchmark family (also the folder under target/) and where its targets are. */
    public enum Corpus {
        wikispeedia("linkpred-dev", "bench/linkpred-dev-targets.txt"),
        blogs("linkpred-blogs-dev", "bench/blogs-dev-targets.txt");

        public final String family;
        final String targets;

        Corpus(String family, String targets) {
            this.family = family;
            this.targets = targets;
        }

        /** The page-level benchmark name ({@code FAMILY/linkscout}); the site level adds {@value #SITE_SUFFIX}. */
        public String benchmark() {
            return family + "/linkscout";
        }
    }

    @Option(names = "--corpus", defaultValue = "wikispeedia", paramLabel = "wikispeedia|blogs",
            description = "Which dev split (default: ${DEFAULT-VALUE}): Wikispeedia (linkpred-dev/*) or the "
                    + "multi-site blogs corpus (linkpred-blogs-dev/*).")
    Corpus corpus = Corpus.wikispeedia;

    @Option(names = "--split", paramLabel = "DIR", description = "Split written by make_linkpred.py / "
            + "make_blogs_split.py (or linkpred-split) from the corpus's dev targets. Default: build it from --shared "
            + "into target/linkpred-dev (blogs: target/linkpred-blogs-dev).")
    Path split;

    @Option(names = "--shared", paramLabel = "DIR", defaultValue = "../shared",
            description = "The shared data folder (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--index", paramLabel = "DIR", description = "Rank over this index of the split, built earlier "
            + "(e.g. SPLIT/index, which `train --split` builds), instead of ingesting the split again into "
            + "SPLIT/bench-index (then no ingest time is printed).")
    Path index;

    @Option(names = "--run", paramLabel = "FILE", description = "Where to write the run (default: SPLIT/run.tsv).")
    Path runFile;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report here (Markdown).")
    Path report;

    @Option(names = "--no-ablation", description = "Skip the ablation.")
    boolean noAblation;

    @Option(names = "--ablation-folds", defaultValue = "5", paramLabel = "N", description = "Cross-validation folds "
            + "of the ablation (default: ${DEFAULT-VALUE}; fewer refit fewer models: each family costs N fits of the "
            + "shipped model's kind).")
    int ablationFolds;

    @Option(names = "--no-check", description = "Print the figures without checking them.")
    boolean noCheck;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Inject
    RecommendService service;

    @Inject
    AuthoritySettings authority;

    @Override
    public Integer call() throws Exception {
        return HeapPeak.during(this::run);
    }

    private Integer run() throws Exception {
        long wall0 = System.nanoTime();
        if (ablationFolds < 2) {
            throw new UserException("--ablation-folds " + ablationFolds + ": cross-validation needs at least 2 folds");
        }
        BackendResolver.Choice chosen = backend.resolve(backends); // a bad --backend before anything is read
        int threads = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder();
        if (split == null) {
            split = Path.of("target", corpus.family);
            if (!Files.isRegularFile(split.resolve("qrels.tsv"))) {
                Path targets = shared.resolve(corpus.targets);
                if (!Files.isRegularFile(targets)) {
                    throw new UserException("no --split given and " + targets + " not found: pass --split DIR or "
                            + "--shared DIR (the folder with bench/ and data/)");
                }
                Object made = corpus == Corpus.blogs
                        ? BlogsSplit.write(shared.resolve("data/blogs/pages.jsonl.gz"),
                                LinkPredSplit.readTargets(targets), split)
                        : LinkPredSplit.write(Wikispeedia.load(shared.resolve("data/wikispeedia")),
                                LinkPredSplit.readTargets(targets), split);
                line(out, "split: " + made);
            }
        }
        LinkPredData data = new LinkPredData(split);
        IndexLayout layout = new IndexLayout(index != null ? index : split.resolve("bench-index"));
        line(out, "LinkScout link-prediction benchmark, split " + split + " (" + data.queries.size() + " queries), "
                + threads + " cores, seed " + Trainer.defaults().seed()
                + (chosen.opensearch() ? ", text signals from opensearch index " + chosen.indexName() : ""));
        if (index != null) {
            if (!layout.exists()) {
                throw new UserException("--index " + index + ": no LinkScout index there (build it with `train --split "
                        + split + "`, which writes SPLIT/index, or leave --index out to ingest the split)");
            }
            line(out, "ingest: skipped, ranking over the existing index " + index);
        } else {
            IndexBuilder.Result ing;
            try (OpenSearchIndexWriter mirror = chosen.openWriter()) {
                ing = data.ensureIndex(layout, true, threads, mirror);
                if (mirror != null) {
                    line(out, "opensearch: " + mirror.summary());
                }
            }
            line(out, String.format(Locale.ROOT, "ingest: %d pages in %.1f s (%.0f pages/s, %.1f MB read)",
                    ing.stats().pages(), ing.millis() / 1000.0, ing.stats().pages() / (ing.millis() / 1000.0),
                    ing.report().bytes() / 1e6));
        }
        RankerModel model = RankerModel.bundled();
        Map<String, Double> measured;
        Evaluator.Result site;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout); SearchBackend search = chosen.open(idx)) {
            if (search != null) {
                Generations.requireSame(idx, search); // the cluster serves this index's ingest
            }
            Recommender rec = new Recommender(idx, model, authority.demoteResultsAt(), search);
            // topics once per query, for the page run and the site run, with the idf of where the ranking reads
            java.util.function.Function<io.linkscout.rank.QueryFile.Query, BatchRunner.Topics> extract =
                    service.batchTopics(rec);
            Map<String, BatchRunner.Topics> topics = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.function.Function<io.linkscout.rank.QueryFile.Query, BatchRunner.Topics> cached =
                    q -> topics.computeIfAbsent(q.id(), k -> extract.apply(q));
            BatchRunner.Result r = BatchRunner.run(rec, data.queries,
                    new Recommender.Options(100, Recommender.Unit.PAGE, 0, java.util.Set.of(), false),
                    cached, threads);
            Path rf = runFile != null ? runFile : split.resolve("run.tsv");
            BatchRunner.writeRun(r, rf);
            line(out, "queries: " + r.timingSummary());
            Run run = Run.load(rf);
            Evaluator.Result ev = Evaluator.evaluate(run, data.qrels);
            measured = ev.means();
            line(out, "model " + model.name() + ": " + ev.toText() + "  (run: " + rf + ")");
            // site level: the ranking of sites (recommend --unit site: one result per registrable domain, sites
            // ranked by a soft maximum of their pages), scored as eval_linkpred.py --unit site scores a run
            BatchRunner.Result sr = BatchRunner.run(rec, data.queries,
                    new Recommender.Options(100, Recommender.Unit.SITE, 0, java.util.Set.of(), false), cached,
                    threads);
            Path srf = rf.resolveSibling(rf.getFileName().toString().replaceFirst("(\\.tsv)?$", "-site.tsv"));
            BatchRunner.writeRun(sr, srf);
            site = Evaluator.evaluate(Run.load(srf), data.qrels, Evaluator.Unit.site);
            line(out, "site level: " + site.toText().strip() + (site.queries() == 0
                    ? " (not applicable: no query has a linking page on another site)" : "  (run: " + srf + ")"));
            if (!noAblation) {
                line(out, "ablation (" + ablationFolds + "-fold cross-validated, model " + model.name()
                        + "; each family's features removed and the model retrained):");
                List<Trainer.Example> ex = data.examples(rec, cached, model.perGenerator(), threads);
                // the shipped model's own kind of fit (LambdaMART with its settings, or the linear trainer)
                RankerFit trainer = model.isTrees() ? LambdaMart.of(model) : Trainer.defaults();
                // the features the shipped model knows (a feature newer than the model is not refitted in), less
                // those it was trained without
                EnumSet<Feature> used = EnumSet.copyOf(model.features());
                if (model.trained().get("without") instanceof List<?> left) {
                    left.forEach(k -> used.remove(Feature.byKey(String.valueOf(k))));
                }
                Evaluator.Result all = CrossValidation.kFold(rec, trainer, ex, data.qrels, used, ablationFolds,
                        model.perGenerator());
                line(out, "  " + pad("all features") + figures(all));
                for (Feature.Family fam : Feature.Family.values()) {
                    EnumSet<Feature> fs = EnumSet.noneOf(Feature.class);
                    for (Feature f : used) {
                        if (f.family != fam) {
                            fs.add(f);
                        }
                    }
                    Evaluator.Result res = CrossValidation.kFold(rec, trainer, ex, data.qrels, fs, ablationFolds,
                            model.perGenerator());
                    line(out, "  " + pad("without " + fam.name().toLowerCase(Locale.ROOT)) + figures(res));
                }
            }
        }
        line(out, String.format(Locale.ROOT, "total %.1f s, peak heap %d MB", (System.nanoTime() - wall0) / 1e9,
                peakHeapMb()));
        int rc = 0;
        if (!noCheck) {
            ExpectedFigures expected = ExpectedFigures.loadDefault();
            if (!expected.verify(corpus.benchmark(), measured, s -> line(out, s))) {
                rc = 1;
            }
            if (site.queries() > 0
                    && !expected.verify(corpus.benchmark() + SITE_SUFFIX, site.means(), s -> line(out, s))) {
                rc = 1;
            }
        }
        if (report != null) {
            Files.writeString(report, "```\n" + out + "```\n");
        }
        return rc;
    }

    private static void line(StringBuilder out, String s) {
        System.out.println(s);
        System.out.flush();
        out.append(s).append('\n');
    }

    private static String pad(String s) {
        return String.format(Locale.ROOT, "%-22s", s);
    }

    private static String figures(Evaluator.Result r) {
        Map<String, Double> m = new LinkedHashMap<>(r.means());
        List<String> parts = new ArrayList<>();
        for (String k : List.of(Evaluator.NDCG_10, Evaluator.RECALL_100, Evaluator.MRR)) {
            parts.add(k + "=" + Evaluator.format4(m.getOrDefault(k, 0.0)));
        }
        return String.join(" ", parts);
    }

    /** The most heap in use at one time since the bench started ({@link HeapPeak}), MB. */
    static long peakHeapMb() {
        return HeapPeak.mb();
    }
}
