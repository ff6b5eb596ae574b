package io.linkscout.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commercial-spam vocabulary ({@code models/spam-terms.txt}, bundled): phrases matched case-insensitively
 * on whole words. One compiled alternation; thread-safe.
 */
public final class SpamVocabulary {

    public static final String BUNDLED = "models/spam-terms.txt";
    private static volatile SpamVocabulary bundled;

    private final List<String> terms;
    private final Pattern pattern;

    public SpamVocabulary(List<String> terms) {
        List<String> t = new ArrayList<>();
        for (String s : terms) {
            String x = s.strip().toLowerCase(Locale.ROOT);
            if (!x.isEmpty() && !x.startsWith("#")) {
                t.add(x);
            }
        }
        // longest first, so "online casino" wins over "casino"
        t.sort((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
        this.terms = List.copyOf(t);
        StringBuilder re = new StringBuilder("\\b(?:");
        for (int i = 0; i < t.size(); i++) {
            if (i > 0) {
                re.append('|');
            }
            re.append(Pattern.quote(t.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        re.append(")\\b");
        this.pattern = t.isEmpty() ? null : Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE
                | Pattern.UNICODE_CASE);
    }

    public static SpamVocabulary bundled() {
        SpamVocabulary v = bundled;
        if (v == null) {
            try (InputStream in = SpamVocabulary.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException(BUNDLED + " is missing from the application");
                }
                v = new SpamVocabulary(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = v;
        }
        return v;
    }

    public List<String> terms() {
        return terms;
    }

    /** Matches in a text: total count, count per term (sorted), and up to {@code maxSnippets} snippets. */
    public record Hits(int count, TreeMap<String, Integer> perTerm, List<String> snippets) {
        public static final Hits NONE = new Hits(0, new TreeMap<>(), List.of());
    }

    public Hits find(String text, int maxSnippets) {
        if (pattern == null || text == null || text.isEmpty()) {
            return Hits.NONE;
        }
        Matcher m = pattern.matcher(text);
        int count = 0;
        TreeMap<String, Integer> per = new TreeMap<>();
        List<String> snippets = new ArrayList<>();
        while (m.find()) {
            count++;
            String term = m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            per.merge(term, 1, Integer::sum);
            if (snippets.size() < maxSnippets) {
                int a = Math.max(0, m.start() - 40);
                int b = Math.min(text.length(), m.end() + 40);
                snippets.add((a > 0 ? "…" : "") + text.substring(a, b).replaceAll("\\s+", " ").strip()
                        + (b < text.length() ? "…" : ""));
            }
        }
        return count == 0 ? Hits.NONE : new Hits(count, per, snippets);
    }
}
