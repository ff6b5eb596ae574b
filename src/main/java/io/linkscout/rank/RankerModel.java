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
 * How features combine into a score: a linear model over standardised, optionally log-scaled features, read
 * from a versioned JSON file ({@code models/ranker.json}, bundled into the jar) and validated on load.
 *
 * <p>{@code score = sum_i weight_i * clip((t_i(x_i) - mean_i) / std_i, -5, 5)} where {@code t_i} is
 * {@code identity} or {@code log1p}. Each term is the feature's contribution, shown in explanations.
 *
 * <pre>{@code
 * {"format": "linkscout-ranker/1", "name": "...", "trained": {...},
 *  "candidates": {"per_generator": 300},
 *  "features": [{"name": "bm25_title", "transform": "log1p", "mean": 1.2, "std": 0.8, "weight": 0.7}, ...]}
 * }</pre>
 */
public final class RankerModel {

    public static final String FORMAT = "linkscout-ranker/1";
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

    public RankerModel(String name, List<Term> terms, int perGenerator, Map<String, Object> trained) {
        this.name = name;
        this.terms = List.copyOf(terms);
        this.perGenerator = perGenerator;
        this.trained = trained == null ? Map.of() : trained;
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
        List<Term> t = new ArrayList<>();
        for (Term x : terms) {
            t.add(families.contains(x.feature().family) ? new Term(x.feature(), x.log(), x.mean(), x.std(), 0) : x);
        }
        return new RankerModel(name + "-without-" + families, t, perGenerator, trained);
    }

    /** The model with terms of weight 0 (identity, mean 0, std 1) added for {@code features} it lacks. */
    public RankerModel withZeroWeights(Set<Feature> features) {
        List<Term> t = new ArrayList<>(terms);
        Set<Feature> have = features();
        for (Feature f : Feature.values()) {
            if (features.contains(f) && !have.contains(f)) {
                t.add(new Term(f, false, 0, 1, 0));
            }
        }
        return new RankerModel(name, t, perGenerator, trained);
    }

    public Set<Feature> features() {
        EnumSet<Feature> s = EnumSet.noneOf(Feature.class);
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
        if (!FORMAT.equals(root.path("format").asText())) {
            throw invalid(where, "format", "must be \"" + FORMAT + "\", found " + root.path("format"));
        }
        JsonNode fs = root.path("features");
        if (!fs.isArray() || fs.isEmpty()) {
            throw invalid(where, "features", "must be a non-empty array");
        }
        List<Term> terms = new ArrayList<>();
        EnumSet<Feature> seen = EnumSet.noneOf(Feature.class);
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String p = "features[" + i + "]";
            String key = f.path("name").asText("");
            Feature feature = Feature.byKey(key);
            if (feature == null) {
                throw invalid(where, p + ".name", "unknown feature \"" + key + "\"; known: " + Feature.keys());
            }
            if (!seen.add(feature)) {
                throw invalid(where, p + ".name", "feature \"" + key + "\" appears twice");
            }
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
        int per = root.path("candidates").path("per_generator").asInt(300);
        if (per < 10 || per > 100_000) {
            throw invalid(where, "candidates.per_generator", "must be between 10 and 100000, found " + per);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> trained = root.has("trained")
                ? new ObjectMapper().convertValue(root.get("trained"), LinkedHashMap.class) : Map.of();
        return new RankerModel(root.path("name").asText("unnamed"), terms, per, trained);
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
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("trained", trained);
        root.put("candidates", Map.of("per_generator", perGenerator));
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
        root.put("features", fs);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
