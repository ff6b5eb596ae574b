package io.linkscout.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.CoreMap;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * A part-of-speech tagger distilled from CoreNLP's: a bigram hidden Markov model whose counts are CoreNLP's own tags
 * ({@value NlpPipeline#POS_MODEL}) over a background corpus, decoded with Viterbi. It is what makes keyphrases cheap
 * enough for every page at ingest ({@link PageTopics}): about 50 times faster than the maximum-entropy tagger, and
 * it agrees with it on most tokens of unseen web pages (the figure is printed by {@code linkscout pos-lexicon
 * --heldout}, README "Topics that earn links"). The user's content is still tagged by CoreNLP itself.
 *
 * <p><b>Model.</b> For a sentence w<sub>1..n</sub> the tags maximise
 * Σ log P(t<sub>i</sub> | t<sub>i−1</sub>) + log P(t<sub>i</sub> | w<sub>i</sub>) − log P(t<sub>i</sub>)
 * (P(w|t) ∝ P(t|w)/P(t)), over the tags each word was seen with. P(t | w) comes from, in this order: the word's exact
 * form when it was seen at least {@value #MIN_WORD_COUNT} times; its lower-cased form when the token starts a
 * sentence or is written in capitals; else the longest known suffix (up to {@value #MAX_SUFFIX} characters) of words
 * of the same {@link #shape shape} seen at most {@value #RARE} times (rare words are what unseen words look like, as
 * in TnT, Brants 2000). Transitions and emissions are add-{@value #SMOOTHING} smoothed. Ties go to the tag that
 * sorts first, so the output is deterministic.
 *
 * <p><b>File</b> ({@value #BUNDLED}, gzip, UTF-8, built by {@code linkscout pos-lexicon}): a header
 * {@code # linkscout-pos-lexicon/1 tokens=N ...}, then lines {@code P<TAB>tag<TAB>count} (every token's tag),
 * {@code T<TAB>prev<TAB>tag<TAB>count} (prev {@code <s>} at a sentence start),
 * {@code W<TAB>form<TAB>tag count tag count ...} and {@code S<TAB>shape:suffix<TAB>tag count ...}, each section
 * sorted. Memory: about 100 bytes per word form (a few MB). Immutable and thread-safe once
 * loaded.
 */
public final class PosLexicon {

    public static final String BUNDLED = "models/pos-lexicon.tsv.gz";
    public static final String HEADER = "# linkscout-pos-lexicon/1";
    static final String START = "<s>";
    static final int MIN_WORD_COUNT = 2;
    static final int RARE = 10;
    static final int MAX_SUFFIX = 4;
    static final double SMOOTHING = 0.1;

    private static volatile PosLexicon bundled;

    private final String[] tags;
    private final Map<String, Integer> tagIndex;
    /** log P(tag | prev), [prev][tag]; prev index tags.length = sentence start. */
    private final double[][] logTransition;
    /** log P(tag). */
    private final double[] logPrior;
    private final Map<String, Emission> words;
    private final Map<String, Emission> suffixes;
    private final String description;

    /** The tags a word can take and log P(tag | word) for each. */
    private record Emission(int[] tags, double[] logProb) {
    }

    private PosLexicon(Counts c, String description) {
        this.description = description;
        TreeSet<String> all = new TreeSet<>(c.tagTotals.keySet());
        tags = all.toArray(String[]::new);
        tagIndex = new HashMap<>();
        for (int i = 0; i < tags.length; i++) {
            tagIndex.put(tags[i], i);
        }
        double total = c.tagTotals.values().stream().mapToLong(Long::longValue).sum();
        logPrior = new double[tags.length];
        for (int i = 0; i < tags.length; i++) {
            logPrior[i] = Math.log(c.tagTotals.get(tags[i]) / total);
        }
        logTransition = new double[tags.length + 1][tags.length];
        for (int p = 0; p <= tags.length; p++) {
            Map<String, Long> row = c.transitions.getOrDefault(p == tags.length ? START : tags[p], Map.of());
            double rowTotal = row.values().stream().mapToLong(Long::longValue).sum() + SMOOTHING * tags.length;
            for (int t = 0; t < tags.length; t++) {
                logTransition[p][t] = Math.log((row.getOrDefault(tags[t], 0L) + SMOOTHING) / rowTotal);
            }
        }
        words = emissions(c.words);
        suffixes = emissions(c.suffixes);
    }

    private Map<String, Emission> emissions(Map<String, Map<String, Long>> counts) {
        Map<String, Emission> out = new HashMap<>(counts.size() * 2);
        for (Map.Entry<String, Map<String, Long>> e : counts.entrySet()) {
            Map<String, Long> byTag = new TreeMap<>(e.getValue());
            double sum = byTag.values().stream().mapToLong(Long::longValue).sum() + SMOOTHING * byTag.size();
            int[] ts = new int[byTag.size()];
            double[] lp = new double[byTag.size()];
            int i = 0;
            for (Map.Entry<String, Long> t : byTag.entrySet()) {
                ts[i] = tagIndex.get(t.getKey());
                lp[i++] = Math.log((t.getValue() + SMOOTHING) / sum);
            }
            out.put(e.getKey(), new Emission(ts, lp));
        }
        return out;
    }

    /** The bundled lexicon ({@value #BUNDLED}), loaded once. */
    public static PosLexicon bundled() {
        PosLexicon b = bundled;
        if (b == null) {
            synchronized (PosLexicon.class) {
                b = bundled;
                if (b == null) {
                    try (InputStream in = PosLexicon.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                        if (in == null) {
                            throw new UserException("the part-of-speech lexicon " + BUNDLED + " is missing from the"
                                    + " application (rebuild with ./mvnw package)");
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

    /** A lexicon file written by {@code linkscout pos-lexicon} (gzip). */
    public static PosLexicon read(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    /** The header's description of the corpus the lexicon was counted on. */
    public String description() {
        return description;
    }

    /** Distinct word forms with their own entry. */
    public int wordForms() {
        return words.size();
    }

    /** Tags one sentence in place: sets {@link CoreAnnotations.PartOfSpeechAnnotation} on every token. */
    public void tag(List<CoreLabel> sentence) {
        int n = sentence.size();
        if (n == 0) {
            return;
        }
        int[][] cand = new int[n][];
        double[][] emit = new double[n][];
        for (int i = 0; i < n; i++) {
            Emission e = emission(sentence.get(i).word(), i == 0);
            cand[i] = e.tags();
            emit[i] = new double[e.tags().length];
            for (int k = 0; k < e.tags().length; k++) {
                emit[i][k] = e.logProb()[k] - logPrior[e.tags()[k]];
            }
        }
        double[][] score = new double[n][];
        int[][] back = new int[n][];
        for (int i = 0; i < n; i++) {
            score[i] = new double[cand[i].length];
            back[i] = new int[cand[i].length];
            for (int k = 0; k < cand[i].length; k++) {
                int t = cand[i][k];
                if (i == 0) {
                    score[i][k] = logTransition[tags.length][t] + emit[i][k];
                    continue;
                }
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int j = 0; j < cand[i - 1].length; j++) {
                    double s = score[i - 1][j] + logTransition[cand[i - 1][j]][t];
                    if (s > best) {
                        best = s;
                        arg = j;
                    }
                }
                score[i][k] = best + emit[i][k];
                back[i][k] = arg;
            }
        }
        int k = 0;
        for (int j = 1; j < cand[n - 1].length; j++) {
            if (score[n - 1][j] > score[n - 1][k]) {
                k = j;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            sentence.get(i).set(CoreAnnotations.PartOfSpeechAnnotation.class, tags[cand[i][k]]);
            k = back[i][k];
        }
    }

    private Emission emission(String word, boolean sentenceStart) {
        Emission e = words.get(word);
        if (e != null) {
            return e;
        }
        String shape = shape(word);
        if (sentenceStart || shape.equals("U")) {
            e = words.get(word.toLowerCase(Locale.ROOT));
            if (e != null) {
                return e;
            }
        }
        for (int len = Math.min(MAX_SUFFIX, word.length()); len >= 0; len--) {
            e = suffixes.get(shape + ":" + word.substring(word.length() - len));
            if (e != null) {
                return e;
            }
        }
        // a shape never seen among rare words: any tag, uniform (the transitions decide)
        int[] all = new int[tags.length];
        double[] lp = new double[tags.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            lp[i] = -Math.log(tags.length);
        }
        return new Emission(all, lp);
    }

    /**
     * A word's shape class: {@code D} has a digit, {@code U} two or more letters all upper case, {@code C} starts
     * upper case, {@code L} starts lower case, {@code O} anything else (punctuation, symbols).
     */
    static String shape(String word) {
        boolean digit = false;
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (Character.isDigit(ch)) {
                digit = true;
            } else if (Character.isLetter(ch)) {
                letters++;
                if (Character.isUpperCase(ch)) {
                    upper++;
                }
            }
        }
        if (digit) {
            return "D";
        }
        if (letters >= 2 && upper == letters) {
            return "U";
        }
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            return "O";
        }
        return Character.isUpperCase(word.charAt(0)) ? "C" : "L";
    }

    // ---------------------------------------------------------------- reading and building

    public static PosLexicon read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String head = r.readLine();
        if (head == null || !head.startsWith(HEADER)) {
            throw new IOException("not a part-of-speech lexicon (first line must start with " + HEADER + ")");
        }
        Counts c = new Counts();
        int lineNo = 1;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "T" -> c.transitions.computeIfAbsent(f[1], x -> new TreeMap<>())
                            .put(f[2], Long.parseLong(f[3]));
                    case "P" -> c.tagTotals.put(f[1], Long.parseLong(f[2]));
                    case "W" -> c.words.put(f[1], tagCounts(f[2]));
                    case "S" -> c.suffixes.put(f[1], tagCounts(f[2]));
                    default -> throw new IOException("unknown line kind '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IOException("part-of-speech lexicon line " + lineNo + " is malformed: " + e.getMessage());
            }
        }
        TreeSet<String> used = new TreeSet<>();
        c.transitions.forEach((prev, row) -> {
            used.add(prev);
            used.addAll(row.keySet());
        });
        c.words.values().forEach(m -> used.addAll(m.keySet()));
        c.suffixes.values().forEach(m -> used.addAll(m.keySet()));
        used.remove(START);
        used.removeAll(c.tagTotals.keySet());
        if (!used.isEmpty()) {
            throw new IOException("part-of-speech lexicon: tags " + used + " are used but have no P line (rebuild it"
                    + " with linkscout pos-lexicon)");
        }
        return new PosLexicon(c, head.substring(HEADER.length()).strip());
    }

    private static Map<String, Long> tagCounts(String field) {
        String[] p = field.split(" ");
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i + 1 < p.length; i += 2) {
            m.put(p[i], Long.parseLong(p[i + 1]));
        }
        return m;
    }

    /** The counts of a lexicon: filled by {@link Builder} or read from a file. */
    private static final class Counts {
        final Map<String, Long> tagTotals = new TreeMap<>();
        final Map<String, Map<String, Long>> transitions = new TreeMap<>();
        final Map<String, Map<String, Long>> words = new TreeMap<>();
        final Map<String, Map<String, Long>> suffixes = new TreeMap<>();
    }

    /** Counts tagged sentences (CoreNLP's tags) given one at a time; {@link #write} and {@link #build} keep them. */
    public static final class Builder {
        private final Map<String, Map<String, Long>> transitions = new TreeMap<>();
        private final Map<String, Map<String, Long>> words = new HashMap<>();
        private long tokens;

        /** Tags {@code text} with CoreNLP ({@code p}, no NER) and adds its sentences. */
        public void addText(NlpPipeline p, String text) {
            for (CoreMap s : p.annotate(text, false).get(CoreAnnotations.SentencesAnnotation.class)) {
                add(s.get(CoreAnnotations.TokensAnnotation.class));
            }
        }

        /** Adds one tagged sentence. */
        public void add(List<CoreLabel> sentence) {
            String prev = START;
            for (CoreLabel t : sentence) {
                String tag = t.tag();
                if (tag == null) {
                    throw new IllegalArgumentException("token '" + t.word() + "' has no part-of-speech tag");
                }
                transitions.computeIfAbsent(prev, x -> new TreeMap<>()).merge(tag, 1L, Long::sum);
                words.computeIfAbsent(t.word(), x -> new TreeMap<>()).merge(tag, 1L, Long::sum);
                prev = tag;
                tokens++;
            }
        }

        public long tokens() {
            return tokens;
        }

        private Counts counts() {
            Counts c = new Counts();
            c.transitions.putAll(transitions);
            for (Map.Entry<String, Map<String, Long>> e : words.entrySet()) {
                long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                e.getValue().forEach((tag, k) -> c.tagTotals.merge(tag, k, Long::sum));
                if (n >= MIN_WORD_COUNT) {
                    c.words.put(e.getKey(), e.getValue());
                }
                if (n <= RARE) {
                    String w = e.getKey();
                    String shape = shape(w);
                    for (int len = 0; len <= Math.min(MAX_SUFFIX, w.length()); len++) {
                        Map<String, Long> s = c.suffixes.computeIfAbsent(shape + ":" + w.substring(w.length() - len),
                                x -> new TreeMap<>());
                        e.getValue().forEach((tag, k) -> s.merge(tag, k, Long::sum));
                    }
                }
            }
            return c;
        }

        /** The lexicon these counts make (without writing it). */
        public PosLexicon build(String description) {
            return new PosLexicon(counts(), description);
        }

        /** Writes the lexicon file; returns the number of word forms kept. */
        public int write(Writer w, String description) throws IOException {
            Counts c = counts();
            w.write(HEADER + " tokens=" + tokens + " words=" + c.words.size() + " min-count=" + MIN_WORD_COUNT
                    + " rare=" + RARE + " " + description + "\n");
            for (Map.Entry<String, Long> e : c.tagTotals.entrySet()) {
                w.write("P\t" + e.getKey() + "\t" + e.getValue() + "\n");
            }
            for (Map.Entry<String, Map<String, Long>> e : c.transitions.entrySet()) {
                for (Map.Entry<String, Long> t : e.getValue().entrySet()) {
                    w.write("T\t" + e.getKey() + "\t" + t.getKey() + "\t" + t.getValue() + "\n");
                }
            }
            writeSection(w, "W", c.words);
            writeSection(w, "S", c.suffixes);
            return c.words.size();
        }

        private static void writeSection(Writer w, String kind, Map<String, Map<String, Long>> m) throws IOException {
            for (Map.Entry<String, Map<String, Long>> e : m.entrySet()) {
                if (e.getKey().indexOf('\t') >= 0 || e.getKey().indexOf('\n') >= 0) {
                    continue;
                }
                StringBuilder sb = new StringBuilder(kind).append('\t').append(e.getKey()).append('\t');
                boolean first = true;
                for (Map.Entry<String, Long> t : e.getValue().entrySet()) {
                    sb.append(first ? "" : " ").append(t.getKey()).append(' ').append(t.getValue());
                    first = false;
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    /** The share of tokens on which two taggings agree, counted by {@link #agreement}. */
    public record Agreement(long tokens, long same) {
        public double share() {
            return tokens == 0 ? 0 : (double) same / tokens;
        }
    }

    /** How often this lexicon agrees with CoreNLP's tagger ({@code p}, no NER) on the tokens of {@code text}. */
    public Agreement agreement(NlpPipeline p, String text) {
        long tokens = 0;
        long same = 0;
        for (CoreMap s : p.annotate(text, false).get(CoreAnnotations.SentencesAnnotation.class)) {
            Agreement a = agreement(s.get(CoreAnnotations.TokensAnnotation.class));
            tokens += a.tokens();
            same += a.same();
        }
        return new Agreement(tokens, same);
    }

    /** Tags a copy of the sentence and counts the tokens whose tag equals the tag already on it. */
    public Agreement agreement(List<CoreLabel> tagged) {
        List<CoreLabel> copy = new ArrayList<>(tagged.size());
        for (CoreLabel t : tagged) {
            CoreLabel c = new CoreLabel();
            c.setWord(t.word());
            copy.add(c);
        }
        tag(copy);
        long same = 0;
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).tag().equals(tagged.get(i).tag())) {
                same++;
            }
        }
        return new Agreement(copy.size(), same);
    }
}
