package io.linkscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Versioned benchmark expectations, {@code src/main/resources/bench/expected.json} (classpath
 * {@value #RESOURCE}):
 *
 * <pre>{@code
 * {
 *   "format": "linkscout-expected-figures",
 *   "version": 1,
 *   "benchmarks": {
 *     "linkpred-dev": {
 *       "description": "...", "command": "...",
 *       "metrics": { "ndcg@10": {"expected": 0.780, "tolerance": 0.005}, ... }
 *     }
 *   }
 * }
 * }</pre>
 *
 * A measured figure passes when {@code |measured - expected| <= tolerance} (two-sided, with 1e-9 slack for
 * floating-point representation): a figure that got clearly <em>better</em> fails too, so the file is updated
 * deliberately in the same commit as the change that moved it. {@code version} is bumped whenever figures change.
 */
public final class ExpectedFigures {

    public static final String RESOURCE = "/bench/expected.json";
    public static final String FORMAT = "linkscout-expected-figures";
    private static final double SLACK = 1e-9;

    /** Expected value of one metric and the allowed absolute deviation either way. */
    public record Figure(double expected, double tolerance) {
        public Figure {
            if (!(tolerance >= 0) || Double.isNaN(expected)) {
                throw new IllegalArgumentException("tolerance must be >= 0 and expected a number");
            }
        }
    }

    /** Outcome of one metric check. */
    public enum Status { PASS, TOO_LOW, TOO_HIGH, MISSING }

    /**
     * One line of a check.
     *
     * @param measured the measured value, {@code null} when the metric was not measured
     */
    public record Check(String benchmark, String metric, Double measured, Figure figure, Status status) {
        public boolean passed() {
            return status == Status.PASS;
        }

        /** e.g. {@code FAIL linkpred-dev ndcg@10: measured 0.8100, expected 0.7800 ± 0.0050 (too high: update ...)} */
        @Override
        public String toString() {
            String exp = "expected " + Evaluator.format4(figure.expected()) + " ± " + Evaluator.format4(figure.tolerance());
            return switch (status) {
                case PASS -> "ok   " + benchmark + " " + metric + ": " + Evaluator.format4(measured) + ", " + exp;
                case MISSING -> "FAIL " + benchmark + " " + metric + ": not measured, " + exp;
                case TOO_LOW -> "FAIL " + benchmark + " " + metric + ": measured " + Evaluator.format4(measured)
                        + ", " + exp + " (worse than expected)";
                case TOO_HIGH -> "FAIL " + benchmark + " " + metric + ": measured " + Evaluator.format4(measured)
                        + ", " + exp + " (better than expected: update " + RESOURCE + " deliberately)";
            };
        }
    }

    /** One benchmark's expectations; metrics in file order. */
    public record Benchmark(String name, String description, String command, Map<String, Figure> metrics) {

        public Benchmark {
            description = description == null ? "" : description;
            command = command == null ? "" : command;
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** One check per expected metric, in file order; measured metrics not in the file are ignored. */
        public List<Check> check(Map<String, Double> measured) {
            List<Check> out = new ArrayList<>();
            metrics.forEach((metric, f) -> {
                Double m = measured.get(metric);
                Status s;
                if (m == null || m.isNaN()) {
                    s = Status.MISSING;
                } else if (m < f.expected() - f.tolerance() - SLACK) {
                    s = Status.TOO_LOW;
                } else if (m > f.expected() + f.tolerance() + SLACK) {
                    s = Status.TOO_HIGH;
                } else {
                    s = Status.PASS;
                }
                out.add(new Check(name, metric, m, f, s));
            });
            return out;
        }
    }

    private final int version;
    private final Map<String, Benchmark> benchmarks;

    public ExpectedFigures(int version, Map<String, Benchmark> benchmarks) {
        this.version = version;
        this.benchmarks = Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
    }

    public int version() {
        return version;
    }

    /** Benchmarks in file order. */
    public Map<String, Benchmark> benchmarks() {
        return benchmarks;
    }

    /** @throws UserException when there is no such benchmark */
    public Benchmark benchmark(String name) {
        Benchmark b = benchmarks.get(name);
        if (b == null) {
            throw new UserException("no expected figures for benchmark '" + name + "' (known: "
                    + String.join(", ", benchmarks.keySet()) + ")", 404);
        }
        return b;
    }

    /** Checks measured figures of one benchmark. */
    public List<Check> check(String benchmark, Map<String, Double> measured) {
        return benchmark(benchmark).check(measured);
    }

    public static boolean allPassed(List<Check> checks) {
        return checks.stream().allMatch(Check::passed);
    }

    /**
     * Checks measured figures of one benchmark and reports them as bench commands do: one {@code check ok ...} /
     * {@code check FAIL ...} line per expected metric, then a summary line.
     *
     * @return whether every figure is within its tolerance (commands exit non-zero otherwise)
     */
    public boolean verify(String benchmark, Map<String, Double> measured, Consumer<String> out) {
        List<Check> checks = check(benchmark, measured);
        checks.forEach(c -> out.accept("check " + c));
        boolean ok = allPassed(checks);
        out.accept(ok ? "all figures within tolerance of bench/expected.json (" + benchmark + ")"
                : "FAILED: figures outside their tolerance in bench/expected.json (" + benchmark + ")");
        return ok;
    }

    /** The bundled file ({@value #RESOURCE}). */
    public static ExpectedFigures loadDefault() {
        try (InputStream in = ExpectedFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UserException("bundled " + RESOURCE + " is missing from the build", 503);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UserException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static ExpectedFigures load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UserException("cannot read expected-figures file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param source named in error messages */
    public static ExpectedFigures parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UserException(source + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new UserException(source + ": not an expected-figures file (\"format\": \"" + FORMAT + "\" missing)");
        }
        if (!root.path("version").canConvertToInt()) {
            throw new UserException(source + ": \"version\" must be an integer");
        }
        Map<String, Benchmark> bs = new LinkedHashMap<>();
        JsonNode bn = root.path("benchmarks");
        if (!bn.isObject()) {
            throw new UserException(source + ": \"benchmarks\" must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = bn.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> b = it.next();
            Map<String, Figure> metrics = new LinkedHashMap<>();
            JsonNode mn = b.getValue().path("metrics");
            if (!mn.isObject() || mn.isEmpty()) {
                throw new UserException(source + ": benchmark '" + b.getKey() + "' has no \"metrics\"");
            }
            for (Iterator<Map.Entry<String, JsonNode>> mi = mn.fields(); mi.hasNext();) {
                Map.Entry<String, JsonNode> m = mi.next();
                JsonNode e = m.getValue().path("expected");
                JsonNode t = m.getValue().path("tolerance");
                if (!e.isNumber() || !t.isNumber() || t.asDouble() < 0) {
                    throw new UserException(source + ": " + b.getKey() + "/" + m.getKey()
                            + " needs numeric \"expected\" and non-negative \"tolerance\"");
                }
                metrics.put(m.getKey(), new Figure(e.asDouble(), t.asDouble()));
            }
            JsonNode d = b.getValue().path("description");
            JsonNode c = b.getValue().path("command");
            bs.put(b.getKey(), new Benchmark(b.getKey(), d.isTextual() ? d.asText() : "",
                    c.isTextual() ? c.asText() : "", metrics));
        }
        return new ExpectedFigures(root.path("version").asInt(), bs);
    }
}
