package io.linkscout.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * LambdaMART with XGBoost ({@code rank:ndcg}): gradient-boosted regression trees fitted to the lambda gradients of
 * nDCG, one query group per training query holding all of its candidates (raw feature values; trees need no
 * transform or standardisation). Bit-for-bit reproducible: no row or column sampling, the {@code hist} tree method,
 * a fixed seed and a fixed thread count ({@link #THREADS}), so the same examples give the same model file on any
 * machine of the same platform.
 *
 * @param trees          boosting rounds
 * @param depth          maximum tree depth
 * @param learningRate   shrinkage (XGBoost's {@code eta})
 * @param minChildWeight minimum hessian sum in a leaf (larger: fewer, broader leaves)
 * @param seed           XGBoost's seed (recorded; nothing is sampled with these settings)
 * @param increasing     features whose score may only rise with their value (XGBoost monotone constraints)
 * @param treesAlso      features the trees may split on besides those given to {@link #fit} (which the linear base,
 *                       if any, is fitted on): a boosted model's trees can use a feature that gets no linear weight
 * @param treeWeights    weight of each query group of a corpus (by {@link Trainer.Example#corpus()}) in the trees'
 *                       fit (XGBoost group weights); corpora not named weigh 1
 * @param base           null, or the linear fit whose model the trees are boosted from: it is fitted first on the
 *                       same examples and its score is each row's base margin, so the trees only correct it; the
 *                       model then scores linear + trees ({@link RankerModel#isBoosted()})
 */
public record LambdaMart(int trees, int depth, double learningRate, double minChildWeight, long seed,
        Set<Feature> increasing, Set<Feature> treesAlso, Map<String, Double> treeWeights, Trainer base)
        implements RankerFit {

    /** XGBoost threads, fixed so the floating-point sums (and so the model) do not depend on the machine. */
    public static final int THREADS = 2;
    public static final String OBJECTIVE = "rank:ndcg";

    /** Without monotone constraints. */
    public LambdaMart(int trees, int depth, double learningRate, double minChildWeight, long seed) {
        this(trees, depth, learningRate, minChildWeight, seed, Set.of());
    }

    /** Plain trees (no linear base). */
    public LambdaMart(int trees, int depth, double learningRate, double minChildWeight, long seed,
            Set<Feature> increasing) {
        this(trees, depth, learningRate, minChildWeight, seed, increasing, Set.of(), Map.of(), null);
    }

    /** The same settings, the trees boosted from the margin of {@code linear}'s model. */
    public LambdaMart boostedFrom(Trainer linear) {
        return new LambdaMart(trees, depth, learningRate, minChildWeight, seed, increasing, treesAlso, treeWeights,
                linear);
    }

    /** The same settings, the trees also splitting on {@code features} (see {@link #treesAlso}). */
    public LambdaMart withTreesAlso(Set<Feature> features) {
        return new LambdaMart(trees, depth, learningRate, minChildWeight, seed, increasing, features, treeWeights,
                base);
    }

    /** The same settings, each query of a named corpus weighing {@code weights.get(corpus)} in the trees' fit. */
    public LambdaMart withTreeWeights(Map<String, Double> weights) {
        return new LambdaMart(trees, depth, learningRate, minChildWeight, seed, increasing, treesAlso, weights, base);
    }

    public LambdaMart {
        increasing = increasing.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(
                java.util.EnumSet.copyOf(increasing));
        treesAlso = treesAlso.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(
                java.util.EnumSet.copyOf(treesAlso));
        treeWeights = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(treeWeights));
        for (Map.Entry<String, Double> e : treeWeights.entrySet()) {
            if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("tree weight of " + e.getKey() + " must be finite and > 0: "
                        + e.getValue());
            }
        }
        if (trees < 1 || depth < 1 || !(learningRate > 0) || !(minChildWeight >= 0)) {
            throw new IllegalArgumentException("LambdaMART needs trees >= 1, depth >= 1, learning rate > 0 and min "
                    + "child weight >= 0");
        }
    }

    /** The settings a tree model was trained with (its {@code trained} block), to refit it the same way. */
    public static LambdaMart of(RankerModel model) {
        Map<String, Object> t = model.trained();
        return new LambdaMart(number(t, "trees", 300).intValue(), number(t, "max_depth", 6).intValue(),
                number(t, "learning_rate", 0.1).doubleValue(), number(t, "min_child_weight", 1).doubleValue(),
                number(t, "seed", 42).longValue(), t.get("increasing") instanceof List<?> l
                        ? l.stream().map(k -> Feature.byKey(String.valueOf(k))).filter(java.util.Objects::nonNull)
                                .collect(java.util.stream.Collectors.toSet()) : Set.of(),
                t.get("trees_also") instanceof List<?> l
                        ? l.stream().map(k -> Feature.byKey(String.valueOf(k))).filter(java.util.Objects::nonNull)
                                .collect(java.util.stream.Collectors.toSet()) : Set.of(),
                weights(t.get("tree_corpus_weight")),
                model.isBoosted() ? Trainer.defaults().withCorpusWeights(corpusWeights(t.get("linear"))) : null);
    }

    /** The corpus weights a boosted model's linear part was fitted with (its {@code corpus_weight}), none if absent. */
    private static Map<String, Double> corpusWeights(Object linearInfo) {
        return linearInfo instanceof Map<?, ?> info ? weights(info.get("corpus_weight")) : Map.of();
    }

    /** A {@code trained} block's map of corpus weights, none if absent. */
    private static Map<String, Double> weights(Object block) {
        Map<String, Double> out = new java.util.TreeMap<>();
        if (block instanceof Map<?, ?> w) {
            w.forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        return out;
    }

    private static Number number(Map<String, Object> trained, String key, Number otherwise) {
        return trained.get(key) instanceof Number n ? n : otherwise;
    }

    /** XGBoost's parameters for these settings, the features in {@code fs}'s order. */
    public Map<String, Object> params(List<Feature> fs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", OBJECTIVE);
        p.put("eval_metric", "ndcg@10");
        p.put("tree_method", "hist");
        p.put("max_depth", depth);
        p.put("eta", learningRate);
        p.put("min_child_weight", minChildWeight);
        p.put("subsample", 1.0);
        p.put("colsample_bytree", 1.0);
        p.put("seed", seed);
        p.put("nthread", THREADS);
        p.put("verbosity", 0);
        if (!increasing.isEmpty()) {
            p.put("monotone_constraints", "(" + String.join(",", fs.stream()
                    .map(f -> increasing.contains(f) ? "1" : "0").toList()) + ")");
        }
        return p;
    }

    @Override
    public RankerModel fit(List<Trainer.Example> examples, Set<Feature> features, int perGenerator,
            Map<String, Object> trainedInfo) {
        java.util.TreeSet<Feature> treeFeatures = new java.util.TreeSet<>(features);
        treeFeatures.addAll(treesAlso);
        List<Feature> fs = new ArrayList<>(treeFeatures); // enum (ordinal) order
        List<double[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Float> groupWeights = new ArrayList<>();
        for (Trainer.Example ex : examples) {
            double[][] f = ex.candidates().features();
            if (f.length == 0) {
                continue;
            }
            for (int i = 0; i < f.length; i++) {
                rows.add(f[i]);
                labels.add(ex.relevant()[i] ? 1f : 0f);
            }
            groups.add(f.length);
            groupWeights.add(treeWeights.getOrDefault(ex.corpus(), 1.0).floatValue());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("LambdaMART: no training candidates");
        }
        RankerModel linear = base == null ? null : base.fit(examples, features, perGenerator, Map.of());
        float[] margin = null;
        if (linear != null) {
            double[] s = linear.scores(rows.toArray(new double[0][]));
            margin = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                margin[i] = (float) s[i];
            }
        }
        float[] y = new float[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        TreeEnsemble trees;
        try {
            DMatrix m = TreeEnsemble.dmatrix(fs, rows.toArray(new double[0][]));
            try {
                m.setLabel(y);
                if (margin != null) {
                    m.setBaseMargin(margin);
                }
                m.setGroup(groups.stream().mapToInt(Integer::intValue).toArray());
                if (!treeWeights.isEmpty()) {
                    float[] gw = new float[groupWeights.size()];
                    for (int i = 0; i < gw.length; i++) {
                        gw[i] = groupWeights.get(i);
                    }
                    m.setWeight(gw);
                }
                Booster b = XGBoost.train(m, params(fs), this.trees, Map.of(), null, null);
                try {
                    trees = TreeEnsemble.of(fs, b);
                } finally {
                    b.dispose();
                }
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } catch (LinkageError e) { // no native library for this platform
            throw TreeEnsemble.nativeUnavailable("(training)", e);
        }
        Map<String, Object> info = new LinkedHashMap<>(trainedInfo);
        info.put("algorithm", "LambdaMART (XGBoost " + OBJECTIVE + ", hist)");
        info.put("seed", seed);
        info.put("threads", THREADS);
        info.put("trees", this.trees);
        info.put("max_depth", depth);
        info.put("learning_rate", learningRate);
        info.put("min_child_weight", minChildWeight);
        if (!increasing.isEmpty()) {
            info.put("increasing", fs.stream().filter(increasing::contains).map(f -> f.key).toList());
        }
        if (!treesAlso.isEmpty()) {
            info.put("trees_also", fs.stream().filter(treesAlso::contains).map(f -> f.key).toList());
        }
        if (!treeWeights.isEmpty()) {
            info.put("tree_corpus_weight", new java.util.TreeMap<>(treeWeights));
        }
        info.put("training_rows", rows.size());
        info.put("training_queries", groups.size());
        if (linear == null) {
            return new RankerModel("lambdamart", trees, perGenerator, info);
        }
        info.put("algorithm", "linear model (pairwise + coordinate ascent), then LambdaMART trees (XGBoost "
                + OBJECTIVE + ", hist) boosted from its score as base margin");
        info.put("linear", linear.trained());
        return new RankerModel("linear+lambdamart", linear.terms(), trees, perGenerator, info);
    }
}
