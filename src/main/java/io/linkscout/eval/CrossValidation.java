package io.linkscout.eval;

import io.linkscout.rank.Feature;
import io.linkscout.rank.RankerFit;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Honest estimates of a learned ranker over one or more link-prediction corpora: k-fold cross-validation (each
 * query ranked by a model that never saw it; the folds of every corpus are held out together, so the model is
 * trained on the other folds of all corpora) and leave-one-corpus-out (a model trained on the other corpora only
 * ranks the held-out corpus: what a user with another kind of data should expect).
 */
public final class CrossValidation {

    /**
     * One corpus: the URL of each candidate node (node ids follow URL order), labelled candidates and qrels.
     */
    public record Corpus(String name, IntFunction<String> urls, List<Trainer.Example> examples, Qrels qrels) {

        /** A corpus of an open index: its recommender names the nodes. */
        public Corpus(String name, Recommender rec, List<Trainer.Example> examples, Qrels qrels) {
            this(name, (IntFunction<String>) rec::url, examples, qrels);
        }
    }

    private CrossValidation() {
    }

    /** Fold of a query: its position modulo k. Results per corpus, in the corpora's order. */
    public static Map<String, Evaluator.Result> kFold(List<Corpus> corpora, RankerFit trainer, Set<Feature> features,
            int k, int perGenerator) {
        Map<String, List<Run.Entry>> entries = new LinkedHashMap<>();
        for (Corpus c : corpora) {
            entries.put(c.name(), new ArrayList<>());
        }
        for (int f = 0; f < k; f++) {
            List<Trainer.Example> train = new ArrayList<>();
            for (Corpus c : corpora) {
                for (int i = 0; i < c.examples().size(); i++) {
                    if (i % k != f) {
                        train.add(c.examples().get(i));
                    }
                }
            }
            RankerModel m = trainer.fit(train, features, perGenerator, Map.of());
            for (Corpus c : corpora) {
                for (int i = 0; i < c.examples().size(); i++) {
                    if (i % k == f) {
                        addRun(entries.get(c.name()), c.urls(), c.examples().get(i), m);
                    }
                }
            }
        }
        Map<String, Evaluator.Result> out = new LinkedHashMap<>();
        for (Corpus c : corpora) {
            out.put(c.name(), Evaluator.evaluate(Run.of(entries.get(c.name())), c.qrels()));
        }
        return out;
    }

    /** k-fold cross-validation on one corpus (fold = query position mod k). */
    public static Evaluator.Result kFold(Recommender rec, RankerFit trainer, List<Trainer.Example> examples,
            Qrels qrels, Set<Feature> features, int k, int perGenerator) {
        return kFold(List.of(new Corpus("corpus", rec, examples, qrels)), trainer, features, k, perGenerator)
                .get("corpus");
    }

    /** Each corpus ranked by a model trained on all the other corpora (needs at least two). */
    public static Map<String, Evaluator.Result> leaveOneCorpusOut(List<Corpus> corpora, RankerFit trainer,
            Set<Feature> features, int perGenerator) {
        Map<String, Evaluator.Result> out = new LinkedHashMap<>();
        if (corpora.size() < 2) {
            return out;
        }
        for (Corpus held : corpora) {
            List<Trainer.Example> train = new ArrayList<>();
            for (Corpus c : corpora) {
                if (c != held) {
                    train.addAll(c.examples());
                }
            }
            RankerModel m = trainer.fit(train, features, perGenerator, Map.of());
            out.put(held.name(), score(held, m));
        }
        return out;
    }

    /** A corpus's top-100 run under a model, scored. */
    public static Evaluator.Result score(Corpus c, RankerModel m) {
        List<Run.Entry> entries = new ArrayList<>();
        for (Trainer.Example e : c.examples()) {
            addRun(entries, c.urls(), e, m);
        }
        return Evaluator.evaluate(Run.of(entries), c.qrels());
    }

    private static void addRun(List<Run.Entry> entries, IntFunction<String> urls, Trainer.Example e, RankerModel m) {
        Recommender.Ranked r = Recommender.rank(e.candidates(), m);
        for (int i = 0; i < Math.min(100, r.size()); i++) {
            entries.add(new Run.Entry(e.queryId(), urls.apply(r.nodes()[i]), i + 1));
        }
    }
}
