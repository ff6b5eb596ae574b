package io.linkscout.cli;

import io.linkscout.error.UserException;
import io.linkscout.eval.CrossValidation;
import io.linkscout.eval.Evaluator;
import io.linkscout.eval.FeatureDump;
import io.linkscout.eval.LinkPredData;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.Feature;
import io.linkscout.rank.LambdaMart;
import io.linkscout.rank.RankerFit;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import jakarta.inject.Inject;
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
 * {@code train}: learns a ranker model from link-prediction splits (feature logging -> fit -> write), or from a
 * feature dump written earlier ({@code --from-dump}), reporting per-corpus 5-fold cross-validated and
 * leave-one-corpus-out figures first so over-fitting shows. {@code --type} picks the linear model or LambdaMART.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Learn the ranker model from the dev link-prediction split (never from any other split).")
public class TrainCommand implements Callable<Integer> {

    @Inject
    RecommendService service;

    @Option(names = "--split", paramLabel = "DIR", split = ",",
            description = "Dev split(s) written by make_linkpred.py / make_blogs_split.py (or linkpred-split); repeat "
                    + "or separate with commas to train one model on several corpora.")
    List<Path> splits;

    @Option(names = "--index", paramLabel = "DIR", description = "Index of the split (only with one --split; default: "
            + "SPLIT/index, built if missing).")
    Path index;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Model file to write (default: models/ranker.json for --type boosted, the bundled default; "
                    + "models/ranker-linear.json for --type linear, "
                    + "models/ranker-lambdamart.json for --type lambdamart).")
    Path out;

    @Option(names = "--from-dump", paramLabel = "FILE",
            description = "Fit from the labelled candidates of a `--dump` file instead of logging features from "
                    + "splits (same fit and figures, in minutes).")
    Path fromDump;

    /** The model types {@code --type} accepts. */
    enum Type { linear, lambdamart, boosted }

    @Option(names = "--type", defaultValue = "linear",
            description = "Model type: linear (pairwise fit + coordinate ascent), lambdamart (XGBoost trees) or "
                    + "boosted (the linear model, then lambdamart trees fitted to correct its score; the --trees, "
                    + "--depth, ... options set the trees) (default: ${DEFAULT-VALUE}).")
    Type type;

    @Option(names = "--trees", defaultValue = "300", description = "lambdamart: boosting rounds (default: "
            + "${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--depth", defaultValue = "6", description = "lambdamart: maximum tree depth (default: "
            + "${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--learning-rate", defaultValue = "0.1", description = "lambdamart: shrinkage (default: "
            + "${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--min-child-weight", defaultValue = "1", description = "lambdamart: minimum hessian sum in a "
            + "leaf (default: ${DEFAULT-VALUE}).")
    double minChildWeight;

    @Option(names = "--increasing", paramLabel = "FEATURE", split = ",",
            description = "lambdamart: features the score may only rise with (monotone constraints).")
    List<String> increasing;

    @Option(names = "--trees-also", paramLabel = "FEATURE", split = ",",
            description = "boosted: features only the trees may split on (the linear part gives them no weight; they "
                    + "may be among --without), e.g. similar_links,in_degree.")
    List<String> treesAlso;

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

    @Option(names = "--corpus-weight", paramLabel = "CORPUS=W", split = ",",
            description = "linear, and the linear part of boosted: weight of each query of a corpus (named by its split "
                    + "folder, e.g. wiki-dev=2) in the pairwise loss and the coordinate-ascent objective; corpora not "
                    + "named weigh 1.")
    Map<String, String> corpusWeight;

    @Option(names = "--tree-weight", paramLabel = "CORPUS=W", split = ",",
            description = "boosted and lambdamart: weight of each query of a corpus (named by its split folder, e.g. "
                    + "wiki-dev=3) in the trees' fit (XGBoost group weights); corpora not named weigh 1.")
    Map<String, String> treeWeight;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Write every labelled candidate with its raw features as TSV and stop (feature vectors "
                    + "cached once, for offline experiments such as models/ranker_experiments.py).")
    Path dump;

    @Override
    public Integer call() throws Exception {
        if ((splits == null || splits.isEmpty()) == (fromDump == null)) {
            throw new UserException("give either --split DIR[,DIR...] (dev splits) or --from-dump FILE (a `train "
                    + "--dump` file), not both and not neither");
        }
        if (fromDump != null && (dump != null || index != null)) {
            throw new UserException("--from-dump goes without --dump and --index (the features are in the file)");
        }
        if (type != Type.linear && (trees < 1 || depth < 1 || !(learningRate > 0) || !(minChildWeight >= 0))) {
            throw new UserException("--type " + type + " needs --trees >= 1, --depth >= 1, --learning-rate > 0 and "
                    + "--min-child-weight >= 0");
        }
        for (Path split : splits == null ? List.<Path>of() : splits) {
            if (split.toString().contains("test")) {
                throw new UserException("refusing to train on " + split + ": the ranker is learned from dev splits only");
            }
        }
        if (index != null && splits.size() > 1) {
            throw new UserException("--index goes with a single --split (each split keeps its index in SPLIT/index)");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        List<LinkScoutIndex> open = new ArrayList<>();
        try {
            List<CrossValidation.Corpus> corpora = new ArrayList<>();
            if (fromDump != null) {
                corpora.addAll(FeatureDump.read(fromDump));
                for (CrossValidation.Corpus c : corpora) {
                    System.err.println("dump " + fromDump + ", corpus " + c.name() + ": " + c.examples().size()
                            + " queries");
                    if (c.name().contains("test")) {
                        throw new UserException("refusing to train on corpus " + c.name() + " of " + fromDump
                                + ": the ranker is learned from dev splits only");
                    }
                }
            } else {
                for (Path split : splits) {
                    LinkPredData data = new LinkPredData(split);
                    IndexLayout layout = new IndexLayout(index != null ? index : split.resolve("index"));
                    data.ensureIndex(layout, false, threads);
                    LinkScoutIndex idx = LinkScoutIndex.open(layout);
                    open.add(idx);
                    Recommender rec = new Recommender(idx, RankerModel.bundledOrNull());
                    List<Trainer.Example> ex = data.examples(rec, service.batchTopics(idx), perGenerator, threads);
                    corpora.add(new CrossValidation.Corpus(data.name(), rec, ex, data.qrels));
                    System.err.println("split " + data.name() + ": " + ex.size() + " queries");
                }
            }
            if (dump != null) {
                FeatureDump.write(dump, corpora);
                System.out.println("wrote " + dump);
                return 0;
            }
            train(corpora);
        } finally {
            for (LinkScoutIndex idx : open) {
                idx.close();
            }
        }
        return 0;
    }

    /** The features named by an option (feature keys), an error naming the option for an unknown one. */
    private static EnumSet<Feature> features(String option, List<String> keys) {
        EnumSet<Feature> out = EnumSet.noneOf(Feature.class);
        for (String key : keys == null ? List.<String>of() : keys) {
            Feature f = Feature.byKey(key.strip());
            if (f == null) {
                throw new UserException(option + ": unknown feature \"" + key + "\" (features: "
                        + String.join(", ", Feature.keys()) + ")");
            }
            out.add(f);
        }
        return out;
    }

    /** The {@code --corpus-weight} values by corpus name; an error naming the option for a bad one. */
    private Map<String, Double> corpusWeights(List<String> names) {
        if (corpusWeight != null && type == Type.lambdamart) {
            throw new UserException("--corpus-weight goes with --type linear or boosted (the linear part of the "
                    + "boosted model), not with plain lambdamart trees (see --tree-weight)");
        }
        return weights("--corpus-weight", corpusWeight, names);
    }

    /** Weights by corpus name of a {@code CORPUS=W} option; an error naming the option for a bad one. */
    private static Map<String, Double> weights(String option, Map<String, String> given, List<String> names) {
        Map<String, Double> out = new java.util.TreeMap<>();
        if (given == null) {
            return out;
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new UserException(option + ": unknown corpus \"" + e.getKey() + "\" (corpora: "
                        + String.join(", ", names) + ")");
            }
            double w;
            try {
                w = Double.parseDouble(e.getValue().strip());
            } catch (NumberFormatException ex) {
                w = Double.NaN;
            }
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new UserException(option + " " + e.getKey() + "=" + e.getValue() + ": the weight must be "
                        + "a finite number > 0, e.g. " + e.getKey() + "=2");
            }
            out.put(e.getKey(), w);
        }
        return out;
    }

    private void train(List<CrossValidation.Corpus> corpora) throws java.io.IOException {
        List<String> names = corpora.stream().map(CrossValidation.Corpus::name).toList();
        Map<String, Double> weights = corpusWeights(names);
        Trainer linear = new Trainer(seed, 1e-3, 40, 400).withCorpusWeights(weights);
        if (treesAlso != null && !treesAlso.isEmpty() && type != Type.boosted) {
            throw new UserException("--trees-also goes with --type boosted (features the trees may use beside the "
                    + "linear part's); for --type lambdamart leave the features out of --without instead");
        }
        if (treeWeight != null && !treeWeight.isEmpty() && type == Type.linear) {
            throw new UserException("--tree-weight goes with --type boosted or lambdamart (it weighs the trees' fit); "
                    + "for the linear model use --corpus-weight");
        }
        Map<String, Double> treeWeights = weights("--tree-weight", treeWeight, names);
        LambdaMart lambdaMart = new LambdaMart(trees, depth, learningRate, minChildWeight, seed,
                features("--increasing", increasing)).withTreesAlso(features("--trees-also", treesAlso))
                .withTreeWeights(treeWeights);
        RankerFit trainer = switch (type) {
            case linear -> linear;
            case lambdamart -> lambdaMart;
            case boosted -> lambdaMart.boostedFrom(linear);
        };
        Path target = out != null ? out : Path.of(switch (type) {
            case linear -> "models/ranker-linear.json";
            case lambdamart -> "models/ranker-lambdamart.json";
            case boosted -> RankerModel.BUNDLED;
        });
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("split", String.join("+", names));
        List<Trainer.Example> all = new ArrayList<>();
        for (CrossValidation.Corpus c : corpora) {
            all.addAll(c.examples());
        }
        info.put("queries", all.size());
        StringBuilder command = new StringBuilder("train --split " + String.join(",", names));
        if (type != Type.linear) {
            command.append(" --type ").append(type).append(" --trees ").append(trees).append(" --depth ").append(depth)
                    .append(" --learning-rate ").append(learningRate).append(" --min-child-weight ")
                    .append(minChildWeight);
            if (increasing != null && !increasing.isEmpty()) {
                command.append(" --increasing ").append(String.join(",", ((LambdaMart) trainer).increasing().stream()
                        .map(f -> f.key).toList()));
            }
            if (!treeWeights.isEmpty()) {
                command.append(" --tree-weight ").append(String.join(",", treeWeights.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            if (!((LambdaMart) trainer).treesAlso().isEmpty()) {
                command.append(" --trees-also ").append(String.join(",", ((LambdaMart) trainer).treesAlso().stream()
                        .map(f -> f.key).toList()));
            }
        }
        command.append(" --seed ").append(seed);
        if (!weights.isEmpty()) {
            command.append(" --corpus-weight ").append(String.join(",", weights.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        EnumSet<Feature> features = EnumSet.allOf(Feature.class);
        EnumSet<Feature> left = features("--without", without);
        features.removeAll(left);
        System.err.println("seed " + seed + "; " + folds + "-fold CV over " + String.join(" + ", names) + "; model "
                + type + (trainer instanceof LambdaMart lm ? " " + lm.params(List.copyOf(features)) : ""));
        if (!left.isEmpty()) {
            info.put("without", left.stream().map(f -> f.key).toList());
            command.append(" --without ").append(String.join(",", left.stream().map(f -> f.key).toList()));
        }
        info.put("command", command.toString());
        if (fromDump != null) {
            info.put("fitted_from", "the features of those splits dumped with train --dump (train --from-dump)");
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
        model.write(target);
        System.out.println("wrote " + target);
        if (model.isTrees()) {
            System.out.println("  total split gain per feature (features never split on are left out):");
            for (Map.Entry<String, Double> e : model.trees().gain().entrySet()) {
                System.out.printf(java.util.Locale.ROOT, "  %-20s %12.1f%n", e.getKey(), e.getValue());
            }
        }
        for (RankerModel.Term t : model.terms()) {
            System.out.printf(java.util.Locale.ROOT, "  %-20s %-8s weight %+.4f%n", t.feature().key,
                    t.log() ? "log1p" : "identity", t.weight());
        }
    }
}
