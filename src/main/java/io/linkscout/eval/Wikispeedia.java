package io.linkscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The Wikispeedia article graph from {@code shared/data/wikispeedia}: {@code docs.jsonl.gz} and
 * {@code links.tsv.gz}, read as {@code make_linkpred.py} reads them (self-links and repeated links dropped,
 * out-links in file order).
 *
 * @param docs     article id -> article, sorted by id in code-point order (Python's {@code sorted})
 * @param outlinks article id -> distinct link targets in file order (no self-links)
 * @param inlinks  article id -> ids of articles linking to it
 */
public record Wikispeedia(TreeMap<String, Doc> docs, Map<String, List<String>> outlinks,
        Map<String, Set<String>> inlinks) {

    /** One article. */
    public record Doc(String id, String title, String url, List<String> categories, String text) {
    }

    /** Default location relative to the repository root (CI checks out {@code shared} beside the repo). */
    public static final Path DEFAULT_DIR = Path.of("..", "shared", "data", "wikispeedia");

    public static Wikispeedia load(Path dir) {
        Path docsFile = dir.resolve("docs.jsonl.gz");
        Path linksFile = dir.resolve("links.tsv.gz");
        for (Path p : List.of(docsFile, linksFile)) {
            if (!Files.isRegularFile(p)) {
                throw new UserException("Wikispeedia file not found: " + p
                        + " (pass --data pointing at shared/data/wikispeedia)");
            }
        }
        TreeMap<String, Doc> docs = new TreeMap<>(Run::compareCodePoints);
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        try (BufferedReader r = gzipReader(docsFile)) {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d;
                try {
                    d = json.readTree(line);
                } catch (IOException e) {
                    throw new UserException(docsFile + ":" + n + ": not valid JSON: " + e.getMessage());
                }
                String id = d.path("id").asText();
                List<String> cats = new ArrayList<>();
                d.path("categories").forEach(c -> cats.add(c.asText()));
                docs.put(id, new Doc(id, d.path("title").asText(), d.path("url").asText(), List.copyOf(cats),
                        d.path("text").asText()));
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + docsFile + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> out = new HashMap<>();
        Map<String, Set<String>> in = new HashMap<>();
        n = 0;
        try (BufferedReader r = gzipReader(linksFile)) {
            String line = r.readLine(); // header
            n++;
            while ((line = r.readLine()) != null) {
                n++;
                String[] p = line.split("\t", -1);
                if (p.length != 2) {
                    throw new UserException(linksFile + ":" + n + ": expected 'source<TAB>target'");
                }
                String s = p[0];
                String t = p[1];
                List<String> ol = out.computeIfAbsent(s, k -> new ArrayList<>());
                if (!s.equals(t) && !ol.contains(t)) {
                    ol.add(t);
                    in.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s);
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + linksFile + ": " + e.getMessage(), e);
        }
        return new Wikispeedia(docs, out, in);
    }

    public List<String> outlinks(String id) {
        return outlinks.getOrDefault(id, List.of());
    }

    public Set<String> inlinks(String id) {
        return inlinks.getOrDefault(id, Set.of());
    }

    static BufferedReader gzipReader(Path p) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }
}
