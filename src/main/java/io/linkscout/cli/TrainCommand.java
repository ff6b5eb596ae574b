package io.linkscout.cli;

import io.linkscout.eval.Evaluator;
import io.linkscout.eval.LinkPredData;
import io.linkscout.eval.Qrels;
import io.linkscout.eval.Run;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.Feature;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: learns {@code models/ranker.json} from a link-prediction split (feature logging -> fit ->
 * write), reporting 5-fold cross-validated figures first so over-fitting shows.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Learn the ranker model from the dev link-prediction split (never from any other split).")
public class TrainCommand implements Callable<Integer> {

    @Option(names = "--split", required = true, paramLabel = "DIR",
            description = "Split written by make_linkpred.py with linkpred-dev-targets.txt.")
    Path split;

    @Option(names = "--index", paramLabel = "DIR", description = "Index of the split (default: SPLIT/index; built "
            + "if missing).")
    Path index;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "models/ranker.json",
            description = "Model file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--per-generator", defaultValue = "300",
            description = "Candidates taken from each generator (default: ${DEFAULT-VALUE}).")
    int perGenerator;

    @Override
    public Integer call() throws Exception {
        if (split.toString().contains("test")) {
            throw new UserException("refusing to train on " + split + ": the ranker is learned from the dev split only");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        LinkPredData data = new LinkPredData(split);
        IndexLayout layout = new IndexLayout(index != null ? index : split.resolve("index"));
        data.ensureIndex(layout, false, threads);
        System.err.println("seed " + seed + "; " + data.queries.size() + " queries; " + folds + "-fold CV");
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Trainer trainer = new Trainer(seed, 1e-3, 40, 400);
            Recommender rec = new Recommender(idx, RankerModel.bundledOrNull());
            List<Trainer.Example> ex = data.examples(rec, perGenerator, threads);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("split", split.getFileName().toString());
            info.put("queries", ex.size());
            info.put("command", "train --split " + split.getFileName() + " --seed " + seed);
            EnumSet<Feature> all = EnumSet.allOf(Feature.class);
            Evaluator.Result cv = crossValidate(rec, trainer, ex, data.qrels, all, folds, perGenerator);
            System.out.println("cross-validated (" + folds + " folds): " + cv.toText());
            info.put("cv", cv.means());
            RankerModel model = trainer.fit(ex, all, perGenerator, info);
            Evaluator.Result fit = Evaluator.evaluate(LinkPredData.run(rec, ex, model, 100), data.qrels);
            System.out.println("trained on all, scored on the same queries: " + fit.toText());
            model.write(out);
            System.out.println("wrote " + out);
            for (RankerModel.Term t : model.terms()) {
                System.out.printf(java.util.Locale.ROOT, "  %-16s %-8s weight %+.4f%n", t.feature().key,
                        t.log() ? "log1p" : "identity", t.weight());
            }
        }
        return 0;
    }

    /** Each query ranked by a model trained on the other folds (fold = query position mod k). */
    public static Evaluator.Result crossValidate(Recommender rec, Trainer trainer, List<Trainer.Example> ex,
            Qrels qrels, java.util.Set<Feature> features, int k, int perGenerator) {
        List<Run.Entry> entries = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Trainer.Example> train = new ArrayList<>();
            List<Trainer.Example> test = new ArrayList<>();
            for (int i = 0; i < ex.size(); i++) {
                (i % k == f ? test : train).add(ex.get(i));
            }
            RankerModel m = trainer.fit(train, features, perGenerator, Map.of());
            for (Trainer.Example e : test) {
                Recommender.Ranked r = rec.rank(e.candidates(), m);
                for (int i = 0; i < Math.min(100, r.size()); i++) {
                    entries.add(new Run.Entry(e.queryId(), rec.url(r.nodes()[i]), i + 1));
                }
            }
        }
        return Evaluator.evaluate(Run.of(entries), qrels);
    }
}
