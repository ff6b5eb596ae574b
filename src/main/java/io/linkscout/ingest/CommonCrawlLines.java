package io.linkscout.ingest;

import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One line of a Common Crawl web graph file in its published layout, parsed, with the problem to report when it
 * cannot be used — the one place these rules live, shared by the in-process reading ({@link CommonCrawlGraph}) and
 * the Spark job that joins a graph too big for one machine ({@code src/spark}, which compiles this class with
 * {@link Domains} and {@link UrlNormalizer} into its jar). Only JDK, Guava and those classes may be used here.
 */
public final class CommonCrawlLines {

    private CommonCrawlLines() {
    }

    /** A vertex line: its id and registrable domain, or (id -1, domain null) the problem. */
    public record Vertex(long id, String domain, String problem) implements Serializable {
    }

    /** An edge line: its two vertex ids, or (-1, -1) the problem. */
    public record Edge(long from, long to, String problem) implements Serializable {
    }

    /** A non-blank vertex line {@code id<TAB>reversed name[<TAB>...]}. */
    public static Vertex vertex(String line) {
        String[] c = line.split("\t", 3);
        long id = c.length < 2 ? -1 : id(c[0]);
        if (id < 0) {
            return new Vertex(-1, null, "not a vertex line (id<TAB>reversed name): '" + cut(line) + "'");
        }
        String host = host(c[1]);
        String domain = host == null ? null : Domains.registrableDomain(host);
        if (domain == null || domain.isBlank()) {
            return new Vertex(-1, null, "'" + cut(c[1]) + "' is not a reversed host name like com.example.www");
        }
        return new Vertex(id, domain, null);
    }

    /** A non-blank edge line {@code from<TAB>to[<TAB>...]}. */
    public static Edge edge(String line) {
        String[] c = line.split("\t", 3);
        long from = id(c[0]);
        long to = c.length < 2 ? -1 : id(c[1]);
        if (from < 0 || to < 0) {
            return new Edge(-1, -1, "not an edge line (from<TAB>to): '" + cut(line) + "'");
        }
        return new Edge(from, to, null);
    }

    /** The problem of a vertex id that appears again after its first line. */
    public static String duplicateVertex(long id) {
        return "vertex id " + id + " appears twice (the first is kept)";
    }

    /** The problem of an edge to or from a vertex that is not in the vertex files. */
    public static String unknownVertex(long id) {
        return "vertex " + id + " is not in the vertex files (or was skipped)";
    }

    /**
     * The host or domain name of a reversed Common Crawl vertex name ({@code com.example.www} →
     * {@code www.example.com}), lower-cased; null when it is not a valid host name.
     */
    public static String host(String reversed) {
        if (reversed == null || reversed.isBlank()) {
            return null;
        }
        List<String> labels = Arrays.asList(reversed.strip().toLowerCase(Locale.ROOT).split("\\.", -1));
        Collections.reverse(labels);
        String h = String.join(".", labels);
        return UrlNormalizer.isValidHost(h) && h.contains(".") ? h : null;
    }

    /** A vertex id: 0 up to {@code Integer.MAX_VALUE - 9}; -1 when not one. */
    public static long id(String s) {
        try {
            long v = Long.parseLong(s.strip());
            return v < 0 || v >= Integer.MAX_VALUE - 8 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
