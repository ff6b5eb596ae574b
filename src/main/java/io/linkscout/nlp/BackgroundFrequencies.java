package io.linkscout.nlp;

import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * Document frequencies of Porter-stemmed words and adjacent word pairs in a background corpus: the phrase-level
 * specificity of topics when no index is given. The bundled table is {@value #BUNDLED} (how it is built:
 * {@code models/README.md}; the command is {@code linkscout background-df}).
 *
 * <p>File format (gzip, UTF-8): a header line {@code # linkscout-background-df/1 docs=N ...}, then
 * {@code stem<TAB>df} for words and {@code stem stem<TAB>df} for pairs. Words are split by {@link #words(String)}
 * (runs of letters and digits, lower-cased) and stemmed with the Snowball Porter stemmer; a pair is two words
 * adjacent in the text with nothing but spaces or a hyphen between them.
 *
 * <p>{@link #phraseDocFreq(List)} estimates a phrase's document frequency: a word's own df; for several words the
 * smallest df of its adjacent pairs (a pair missing from the table counts as df 0, rarer than any kept pair).
 * Thread-safe once loaded.
 */
public final class BackgroundFrequencies implements TermStatistics {

    public static final String BUNDLED = "models/background-df.tsv.gz";
    public static final String HEADER = "# linkscout-background-df/1";

    private static volatile BackgroundFrequencies bundled;

    private final int docs;
    private final Map<String, Integer> df;
    private final String description;

    public BackgroundFrequencies(int docs, Map<String, Integer> df, String description) {
        this.docs = docs;
        this.df = new HashMap<>(df);
        this.description = description;
    }

    /** The table bundled in the application ({@value #BUNDLED}), loaded once. */
    public static BackgroundFrequencies bundled() {
        BackgroundFrequencies b = bundled;
        if (b == null) {
            synchronized (BackgroundFrequencies.class) {
                b = bundled;
                if (b == null) {
                    try (InputStream in = BackgroundFrequencies.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                        if (in == null) {
                            throw new UserException("the background frequency table " + BUNDLED + " is missing from"
                                    + " the application (rebuild with ./mvnw package)");
                        }
                        b = read(new GZIPInputStream(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bundled = b;
                }
            }
        }
        return b;
    }

    public static BackgroundFrequencies read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String head = r.readLine();
        if (head == null || !head.startsWith(HEADER)) {
            throw new IOException("not a background frequency table (first line must start with " + HEADER + ")");
        }
        Matcher m = Pattern.compile("docs=(\\d+)").matcher(head);
        if (!m.find()) {
            throw new IOException("background frequency table header without docs=N");
        }
        int n = Integer.parseInt(m.group(1));
        Map<String, Integer> df = new HashMap<>();
        for (String line; (line = r.readLine()) != null; ) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                df.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            }
        }
        return new BackgroundFrequencies(n, df, head.substring(HEADER.length()).strip());
    }

    /** The header's description of the corpus. */
    public String description() {
        return description;
    }

    /** Entries (words and pairs) in the table. */
    public int size() {
        return df.size();
    }

    @Override
    public int numDocs() {
        return docs;
    }

    /** Document frequency of one word (any case, any inflection: it is lower-cased and stemmed). */
    @Override
    public int docFreq(String token) {
        return df.getOrDefault(stem(token.toLowerCase(Locale.ROOT)), 0);
    }

    /** Estimated document frequency of a phrase of lower-cased words (see the class comment). */
    public int phraseDocFreq(List<String> lowerWords) {
        List<String> stems = new ArrayList<>();
        for (String w : lowerWords) {
            for (String part : words(w)) {
                stems.add(stem(part));
            }
        }
        if (stems.isEmpty()) {
            return 0;
        }
        if (stems.size() == 1) {
            return df.getOrDefault(stems.get(0), 0);
        }
        int min = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < stems.size(); i++) {
            min = Math.min(min, df.getOrDefault(stems.get(i) + " " + stems.get(i + 1), 0));
        }
        return min;
    }

    /** Smoothed idf of a phrase, {@code ln(1 + (N - df + 0.5) / (df + 0.5))} with {@link #phraseDocFreq}. */
    public double phraseIdf(List<String> lowerWords) {
        int d = Math.max(0, Math.min(docs, phraseDocFreq(lowerWords)));
        return Math.log(1.0 + (docs - d + 0.5) / (d + 0.5));
    }

    // ---------------------------------------------------------------- building

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** The lower-cased words of a text: runs of letters and digits. */
    public static List<String> words(String text) {
        // the runs of [\p{L}\p{N}] (WORD), scanned by code point: no matcher per call (asked for every candidate
        // phrase of every page at ingest)
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (wordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Whether {@code cp} is a letter or a number in the sense of {@code \p{L}} and {@code \p{N}}. */
    private static boolean wordChar(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Porter stem of a lower-cased word (Snowball's Porter stemmer; a fresh instance per call, so thread-safe). */
    public static String stem(String lowerWord) {
        // a pure function of the word, asked for every word of every page's topics at ingest: remembered (bounded)
        String known = STEMS.get(lowerWord);
        if (known != null) {
            return known;
        }
        PorterStemmer s = new PorterStemmer();
        s.setCurrent(lowerWord);
        s.stem();
        String stem = s.getCurrent();
        if (STEMS.size() >= MAX_STEMS) {
            STEMS.clear();
        }
        STEMS.put(lowerWord, stem);
        return stem;
    }

    /** Stems of words seen so far (at most {@value #MAX_STEMS}, then started afresh). */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> STEMS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_STEMS = 200_000;

    /** Counts document frequencies over texts given one at a time; {@link #write} keeps the frequent entries. */
    public static final class Builder {
        private final Map<String, int[]> counts = new HashMap<>();
        private int docs;

        /** Adds one document: each of its distinct stems and adjacent stem pairs counts once. */
        public void add(String text) {
            docs++;
            Set<String> seen = new HashSet<>();
            Matcher m = WORD.matcher(text);
            String prev = null;
            int prevEnd = -1;
            while (m.find()) {
                String s = stem(m.group().toLowerCase(Locale.ROOT));
                seen.add(s);
                if (prev != null && adjacent(text, prevEnd, m.start())) {
                    seen.add(prev + " " + s);
                }
                prev = s;
                prevEnd = m.end();
            }
            for (String k : seen) {
                counts.computeIfAbsent(k, x -> new int[1])[0]++;
            }
        }

        private static boolean adjacent(CharSequence text, int from, int to) {
            int hyphens = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c == '-') {
                    if (++hyphens > 1) {
                        return false;
                    }
                } else if (c != ' ') {
                    return false;
                }
            }
            return true;
        }

        public int docs() {
            return docs;
        }

        /**
         * Writes the table: words with df ≥ {@code minWordDf}, pairs with df ≥ {@code minPairDf}, each sorted by
         * df descending then text. @return entries written
         */
        public int write(Writer out, String source, int minWordDf, int minPairDf) throws IOException {
            List<Map.Entry<String, int[]>> kept = new ArrayList<>();
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                boolean pair = e.getKey().indexOf(' ') >= 0;
                if (e.getValue()[0] >= (pair ? minPairDf : minWordDf)) {
                    kept.add(e);
                }
            }
            kept.sort(Map.Entry.<String, int[]>comparingByValue((a, b) -> Integer.compare(b[0], a[0]))
                    .thenComparing(Map.Entry::getKey));
            out.write(HEADER + " docs=" + docs + " min-word-df=" + minWordDf + " min-pair-df=" + minPairDf + " "
                    + source + "\n");
            for (Map.Entry<String, int[]> e : kept) {
                out.write(e.getKey() + "\t" + e.getValue()[0] + "\n");
            }
            return kept.size();
        }
    }
}
