package io.linkscout.eval;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.InputFormats;
import io.linkscout.rank.BatchRunner;
import io.linkscout.rank.QueryFile;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A link-prediction split as {@code make_linkpred.py} writes it ({@code pages.jsonl.gz}, {@code queries.jsonl},
 * {@code qrels.tsv}), its index, and the labelled candidates of every query — shared by {@code train} and
 * {@code bench linkpred}.
 */
public final class LinkPredData {

    public final Path split;
    public final List<QueryFile.Query> queries;
    public final Qrels qrels;

    public LinkPredData(Path split) {
        this.split = split;
        for (String f : List.of("pages.jsonl.gz", "queries.jsonl", "qrels.tsv")) {
            if (!Files.isRegularFile(split.resolve(f))) {
                throw new UserException("not a link-prediction split: " + split + " has no " + f
                        + " (create one with: python3 ../shared/bench/make_linkpred.py "
                        + "../shared/bench/linkpred-dev-targets.txt " + split + ")");
            }
        }
        this.queries = QueryFile.read(split.resolve("queries.jsonl"));
        this.qrels = Qrels.load(split.resolve("qrels.tsv"));
    }

    /** Builds the split's index at {@code layout} unless one is already there; returns the ingest result or null. */
    public IndexBuilder.Result ensureIndex(IndexLayout layout, boolean rebuild, int threads) throws IOException {
        return ensureIndex(layout, rebuild, threads, null);
    }

    /** As above; {@code mirror} (null: none) also receives the documents ({@code IndexBuilder.setMirror}). */
    public IndexBuilder.Result ensureIndex(IndexLayout layout, boolean rebuild, int threads,
            io.linkscout.index.DocumentSink mirror) throws IOException {
        if (layout.exists() && !rebuild) {
            return null;
        }
        if (rebuild && Files.exists(layout.root())) {
            try (var walk = Files.walk(layout.root())) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        IndexBuilder builder = new IndexBuilder(layout, threads, null);
        builder.setMirror(mirror);
        return builder.ingest((sink, report) -> InputFormats.readAll(
                List.of(split.resolve("pages.jsonl.gz")), InputFormats.Format.PAGES, sink, report));
    }

    /** The split's name (its folder), which names its corpus in training. */
    public String name() {
        return split.toAbsolutePath().normalize().getFileName().toString();
    }

    /**
     * Candidates of every query with relevance labels, computed in parallel; each query's topics come from
     * {@code topics} (the extraction a ranking run uses, so that topic features mean the same in training).
     */
    public List<Trainer.Example> examples(Recommender rec,
            Function<QueryFile.Query, BatchRunner.Topics> topics,
            int perGenerator, int threads) {
        String corpus = name();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Trainer.Example>> fs = new ArrayList<>();
            for (QueryFile.Query q : queries) {
                fs.add(pool.submit(() -> {
                    Recommender.Candidates c = rec.candidates(rec.prepare(q.title(), q.text(), topics.apply(q).phrases()).withSite(q.site())
                            .withPublished(q.published()),
                            perGenerator);
                    Set<String> rel = qrels.relevant(EvalUrls.normalise(q.id()));
                    boolean[] labels = new boolean[c.docs().length];
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = rel != null && rel.contains(EvalUrls.normalise(rec.url(c.nodes()[i])));
                    }
                    return new Trainer.Example(q.id(), c, labels, rel == null ? 0 : rel.size(), corpus);
                }));
            }
            List<Trainer.Example> out = new ArrayList<>();
            for (Future<Trainer.Example> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
