package io.linkscout.rank;

import io.linkscout.error.UserException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A gradient-boosted tree ensemble (an XGBoost booster, kept as XGBoost's own JSON model) over raw feature values in
 * a fixed feature order. Scores are the booster's margins; {@link #contributions} are its TreeSHAP contributions
 * (one per feature plus the base value; they sum to the score). Prediction is serialised on the booster: candidate
 * generation, not scoring, dominates a query's time.
 */
public final class TreeEnsemble {

    private final List<Feature> features;
    private final byte[] json;
    private final Booster booster;

    private TreeEnsemble(List<Feature> features, byte[] json, Booster booster) {
        this.features = List.copyOf(features);
        this.json = json;
        this.booster = booster;
    }

    /** Loads XGBoost's JSON model; a model that XGBoost rejects, or that expects other features, is an error. */
    public static TreeEnsemble of(List<Feature> features, byte[] xgboostJson) throws XGBoostError {
        Booster b;
        try {
            b = XGBoost.loadModel(xgboostJson);
        } catch (java.io.IOException e) {
            throw new XGBoostError(e.getMessage());
        }
        if (b.getNumFeature() != features.size()) {
            throw new XGBoostError("the booster uses " + b.getNumFeature() + " features, the model file lists "
                    + features.size());
        }
        return new TreeEnsemble(features, xgboostJson, b);
    }

    /** Wraps a freshly trained booster (its JSON model is what is written and compared). */
    static TreeEnsemble of(List<Feature> features, Booster trained) throws XGBoostError {
        return of(features, trained.toByteArray("json"));
    }

    public List<Feature> features() {
        return features;
    }

    /** XGBoost's JSON model (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** The raw feature values of {@code rows} (indexed by {@link Feature#ordinal()}) in this model's order. */
    static float[] matrix(List<Feature> features, double[][] rows) {
        int d = features.size();
        float[] x = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) rows[i][features.get(j).ordinal()];
            }
        }
        return x;
    }

    static DMatrix dmatrix(List<Feature> features, double[][] rows) throws XGBoostError {
        // NaN marks a missing value; features are never missing (the 3-argument constructor would treat 0 as missing)
        return new DMatrix(matrix(features, rows), rows.length, features.size(), Float.NaN);
    }

    /** The score of every row. */
    public double[] scores(double[][] rows) {
        double[] out = new double[rows.length];
        if (rows.length == 0) {
            return out;
        }
        try {
            DMatrix m = dmatrix(features, rows);
            try {
                float[][] p;
                synchronized (booster) {
                    p = booster.predict(m, true);
                }
                for (int i = 0; i < rows.length; i++) {
                    out[i] = p[i][0];
                }
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * TreeSHAP contributions of one row: entry {@code j} belongs to {@code features().get(j)}, the last entry is
     * the base value (the ensemble's expected score); they sum to the row's score (up to float rounding).
     */
    public double[] contributions(double[] row) {
        try {
            DMatrix m = dmatrix(features, new double[][] {row});
            try {
                float[][] c;
                synchronized (booster) {
                    c = booster.predictContrib(m, 0);
                }
                double[] out = new double[c[0].length];
                for (int j = 0; j < out.length; j++) {
                    out[j] = c[0][j];
                }
                return out;
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost contributions failed: " + e.getMessage(), e);
        }
    }

    /** Total gain of each feature's splits (features never split on are absent), in this model's feature order. */
    public Map<String, Double> gain() {
        String[] names = features.stream().map(f -> f.key).toArray(String[]::new);
        try {
            Map<String, Double> byName;
            synchronized (booster) {
                byName = booster.getScore(names, "total_gain");
            }
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (String n : names) {
                if (byName.containsKey(n)) {
                    out.put(n, byName.get(n));
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost feature importance failed: " + e.getMessage(), e);
        }
    }

    /** XGBoost's native library could not be loaded (another platform): a clear error instead of a stack trace. */
    static UserException nativeUnavailable(String where, Throwable e) {
        return new UserException("cannot use the tree ranker model " + where + ": XGBoost's native library is not "
                + "available on this platform (" + e + "); use the linear model instead (--model models/ranker-linear.json or "
                + "linkscout.ranker.model)", 503);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeEnsemble t && t.features.equals(features) && Arrays.equals(t.json, json);
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + Arrays.hashCode(json);
    }
}
