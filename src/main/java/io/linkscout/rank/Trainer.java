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
 */
public final class Trainer {

    /** Features whose raw value is bounded and used as is; every other feature is log1p-scaled. */
    static final Set<Feature> IDENTITY = EnumSet.of(Feature.MENTION_EARLY, Feature.REVERSE_EARLY,
            Feature.AUTHORITY);

    /** One training query: its candidates and which of them are relevant. */
    public record Example(String queryId, Recommender.Candidates candidates, boolean[] relevant) {
    }

    private final long seed;
    private final double l2;
    private final int negativesPerPositive;
    private final int iterations;

    public Trainer(long seed, double l2, int negativesPerPositive, int iterations) {
        this.seed = seed;
        this.l2 = l2;
        this.negativesPerPositive = negativesPerPositive;
        this.iterations = iterations;
    }

    public static Trainer defaults() {
        return new Trainer(42L, 1e-3, 40, 400);
    }

    public long seed() {
        return seed;
    }

    public RankerModel fit(List<Example> examples, Set<Feature> features, int perGenerator,
            Map<String, Object> trainedInfo) {
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
        for (Example ex : examples) {
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
            for (int p : pos) {
                int half = negativesPerPositive / 2;
                for (int k = 0; k < Math.min(half, hard.size()); k++) {
                    diffs.add(diff(fs, mean, std, f[p], f[hard.get(k)]));
                }
                for (int k = 0; k < negativesPerPositive - half; k++) {
                    diffs.add(diff(fs, mean, std, f[p], f[neg.get(rnd.nextInt(neg.size()))]));
                }
            }
        }
        double[] w = new double[d];
        double[] m = new double[d];
        double[] v = new double[d];
        double lr = 0.05;
        for (int it = 1; it <= iterations; it++) {
            double[] g = new double[d];
            for (double[] x : diffs) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[j];
                }
                double s = -1.0 / (1.0 + Math.exp(z)); // d/dz log(1+exp(-z))
                for (int j = 0; j < d; j++) {
                    g[j] += s * x[j];
                }
            }
            for (int j = 0; j < d; j++) {
                g[j] = g[j] / Math.max(1, diffs.size()) + 2 * l2 * w[j];
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
        return new RankerModel("linear-pairwise", terms, perGenerator, info);
    }

    static double transform(Feature f, double raw) {
        return IDENTITY.contains(f) ? raw : Math.log1p(Math.max(0, raw));
    }

    private static double[] diff(List<Feature> fs, double[] mean, double[] std, double[] a, double[] b) {
        double[] x = new double[fs.size()];
        for (int j = 0; j < x.length; j++) {
            Feature f = fs.get(j);
            x[j] = (transform(f, a[f.ordinal()]) - transform(f, b[f.ordinal()])) / std[j];
        }
        return x;
    }
}
