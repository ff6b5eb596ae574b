package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgements of the link-prediction benchmark: for each query (a target page's URL) the set of pages
 * that really link to it. File format: UTF-8 TSV lines {@code query_id<TAB>linking_url} (extra columns
 * ignored, blank lines skipped). Both columns are compared by {@link EvalUrls#normalise}. Queries keep the order
 * of their first appearance in the file.
 */
public final class Qrels {

    private final Map<String, Set<String>> relevant;

    public Qrels(Map<String, Set<String>> relevant) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        relevant.forEach((q, urls) -> {
            Set<String> s = m.computeIfAbsent(EvalUrls.normalise(q), k -> new LinkedHashSet<>());
            urls.forEach(u -> s.add(EvalUrls.normalise(u)));
        });
        m.values().removeIf(Set::isEmpty);
        this.relevant = Collections.unmodifiableMap(m);
    }

    private Qrels(Map<String, Set<String>> normalised, boolean alreadyNormalised) {
        this.relevant = Collections.unmodifiableMap(normalised);
    }

    /** Qrels from already-normalised keys (no second normalisation); empty sets are kept as given. */
    static Qrels ofNormalised(Map<String, Set<String>> normalised) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        normalised.forEach((q, s) -> m.put(q, Collections.unmodifiableSet(new LinkedHashSet<>(s))));
        return new Qrels(m, true);
    }

    /**
     * Loads a qrels file.
     *
     * @throws UserException when the file is missing, not UTF-8, or a non-blank line lacks a tab-separated
     *                       query and URL (the message names file and line)
     */
    public static Qrels load(Path file) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        TextLines.read(file, "qrels", (n, line) -> {
            if (line.isBlank()) {
                return;
            }
            String[] p = line.split("\t", -1);
            if (p.length < 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new UserException(file + ":" + n + ": expected 'query_id<TAB>linking_url', got '"
                        + abbreviate(line) + "'");
            }
            m.computeIfAbsent(EvalUrls.normalise(p[0]), k -> new LinkedHashSet<>()).add(EvalUrls.normalise(p[1]));
        });
        return new Qrels(m, true);
    }

    /** Queries (normalised) in file order, each with its set of normalised relevant URLs. */
    public Map<String, Set<String>> byQuery() {
        return relevant;
    }

    /** Relevant URLs of a normalised query id, empty when unknown. */
    public Set<String> relevant(String query) {
        return relevant.getOrDefault(query, Set.of());
    }

    public int size() {
        return relevant.size();
    }

    static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
