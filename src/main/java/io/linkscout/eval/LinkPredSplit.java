package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * The held-out link-prediction splits ({@code linkpred-split} on the command line): Java port of
 * {@code bench/make_linkpred.py} (Wikispeedia) and, with {@code --corpus blogs}, of
 * {@code bench/make_blogs_split.py} ({@link BlogsSplit}). Writes {@code pages.jsonl.gz} (every page except the
 * targets, without links to targets), {@code queries.jsonl} (id = target URL, title, text) and {@code qrels.tsv}
 * (target URL, URL of a page that linked to it), with content byte-identical to the Python script's (gzip framing
 * aside).
 */
public final class LinkPredSplit {

    private LinkPredSplit() {
    }


    /** The corpora a split can be built from. */
    public enum Corpus { wikispeedia, blogs }

    /** What was written. */
    public record Summary(int pages, int queries, int heldOutLinks, Path out) {
        @Override
        public String toString() {
            return pages + " pages, " + queries + " queries, " + heldOutLinks + " held-out links -> " + out;
        }
    }


    /** Builds the split of {@code corpus} ({@code data} null = the corpus's default location) for the targets. */
    public static Object build(Corpus corpus, Path data, Path targets, Path out) {
        return corpus == Corpus.blogs
                ? BlogsSplit.write(data != null ? data : BlogsSplit.DEFAULT_CORPUS, readTargets(targets), out)
                : write(Wikispeedia.load(data != null ? data : Wikispeedia.DEFAULT_DIR), readTargets(targets), out);
    }

    /** Target ids as the Python script reads them: stripped lines, blank lines skipped, order and repeats kept. */
    public static List<String> readTargets(Path file) {
        List<String> t = new ArrayList<>();
        TextLines.read(file, "targets", (n, line) -> {
            String s = EvalUrls.pyStrip(line);
            if (!s.isEmpty()) {
                t.add(s);
            }
        });
        return t;
    }

    public static Summary write(Wikispeedia w, List<String> targets, Path out) {
        Set<String> held = new HashSet<>(targets);
        for (String t : targets) {
            if (!w.docs().containsKey(t)) {
                throw new UserException("target '" + t + "' is not an article id in the Wikispeedia data");
            }
        }
        try {
            Files.createDirectories(out);
            int pages = 0;
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out.resolve("pages.jsonl.gz")), 1 << 16);
                    Writer wr = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                for (Wikispeedia.Doc d : w.docs().values()) {
                    if (held.contains(d.id())) {
                        continue;
                    }
                    sb.setLength(0);
                    PyJson.pageStart(sb, d.url(), d.title(), d.text());
                    boolean first = true;
                    for (String t : w.outlinks(d.id())) {
                        if (held.contains(t)) {
                            continue;
                        }
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        sb.append('{');
                        PyJson.key(sb, "url");
                        PyJson.string(sb, url(w, t)).append('}');
                    }
                    sb.append("]}\n");
                    wr.write(sb.toString());
                    pages++;
                }
            }
            try (Writer wr = Files.newBufferedWriter(out.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (String t : targets) {
                    Wikispeedia.Doc d = w.docs().get(t);
                    StringBuilder sb = new StringBuilder("{");
                    PyJson.key(sb, "id");
                    PyJson.string(sb, d.url()).append(", ");
                    PyJson.key(sb, "title");
                    PyJson.string(sb, d.title()).append(", ");
                    PyJson.key(sb, "text");
                    PyJson.string(sb, d.text()).append("}\n");
                    wr.write(sb.toString());
                }
            }
            int n = 0;
            try (Writer wr = Files.newBufferedWriter(out.resolve("qrels.tsv"), StandardCharsets.UTF_8)) {
                for (String t : targets) {
                    TreeSet<String> sources = new TreeSet<>(Run::compareCodePoints);
                    sources.addAll(w.inlinks(t));
                    sources.removeAll(held);
                    for (String s : sources) {
                        wr.write(url(w, t) + "\t" + url(w, s) + "\n");
                        n++;
                    }
                }
            }
            return new Summary(w.docs().size() - held.size(), targets.size(), n, out);
        } catch (IOException e) {
            throw new UserException("cannot write split to " + out + ": " + e.getMessage(), e);
        }
    }

    private static String url(Wikispeedia w, String id) {
        Wikispeedia.Doc d = w.docs().get(id);
        if (d == null) {
            throw new UserException("link endpoint '" + id + "' is not an article id in the Wikispeedia data");
        }
        return d.url();
    }
}
