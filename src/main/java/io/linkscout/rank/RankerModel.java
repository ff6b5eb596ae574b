package io.linkscout.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How features combine into a score, read from a versioned JSON file ({@code models/ranker.json}, bundled into the
 * jar, or any file given with {@code --model} / {@code linkscout.ranker.model}) and validated on load. Two kinds,
 * told apart by the file's {@code format}:
 *
 * <p><b>Linear</b> ({@value #FORMAT}): a linear model over standardised, optionally log-scaled features.
 *
 * <p>{@code score = sum_i weight_i * clip((t_i(x_i) - mean_i) / std_i, -5, 5)} where {@code t_i} is
 * {@code identity} or {@code log1p}. Each term is the feature's contribution, shown in explanations.
 *
 * <pre>{@code
 * {"format": "linkscout-ranker/1", "name": "...", "trained": {...},
 *  "candidates": {"per_generator": 300},
 *  "features": [{"name": "bm25_title", "transform": "log1p", "mean": 1.2, "std": 0.8, "weight": 0.7}, ...]}
 * }</pre>
 *
 * <p><b>Trees</b> ({@value #TREES_FORMAT}): a LambdaMART ensemble ({@link TreeEnsemble}) over the raw feature values
 * in the listed order; each feature's contribution is its TreeSHAP value and the base value is one more part, so
 * the parts sum to the score.
 *
 * <pre>{@code
 * {"format": "linkscout-ranker-trees/1", "name": "lambdamart", "trained": {...},
 *  "candidates": {"per_generator": 300}, "transform": "none", "features": [{"name": "bm25_title"}, ...],
 *  "booster": {XGBoost's JSON model}}
 * }</pre>
 *
 * <p><b>Trees boosted from a linear model</b> (the same format with a {@code "linear"} array of linear terms, as in a
 * linear file's {@code features}): the trees were fitted to correct the linear model's score (XGBoost's base
 * margin), so {@code score = linear score + tree margin}; a feature's contribution is its linear term plus its
 * TreeSHAP value, and the base value is one more part.
 */
public final class RankerModel {

    public static final String FORMAT = "linkscout-ranker/1";
    public static final String TREES_FORMAT = "linkscout-ranker-trees/1";
    /** Key of the base value's part in a tree model's explanation. */
    public static final String BASE_VALUE = "base_value";
    public static final String BUNDLED = "models/ranker.json";
    /** Standardised feature values are clipped to this many standard deviations. */
    public static final double CLIP = 5.0;

    /** One weighted feature. */
    public record Term(Feature feature, boolean log, double mean, double std, double weight) {
        /** Standardised value, clipped to [-CLIP, CLIP] so one extreme feature cannot dominate a score. */
        double value(double raw) {
            double x = log ? Math.log1p(Math.max(raw, 0)) : raw;
            double z = (x - mean) / std;
            return Math.max(-CLIP, Math.min(CLIP, z));
        }
    }

    private final String name;
    private final List<Term> terms;
    private final int perGenerator;
    private final Map<String, Object> trained;
    /** The tree ensemble of a tree model; null for a linear one. */
    private final TreeEnsemble trees;

    /** A linear model. */
    public RankerModel(String name, List<Term> terms, int perGenerator, Map<String, Object> trained) {
        this(name, terms, null, perGenerator, trained);
    }

    /** A tree model. */
    public RankerModel(String name, TreeEnsemble trees, int perGenerator, Map<String, Object> trained) {
        this(name, List.of(), java.util.Objects.requireNonNull(trees), perGenerator, trained);
    }

    /**
     * A tree model whose trees were boosted from the margin of the linear model {@code linear} (empty: plain
     * trees, null trees: a linear model): its score is the linear score plus the trees' margin.
     */
    public RankerModel(String name, List<Term> terms, TreeEnsemble trees, int perGenerator,
            Map<String, Object> trained) {
        this.name = name;
        this.terms = List.copyOf(terms);
        this.trees = trees;
        this.perGenerator = perGenerator;
        this.trained = trained == null ? Map.of() : trained;
    }

    /** Whether this is a tree model ({@value #TREES_FORMAT}). */
    public boolean isTrees() {
        return trees != null;
    }

    /** The tree ensemble of a tree model, else null. */
    public TreeEnsemble trees() {
        return trees;
    }

    /** The model with another {@code trained} block. */
    public RankerModel withTrained(Map<String, Object> info) {
        return new RankerModel(name, terms, trees, perGenerator, info);
    }

    /** Whether this is a tree model boosted from a linear model's margin (it has linear terms too). */
    public boolean isBoosted() {
        return trees != null && !terms.isEmpty();
    }

    /** The score of each candidate (rows of raw feature values indexed by {@link Feature#ordinal()}). */
    public double[] scores(double[][] raw) {
        double[] out = trees != null ? trees.scores(raw) : new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double s = 0;
            for (Term t : terms) {
                s += t.weight() * t.value(raw[i][t.feature().ordinal()]);
            }
            out[i] += s;
        }
        return out;
    }

    /** One part of a score: a feature's contribution, or (feature null) a tree model's base value. */
    public record Part(Feature feature, double contribution) {
    }

    /**
     * How one candidate's score is made up: per feature of the model, weight x standardised value (linear) or the
     * TreeSHAP contribution (trees, followed by the base value), both added up per feature for trees boosted from
     * a linear model (the linear terms' features first, in their order); the parts sum to the score.
     */
    public List<Part> parts(double[] raw) {
        Map<Feature, Double> byFeature = new LinkedHashMap<>();
        for (Term t : terms) {
            byFeature.merge(t.feature(), t.weight() * t.value(raw[t.feature().ordinal()]), Double::sum);
        }
        double[] c = trees != null ? trees.contributions(raw) : null;
        for (int j = 0; c != null && j < trees.features().size(); j++) {
            byFeature.merge(trees.features().get(j), c[j], Double::sum);
        }
        List<Part> out = new ArrayList<>();
        byFeature.forEach((f, v) -> out.add(new Part(f, v)));
        if (c != null) {
            out.add(new Part(null, c[c.length - 1]));
        }
        return out;
    }

    /** The weight the first-stage authority clause may use: a linear model's positive authority weight, else 0. */
    public double authorityBoost() {
        double w = 0;
        for (Term t : terms) {
            if (t.feature() == Feature.AUTHORITY) {
                w = t.weight();
            }
        }
        return Math.max(0, w);
    }

    public String name() {
        return name;
    }

    public List<Term> terms() {
        return terms;
    }

    public int perGenerator() {
        return perGenerator;
    }

    public Map<String, Object> trained() {
        return trained;
    }

    /** The model without the features of some families (for ablations): their weights become 0. */
    public RankerModel without(Set<Feature.Family> families) {
        if (trees != null) {
            throw new UnsupportedOperationException("a tree model cannot drop features: refit it without them");
        }
        List<Term> t = new ArrayList<>();
        for (Term x : terms) {
            t.add(families.contains(x.feature().family) ? new Term(x.feature(), x.log(), x.mean(), x.std(), 0) : x);
        }
        return new RankerModel(name + "-without-" + families, t, perGenerator, trained);
    }

    /**
     * The model with terms of weight 0 (identity, mean 0, std 1) added for {@code features} it lacks (a tree model
     * is returned as is: features it does not list are simply not used).
     */
    public RankerModel withZeroWeights(Set<Feature> features) {
        if (trees != null) {
            return this;
        }
        List<Term> t = new ArrayList<>(terms);
        Set<Feature> have = features();
        for (Feature f : Feature.values()) {
            if (features.contains(f) && !have.contains(f)) {
                t.add(new Term(f, false, 0, 1, 0));
            }
        }
        return new RankerModel(name, t, perGenerator, trained);
    }

    /** Whether the score depends on {@code f}: a split of a tree on it, or a linear term of non-zero weight. */
    public boolean uses(Feature f) {
        return trees != null && trees.features().contains(f)
                || terms.stream().anyMatch(t -> t.feature() == f && t.weight() != 0);
    }

    public Set<Feature> features() {
        EnumSet<Feature> s = EnumSet.noneOf(Feature.class);
        if (trees != null) {
            s.addAll(trees.features());
        }
        for (Term t : terms) {
            s.add(t.feature());
        }
        return s;
    }

    /** The bundled model. */
    public static RankerModel bundled() {
        try (InputStream in = RankerModel.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the application");
            }
            return parse(new ObjectMapper().readTree(in), "bundled " + BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /** The bundled model, or a neutral placeholder (all weights 0) when none is bundled yet (first training). */
    public static RankerModel bundledOrNull() {
        if (RankerModel.class.getClassLoader().getResource(BUNDLED) == null) {
            List<Term> t = new ArrayList<>();
            for (Feature f : Feature.values()) {
                t.add(new Term(f, false, 0, 1, 0));
            }
            return new RankerModel("untrained", t, 300, Map.of());
        }
        return bundled();
    }

    /** Loads and validates a model file; a {@link UserException} says what is wrong and where. */
    public static RankerModel load(Path file) {
        JsonNode root;
        if (!Files.isRegularFile(file)) {
            throw new UserException("ranker model " + file + " not found (check the path, or omit --model to use "
                    + "the bundled models/ranker.json)", 404);
        }
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UserException("ranker model " + file + " is not readable JSON: " + e.getMessage()
                    + " (regenerate it with the `train` command)");
        }
        return parse(root, file.toString());
    }

    static RankerModel parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw invalid(where, "(root)", "must be a JSON object");
        }
        String format = root.path("format").asText();
        if (!FORMAT.equals(format) && !TREES_FORMAT.equals(format)) {
            throw invalid(where, "format", "must be \"" + FORMAT + "\" (linear) or \"" + TREES_FORMAT
                    + "\" (trees), found " + root.path("format"));
        }
        JsonNode fs = root.path("features");
        if (!fs.isArray() || fs.isEmpty()) {
            throw invalid(where, "features", "must be a non-empty array");
        }
        int per = root.path("candidates").path("per_generator").asInt(300);
        if (per < 10 || per > 100_000) {
            throw invalid(where, "candidates.per_generator", "must be between 10 and 100000, found " + per);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> trained = root.has("trained")
                ? new ObjectMapper().convertValue(root.get("trained"), LinkedHashMap.class) : Map.of();
        if (TREES_FORMAT.equals(format)) {
            return parseTrees(root, fs, where, per, trained);
        }
        return new RankerModel(root.path("name").asText("unnamed"), terms(fs, where, "features"), per, trained);
    }

    /** The linear terms of a JSON array ({@code features} of a linear model, {@code linear} of a boosted one). */
    private static List<Term> terms(JsonNode fs, String where, String field) {
        List<Term> terms = new ArrayList<>();
        EnumSet<Feature> seen = EnumSet.noneOf(Feature.class);
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String p = field + "[" + i + "]";
            Feature feature = feature(f, where, p, seen);
            seen.add(feature);
            String tr = f.path("transform").asText("identity");
            if (!tr.equals("identity") && !tr.equals("log1p")) {
                throw invalid(where, p + ".transform", "must be \"identity\" or \"log1p\", found \"" + tr + "\"");
            }
            double mean = number(f, "mean", where, p);
            double std = number(f, "std", where, p);
            double weight = number(f, "weight", where, p);
            if (!(std > 0)) {
                throw invalid(where, p + ".std", "must be > 0, found " + std);
            }
            terms.add(new Term(feature, tr.equals("log1p"), mean, std, weight));
        }
        return terms;
    }

    private static RankerModel parseTrees(JsonNode root, JsonNode fs, String where, int per,
            Map<String, Object> trained) {
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            features.add(feature(fs.get(i), where, "features[" + i + "]", features));
        }
        JsonNode linear = root.get("linear");
        if (linear != null && (!linear.isArray() || linear.isEmpty())) {
            throw invalid(where, "linear", "must be a non-empty array of linear terms (the model the trees were "
                    + "boosted from) or absent, found " + linear.getNodeType());
        }
        List<Term> base = linear == null ? List.of() : terms(linear, where, "linear");
        JsonNode booster = root.get("booster");
        if (booster == null || !booster.isObject()) {
            throw invalid(where, "booster", "must be XGBoost's JSON model (an object), found "
                    + (booster == null ? "nothing" : booster.getNodeType()));
        }
        TreeEnsemble trees;
        try {
            trees = TreeEnsemble.of(features, new ObjectMapper().writeValueAsBytes(booster));
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            String msg = String.valueOf(e.getMessage()).strip();
            int nl = msg.indexOf('\n');
            throw invalid(where, "booster", "is not a model XGBoost can load: " + (nl > 0 ? msg.substring(0, nl) : msg));
        } catch (IOException e) {
            throw invalid(where, "booster", "cannot be serialised: " + e.getMessage());
        } catch (LinkageError e) { // no native library for this platform (UnsatisfiedLinkError, failed static init)
            throw TreeEnsemble.nativeUnavailable(where, e);
        }
        return new RankerModel(root.path("name").asText("unnamed"), base, trees, per, trained);
    }

    /** A feature entry's known, not yet seen feature. */
    private static Feature feature(JsonNode f, String where, String p, java.util.Collection<Feature> seen) {
        String key = f.path("name").asText("");
        Feature feature = Feature.byKey(key);
        if (feature == null) {
            throw invalid(where, p + ".name", "unknown feature \"" + key + "\"; known: " + Feature.keys());
        }
        if (seen.contains(feature)) {
            throw invalid(where, p + ".name", "feature \"" + key + "\" appears twice");
        }
        return feature;
    }

    private static double number(JsonNode f, String field, String where, String p) {
        JsonNode v = f.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw invalid(where, p + "." + field, "must be a finite number, found " + v);
        }
        return v.asDouble();
    }

    private static UserException invalid(String where, String path, String msg) {
        return new UserException("invalid ranker model " + where + ": " + path + " " + msg
                + " (fix the file or regenerate it with the `train` command)", 422);
    }

    /** Writes the model as JSON. */
    public void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", trees != null ? TREES_FORMAT : FORMAT);
        root.put("name", name);
        root.put("trained", trained);
        root.put("candidates", Map.of("per_generator", perGenerator));
        List<Map<String, Object>> fs = new ArrayList<>();
        if (trees != null) {
            root.put("transform", "none: the trees split the raw feature values");
            for (Feature f : trees.features()) {
                fs.add(Map.of("name", f.key));
            }
            root.put("features", fs);
            if (!terms.isEmpty()) {
                root.put("linear", termsJson());
            }
            root.put("booster", new ObjectMapper().readTree(trees.json()));
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
            return;
        }
        root.put("features", termsJson());
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private List<Map<String, Object>> termsJson() {
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Term t : terms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.feature().key);
            m.put("transform", t.log() ? "log1p" : "identity");
            m.put("mean", t.mean());
            m.put("std", t.std());
            m.put("weight", t.weight());
            fs.add(m);
        }
        return fs;
    }
}
