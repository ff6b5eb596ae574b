package io.linkscout.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Java port of {@code bench/make_blogs_split.py}: a held-out cross-site link-prediction split of the multi-site
 * blogs corpus ({@code shared/data/blogs/pages.jsonl.gz}). Every target page is removed with every link to it
 * (by the link's resolved corpus page {@code to}, or by the script's URL key {@link #norm}), and URLs of targets
 * are cut from page texts. Writes {@code pages.jsonl.gz}, {@code queries.jsonl}, {@code qrels.tsv} and
 * {@code qrels_sites.tsv} with content byte-identical to the script's (gzip framing aside).
 */
public final class BlogsSplit {

    /** Default corpus location relative to the repository root. */
    public static final Path DEFAULT_CORPUS = Path.of("..", "shared", "data", "blogs", "pages.jsonl.gz");

    /** Python's {@code \s} (str.isspace) as a character-class body. */
    private static final String PY_SPACE =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
    static final Pattern URL_IN_TEXT = Pattern.compile("(?:https?://)?(?:www\\.)?[A-Za-z0-9-]+"
            + "(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}/[^" + PY_SPACE + "<>\"'\\)\\]]*");
    /** {@code $} as Python's: end of input or before a final {@code \n} only. */
    private static final Pattern INDEX_FILE = Pattern.compile("/index\\.(html?|php)$", Pattern.UNIX_LINES);
    private static final Pattern SLASHES = Pattern.compile("/+");
    /** The script's default for a missing {@code anchor} / {@code fetched_at}. */
    private static final JsonNode EMPTY = TextNode.valueOf("");

    /** What was written (the script's summary line). */
    public record Summary(int pages, int queries, int queriesWithLinks, int heldOutLinks, int removedLinks,
            Path out) {
        @Override
        public String toString() {
            return pages + " pages, " + queries + " queries (" + queriesWithLinks + " with >=1 linking page left), "
                    + heldOutLinks + " held-out links (" + removedLinks + " link records removed) -> " + out;
        }
    }

    private record Inlink(String target, String page, String site) {
    }

    private BlogsSplit() {
    }

    /**
     * The script's {@code norm()}: host lower-cased without {@code www.} and trailing dots, then the
     * percent-decoded path with a final {@code /index.html|htm|php} cut, repeated slashes collapsed and trailing
     * slashes stripped ({@code /} when empty); null where Python's {@code urlsplit} raises.
     */
    static String norm(String u) {
        EvalUrls.Split p = EvalUrls.urlsplit(EvalUrls.pyStrip(u));
        if (!p.valid()) {
            return null;
        }
        String h = p.hostname() == null ? "" : p.hostname().toLowerCase(Locale.ROOT);
        int end = h.length();
        while (end > 0 && h.charAt(end - 1) == '.') {
            end--;
        }
        h = h.substring(0, end);
        if (h.startsWith("www.")) {
            h = h.substring(4);
        }
        String path = EvalUrls.unquote(p.path().isEmpty() ? "/" : p.path());
        path = INDEX_FILE.matcher(path).replaceAll("/");
        path = SLASHES.matcher(path).replaceAll("/");
        end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        path = path.substring(0, end);
        return h + (path.isEmpty() ? "/" : path);
    }

    /** Removes from {@code text} every URL-like run whose key is a held-out target's. */
    static String stripTargetUrls(String text, Map<String, String> heldNorm) {
        Matcher m = URL_IN_TEXT.matcher(text);
        return m.replaceAll(r -> {
            String g = r.group();
            return heldNorm.containsKey(norm(g.contains("://") ? g : "https://" + g)) ? ""
                    : Matcher.quoteReplacement(g);
        });
    }

    public static Summary write(Path corpus, List<String> targets, Path out) {
        if (!Files.isRegularFile(corpus)) {
            throw new UserException("blogs corpus not found: " + corpus
                    + " (pass --data pointing at shared/data/blogs/pages.jsonl.gz)");
        }
        Set<String> held = new HashSet<>(targets);
        Map<String, String> heldNorm = new HashMap<>();
        for (String t : targets) {
            heldNorm.put(norm(t), t);
        }
        // pass 1: each URL's site (last record wins, as the script's dict), the targets' records, links to targets
        Map<String, String> siteByUrl = new HashMap<>();
        Map<String, JsonNode> targetPage = new HashMap<>();
        List<Inlink> pending = new ArrayList<>();
        forEachPage(corpus, (n, p) -> {
            String url = string(p, "url", corpus, n);
            String site = string(p, "site", corpus, n);
            siteByUrl.put(url, site);
            if (held.contains(url)) {
                targetPage.put(url, p);
            }
            for (JsonNode l : links(p, corpus, n)) {
                JsonNode to = l.get("to");
                String t = to != null && to.isTextual() && !to.asText().isEmpty() ? to.asText()
                        : heldNorm.get(norm(string(l, "url", corpus, n)));
                if (t != null && held.contains(t)) {
                    pending.add(new Inlink(t, url, site));
                }
            }
        });
        List<String> missing = targets.stream().filter(t -> !siteByUrl.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new UserException(missing.size() + " targets not in the corpus, e.g. " + missing.get(0)
                    + " (check that TARGETS matches " + corpus + ")");
        }
        Map<String, Set<String>> inlinks = new HashMap<>();
        for (Inlink i : pending) {
            if (!siteByUrl.get(i.target()).equals(i.site())) {
                inlinks.computeIfAbsent(i.target(), k -> new HashSet<>()).add(i.page());
            }
        }
        try {
            Files.createDirectories(out);
            int[] counts = new int[2]; // pages, removed link records
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out.resolve("pages.jsonl.gz")), 1 << 16);
                    Writer wr = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                forEachPage(corpus, (n, p) -> {
                    if (held.contains(p.get("url").asText())) {
                        return;
                    }
                    sb.setLength(0);
                    sb.append('{');
                    PyJson.key(sb, "url");
                    PyJson.value(sb, p.get("url")).append(", ");
                    PyJson.key(sb, "title");
                    PyJson.value(sb, field(p, "title", corpus, n)).append(", ");
                    PyJson.key(sb, "text");
                    PyJson.string(sb, stripTargetUrls(string(p, "text", corpus, n), heldNorm)).append(", ");
                    PyJson.key(sb, "links").append('[');
                    boolean first = true;
                    for (JsonNode l : links(p, corpus, n)) {
                        JsonNode to = l.get("to");
                        if (to != null && to.isTextual() && held.contains(to.asText())
                                || heldNorm.containsKey(norm(l.get("url").asText()))) {
                            counts[1]++;
                            continue;
                        }
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        sb.append('{');
                        PyJson.key(sb, "url");
                        PyJson.value(sb, l.get("url")).append(", ");
                        PyJson.key(sb, "anchor");
                        PyJson.value(sb, l.has("anchor") ? l.get("anchor") : EMPTY).append('}');
                    }
                    sb.append("], ");
                    PyJson.key(sb, "site");
                    PyJson.value(sb, p.get("site")).append(", ");
                    PyJson.key(sb, "fetched_at");
                    PyJson.value(sb, p.has("fetched_at") ? p.get("fetched_at") : EMPTY).append("}\n");
                    wr.write(sb.toString());
                    counts[0]++;
                });
            }
            try (Writer wr = Files.newBufferedWriter(out.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (String t : targets) {
                    JsonNode q = targetPage.get(t);
                    StringBuilder sb = new StringBuilder("{");
                    PyJson.key(sb, "id");
                    PyJson.string(sb, t).append(", ");
                    PyJson.key(sb, "title");
                    PyJson.value(sb, field(q, "title", corpus, 0)).append(", ");
                    PyJson.key(sb, "text");
                    PyJson.value(sb, field(q, "text", corpus, 0)).append(", ");
                    PyJson.key(sb, "site");
                    PyJson.value(sb, q.get("site")).append("}\n");
                    wr.write(sb.toString());
                }
            }
            int links = 0;
            int withLinks = 0;
            try (Writer f = Files.newBufferedWriter(out.resolve("qrels.tsv"), StandardCharsets.UTF_8);
                    Writer g = Files.newBufferedWriter(out.resolve("qrels_sites.tsv"), StandardCharsets.UTF_8)) {
                for (String t : targets) {
                    TreeSet<String> srcs = new TreeSet<>(Run::compareCodePoints);
                    srcs.addAll(inlinks.getOrDefault(t, Set.of()));
                    srcs.removeAll(held);
                    if (!srcs.isEmpty()) {
                        withLinks++;
                    }
                    TreeSet<String> sites = new TreeSet<>(Run::compareCodePoints);
                    for (String s : srcs) {
                        f.write(t + "\t" + s + "\n");
                        links++;
                        sites.add(siteByUrl.get(s));
                    }
                    for (String site : sites) {
                        g.write(t + "\thttps://" + site + "/\n");
                    }
                }
            }
            return new Summary(counts[0], targets.size(), withLinks, links, counts[1], out);
        } catch (IOException e) {
            throw new UserException("cannot write split to " + out + ": " + e.getMessage(), e);
        }
    }

    private interface PageHandler {
        void page(int lineNo, JsonNode page) throws IOException;
    }

    private static void forEachPage(Path corpus, PageHandler h) {
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(corpus), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                JsonNode p;
                try {
                    p = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new UserException(corpus + ":" + n + ": not a JSON object ("
                            + e.getOriginalMessage() + ")");
                }
                if (p == null || !p.isObject()) {
                    throw new UserException(corpus + ":" + n + ": expected one JSON object a line");
                }
                h.page(n, p);
            }
        } catch (IOException e) {
            throw new UserException("cannot read blogs corpus " + corpus + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode p, String name, Path corpus, int n) {
        JsonNode v = p.get(name);
        if (v == null) {
            throw new UserException(corpus + (n > 0 ? ":" + n : "") + ": page has no '" + name + "' field");
        }
        return v;
    }

    private static String string(JsonNode p, String name, Path corpus, int n) {
        JsonNode v = field(p, name, corpus, n);
        if (!v.isTextual()) {
            throw new UserException(corpus + ":" + n + ": field '" + name + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static List<JsonNode> links(JsonNode p, Path corpus, int n) {
        JsonNode v = field(p, "links", corpus, n);
        if (!v.isArray()) {
            throw new UserException(corpus + ":" + n + ": field 'links' must be a list of {\"url\": ...}");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        for (JsonNode l : v) {
            if (!l.isObject()) {
                throw new UserException(corpus + ":" + n + ": a link must be an object {\"url\": ...}, got " + l);
            }
            string(l, "url", corpus, n);
            JsonNode to = l.get("to");
            if (to != null && !to.isTextual() && !to.isNull()) {
                throw new UserException(corpus + ":" + n + ": a link's 'to' must be a page URL string, got " + to);
            }
            out.add(l);
        }
        return out;
    }
}
