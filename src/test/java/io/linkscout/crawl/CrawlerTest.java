package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.cli.CrawlCommand;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.InputFormats;
import io.linkscout.ingest.PageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crawler against virtual sites on a loopback server (no internet). */
class CrawlerTest {

    static final String ALPHA = "alpha-fixture.com";
    static final String SLOW = "slow-fixture.com";

    @TempDir
    Path tmp;

    FixtureWeb web;

    @BeforeEach
    void start() throws IOException {
        web = new FixtureWeb();
        String p = Integer.toString(web.port());
        web.robots(ALPHA, "User-agent: *\nDisallow: /private/\n\nSitemap: http://" + ALPHA + ":PORT/sitemap.xml\n");
        web.page(ALPHA, "/", """
                <html><head><title>Alpha Garden Blog</title></head><body>
                <nav><a href="/about">About us</a> <a href="/contact">Contact</a></nav>
                <main><h1>Alpha Garden</h1><p>Notes on growing vegetables.</p>
                <a href="/write-for-us">Write for us</a> <a href="/private/secret">Members</a>
                <a href="/blog/">Blog</a> <a href="/files/guide.pdf">Guide (PDF)</a>
                <a href="https://other-fixture.org/tools">Garden tools</a></main>
                <footer>Write to jane [at] alpha-fixture [dot] com or <a href="mailto:Editor@alpha-fixture.com">the
                editor</a>. <a href="https://twitter.com/alphagarden">Twitter</a>
                <a href="https://twitter.com/intent/tweet?text=hi">Share</a>
                <a href="https://www.linkedin.com/company/alpha-garden/">LinkedIn</a></footer>
                </body></html>""");
        web.page(ALPHA, "/about", """
                <html><head><title>About Alpha</title></head><body><p>We are gardeners.</p>
                <p>Press: press(at)alpha-fixture.com</p><a href="/">Home</a></body></html>""");
        web.page(ALPHA, "/contact", """
                <html><head><title>Contact Alpha</title></head><body><p>Mail hello&#64;alpha-fixture.com</p>
                </body></html>""");
        web.page(ALPHA, "/write-for-us", """
                <html><head><title>Write for us</title></head><body><p>Guest post guidelines.</p></body></html>""");
        web.page(ALPHA, "/private/secret", "<html><body>secret</body></html>");
        web.page(ALPHA, "/blog/", """
                <html><head><title>Blog</title></head><body><a href="/blog/post-1">Post 1</a>
                <a href="/blog/post-2">Post 2</a></body></html>""");
        web.page(ALPHA, "/blog/post-1", "<html><head><title>Tomatoes</title></head><body><p>Tomatoes.</p>"
                + "<a href=\"https://other-fixture.org/seeds\">Seeds</a></body></html>");
        web.page(ALPHA, "/blog/post-2", "<html><head><title>Peppers</title></head><body><p>Peppers.</p></body></html>");
        web.page(ALPHA, "/only-in-sitemap", "<html><head><title>Hidden</title></head><body><p>x</p></body></html>");
        web.add(ALPHA, "/sitemap.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>http://alpha-fixture.com:P/blog/post-1</loc><lastmod>2024-01-01</lastmod></url>
                <url><loc>http://alpha-fixture.com:P/blog/post-2</loc><lastmod>2025-01-01</lastmod></url>
                <url><loc>http://alpha-fixture.com:P/only-in-sitemap</loc></url>
                </urlset>""".replace(":P/", ":" + p + "/"), Map.of());
        web.robots(SLOW, "User-agent: *\nCrawl-delay: 1\n");
        web.page(SLOW, "/", "<html><body><a href=\"/a\">A</a> <a href=\"/b\">B</a></body></html>");
        web.page(SLOW, "/a", "<html><body><p>a</p></body></html>");
        web.page(SLOW, "/b", "<html><body><p>b</p></body></html>");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    Crawler.Options options(Path state, String... hosts) {
        Crawler.Options o = new Crawler.Options();
        o.delayMillis = 0;
        o.timeoutMillis = 10_000;
        o.resolver = web.resolver(hosts);
        o.policy = AddressPolicy.allowAll();
        o.stateDir = state;
        return o;
    }

    List<Seeds.Seed> seeds(String... hosts) throws IOException {
        Path f = tmp.resolve("seeds-" + hosts.length + ".txt");
        StringBuilder sb = new StringBuilder("# prospects\n");
        for (String h : hosts) {
            sb.append(web.url(h, "/")).append('\n');
        }
        Files.writeString(f, sb);
        return Seeds.read(f);
    }

    @Test
    void robotsDisallowAndExtensionsRespectedSitemapPagesFound() throws IOException {
        Crawler c = new Crawler(options(tmp.resolve("state"), ALPHA));
        c.crawl(seeds(ALPHA));
        List<String> paths = web.paths(ALPHA);
        assertEquals("/robots.txt", paths.get(0));
        assertEquals("/sitemap.xml", paths.get(1));
        assertEquals(List.of("/", "/about", "/blog/", "/blog/post-1", "/blog/post-2", "/contact", "/only-in-sitemap",
                "/robots.txt", "/sitemap.xml", "/write-for-us"), paths.stream().sorted().toList());
        assertFalse(paths.contains("/private/secret"));
        assertEquals(1L, c.stats().skippedCounts().get("robots"));
        assertEquals(1L, c.stats().skippedCounts().get("non-html (by extension)"));
        assertEquals(8, c.stats().pages.get());
    }

    @Test
    void pageLimitTakesTheMostUsefulPagesFirst() throws IOException {
        Crawler.Options o = options(tmp.resolve("state"), ALPHA);
        o.maxPagesPerSite = 4;
        new Crawler(o).crawl(seeds(ALPHA));
        // home, then contact (90), about (85), write-for-us (80); sitemap posts (60, 59) and the blog (40) wait
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/contact", "/about", "/write-for-us"),
                web.paths(ALPHA));
    }

    @Test
    void depthBoundStopsFollowingLinks() throws IOException {
        Crawler.Options o = options(tmp.resolve("state"), ALPHA);
        o.maxDepth = 0;
        new Crawler(o).crawl(seeds(ALPHA));
        // depth 0: the seed only (sitemap URLs are depth 1)
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/"), web.paths(ALPHA));
    }

    @Test
    void crawlDelayFromRobotsIsRespected() throws IOException {
        new Crawler(options(tmp.resolve("state"), SLOW)).crawl(seeds(SLOW));
        List<FixtureWeb.Req> reqs = web.requests().stream().filter(r -> r.host().equals(SLOW)).toList();
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/a", "/b"),
                reqs.stream().map(FixtureWeb.Req::path).toList());
        for (int i = 1; i < reqs.size(); i++) {
            long gapMs = (reqs.get(i).nanos() - reqs.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= 1000, "gap before " + reqs.get(i).path() + " was " + gapMs + " ms");
        }
    }

    @Test
    void resumeAfterAnInterruptedCrawlFetchesNothingTwice() throws IOException {
        Path state = tmp.resolve("state");
        Crawler.Options o = options(state, ALPHA, SLOW);
        o.delayMillis = 0;
        o.stopAfterRequests = 5;
        Crawler first = new Crawler(o);
        first.crawl(seeds(ALPHA, SLOW));
        assertEquals(5, first.stats().requests.get());
        int seen = web.requests().size();
        assertEquals(5, seen);

        Crawler.Options again = options(state, ALPHA, SLOW);
        Crawler second = new Crawler(again);
        second.crawl(seeds(ALPHA, SLOW));
        Map<String, Integer> counts = new TreeMap<>();
        for (FixtureWeb.Req r : web.requests()) {
            counts.merge(r.host() + r.path(), 1, Integer::sum);
        }
        counts.forEach((k, v) -> assertEquals(1, v, k + " requested " + v + " times"));
        // everything an uninterrupted crawl fetches was fetched: 10 on alpha, 5 on slow
        assertEquals(15, counts.size());
        assertEquals(11, Crawler.pages(state).size());
        // a third run has nothing left to fetch
        new Crawler(options(state, ALPHA, SLOW)).crawl(seeds(ALPHA, SLOW));
        assertEquals(15, web.requests().size());
    }

    @Test
    void runStoppedInsideARedirectChainContinuesAtTheNextHop() throws IOException {
        String moved = "moved-fixture.com";
        web.robots(moved, "User-agent: *\nAllow: /\n");
        web.page(moved, "/", "<html><body><a href=\"/old\">Old</a></body></html>");
        web.redirect(moved, "/old", "/new");
        web.page(moved, "/new", "<html><head><title>New</title></head><body>n</body></html>");
        Path state = tmp.resolve("state");
        Crawler.Options o = options(state, moved);
        o.stopAfterRequests = 4; // robots.txt, sitemap.xml, /, /old: the hop to /new is left for the next run
        new Crawler(o).crawl(seeds(moved));
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/old"), web.paths(moved));
        new Crawler(options(state, moved)).crawl(seeds(moved));
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/old", "/new"), web.paths(moved));
        assertEquals(List.of("", "New"), Crawler.pages(state).stream().map(PageRecord::title).toList());
    }

    @Test
    void warcOutputReingestsToTheSameIndexAndContactsAreExact() throws Exception {
        Crawler.Options o = options(tmp.resolve("state"), ALPHA);
        o.warcDir = tmp.resolve("warc");
        IndexLayout crawled = new IndexLayout(tmp.resolve("crawled"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, CrawlCommand.run(o, seeds(ALPHA), crawled, false, quiet));

        IndexLayout fromWarc = new IndexLayout(tmp.resolve("from-warc"));
        List<Path> warcs;
        try (Stream<Path> s = Files.list(tmp.resolve("warc"))) {
            warcs = s.sorted().toList();
        }
        assertEquals(1, warcs.size());
        new IndexBuilder(fromWarc, 1, null).ingest((sink, report) -> InputFormats.readAll(warcs, null, sink, report));

        Map<String, Map<String, List<String>>> a = docs(crawled);
        Map<String, Map<String, List<String>>> b = docs(fromWarc);
        assertEquals(a.keySet(), b.keySet());
        assertEquals(a, b);
        String base = web.url(ALPHA, "");
        Map<String, List<String>> site = a.get("site " + ALPHA);
        assertEquals(List.of("editor@alpha-fixture.com", "hello@alpha-fixture.com", "jane@alpha-fixture.com",
                "press@alpha-fixture.com"), site.get(IndexFields.EMAILS));
        assertEquals(List.of(base + "/contact"), site.get(IndexFields.CONTACT_URL));
        assertEquals(List.of("https://twitter.com/alphagarden", "https://www.linkedin.com/company/alpha-garden"),
                site.get(IndexFields.SOCIAL));
        assertEquals(8, a.keySet().stream().filter(k -> k.startsWith("page ")).count());
    }

    /** Page and site documents, by type and id: stored fields that do not depend on the input file. */
    static Map<String, Map<String, List<String>>> docs(IndexLayout layout) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        try (FSDirectory dir = FSDirectory.open(layout.lucene()); DirectoryReader r = DirectoryReader.open(dir)) {
            StoredFields sf = r.storedFields();
            for (int i = 0; i < r.maxDoc(); i++) {
                Document d = sf.document(i);
                String type = d.get(IndexFields.TYPE);
                if (!type.equals(IndexFields.TYPE_PAGE) && !type.equals(IndexFields.TYPE_SITE)) {
                    continue;
                }
                Map<String, List<String>> f = new TreeMap<>();
                for (IndexableField field : d.getFields()) {
                    String n = field.name();
                    if (n.equals(IndexFields.SOURCE)) {
                        continue;
                    }
                    String v;
                    if (n.equals(IndexFields.RECORD)) {
                        JsonNode rec = json.readTree(field.binaryValue().bytes);
                        ((com.fasterxml.jackson.databind.node.ObjectNode) rec).remove("source");
                        v = rec.toString();
                    } else {
                        v = field.stringValue() != null ? field.stringValue() : String.valueOf(field.numericValue());
                    }
                    f.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
                }
                out.put(type + " " + d.get(IndexFields.ID), f);
            }
        }
        return out;
    }
}
