package io.linkscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bundled sample corpus ({@code src/main/resources/sample/}) from {@code shared/data}, by a fixed
 * rule (see {@link #RULE}) so that the output is reproducible byte for byte (after gunzip):
 * <ul>
 * <li>{@code pages.jsonl.gz}: Wikispeedia articles whose SNAP category is in {@link #CATEGORIES} (prefix match on
 * the dotted path) and that link to or are linked from another selected article; text cleaned (title line,
 * "2007 Schools Wikipedia Selection" line and image-caption blocks dropped, each paragraph whitespace-collapsed,
 * paragraphs joined by newlines) and cut at a paragraph or sentence boundary at {@link #MAX_TEXT} characters;
 * links only to selected articles, anchor = the target's title. Sorted by article id.</li>
 * <li>{@code sites.jsonl.gz}: site-catalog rows from awesome-rss-feeds and engineering-blogs, plus universities
 * with a Majestic rank &le; {@link #UNIVERSITY_MAX_RANK}; lines copied unchanged, in file order.</li>
 * <li>{@code blog-pages.jsonl.gz}: the pages of {@code blogs/sample/sample_corpus.jsonl.gz} whose site may be
 * redistributed by {@link #shippable}: its licence row in {@code blogs/sample/NOTICE} states a content licence, or
 * the licence found in the repository is a Creative Commons one (written for prose, not code), and the site is not
 * in {@link #EXCLUDED}; an MIT/Apache/BSD licence alone (usually written for the site's code or theme) does not
 * qualify. Lines copied unchanged, in file order.</li>
 * <li>{@code authority.csv.gz}: header plus every authority row whose domain is in the sites excerpt, is a shipped
 * blog's registrable domain, or is among the first {@link #AUTHORITY_TOP} rows; lines copied unchanged, in file
 * order.</li>
 * <li>{@code NOTICE}: the hand-written part (everything before {@link #NOTICE_BLOGS_HEADING}) is kept; the blog
 * section from that heading on is generated: the selection rule and, per shipped site, its row and attribution
 * line of {@code blogs/sample/NOTICE}, copied unchanged.</li>
 * </ul>
 * {@code example-article.md} and {@code example-software-post.md} are hand-written and not touched by the builder.
 */
public final class SampleCorpusBuilder {


    public static final List<String> CATEGORIES = List.of(
            "subject.Science.Physics", "subject.Science.Chemistry", "subject.Mathematics",
            "subject.Geography.Geology_and_geophysics", "subject.Geography.General_Geography",
            "subject.Geography.Natural_Disasters", "subject.Geography.Climate_and_the_Weather",
            "subject.Geography.Storms", "subject.Geography.Mineralogy", "subject.Geography.Antarctica",
            "subject.Geography.European_Geography", "subject.Geography.Geography_of_Great_Britain",
            "subject.Geography.Geography_of_Asia", "subject.Geography.North_American_Geography",
            "subject.Countries", "subject.Design_and_Technology", "subject.IT",
            "subject.Everyday_life.Sports", "subject.Everyday_life.Sports_events", "subject.Everyday_life.Sports_teams",
            "subject.History.General_history", "subject.History.Recent_History", "subject.History.World_War_II");
    public static final int MAX_TEXT = 3000;
    public static final int UNIVERSITY_MAX_RANK = 1000;
    public static final int AUTHORITY_TOP = 1000;
    /** Blog sites left out although the rule would ship them, with the reason (checked by hand). */
    public static final Map<String, String> EXCLUDED = Map.of("blog.scikit-learn.org",
            "its LICENSE, detected as CC0, reads BSD-3-Clause (a software licence) in another version of"
                    + " scikit-learn/blog: unclear whether it covers the posts");
    public static final String NOTICE_BLOGS_HEADING = "5. blog-pages.jsonl.gz";
    public static final String BLOG_RULE = "blog pages: the sites of blogs/sample whose NOTICE row states a content"
            + " licence or whose detected licence is a Creative Commons one (CC-BY, CC-BY-SA, CC0), minus " + EXCLUDED
            .keySet() + "; MIT/Apache/BSD alone is not enough. Lines copied unchanged.";

    public static final String RULE = "pages: Wikispeedia articles in categories " + CATEGORIES
            + " (prefix match) with >= 1 link to/from another selected article; text cleaned and cut at a"
            + " paragraph/sentence boundary at " + MAX_TEXT + " chars; links inside the selection only,"
            + " anchor = target title. sites: awesome-rss-feeds + engineering-blogs rows, plus universities with"
            + " majestic_rank <= " + UNIVERSITY_MAX_RANK + ". authority: rows for the sites' domains plus the first "
            + AUTHORITY_TOP + " rows and the shipped blogs' domains. " + BLOG_RULE;

    /** One site row of {@code blogs/sample/NOTICE}: the columns, the raw row and its attribution line. */
    public record BlogSite(String domain, String repository, String licence, String contentLicence,
            String licenceFiles, int pages, String row, String attribution) {
    }

    /** What was written. */
    public record Summary(int pages, int links, int sites, int authorityRows, int blogPages, int blogSites) {
        @Override
        public String toString() {
            return pages + " Wikipedia pages (" + links + " links), " + blogPages + " blog pages of " + blogSites
                    + " sites, " + sites + " catalog sites, " + authorityRows + " authority rows";
        }
    }

    private SampleCorpusBuilder() {
    }

    public static Summary build(Path dataDir, Path outDir) {
        try {
            Files.createDirectories(outDir);
            int[] pages = writePages(Wikispeedia.load(dataDir.resolve("wikispeedia")), outDir.resolve("pages.jsonl.gz"));
            Set<String> domains = new HashSet<>();
            int sites = writeSites(dataDir.resolve("site-catalog").resolve("sites.jsonl.gz"),
                    outDir.resolve("sites.jsonl.gz"), domains);
            Path blogs = dataDir.resolve("blogs").resolve("sample");
            for (String f : List.of("NOTICE", "sample_corpus.jsonl.gz")) {
                if (!Files.isRegularFile(blogs.resolve(f))) {
                    throw new UserException("blog sample file not found: " + blogs.resolve(f)
                            + " (pass --data pointing at shared/data, which holds blogs/sample/)");
                }
            }
            List<BlogSite> shipped = blogSites(blogs.resolve("NOTICE")).stream()
                    .filter(SampleCorpusBuilder::shippable).toList();
            int blogPages = writeBlogPages(blogs.resolve("sample_corpus.jsonl.gz"), outDir.resolve("blog-pages.jsonl.gz"),
                    shipped);
            for (BlogSite b : shipped) {
                domains.add(Domains.registrableDomain(b.domain()));
            }
            int auth = writeAuthority(dataDir.resolve("domain-authority").resolve("authority_by_domain.csv.gz"),
                    outDir.resolve("authority.csv.gz"), domains);
            writeNotice(outDir.resolve("NOTICE"), shipped, blogPages);
            return new Summary(pages[0], pages[1], sites, auth, blogPages, shipped.size());
        } catch (IOException e) {
            throw new UserException("cannot build sample corpus in " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** The selected article ids: category rule, then only articles with a link inside the selection. */
    static Set<String> select(Wikispeedia w) {
        Set<String> byCategory = new LinkedHashSet<>();
        for (Wikispeedia.Doc d : w.docs().values()) {
            if (d.categories().stream().anyMatch(c -> CATEGORIES.stream()
                    .anyMatch(p -> c.equals(p) || c.startsWith(p + ".")))) {
                byCategory.add(d.id());
            }
        }
        Set<String> connected = new HashSet<>();
        for (String s : byCategory) {
            for (String t : w.outlinks(s)) {
                if (byCategory.contains(t)) {
                    connected.add(s);
                    connected.add(t);
                }
            }
        }
        byCategory.retainAll(connected);
        return byCategory;
    }

    private static int[] writePages(Wikispeedia w, Path file) throws IOException {
        Set<String> sel = select(w);
        int n = 0;
        int links = 0;
        try (Writer wr = gzipWriter(file)) {
            StringBuilder sb = new StringBuilder();
            for (String id : sel) { // docs are sorted by id, so is sel
                Wikispeedia.Doc d = w.docs().get(id);
                sb.setLength(0);
                PyJson.pageStart(sb, d.url(), d.title(), cleanText(d.title(), d.text(), MAX_TEXT));
                boolean first = true;
                for (String t : w.outlinks(id)) {
                    if (!sel.contains(t)) {
                        continue;
                    }
                    Wikispeedia.Doc td = w.docs().get(t);
                    sb.append(first ? "" : ", ").append('{');
                    first = false;
                    PyJson.key(sb, "url");
                    PyJson.string(sb, td.url()).append(", ");
                    PyJson.key(sb, "anchor");
                    PyJson.string(sb, td.title()).append('}');
                    links++;
                }
                sb.append("]}\n");
                wr.write(sb.toString());
                n++;
            }
        }
        return new int[] {n, links};
    }

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern WS = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"')\\]]?(?=\\s)");

    /**
     * Cleans a Wikispeedia plain text: drops the title block, the "2007 Schools Wikipedia Selection" block and
     * image-caption blocks (those with an "Enlarge" line), collapses whitespace in each paragraph, joins
     * paragraphs with a newline and cuts at the last paragraph end (or, inside a paragraph, sentence end) that
     * fits in {@code max} characters; trailing headings (paragraphs without end punctuation) are dropped.
     */
    static String cleanText(String title, String text, int max) {
        List<String> paras = new ArrayList<>();
        for (String block : BLANK_LINE.split(text)) {
            if (block.lines().anyMatch(l -> l.strip().equals("Enlarge"))) {
                continue;
            }
            String p = WS.matcher(block).replaceAll(" ").strip();
            if (p.isEmpty() || (paras.isEmpty() && p.equals(title))
                    || p.startsWith("2007 Schools Wikipedia Selection.")) {
                continue;
            }
            paras.add(p);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : paras) {
            int len = sb.length() + (sb.isEmpty() ? 0 : 1) + p.length();
            if (len <= max) {
                sb.append(sb.isEmpty() ? "" : "\n").append(p);
                continue;
            }
            int room = max - sb.length() - (sb.isEmpty() ? 0 : 1);
            var m = SENTENCE_END.matcher(p);
            int cut = -1;
            while (m.find() && m.end() <= room) {
                cut = m.end();
            }
            if (cut > 0) {
                sb.append(sb.isEmpty() ? "" : "\n").append(p, 0, cut);
            }
            break;
        }
        List<String> kept = new ArrayList<>(List.of(sb.toString().split("\n")));
        while (kept.size() > 1 && !endsSentence(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
        return String.join("\n", kept);
    }

    private static boolean endsSentence(String p) {
        return p.matches("(?s).*[.!?][\"')\\]]?");
    }

    private static int writeSites(Path in, Path file, Set<String> domains) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        try (BufferedReader r = Wikispeedia.gzipReader(in); Writer wr = gzipWriter(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode s = json.readTree(line);
                String source = s.path("source").asText();
                boolean keep = source.equals("awesome-rss-feeds") || source.equals("engineering-blogs")
                        || (source.startsWith("university") && s.path("majestic_rank").isNumber()
                        && s.path("majestic_rank").asInt() <= UNIVERSITY_MAX_RANK);
                if (keep) {
                    wr.write(line + "\n");
                    n++;
                    if (s.path("domain").isTextual()) {
                        domains.add(s.path("domain").asText());
                    }
                }
            }
        }
        return n;
    }

    private static int writeAuthority(Path in, Path file, Set<String> domains) throws IOException {
        int n = 0;
        try (BufferedReader r = Wikispeedia.gzipReader(in); Writer wr = gzipWriter(file)) {
            wr.write(r.readLine() + "\n");
            String line;
            int row = 0;
            while ((line = r.readLine()) != null) {
                row++;
                String domain = line.substring(0, Math.max(0, line.indexOf(',')));
                if (row <= AUTHORITY_TOP || domains.contains(domain)) {
                    wr.write(line + "\n");
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Whether a blog site's text may be shipped: a content licence is stated, or the repository's licence is a
     * Creative Commons one (these are written for prose; an MIT/Apache/BSD licence in a blog repository is usually
     * the theme's or code's), and the site is not in {@link #EXCLUDED}.
     */
    public static boolean shippable(BlogSite s) {
        if (EXCLUDED.containsKey(s.domain())) {
            return false;
        }
        return !s.contentLicence().equals("-")
                || List.of(s.licence().split("\\+")).stream().anyMatch(l -> l.startsWith("CC"));
    }

    /** The site rows of {@code blogs/sample/NOTICE} (tab-separated, each followed by its attribution line). */
    public static List<BlogSite> blogSites(Path notice) throws IOException {
        List<String> lines = Files.readAllLines(notice, StandardCharsets.UTF_8);
        List<BlogSite> out = new ArrayList<>();
        boolean table = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("domain\t")) {
                table = true;
                continue;
            }
            if (!table || l.isBlank() || l.startsWith("\t")) {
                continue;
            }
            String[] c = l.split("\t", -1);
            if (c.length != 6 || !c[5].matches("\\d+")) {
                throw new UserException(notice + ":" + (i + 1) + ": expected 6 tab-separated columns (domain,"
                        + " repository@commit, licence, content licence, licence files, pages), got: " + l);
            }
            String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
            if (!next.strip().startsWith("Attribution:")) {
                throw new UserException(notice + ":" + (i + 2) + ": expected the attribution line of " + c[0]);
            }
            out.add(new BlogSite(c[0], c[1], c[2], c[3], c[4], Integer.parseInt(c[5]), l, next));
        }
        if (out.isEmpty()) {
            throw new UserException(notice + ": no site rows (header line 'domain<TAB>...' not found)");
        }
        return out;
    }

    private static int writeBlogPages(Path in, Path file, List<BlogSite> shipped) throws IOException {
        Set<String> keep = new HashSet<>();
        shipped.forEach(b -> keep.add(b.domain()));
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        try (BufferedReader r = Wikispeedia.gzipReader(in); Writer wr = gzipWriter(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && keep.contains(json.readTree(line).path("site").asText())) {
                    wr.write(line + "\n");
                    n++;
                }
            }
        }
        return n;
    }

    /** Keeps the hand-written part of {@code NOTICE} (if any) and (re)writes the generated blog section. */
    private static void writeNotice(Path file, List<BlogSite> shipped, int pages) throws IOException {
        String head = "";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int at = old.indexOf("\n" + NOTICE_BLOGS_HEADING);
            head = at < 0 ? old + "\n" : old.substring(0, at + 1);
        }
        StringBuilder sb = new StringBuilder(head);
        sb.append(NOTICE_BLOGS_HEADING).append(" - ").append(pages).append(" pages of ").append(shipped.size())
                .append(" blogs and project sites (generated by SampleCorpusBuilder; do not edit below)\n")
                .append(String.join("\n", List.of(
                        "   Source:  the multi-site blog corpus blogs-v1 (shared/data/blogs/sample, see its PROVENANCE.txt):",
                        "            each site's pages were rebuilt from its public source repository at the commit",
                        "            listed below (no live crawl).",
                        "   Selection: only sites whose text is clearly licensed for redistribution - a content licence",
                        "            is stated (column 4), or the repository's licence is a Creative Commons licence,",
                        "            which is written for prose, not code. Sites whose only licence is MIT, Apache-2.0",
                        "            or BSD were left out: in blog repositories those are usually the theme's or code's.",
                        "            Left out by hand: " + EXCLUDED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")),
                        "   Licence labels: column 3 is the licence as the corpus's detector classified it. Its 'CC0'",
                        "            label proved to be Creative Commons Attribution 4.0 (CC BY 4.0) on every LICENSE",
                        "            text checked (etcd.io, grpc.io, webpack.js.org, noamross.net, knative.dev), so all",
                        "            these sites are attributed below and treated as CC BY 4.0 unless their own files",
                        "            say otherwise. CC BY-SA content: redistributions must keep the share-alike terms.",
                        "   Changes (by the corpus builder): plain-text transcription of each post (front matter,",
                        "            markup and code blocks removed), text cut at 4,000 characters, up to 50 pages a",
                        "            site, reconstructed URLs; lines copied unchanged from sample_corpus.jsonl.gz.",
                        "   Per site: its row of shared/data/blogs/sample/NOTICE and its attribution line:",
                        "",
                        "domain\trepository@commit\tlicense (detected)\tcontent license stated\tlicense files"
                                + "\tpages in sample"))).append('\n');
        for (BlogSite b : shipped) {
            sb.append(b.row()).append('\n').append(b.attribution()).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static Writer gzipWriter(Path file) throws IOException {
        OutputStream os = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        };
        return new OutputStreamWriter(os, StandardCharsets.UTF_8);
    }
}
