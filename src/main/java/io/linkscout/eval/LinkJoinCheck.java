package io.linkscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
import io.linkscout.url.LinkResolver;
import io.linkscout.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Measures how well LinkScout's link joining ({@link LinkResolver}, as {@code ingest} uses it) finds the page a
 * link names, against a corpus whose links carry the page they resolve to: the blogs corpus's {@code to} field
 * (with its {@code match}: exact / loose / slug). Page and link URLs are normalised as the JSONL reader does
 * ({@link UrlNormalizer#normalize(String, String)} against the page URL); links to the page itself are dropped,
 * as ingest drops them.
 *
 * <p>For every link that has a {@code to}: joined right (to that page), wrong (to another page) or missed; for
 * links without one, how many LinkScout joined anyway. Both for exact URL lookup alone (what ingest did before
 * URL variants) and for the full resolver.
 */
public final class LinkJoinCheck {

    /** Right / wrong / missed counts of one way of joining, overall and per corpus match kind. */
    public static final class Outcome {
        public long right;
        public long wrong;
        public long missed;
        public long rightCrossSite;
        /** links without {@code to} that were joined */
        public long extra;
        /** the first few wrong / missed / extra links: {@code from -> link => joined (to)} */
        public final List<String> samples = new ArrayList<>();
        public final Map<String, long[]> byCorpusMatch = new LinkedHashMap<>();
        public final Map<LinkResolver.Match, long[]> byMatch = new EnumMap<>(LinkResolver.Match.class);

        void count(String corpusMatch, LinkResolver.Match m, int kind) {
            byCorpusMatch.computeIfAbsent(corpusMatch, k -> new long[4])[kind]++;
            if (m != null) {
                byMatch.computeIfAbsent(m, k -> new long[4])[kind]++;
            }
        }
    }

    public record Result(long pages, long links, long invalid, long selfLinks, long withTo, long withToCrossSite,
            Outcome exactOnly, Outcome resolver) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkJoinCheck() {
    }

    /** Reads the corpus (JSONL, optionally gzip) and measures both ways of joining. */
    public static Result check(Path corpus) throws IOException {
        return check(corpus, 0);
    }

    /** As {@link #check(Path)}, keeping up to {@code samples} examples of each kind of failure. */
    public static Result check(Path corpus, int samples) throws IOException {
        List<String> urls = new ArrayList<>();
        List<String[]> links = new ArrayList<>(); // page index, link url, to (normalised), corpus match
        long invalid = 0;
        long self = 0;
        try (InputStream raw = Files.newInputStream(corpus);
                InputStream in = corpus.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    throw new UserException(corpus + ":" + lineNo + ": not a JSON object (each line must be one "
                            + "page object with url and links)");
                }
                String url = UrlNormalizer.normalize(n.path("url").asText(null));
                if (url == null) {
                    throw new UserException(corpus + ":" + lineNo + ": field 'url': not an absolute http(s) URL "
                            + "(every page needs one)");
                }
                String page = Integer.toString(urls.size());
                urls.add(url);
                for (JsonNode l : n.path("links")) {
                    String href = l.isTextual() ? l.textValue() : l.path("url").asText(null);
                    String target = UrlNormalizer.normalize(url, href);
                    if (target == null) {
                        invalid++;
                        continue;
                    }
                    if (target.equals(url)) {
                        self++;
                        continue;
                    }
                    String to = l.path("to").isTextual() ? UrlNormalizer.normalize(l.path("to").textValue()) : null;
                    links.add(new String[] {page, target, to, l.path("match").asText("")});
                }
            }
        }
        String[] sorted = urls.toArray(String[]::new);
        Arrays.sort(sorted); // ordinals as in ingest
        Map<String, Integer> ordinal = new HashMap<>(sorted.length * 2);
        for (int i = 0; i < sorted.length; i++) {
            ordinal.put(sorted[i], i);
        }
        LinkResolver resolver = new LinkResolver(sorted, ordinal);
        Outcome exactOnly = new Outcome();
        Outcome full = new Outcome();
        long withTo = 0;
        long withToCross = 0;
        for (String[] l : links) {
            String from = urls.get(Integer.parseInt(l[0]));
            Integer e = ordinal.get(l[1]);
            LinkResolver.Resolution res = resolver.resolve(l[1]);
            boolean cross = l[2] != null && !Domains.sameSite(from, l[2]);
            if (l[2] != null) {
                withTo++;
                if (cross) {
                    withToCross++;
                }
            }
            score(exactOnly, l, e == null ? null : sorted[e], e == null ? null : LinkResolver.Match.EXACT, cross, from,
                    0);
            score(full, l, res.resolved() ? sorted[res.page()] : null, res.match(), cross, from, samples);
        }
        return new Result(urls.size(), links.size() + invalid + self, invalid, self, withTo, withToCross, exactOnly,
                full);
    }

    private static void score(Outcome o, String[] link, String joined, LinkResolver.Match m, boolean cross,
            String from, int samples) {
        String to = link[2];
        if (to == null) {
            if (joined != null) {
                o.extra++;
                o.count("none", m, 3);
                sample(o, samples, "joined without `to` (" + m + ")", from, link[1], joined, null);
            }
            return;
        }
        int kind;
        if (joined == null) {
            o.missed++;
            kind = 2;
        } else if (joined.equals(to)) {
            o.right++;
            if (cross) {
                o.rightCrossSite++;
            }
            kind = 0;
        } else {
            o.wrong++;
            kind = 1;
        }
        o.count(link[3], m, kind);
        if (kind != 0) {
            sample(o, samples, kind == 1 ? "wrong (" + m + ")" : "missed (" + link[3] + ")", from, link[1], joined,
                    to);
        }
    }

    private static void sample(Outcome o, int samples, String kind, String from, String link, String joined,
            String to) {
        long have = o.samples.stream().filter(x -> x.startsWith(kind + ":")).count();
        if (have < samples) {
            o.samples.add(kind + ": " + from + " -> " + link + " => " + joined + (to == null ? "" : " (to " + to
                    + ")"));
        }
    }

    /** The report {@code bench links} prints. */
    public static String render(Path corpus, Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "corpus %s: %d pages, %d links (%d not http(s), %d to the page itself)%n",
                corpus, r.pages(), r.links(), r.invalid(), r.selfLinks()));
        sb.append(String.format(Locale.ROOT, "links whose `to` names a corpus page: %d (%d of them to another site)%n",
                r.withTo(), r.withToCrossSite()));
        sb.append(String.format(Locale.ROOT, "%-18s %9s %7s %7s %9s %15s%n", "", "right", "wrong", "missed",
                "right %", "right cross-site"));
        for (Map.Entry<String, Outcome> e : List.of(Map.entry("exact URL only", r.exactOnly()),
                Map.entry("LinkScout", r.resolver()))) {
            Outcome o = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-18s %9d %7d %7d %8.1f%% %15d%n", e.getKey(), o.right, o.wrong,
                    o.missed, r.withTo() == 0 ? 0 : 100.0 * o.right / r.withTo(), o.rightCrossSite));
        }
        Outcome o = r.resolver();
        sb.append("LinkScout by corpus match (right/wrong/missed):");
        for (Map.Entry<String, long[]> e : o.byCorpusMatch.entrySet()) {
            if (!e.getKey().equals("none")) {
                long[] v = e.getValue();
                sb.append(String.format(Locale.ROOT, " %s %d/%d/%d;", e.getKey(), v[0], v[1], v[2]));
            }
        }
        if (sb.charAt(sb.length() - 1) == ';') {
            sb.setLength(sb.length() - 1);
        } else {
            sb.append(" none");
        }
        sb.append(String.format(Locale.ROOT, "%nLinkScout by its match (right/wrong/joined without `to`):"));
        for (Map.Entry<LinkResolver.Match, long[]> e : o.byMatch.entrySet()) {
            long[] v = e.getValue();
            sb.append(String.format(Locale.ROOT, " %s %d/%d/%d;", e.getKey().name().toLowerCase(Locale.ROOT), v[0],
                    v[1], v[3]));
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
        o.samples.stream().sorted().forEach(x -> sb.append("  ").append(x).append('\n'));
        return sb.toString();
    }
}
