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

/**
 * The commercial-spam vocabulary ({@code models/spam-terms.txt}, bundled): phrases matched case-insensitively
 * on whole words (see {@link #find}); thread-safe.
 */
public final class SpamVocabulary {

    public static final String BUNDLED = "models/spam-terms.txt";
    private static volatile SpamVocabulary bundled;

    private final List<String> terms;
    /** phrase (words joined by one space) -> present */
    private final java.util.Set<String> phrases = new java.util.HashSet<>();
    private final int maxWords;

    public SpamVocabulary(List<String> terms) {
        List<String> t = new ArrayList<>();
        int mw = 0;
        for (String s : terms) {
            String x = s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!x.isEmpty() && !x.startsWith("#")) {
                t.add(x);
                phrases.add(x);
                mw = Math.max(mw, x.split(" ").length);
            }
        }
        t.sort(null);
        this.terms = List.copyOf(t);
        this.maxWords = mw;
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

    /**
     * Matches in a text: words are maximal runs of letters and digits, lower-cased; at each word the longest
     * phrase of the vocabulary starting there counts once ("online casino" rather than "casino"). Linear in the
     * text length.
     */
    public Hits find(String text, int maxSnippets) {
        if (phrases.isEmpty() || text == null || text.isEmpty()) {
            return Hits.NONE;
        }
        Words w = Words.of(text);
        int count = 0;
        TreeMap<String, Integer> per = new TreeMap<>();
        List<String> snippets = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < w.size(); ) {
            int best = 0;
            key.setLength(0);
            for (int len = 1; len <= maxWords && i + len <= w.size(); len++) {
                if (len > 1) {
                    key.append(' ');
                }
                key.append(w.word(i + len - 1));
                if (phrases.contains(key.toString())) {
                    best = len;
                }
            }
            if (best == 0) {
                i++;
                continue;
            }
            StringBuilder term = new StringBuilder(w.word(i));
            for (int k = 1; k < best; k++) {
                term.append(' ').append(w.word(i + k));
            }
            count++;
            per.merge(term.toString(), 1, Integer::sum);
            if (snippets.size() < maxSnippets) {
                int a = Math.max(0, w.start(i) - 40);
                int b = Math.min(text.length(), w.end(i + best - 1) + 40);
                snippets.add((a > 0 ? "…" : "") + text.substring(a, b).replaceAll("\\s+", " ").strip()
                        + (b < text.length() ? "…" : ""));
            }
            i += best;
        }
        return count == 0 ? Hits.NONE : new Hits(count, per, snippets);
    }

    /** The words of a text (maximal runs of letters/digits), lower-cased, with their character offsets. */
    public static final class Words {
        private final String lower;
        private final int[] starts;
        private final int[] ends;
        private final int size;

        private Words(String lower, int[] starts, int[] ends, int size) {
            this.lower = lower;
            this.starts = starts;
            this.ends = ends;
            this.size = size;
        }

        public static Words of(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            int[] st = new int[16];
            int[] en = new int[16];
            int n = 0;
            int i = 0;
            int len = lower.length();
            while (i < len) {
                while (i < len && !Character.isLetterOrDigit(lower.charAt(i))) {
                    i++;
                }
                if (i >= len) {
                    break;
                }
                int a = i;
                while (i < len && Character.isLetterOrDigit(lower.charAt(i))) {
                    i++;
                }
                if (n == st.length) {
                    st = java.util.Arrays.copyOf(st, n * 2);
                    en = java.util.Arrays.copyOf(en, n * 2);
                }
                st[n] = a;
                en[n] = i;
                n++;
            }
            return new Words(lower, st, en, n);
        }

        public int size() {
            return size;
        }

        public String word(int i) {
            return lower.substring(starts[i], ends[i]);
        }

        public int start(int i) {
            return starts[i];
        }

        public int end(int i) {
            return ends[i];
        }

        /** Characters of the normalised text (words joined by single spaces). */
        public int normalisedLength() {
            int c = Math.max(0, size - 1);
            for (int i = 0; i < size; i++) {
                c += ends[i] - starts[i];
            }
            return c;
        }

        /** 64-bit hash of the normalised text. */
        public long hash() {
            com.google.common.hash.Hasher h = com.google.common.hash.Hashing.murmur3_128().newHasher();
            for (int i = 0; i < size; i++) {
                h.putInt(ends[i] - starts[i]);
                for (int k = starts[i]; k < ends[i]; k++) {
                    h.putChar(lower.charAt(k));
                }
            }
            return h.hash().asLong();
        }
    }
}
