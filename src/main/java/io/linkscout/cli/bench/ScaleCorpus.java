package io.linkscout.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.rank.QueryFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A deterministic synthetic web for {@code bench scale}: N pages over about N/40 registrable domains
 * ({@code siteD.com}), each page a window of 120–300 words of a real document (Wikispeedia articles, or the bundled
 * sample), 3–14 links a page — 30% to a page of the same site, the rest to a page drawn with a power-law
 * in-degree (page rank r in a fixed random permutation is drawn with density proportional to r^(-2/3)). The same
 * seed and source give the same bytes ({@link #sha256()}).
 */
final class ScaleCorpus {

    /** Words read from the start of each source document (the windows are drawn from them). */
    static final int MAX_SOURCE_WORDS = 2000;
    static final int PAGES_PER_DOMAIN = 40;

    /** One source document: its title and its first words. */
    record Source(String title, String[] words) {
    }

    private final List<Source> sources;
    private final long seed;
    private final int pages;
    private final int domains;
    private final int[] domainOf;
    private final int[][] domainPages;
    private final int[] popular;
    private final MessageDigest digest;

    ScaleCorpus(List<Source> sources, int pages, long seed) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source documents");
        }
        this.sources = sources;
        this.seed = seed;
        this.pages = pages;
        this.domains = Math.max(1, (int) Math.round(pages / (double) PAGES_PER_DOMAIN));
        Random rng = new Random(seed);
        domainOf = new int[pages];
        int[] count = new int[domains];
        for (int p = 0; p < pages; p++) {
            domainOf[p] = rng.nextInt(domains);
            count[domainOf[p]]++;
        }
        domainPages = new int[domains][];
        for (int d = 0; d < domains; d++) {
            domainPages[d] = new int[count[d]];
            count[d] = 0;
        }
        for (int p = 0; p < pages; p++) {
            domainPages[domainOf[p]][count[domainOf[p]]++] = p;
        }
        popular = new int[pages];
        for (int p = 0; p < pages; p++) {
            popular[p] = p;
        }
        for (int i = pages - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = popular[i];
            popular[i] = popular[j];
            popular[j] = t;
        }
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int domains() {
        return domains;
    }

    /** SHA-256 of everything written so far (pages, incremental pages, queries), hex. */
    String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String url(int domain, int page) {
        return "https://site" + domain + ".com/page/" + page;
    }

    /**
     * Writes pages {@code from..to-1} as LinkScout JSONL pages; pages at or beyond the corpus size (the
     * incremental ones) are put on existing domains and link only into the corpus.
     */
    void writePages(Path file, int from, int to) throws IOException {
        Random rng = new Random(seed * 31 + from);
        try (OutputStream os = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file),
                1 << 16), digest);
                JsonGenerator g = new JsonFactory().createGenerator(os)) {
            g.setRootValueSeparator(null);
            for (int p = from; p < to; p++) {
                int domain = p < pages ? domainOf[p] : rng.nextInt(domains);
                Source s = sources.get(rng.nextInt(sources.size()));
                int len = 120 + rng.nextInt(181);
                int off = s.words.length <= len ? 0 : rng.nextInt(s.words.length - len);
                int end = Math.min(s.words.length, off + len);
                g.writeStartObject();
                g.writeStringField("url", url(domain, p));
                g.writeStringField("title", s.title + ": " + String.join(" ",
                        java.util.Arrays.copyOfRange(s.words, off, Math.min(end, off + 5))));
                g.writeStringField("text", String.join(" ", java.util.Arrays.copyOfRange(s.words, off, end)));
                g.writeArrayFieldStart("links");
                int k = 3 + rng.nextInt(12);
                for (int i = 0; i < k; i++) {
                    int t;
                    if (rng.nextDouble() < 0.3) {
                        int[] same = domainPages[domain];
                        t = same.length == 0 ? popular[0] : same[rng.nextInt(same.length)];
                    } else {
                        t = popular[(int) Math.min(pages - 1, pages * Math.pow(rng.nextDouble(), 3))];
                    }
                    if (t == p) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("url", url(domainOf[t], t));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    /** {@code n} contents to rank: a source document's title and a window of 300–600 of its words. */
    List<QueryFile.Query> queries(int n) {
        Random rng = new Random(seed * 17 + 5);
        List<QueryFile.Query> out = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Source s = sources.get(rng.nextInt(sources.size()));
            int len = 300 + rng.nextInt(301);
            int off = s.words.length <= len ? 0 : rng.nextInt(s.words.length - len);
            String text = String.join(" ", java.util.Arrays.copyOfRange(s.words, off,
                    Math.min(s.words.length, off + len)));
            out.add(new QueryFile.Query("q" + (i + 1), s.title, text, null));
            all.append(s.title).append('\t').append(text).append('\n');
        }
        digest.update(all.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * Source documents from a JSONL file (optionally gzipped) with {@code title} and {@code text}, in title order
     * (so the corpus does not depend on the file's order), at most {@link #MAX_SOURCE_WORDS} words each.
     */
    static List<Source> read(InputStream in) throws IOException {
        ObjectMapper om = new ObjectMapper();
        TreeMap<String, Source> byTitle = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = om.readTree(line);
                String title = n.path("title").asText("").strip();
                String[] words = n.path("text").asText("").strip().split("\\s+", MAX_SOURCE_WORDS + 1);
                if (words.length > MAX_SOURCE_WORDS) {
                    words = java.util.Arrays.copyOf(words, MAX_SOURCE_WORDS);
                }
                if (!title.isEmpty() && words.length >= 50) {
                    byTitle.putIfAbsent(title, new Source(title, words));
                }
            }
        }
        return new ArrayList<>(byTitle.values());
    }
}
