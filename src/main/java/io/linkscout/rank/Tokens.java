package io.linkscout.rank;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word tokens for exact mention matching (titles, names and phrases found in text): lower case, accents
 * folded, possessive {@code 's} removed, split on anything that is not a letter or digit. Keeps stop words and
 * positions, unlike the English analyzer used for BM25, so "Elizabeth I of England" matches only as a phrase.
 * Each token remembers its character span in the original text (for evidence sentences).
 */
public final class Tokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Token strings. */
    public final String[] words;
    /** Start offsets in the original text. */
    public final int[] starts;
    /** End offsets (exclusive) in the original text. */
    public final int[] ends;

    private Tokens(String[] words, int[] starts, int[] ends) {
        this.words = words;
        this.starts = starts;
        this.ends = ends;
    }

    public int size() {
        return words.length;
    }

    public static Tokens of(String text) {
        int n = text.length();
        String[] w = new String[Math.max(16, n / 5)];
        int[] s = new int[w.length];
        int[] e = new int[w.length];
        int count = 0;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = text.codePointAt(i);
                if (!Character.isLetterOrDigit(cp) && Character.getType(cp) != Character.NON_SPACING_MARK) {
                    break;
                }
                i += Character.charCount(cp);
            }
            int end = i;
            // possessive 's / ’s: drop it
            if (i + 1 < n && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019')
                    && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                    && (i + 2 >= n || !Character.isLetterOrDigit(text.charAt(i + 2)))) {
                i += 2;
            }
            if (count == w.length) {
                int cap = w.length * 2;
                w = Arrays.copyOf(w, cap);
                s = Arrays.copyOf(s, cap);
                e = Arrays.copyOf(e, cap);
            }
            w[count] = fold(text.substring(start, end));
            s[count] = start;
            e[count] = end;
            count++;
        }
        return new Tokens(Arrays.copyOf(w, count), Arrays.copyOf(s, count), Arrays.copyOf(e, count));
    }

    /** Lower case with accents removed ("Åland" -> "aland"). */
    public static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) > 0x7f) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return lower;
        }
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
    }

    /** The tokens of a short phrase (title, name) as an array. */
    public static String[] phrase(String s) {
        return of(s).words;
    }

    /** Positions where {@code phrase} occurs in {@code text} tokens. */
    public static int[] find(Tokens text, String[] phrase) {
        if (phrase.length == 0) {
            return new int[0];
        }
        int[] hits = new int[8];
        int count = 0;
        String[] w = text.words;
        outer:
        for (int i = 0; i + phrase.length <= w.length; i++) {
            for (int k = 0; k < phrase.length; k++) {
                if (!w[i + k].equals(phrase[k])) {
                    continue outer;
                }
            }
            if (count == hits.length) {
                hits = Arrays.copyOf(hits, count * 2);
            }
            hits[count++] = i;
        }
        return Arrays.copyOf(hits, count);
    }
}
