package io.linkscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Scores keyphrase predictions exactly like {@code ../shared/bench/eval_keyphrases.py} (Gallina, Boudin &amp; Daille
 * 2020 / pke): every phrase lower-cased, tokenised and Porter-stemmed word by word (Lucene's port of Porter's
 * reference implementation; hyphenated words part by part); a prediction matches a gold keyphrase (any of its
 * variants) when the stemmed sequences are identical, each gold keyphrase at most once; predictions deduplicated
 * after normalisation, best rank kept; P@k = matches / min(k, predictions), R@k = matches / gold, F1 per document,
 * macro-averaged over the gold documents (one without predictions scores 0). Gold includes absent keyphrases.
 */
public final class KeyphraseEval {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-z]+(?:[-'.][0-9a-z]+)*");
    private static final Pattern LETTERS = Pattern.compile("[a-z]+");
    private static final Map<Character, Character> QUOTES = Map.ofEntries(
            Map.entry('\u2018', '\''), Map.entry('\u2019', '\''), Map.entry('\u201b', '\''),
            Map.entry('\u2032', '\''), Map.entry('`', '\''), Map.entry('\u2010', '-'), Map.entry('\u2011', '-'),
            Map.entry('\u2012', '-'), Map.entry('\u2013', '-'), Map.entry('\u2014', '-'));

    /** Figures at one cut-off: macro P, R and F1 (0–1). */
    public record AtK(int k, double precision, double recall, double f1) {
    }

    /** Scores over a gold file: documents, and the figures at each cut-off. */
    public record Summary(int docs, int docsWithoutPredictions, List<AtK> atK) {
        public AtK at(int k) {
            return atK.stream().filter(a -> a.k() == k).findFirst().orElseThrow();
        }
    }

    private final Map<String, String> stemCache = new HashMap<>();
    private final KeywordTokenizer tokenizer = new KeywordTokenizer();
    private final TokenStream stemmer = new PorterStemFilter(tokenizer);
    private final CharTermAttribute term = stemmer.addAttribute(CharTermAttribute.class);

    /** The script's tokenisation: NFKD without combining marks, quotes and dashes folded, lower case. */
    public static List<String> tokenize(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            sb.append(QUOTES.getOrDefault(c, c));
        }
        String lower = sb.toString().toLowerCase(java.util.Locale.ROOT);
        List<String> toks = new ArrayList<>();
        Matcher m = TOKEN.matcher(lower);
        while (m.find()) {
            String tok = m.group();
            if (tok.endsWith("'s")) {
                tok = tok.substring(0, tok.length() - 2);
            }
            tok = tok.replace("'", "");
            if (!tok.isEmpty()) {
                toks.add(tok);
            }
        }
        return toks;
    }

    /** The Porter stem of one lower-case token (hyphenated: part by part; not a-z: as is). */
    public String stem(String w) {
        String s = stemCache.get(w);
        if (s != null) {
            return s;
        }
        if (w.contains("-")) {
            List<String> parts = new ArrayList<>();
            for (String p : w.split("-", -1)) {
                parts.add(stem(p));
            }
            s = String.join("-", parts);
        } else if (LETTERS.matcher(w).matches()) {
            s = porter(w);
        } else {
            s = w;
        }
        stemCache.put(w, s);
        return s;
    }

    private String porter(String w) {
        try {
            tokenizer.setReader(new StringReader(w));
            stemmer.reset();
            String out = stemmer.incrementToken() ? term.toString() : w;
            stemmer.end();
            stemmer.close();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A phrase as compared: its stemmed tokens joined by one space. */
    public String normalize(String phrase) {
        List<String> out = new ArrayList<>();
        for (String t : tokenize(phrase)) {
            out.add(stem(t));
        }
        return String.join(" ", out);
    }

    /** Reads {@code gold.jsonl}: per document id, its keyphrases, each the set of its normalised variants. */
    public Map<String, List<Set<String>>> loadGold(Path file) {
        Map<String, List<Set<String>>> gold = new TreeMap<>();
        ObjectMapper om = new ObjectMapper();
        int ln = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                ln++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = om.readTree(line);
                if (d.get("id") == null) {
                    throw new UserException(file + ":" + ln + ": field 'id' is missing (each line is {\"id\": ..., "
                            + "\"keyphrases\": [...]})");
                }
                List<Set<String>> items = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (JsonNode kp : d.path("keyphrases")) {
                    Set<String> norm = new LinkedHashSet<>();
                    for (JsonNode v : kp.isArray() ? kp : List.of(kp)) {
                        String n = normalize(v.asText());
                        if (!n.isEmpty()) {
                            norm.add(n);
                        }
                    }
                    if (norm.isEmpty() || norm.stream().anyMatch(seen::contains)) {
                        continue;
                    }
                    seen.addAll(norm);
                    items.add(norm);
                }
                gold.put(d.get("id").asText(), items);
            }
        } catch (IOException e) {
            throw new UserException("cannot read gold keyphrases " + file + " (line " + ln + "): " + e.getMessage());
        }
        return gold;
    }

    /** Scores ranked predictions (per document id, best first) against the gold at the given cut-offs. */
    public Summary evaluate(Map<String, List<Set<String>>> gold, Map<String, List<String>> predictions, int... ks) {
        double[] p = new double[ks.length];
        double[] r = new double[ks.length];
        double[] f = new double[ks.length];
        int without = 0;
        for (Map.Entry<String, List<Set<String>>> e : gold.entrySet()) {
            List<String> preds = predictions.get(e.getKey());
            if (preds == null) {
                without++;
                preds = List.of();
            }
            List<String> ranked = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String kp : preds) {
                String n = normalize(kp);
                if (!n.isEmpty() && seen.add(n)) {
                    ranked.add(n);
                }
            }
            List<Set<String>> g = e.getValue();
            for (int i = 0; i < ks.length; i++) {
                List<String> top = ranked.subList(0, Math.min(ks[i], ranked.size()));
                Set<Integer> matched = new HashSet<>();
                for (String x : top) {
                    for (int j = 0; j < g.size(); j++) {
                        if (!matched.contains(j) && g.get(j).contains(x)) {
                            matched.add(j);
                            break;
                        }
                    }
                }
                double pi = top.isEmpty() ? 0 : (double) matched.size() / top.size();
                double ri = g.isEmpty() ? 0 : (double) matched.size() / g.size();
                p[i] += pi;
                r[i] += ri;
                f[i] += pi + ri > 0 ? 2 * pi * ri / (pi + ri) : 0;
            }
        }
        int n = gold.size();
        List<AtK> out = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            out.add(new AtK(ks[i], n == 0 ? 0 : p[i] / n, n == 0 ? 0 : r[i] / n, n == 0 ? 0 : f[i] / n));
        }
        return new Summary(n, without, out);
    }

    /** Reads a predictions TSV ({@code doc_id<TAB>rank<TAB>keyphrase}) as the script does. */
    public static Map<String, List<String>> loadPredictions(Path file) throws IOException {
        Map<String, List<Object[]>> byDoc = new LinkedHashMap<>();
        int ln = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            ln++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length < 3) {
                continue;
            }
            double rank;
            try {
                rank = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                continue;
            }
            String kp = String.join("\t", java.util.Arrays.copyOfRange(parts, 2, parts.length)).strip();
            byDoc.computeIfAbsent(parts[0].strip(), k -> new ArrayList<>()).add(new Object[] {rank, ln, kp});
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byDoc.forEach((d, l) -> {
            l.sort(java.util.Comparator.comparingDouble((Object[] a) -> (Double) a[0])
                    .thenComparingInt(a -> (Integer) a[1]));
            out.put(d, l.stream().map(a -> (String) a[2]).toList());
        });
        return out;
    }
}
