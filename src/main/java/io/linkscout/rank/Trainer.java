package io.linkscout.rank;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Learns a {@link RankerModel} from labelled candidates: a linear model over standardised features fitted with
 * a pairwise logistic loss (RankNet with a linear scorer) and L2 regularisation, by full-batch gradient descent.
 *
 * <p>Pairs: for every relevant candidate of a query, up to {@code negativesPerPositive} non-relevant candidates
 * of the same query, drawn with a fixed seed, half of them from the query's hardest negatives (highest BM25 of
 * the title). Deterministic: same data and seed, same model.
 *
 * <p>Corpus weights ({@link #withCorpusWeights}): every query of a corpus weighs that much (default 1) in the
 * pairwise loss (each of its pairs) and in the coordinate-ascent objective (a weighted mean over queries), so one
 * corpus can count more than its share of queries and pairs.
 */
public final class Trainer implements RankerFit {

    /** Features whose raw value is bounded and used as is; every other feature is log1p-scaled. */
    static final Set<Feature> IDENTITY = EnumSet.of(Feature.MENTION_EARLY, Feature.REVERSE_EARLY,
            Feature.MENTION_ANY, Feature.REVERSE_ANY, Feature.AUTHORITY, Feature.MENTION_BROAD, Feature.FREE_MENTION,
            Feature.SPAM, Feature.TITLE_REL, Feature.TERMS_REL, Feature.LEAD_REL, Feature.SITE_FIT,
            Feature.PAGE_LINKS_OWN, Feature.DATED_AFTER);

    /** One training query of a corpus: its candidates and which of them are relevant. */
    public record Example(String queryId, Recommender.Candidates candidates, boolean[] relevant,
            int relevantTotal, String corpus) {

        /** A query of an unnamed corpus. */
        public Example(String queryId, Recommender.Candidates candidates, boolean[] relevant, int relevantTotal) {
            this(queryId, candidates, relevant, relevantTotal, "");
        }
    }

    private final long seed;
    private final double l2;
    private final int negativesPerPositive;
    private final int iterations;
    private final Map<String, Double> corpusWeights;

    public Trainer(long seed, double l2, int negativesPerPositive, int iterations) {
        this(seed, l2, negativesPerPositive, iterations, Map.of());
    }

    private Trainer(long seed, double l2, int negativesPerPositive, int iterations, Map<String, Double> corpusWeights) {
        this.seed = seed;
        this.l2 = l2;
        this.negativesPerPositive = negativesPerPositive;
        this.iterations = iterations;
        this.corpusWeights = Map.copyOf(corpusWeights);
    }

    /**
     * The same trainer with each named corpus's queries weighing {@code weights.get(corpus)} (finite, > 0) in the
     * pairwise loss and the coordinate-ascent objective; corpora not named weigh 1.
     */
    public Trainer withCorpusWeights(Map<String, Double> weights) {
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("corpus weight of " + e.getKey() + " must be finite and > 0: "
                        + e.getValue());
            }
        }
        return new Trainer(seed, l2, negativesPerPositive, iterations, weights);
    }

    /** The corpus weights (corpora not named weigh 1). */
    public Map<String, Double> corpusWeights() {
        return corpusWeights;
    }

    private double weightOf(Example ex) {
        return corpusWeights.getOrDefault(ex.corpus(), 1.0);
    }

    public static Trainer defaults() {
        return new Trainer(42L, 1e-3, 40, 400);
    }

    @Override
    public long seed() {
        return seed;
    }

    /**
     * Pairwise logistic fit, then coordinate ascent on the benchmark objective (mean nDCG@10 + mean recall@100
     * over the training queries), starting from the pairwise weights.
     */
    @Override
    public RankerModel fit(List<Example> examples, Set<Feature> features, int perGenerator,
            Map<String, Object> trainedInfo) {
        RankerModel best = coordinateAscent(examples, fitPairwise(examples, examples, features, perGenerator,
                trainedInfo));
        Map<String, List<Example>> byCorpus = new java.util.TreeMap<>();
        for (Example ex : examples) {
            byCorpus.computeIfAbsent(ex.corpus(), k -> new ArrayList<>()).add(ex);
        }
        if (byCorpus.size() > 1) {
            // more starts for the coordinate ascent: the pairwise fit of each corpus alone (the corpora's pairs
            // are unbalanced, so the joint fit leans to the corpus with more relevant pages per query)
            String start = "pairwise fit on all corpora";
            for (Map.Entry<String, List<Example>> e : byCorpus.entrySet()) {
                RankerModel m = coordinateAscent(examples, fitPairwise(examples, e.getValue(), features, perGenerator,
                        trainedInfo));
                if (objectiveOf(m) > objectiveOf(best) + 1e-9) {
                    best = m;
                    start = "pairwise fit on " + e.getKey();
                }
            }
            Map<String, Object> info = new LinkedHashMap<>(best.trained());
            info.put("coordinate_ascent_start", start + " (best of " + (byCorpus.size() + 1) + " starts: all corpora, "
                    + String.join(", ", byCorpus.keySet()) + ")");
            best = new RankerModel(best.name(), best.terms(), best.perGenerator(), info);
        }
        return best;
    }

    private static double objectiveOf(RankerModel m) {
        Object ca = m.trained().get("coordinate_ascent");
        return ca instanceof Map<?, ?> map ? ((Number) map.get("train_objective_after")).doubleValue()
                : Double.NEGATIVE_INFINITY;
    }

    /**
     * Pairwise logistic fit on the pairs of {@code pairsFrom}, with the feature standardisation of all
     * {@code examples} (so that models fitted on parts of the data share one scale).
     */
    RankerModel fitPairwise(List<Example> examples, List<Example> pairsFrom, Set<Feature> features,
            int perGenerator, Map<String, Object> trainedInfo) {
        List<Feature> fs = new ArrayList<>(features);
        int d = fs.size();
        // standardisation from all candidate rows
        double[] mean = new double[d];
        double[] sq = new double[d];
        long rows = 0;
        for (Example ex : examples) {
            for (double[] raw : ex.candidates().features()) {
                for (int j = 0; j < d; j++) {
                    double x = transform(fs.get(j), raw[fs.get(j).ordinal()]);
                    mean[j] += x;
                    sq[j] += x * x;
                }
                rows++;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, rows);
            double var = sq[j] / Math.max(1, rows) - mean[j] * mean[j];
            std[j] = var > 1e-12 ? Math.sqrt(var) : 1.0;
        }
        // pair differences
        Random rnd = new Random(seed);
        List<double[]> diffs = new ArrayList<>();
        List<Double> pairWeights = new ArrayList<>();
        for (Example ex : pairsFrom) {
            double[][] f = ex.candidates().features();
            List<Integer> pos = new ArrayList<>();
            List<Integer> neg = new ArrayList<>();
            for (int i = 0; i < f.length; i++) {
                (ex.relevant()[i] ? pos : neg).add(i);
            }
            if (pos.isEmpty() || neg.isEmpty()) {
                continue;
            }
            // hard negatives: highest title BM25 first (ties by index)
            List<Integer> hard = new ArrayList<>(neg);
            hard.sort((a, b) -> {
                int c = Double.compare(f[b][Feature.BM25_TITLE.ordinal()], f[a][Feature.BM25_TITLE.ordinal()]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int before = diffs.size();
            for (int p : pos) {
                int half = negativesPerPositive / 2;
                for (int k = 0; k < Math.min(half, hard.size()); k++) {
                    diffs.add(diff(fs, mean, std, f[p], f[hard.get(k)]));
                }
                for (int k = 0; k < negativesPerPositive - half; k++) {
                    diffs.add(diff(fs, mean, std, f[p], f[neg.get(rnd.nextInt(neg.size()))]));
                }
            }
            for (int k = before; k < diffs.size(); k++) {
                pairWeights.add(weightOf(ex));
            }
        }
        double weightSum = 0;
        for (double pw : pairWeights) {
            weightSum += pw;
        }
        double[] w = new double[d];
        double[] m = new double[d];
        double[] v = new double[d];
        double lr = 0.05;
        for (int it = 1; it <= iterations; it++) {
            double[] g = new double[d];
            for (int p = 0; p < diffs.size(); p++) {
                double[] x = diffs.get(p);
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[j];
                }
                double s = -pairWeights.get(p) / (1.0 + Math.exp(z)); // weight * d/dz log(1+exp(-z))
                for (int j = 0; j < d; j++) {
                    g[j] += s * x[j];
                }
            }
            for (int j = 0; j < d; j++) {
                g[j] = (weightSum > 0 ? g[j] / weightSum : 0) + 2 * l2 * w[j];
                // Adam
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double mh = m[j] / (1 - Math.pow(0.9, it));
                double vh = v[j] / (1 - Math.pow(0.999, it));
                w[j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        List<RankerModel.Term> terms = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            Feature f = fs.get(j);
            terms.add(new RankerModel.Term(f, !IDENTITY.contains(f), mean[j], std[j], Recommender.round(w[j])));
        }
        Map<String, Object> info = new LinkedHashMap<>(trainedInfo);
        info.put("pairs", diffs.size());
        info.put("seed", seed);
        info.put("l2", l2);
        info.put("iterations", iterations);
        info.put("negatives_per_positive", negativesPerPositive);
        if (!corpusWeights.isEmpty()) {
            info.put("corpus_weight", new java.util.TreeMap<>(corpusWeights));
        }
        return new RankerModel("linear-pairwise", terms, perGenerator, info);
    }

    /** Step sizes tried for each weight, in each direction, per pass. */
    static final double[] STEPS = {0.4, 0.2, 0.1, 0.05, 0.02};
    static final int PASSES = 3;

    /**
     * Coordinate ascent (Metzler & Croft) on {@code mean nDCG@10 + mean recall@100}: for each weight in turn, try
     * the steps in both directions and keep the best change; repeat for a few passes. Deterministic.
     */
    RankerModel coordinateAscent(List<Example> examples, RankerModel init) {
        List<RankerModel.Term> terms = init.terms();
        int d = terms.size();
        int q = examples.size();
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = terms.get(j).weight();
        }
        // per query: the candidates ranked in the top POOL by the initial model (the rest rarely reach the top
        // 100), their standardised features, scores and labels
        double[][][] x = new double[q][][];
        double[][] scores = new double[q][];
        boolean[][] labels = new boolean[q][];
        int[] totals = new int[q];
        double[] queryWeights = new double[q];
        for (int i = 0; i < q; i++) {
            Example ex = examples.get(i);
            queryWeights[i] = weightOf(ex);
            double[][] raw = ex.candidates().features();
            double[] s0 = new double[raw.length];
            double[][] all = new double[raw.length][d];
            for (int c = 0; c < raw.length; c++) {
                for (int j = 0; j < d; j++) {
                    all[c][j] = terms.get(j).value(raw[c][terms.get(j).feature().ordinal()]);
                    s0[c] += w[j] * all[c][j];
                }
            }
            Integer[] order = new Integer[raw.length];
            for (int c = 0; c < raw.length; c++) {
                order[c] = c;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int cmp = Double.compare(s0[b], s0[a]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            int keep = Math.min(POOL, raw.length);
            Integer[] kept = java.util.Arrays.copyOf(order, keep);
            java.util.Arrays.sort(kept); // candidate order (URL order) for tie-breaks
            x[i] = new double[keep][];
            scores[i] = new double[keep];
            labels[i] = new boolean[keep];
            for (int k = 0; k < keep; k++) {
                x[i][k] = all[kept[k]];
                scores[i][k] = s0[kept[k]];
                labels[i][k] = ex.relevant()[kept[k]];
            }
            totals[i] = Math.max(1, ex.relevantTotal());
        }
        double best = objective(scores, labels, totals, queryWeights, x, -1, 0);
        double start = best;
        for (int pass = 0; pass < PASSES; pass++) {
            boolean improved = false;
            for (int j = 0; j < d; j++) {
                double bestStep = 0;
                for (double step : STEPS) {
                    for (double s : new double[] {step, -step}) {
                        double v = objective(scores, labels, totals, queryWeights, x, j, s);
                        if (v > best + 1e-9) {
                            best = v;
                            bestStep = s;
                        }
                    }
                }
                if (bestStep != 0) {
                    improved = true;
                    w[j] += bestStep;
                    for (int i = 0; i < q; i++) {
                        for (int c = 0; c < scores[i].length; c++) {
                            scores[i][c] += bestStep * x[i][c][j];
                        }
                    }
                }
            }
            if (!improved) {
                break;
            }
        }
        List<RankerModel.Term> out = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            RankerModel.Term t = terms.get(j);
            out.add(new RankerModel.Term(t.feature(), t.log(), t.mean(), t.std(), Recommender.round(w[j])));
        }
        Map<String, Object> info = new LinkedHashMap<>(init.trained());
        info.put("coordinate_ascent", Map.of("objective", "mean ndcg@10 + mean recall@100", "passes", PASSES,
                "steps", java.util.Arrays.toString(STEPS), "train_objective_before", Recommender.round(start),
                "train_objective_after", Recommender.round(best)));
        return new RankerModel("linear-pairwise+ca", out, init.perGenerator(), info);
    }

    /** Candidates per query kept for coordinate ascent (by the initial model's ranking). */
    static final int POOL = 300;

    /**
     * Mean nDCG@10 + mean recall@100 (means weighted by {@code queryWeights}) with weight {@code j} changed by
     * {@code step} ({@code j < 0}: as is); ties by candidate order (URL).
     */
    static double objective(double[][] scores, boolean[][] labels, int[] totals, double[] queryWeights,
            double[][][] x, int j, double step) {
        double sum = 0;
        double weightSum = 0;
        for (int i = 0; i < scores.length; i++) {
            double[] s = scores[i];
            double[] t = new double[s.length];
            for (int c = 0; c < s.length; c++) {
                t[c] = j < 0 ? s[c] : s[c] + step * x[i][c][j];
            }
            Integer[] order = new Integer[s.length];
            for (int c = 0; c < s.length; c++) {
                order[c] = c;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int cmp = Double.compare(t[b], t[a]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            double dcg = 0;
            int hits100 = 0;
            for (int r = 0; r < Math.min(100, order.length); r++) {
                if (labels[i][order[r]]) {
                    hits100++;
                    if (r < 10) {
                        dcg += 1.0 / (Math.log(r + 2) / Math.log(2));
                    }
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(10, totals[i]); r++) {
                idcg += 1.0 / (Math.log(r + 2) / Math.log(2));
            }
            sum += queryWeights[i] * (dcg / idcg + (double) hits100 / totals[i]);
            weightSum += queryWeights[i];
        }
        return weightSum > 0 ? sum / weightSum : 0;
    }

    static double clip(double z) {
        return Math.max(-RankerModel.CLIP, Math.min(RankerModel.CLIP, z));
    }

    static double transform(Feature f, double raw) {
        return IDENTITY.contains(f) ? raw : Math.log1p(Math.max(0, raw));
    }

    private static double[] diff(List<Feature> fs, double[] mean, double[] std, double[] a, double[] b) {
        double[] x = new double[fs.size()];
        for (int j = 0; j < x.length; j++) {
            Feature f = fs.get(j);
            x[j] = clip((transform(f, a[f.ordinal()]) - mean[j]) / std[j])
                    - clip((transform(f, b[f.ordinal()]) - mean[j]) / std[j]);
        }
        return x;
    }
}
