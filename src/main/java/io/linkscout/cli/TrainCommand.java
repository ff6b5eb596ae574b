package io.linkscout.cli;

import io.linkscout.error.UserException;
import io.linkscout.eval.CrossValidation;
import io.linkscout.eval.Evaluator;
import io.linkscout.eval.LinkPredData;
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

    @Option(names = "--split", required = true, paramLabel = "DIR", split = ",",
            description = "Dev split(s) written by make_linkpred.py / make_blogs_split.py (or linkpred-split); repeat "
                    + "or separate with commas to train one model on several corpora.")
    List<Path> splits;

    @Option(names = "--index", paramLabel = "DIR", description = "Index of the split (only with one --split; default: "
            + "SPLIT/index, built if missing).")
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

    @Option(names = "--without", paramLabel = "FEATURE", split = ",",
            description = "Features left out of the fit (written with weight 0), e.g. those that do not help on the "
                    + "corpus a model was not trained on (see the README's Ranking section).")
    List<String> without;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Write every labelled candidate with its raw features as TSV and stop (feature vectors "
                    + "cached once, for offline experiments such as models/ranker_experiments.py).")
    Path dump;

    @Override
    public Integer call() throws Exception {
        for (Path split : splits) {
            if (split.toString().contains("test")) {
                throw new UserException("refusing to train on " + split + ": the ranker is learned from dev splits only");
            }
        }
        if (index != null && splits.size() > 1) {
            throw new UserException("--index goes with a single --split (each split keeps its index in SPLIT/index)");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Trainer trainer = new Trainer(seed, 1e-3, 40, 400);
        List<LinkScoutIndex> open = new ArrayList<>();
        try {
            List<CrossValidation.Corpus> corpora = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Path split : splits) {
                LinkPredData data = new LinkPredData(split);
                IndexLayout layout = new IndexLayout(index != null ? index : split.resolve("index"));
                data.ensureIndex(layout, false, threads);
                LinkScoutIndex idx = LinkScoutIndex.open(layout);
                open.add(idx);
                Recommender rec = new Recommender(idx, RankerModel.bundledOrNull());
                List<Trainer.Example> ex = data.examples(rec, perGenerator, threads);
                String name = data.name();
                corpora.add(new CrossValidation.Corpus(name, rec, ex, data.qrels));
                names.add(name);
                System.err.println("split " + name + ": " + ex.size() + " queries");
            }
            if (dump != null) {
                writeDump(corpora);
                return 0;
            }
            System.err.println("seed " + seed + "; " + folds + "-fold CV over " + String.join(" + ", names));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("split", String.join("+", names));
            List<Trainer.Example> all = new ArrayList<>();
            for (CrossValidation.Corpus c : corpora) {
                all.addAll(c.examples());
            }
            info.put("queries", all.size());
            info.put("command", "train --split " + String.join(",", names) + " --seed " + seed);
            EnumSet<Feature> features = EnumSet.allOf(Feature.class);
            EnumSet<Feature> left = EnumSet.noneOf(Feature.class);
            for (String key : without == null ? List.<String>of() : without) {
                Feature f = Feature.byKey(key.strip());
                if (f == null) {
                    throw new UserException("--without: unknown feature \"" + key + "\" (features: "
                            + String.join(", ", Feature.keys()) + ")");
                }
                left.add(f);
            }
            features.removeAll(left);
            if (!left.isEmpty()) {
                info.put("without", left.stream().map(f -> f.key).toList());
                info.put("command", info.get("command") + " --without " + String.join(",",
                        left.stream().map(f -> f.key).toList()));
            }
            Map<String, Object> cvInfo = new LinkedHashMap<>();
            for (Map.Entry<String, Evaluator.Result> e : CrossValidation.kFold(corpora, trainer, features, folds,
                    perGenerator).entrySet()) {
                System.out.println("cross-validated (" + folds + " folds) " + e.getKey() + ": " + e.getValue().toText());
                cvInfo.put(e.getKey(), e.getValue().means());
            }
            info.put("cv", corpora.size() == 1 ? cvInfo.values().iterator().next() : cvInfo);
            Map<String, Evaluator.Result> loco = CrossValidation.leaveOneCorpusOut(corpora, trainer, features,
                    perGenerator);
            if (!loco.isEmpty()) {
                Map<String, Object> locoInfo = new LinkedHashMap<>();
                for (Map.Entry<String, Evaluator.Result> e : loco.entrySet()) {
                    System.out.println("leave-one-corpus-out, trained without " + e.getKey() + ", scored on it: "
                            + e.getValue().toText());
                    locoInfo.put(e.getKey(), e.getValue().means());
                }
                info.put("leave_one_corpus_out", locoInfo);
            }
            RankerModel model = trainer.fit(all, features, perGenerator, info).withZeroWeights(left);
            for (CrossValidation.Corpus c : corpora) {
                System.out.println("trained on all, scored on the same queries of " + c.name() + ": "
                        + CrossValidation.score(c, model).toText());
            }
            model.write(out);
            System.out.println("wrote " + out);
            for (RankerModel.Term t : model.terms()) {
                System.out.printf(java.util.Locale.ROOT, "  %-20s %-8s weight %+.4f%n", t.feature().key,
                        t.log() ? "log1p" : "identity", t.weight());
            }
        } finally {
            for (LinkScoutIndex idx : open) {
                idx.close();
            }
        }
        return 0;
    }

    private void writeDump(List<CrossValidation.Corpus> corpora) throws java.io.IOException {
        try (var w = java.nio.file.Files.newBufferedWriter(dump)) {
            w.write("qid\tlabel\ttotal\turl\t" + String.join("\t", Feature.keys()) + "\n");
            for (CrossValidation.Corpus c : corpora) {
                for (Trainer.Example e : c.examples()) {
                    for (int i = 0; i < e.relevant().length; i++) {
                        StringBuilder sb = new StringBuilder();
                        sb.append(e.queryId()).append('\t').append(e.relevant()[i] ? 1 : 0).append('\t')
                                .append(e.relevantTotal()).append('\t').append(c.rec().url(e.candidates().nodes()[i]));
                        for (double v : e.candidates().features()[i]) {
                            sb.append('\t').append((float) v);
                        }
                        w.write(sb.append('\n').toString());
                    }
                }
            }
        }
        System.out.println("wrote " + dump);
    }
}
