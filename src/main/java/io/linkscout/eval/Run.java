package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ranked run: for each query, candidate linking pages in rank order. File format (UTF-8), one candidate a
 * line, columns separated by whitespace: {@code query_id url rank [score ...]} or TREC
 * {@code qid Q0 doc rank score tag}. As in {@code eval_linkpred.py}, candidates are ordered by (rank, normalised
 * URL); duplicates are kept here and dropped (first occurrence wins) by the {@link Evaluator}.
 */
public final class Run {

    /** One line of a run. */
    public record Entry(String query, String url, long rank) {
    }

    private final Map<String, List<String>> ranked;

    private Run(Map<String, List<String>> ranked) {
        this.ranked = Collections.unmodifiableMap(ranked);
    }

    /** Builds a run from entries (query ids and URLs are normalised here). */
    public static Run of(List<Entry> entries) {
        Map<String, List<Cand>> byQuery = new LinkedHashMap<>();
        for (Entry e : entries) {
            byQuery.computeIfAbsent(EvalUrls.normalise(e.query()), k -> new ArrayList<>())
                    .add(new Cand(e.rank(), EvalUrls.normalise(e.url())));
        }
        return sorted(byQuery);
    }

    /** A run from already-normalised keys, each list in rank order. */
    static Run ofRanked(Map<String, List<String>> ranked) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ranked.forEach((q, urls) -> out.put(q, List.copyOf(urls)));
        return new Run(out);
    }

    /**
     * Loads a run file.
     *
     * @throws UserException when the file is missing, not UTF-8, or a non-blank line has fewer than three
     *                       columns or a rank that is not an integer (the message names file and line)
     */
    public static Run load(Path file) {
        Map<String, List<Cand>> byQuery = new LinkedHashMap<>();
        TextLines.read(file, "run", (n, line) -> {
            List<String> p = pySplit(line);
            if (p.isEmpty()) {
                return;
            }
            String q;
            String c;
            String r;
            if (p.size() >= 6 && p.get(1).equals("Q0")) {
                q = p.get(0);
                c = p.get(2);
                r = p.get(3);
            } else if (p.size() >= 3) {
                q = p.get(0);
                c = p.get(1);
                r = p.get(2);
            } else {
                throw new UserException(file + ":" + n + ": expected 'query_id<TAB>url<TAB>rank[<TAB>score]' or"
                        + " TREC 'qid Q0 doc rank score tag', got '" + Qrels.abbreviate(line) + "'");
            }
            long rank = parseRank(r, file, n);
            byQuery.computeIfAbsent(EvalUrls.normalise(q), k -> new ArrayList<>())
                    .add(new Cand(rank, EvalUrls.normalise(c)));
        });
        return sorted(byQuery);
    }

    /** Normalised query ids in order of first appearance. */
    public Iterable<String> queries() {
        return ranked.keySet();
    }

    /** Normalised candidate URLs of a normalised query, in rank order (duplicates included), empty if absent. */
    public List<String> ranked(String query) {
        return ranked.getOrDefault(query, List.of());
    }

    public int size() {
        return ranked.size();
    }

    private record Cand(long rank, String url) {
    }

    private static Run sorted(Map<String, List<Cand>> byQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byQuery.forEach((q, cands) -> {
            cands.sort((a, b) -> a.rank != b.rank ? Long.compare(a.rank, b.rank)
                    : compareCodePoints(a.url, b.url));
            List<String> urls = new ArrayList<>(cands.size());
            cands.forEach(x -> urls.add(x.url));
            out.put(q, Collections.unmodifiableList(urls));
        });
        return new Run(out);
    }

    /** Python's string order (by code point, unlike {@link String#compareTo} which compares UTF-16 units). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static long parseRank(String r, Path file, int n) {
        String s = r.matches("[+-]?\\d+(_\\d+)*") ? r.replace("_", "") : r;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UserException(file + ":" + n + ": rank '" + r + "' is not an integer");
        }
    }

    /** Python's {@code str.split()} with no arguments. */
    static List<String> pySplit(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && EvalUrls.isPySpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && !EvalUrls.isPySpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }
}
