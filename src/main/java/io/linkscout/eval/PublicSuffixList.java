package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The registrable domain of a URL exactly as {@code registrable()} in {@code bench/eval_linkpred.py} computes it,
 * over the same Public Suffix List file (ICANN and private sections; a copy is bundled as {@value #RESOURCE},
 * MPL-2.0, Mozilla Foundation — see its header). Rules are the file's non-comment lines (first word,
 * lower-cased); the host is {@code urlsplit(url).hostname} (or the whole string when it has none), lower-cased,
 * trailing dots removed; the longest matching rule wins from the left ({@code !} exceptions, {@code *.} wildcards),
 * the implicit rule is {@code *}.
 *
 * <p>This is the benchmark's definition, kept apart from {@link io.linkscout.url.Domains} (Guava's
 * {@code InternetDomainName}, which the product uses): the benchmark key must equal the Python scorer's even where
 * Guava's list version or its IDN handling differs.
 */
public final class PublicSuffixList {

    public static final String RESOURCE = "/bench/public_suffix_list.dat";

    private static volatile PublicSuffixList bundled;

    private final Set<String> rules;

    private PublicSuffixList(Set<String> rules) {
        this.rules = rules;
    }

    /** Parses a list in the PSL file format. */
    public static PublicSuffixList parse(List<String> lines) {
        Set<String> rules = new HashSet<>();
        for (String line : lines) {
            String s = EvalUrls.pyStrip(line);
            if (!s.isEmpty() && !s.startsWith("//")) {
                rules.add(Run.pySplit(s).get(0).toLowerCase(Locale.ROOT));
            }
        }
        return new PublicSuffixList(rules);
    }

    /** The bundled copy of {@code shared/bench/public_suffix_list.dat}. */
    public static PublicSuffixList bundled() {
        PublicSuffixList p = bundled;
        if (p == null) {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new UserException("resource " + RESOURCE + " missing from the build");
                }
                p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UserException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
            }
            bundled = p;
        }
        return p;
    }

    /** The registrable domain of {@code url}'s host (the host itself when it is a public suffix). */
    public String registrable(String url) {
        String hostname = EvalUrls.urlsplit(url).hostname();
        String host = stripTrailingDots((hostname != null ? hostname : url).toLowerCase(Locale.ROOT));
        String[] labels = host.split("\\.", -1);
        int n = labels.length;
        int suffixLen = 1;
        for (int i = 0; i < n; i++) {
            String cand = String.join(".", java.util.Arrays.asList(labels).subList(i, n));
            if (rules.contains("!" + cand)) {
                suffixLen = n - i - 1;
                break;
            }
            if (rules.contains(cand)
                    || rules.contains("*." + String.join(".", java.util.Arrays.asList(labels).subList(i + 1, n)))) {
                suffixLen = n - i;
                break;
            }
        }
        return n > suffixLen ? String.join(".", java.util.Arrays.asList(labels).subList(n - suffixLen - 1, n)) : host;
    }

    private static String stripTrailingDots(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
