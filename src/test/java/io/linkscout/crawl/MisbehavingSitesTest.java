package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.cli.CrawlCommand;
import io.linkscout.ingest.PageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawl targets that misbehave (issue 17), each on a loopback server: every case is cut by a documented limit
 * ({@code --timeout}, {@code --max-bytes}, {@link HttpFetcher#MAX_HEADER_LINE_BYTES}, {@link Crawler#ROBOTS_MAX_BYTES},
 * 5 redirects, 5 sitemaps), reported by reason in the crawl's statistics, and the crawl goes on with the other pages
 * and sites.
 */
class MisbehavingSitesTest {

    static final String BAD = "hostile-fixture.com";
    static final String GOOD = "good-fixture.com";
    static final String GOOD2 = "calm-fixture.org";

    @TempDir
    Path tmp;

    FixtureWeb web;

    @BeforeEach
    void start() throws IOException {
        web = new FixtureWeb();
        for (String host : List.of(GOOD, GOOD2)) {
            web.robots(host, "User-agent: *\nAllow: /\n");
            web.page(host, "/", "<html><head><title>Home of " + host + "</title></head><body>"
                    + "<a href=\"/a\">a</a> <a href=\"/b\">b</a></body></html>");
            web.page(host, "/a", "<html><head><title>A of " + host + "</title></head><body>a</body></html>");
            web.page(host, "/b", "<html><head><title>B of " + host + "</title></head><body>b</body></html>");
        }
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** A home page on the hostile site linking to {@code paths}, and a normal page {@code /fine} besides. */
    void hostileHome(String... paths) {
        StringBuilder links = new StringBuilder("<a href=\"/fine\">fine</a>");
        for (String p : paths) {
            links.append(" <a href=\"").append(p).append("\">").append(p).append("</a>");
        }
        web.page(BAD, "/", "<html><head><title>Hostile home</title></head><body>" + links + "</body></html>");
        web.page(BAD, "/fine", "<html><head><title>Fine page</title></head><body>fine</body></html>");
    }

    Crawler.Options options(String... hosts) {
        Crawler.Options o = new Crawler.Options();
        o.delayMillis = 0;
        o.timeoutMillis = 1500;
        o.maxBytes = 1_000_000;
        o.resolver = web.resolver(hosts);
        o.policy = AddressPolicy.allowAll();
        o.stateDir = tmp.resolve("state");
        o.concurrency = 2;
        return o;
    }

    Crawler crawl(Crawler.Options o, String... hosts) throws IOException {
        Path seeds = tmp.resolve("seeds.txt");
        StringBuilder sb = new StringBuilder();
        for (String h : hosts) {
            sb.append(web.url(h, "/")).append('\n');
        }
        Files.writeString(seeds, sb.toString());
        Crawler c = new Crawler(o);
        c.crawl(Seeds.read(seeds));
        System.out.println("MisbehavingSitesTest:\n" + CrawlCommand.summary(c.stats()));
        return c;
    }

    /** host + path → title of every page crawled. */
    Map<String, String> titles(Path state) throws IOException {
        Map<String, String> t = new TreeMap<>();
        for (PageRecord p : Crawler.pages(state)) {
            String rest = p.url().substring(p.url().indexOf("://") + 3);
            t.put(rest.replaceFirst(":\\d+", ""), p.title());
        }
        return t;
    }

    /** Sends headers, then one byte every 50 ms for up to a minute; completes with the bytes sent. */
    static CompletableFuture<Long> drip(FixtureWeb web, String host, String path) {
        CompletableFuture<Long> sent = new CompletableFuture<>();
        web.handle(host, path, ex -> {
            long n = 0;
            try {
                ex.getResponseHeaders().add("Content-Type", "text/html");
                ex.sendResponseHeaders(200, 0); // chunked
                OutputStream out = ex.getResponseBody();
                out.write("<html><head><title>Drip</title></head><body>".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 1200; i++) {
                    out.write('x');
                    out.flush();
                    n++;
                    Thread.sleep(50);
                }
                out.close();
            } catch (IOException | InterruptedException e) {
                // the crawler hung up
            } finally {
                sent.complete(n);
            }
        });
        return sent;
    }

    @Test
    void slowDripIsCutByTheWholeRequestTimeout() throws Exception {
        hostileHome("/drip");
        CompletableFuture<Long> sent = drip(web, BAD, "/drip");
        Crawler c = crawl(options(BAD), BAD);
        assertEquals(Map.of("hostile-fixture.com/", "Hostile home", "hostile-fixture.com/fine", "Fine page"),
                titles(tmp.resolve("state")));
        assertEquals(Map.of("timeout", 1L), c.stats().skippedCounts());
        // every drip byte arrived within the socket timeout: only the deadline for the whole request stopped it,
        // and the server saw the connection go long before its 1,200 bytes were out
        assertTrue(sent.get(60, TimeUnit.SECONDS) < 1200, "the crawler hung up on the drip");
    }

    @Test
    void endlessRedirectsStopAfterFiveHops() throws Exception {
        hostileHome("/r/0", "/loop-a");
        web.handle(BAD, "/r/*", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
            ex.getResponseHeaders().add("Location", "/r/" + (n + 1));
            ex.sendResponseHeaders(302, -1);
        });
        web.redirect(BAD, "/loop-a", "/loop-b");
        web.redirect(BAD, "/loop-b", "/loop-a");
        // a second site whose robots.txt redirects without end: read as "allow all", counted, and crawled
        web.handle(GOOD, "/robots.txt", ex -> {
            ex.getResponseHeaders().add("Location", "/robots.txt?again=" + System.nanoTime());
            ex.sendResponseHeaders(301, -1);
        });
        web.handle(GOOD, "/robots.txt?*", ex -> {
            ex.getResponseHeaders().add("Location", "/robots.txt?again=" + System.nanoTime());
            ex.sendResponseHeaders(301, -1);
        });
        Crawler c = crawl(options(BAD, GOOD), BAD, GOOD);
        assertEquals(Map.of("too many redirects", 2L), c.stats().skippedCounts());
        assertEquals(List.of("/r/0", "/r/1", "/r/2", "/r/3", "/r/4", "/r/5"),
                web.paths(BAD).stream().filter(p -> p.startsWith("/r/")).toList());
        assertEquals(6, web.paths(BAD).stream().filter(p -> p.startsWith("/loop-")).count());
        assertEquals(6, web.paths(GOOD).stream().filter(p -> p.startsWith("/robots.txt")).count());
        assertEquals(Map.of("robots.txt: more than 5 redirects (read as allow all)", 1L), c.stats().limitCounts());
        Map<String, String> t = titles(tmp.resolve("state"));
        assertEquals("Fine page", t.get("hostile-fixture.com/fine"));
        assertEquals("B of good-fixture.com", t.get("good-fixture.com/b"));
        assertEquals(5, t.size());
    }

    static byte[] gzipOfZeros(long n) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buf)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = n; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
        return buf.toByteArray();
    }

    @Test
    void gzipBombIsCutAtMaxBytesAfterDecoding() throws Exception {
        hostileHome("/bomb");
        byte[] bomb = gzipOfZeros(200L << 20); // 200 MB of zeros, about 200 KB compressed
        assertTrue(bomb.length < 1_000_000, "compressed below --max-bytes, so only the decoded size can stop it");
        web.addBytes(BAD, "/bomb", 200, "text/html", bomb, Map.of("Content-Encoding", "gzip"), 0);
        // a sitemap sent gzipped as is (no Content-Encoding), as .xml.gz files are: the same bound after gunzip
        web.robots(BAD, "User-agent: *\nAllow: /\nSitemap: http://" + BAD + ":PORT/sitemap.xml.gz\n");
        web.addBytes(BAD, "/sitemap.xml.gz", 200, "application/x-gzip", bomb, Map.of(), 0);
        Crawler c = crawl(options(BAD), BAD);
        assertEquals(Map.of("too large", 1L), c.stats().skippedCounts());
        assertEquals(Map.of("sitemap not read (too large)", 1L), c.stats().limitCounts());
        assertEquals(Map.of("hostile-fixture.com/", "Hostile home", "hostile-fixture.com/fine", "Fine page"),
                titles(tmp.resolve("state")));
    }

    @Test
    void hugeHeadersFailThatRequestOnly() throws Exception {
        hostileHome("/big-header", "/many-headers");
        web.handle(BAD, "/big-header", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.getResponseHeaders().add("X-Filler", "a".repeat(10 << 20)); // one 10 MB header
            ex.sendResponseHeaders(200, -1);
        });
        web.handle(BAD, "/many-headers", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            for (int i = 0; i < 5000; i++) {
                ex.getResponseHeaders().add("X-Filler-" + i, "b".repeat(2000)); // 10 MB in 5,000 short headers
            }
            ex.sendResponseHeaders(200, -1);
        });
        Crawler c = crawl(options(BAD), BAD);
        assertEquals(Map.of("header too large", 2L), c.stats().skippedCounts());
        assertEquals(Map.of("hostile-fixture.com/", "Hostile home", "hostile-fixture.com/fine", "Fine page"),
                titles(tmp.resolve("state")));
    }

    @Test
    void invalidAndLyingCharsetsStillDecode() throws Exception {
        hostileHome("/unknown", "/illegal", "/lie-utf8", "/bom", "/meta-utf16");
        Charset cp1252 = Charset.forName("windows-1252");
        String page = "<html><head><title>Caf\u00e9 cr\u00e8me</title></head><body>x</body></html>";
        // a charset no JVM knows: UTF-8 (the bytes are UTF-8)
        web.addBytes(BAD, "/unknown", 200, "text/html; charset=x-no-such-charset", page.getBytes(StandardCharsets.UTF_8),
                Map.of(), 0);
        // a name that is not even a legal charset name
        web.addBytes(BAD, "/illegal", 200, "text/html; charset=\"\u00e9\u00e9 bad//name\"",
                page.getBytes(StandardCharsets.UTF_8), Map.of(), 0);
        // says UTF-8, is windows-1252: the bytes are not valid UTF-8, so windows-1252 is used
        web.addBytes(BAD, "/lie-utf8", 200, "text/html; charset=utf-8", page.getBytes(cp1252), Map.of(), 0);
        // says windows-1252, starts with a UTF-8 byte-order mark: the mark wins
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        bom.write(page.getBytes(StandardCharsets.UTF_8));
        web.addBytes(BAD, "/bom", 200, "text/html; charset=windows-1252", bom.toByteArray(), Map.of(), 0);
        // a <meta charset="utf-16"> in an ASCII-compatible page: read as UTF-8, as browsers do
        web.addBytes(BAD, "/meta-utf16", 200, "text/html", ("<html><head><meta charset=\"utf-16\">"
                + page.substring("<html><head>".length())).getBytes(StandardCharsets.UTF_8), Map.of(), 0);
        Crawler c = crawl(options(BAD), BAD);
        assertEquals(Map.of(), c.stats().skippedCounts());
        Map<String, String> t = titles(tmp.resolve("state"));
        for (String p : List.of("/unknown", "/illegal", "/lie-utf8", "/bom", "/meta-utf16")) {
            assertEquals("Caf\u00e9 cr\u00e8me", t.get(BAD + p), p);
        }
        assertEquals(7, t.size());
    }

    /** A robots.txt of {@code size} bytes: rules, comment filler, and a rule at the very end. */
    static CompletableFuture<Long> hugeRobots(FixtureWeb web, String host, long size) {
        CompletableFuture<Long> sent = new CompletableFuture<>();
        web.handle(host, "/robots.txt", ex -> {
            long n = 0;
            try {
                byte[] head = "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.US_ASCII);
                byte[] tail = "User-agent: *\nDisallow: /late/\n".getBytes(StandardCharsets.US_ASCII);
                byte[] filler = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.US_ASCII);
                ex.getResponseHeaders().add("Content-Type", "text/plain");
                ex.sendResponseHeaders(200, size);
                OutputStream out = ex.getResponseBody();
                out.write(head);
                n += head.length;
                while (n + filler.length <= size - tail.length) {
                    out.write(filler);
                    n += filler.length;
                }
                out.write(tail, 0, (int) (size - n));
                n = size;
                out.close();
            } catch (IOException e) {
                // the crawler hung up
            } finally {
                sent.complete(n);
            }
        });
        return sent;
    }

    @Test
    void fiftyMegabyteRobotsTxtIsReadUpToItsLimit() throws Exception {
        hostileHome("/private/x", "/late/x");
        web.page(BAD, "/private/x", "<html><head><title>Private</title></head><body>p</body></html>");
        web.page(BAD, "/late/x", "<html><head><title>Late</title></head><body>l</body></html>");
        long size = 50L << 20;
        CompletableFuture<Long> sent = hugeRobots(web, BAD, size);
        Crawler c = crawl(options(BAD), BAD);
        // the rule before the cut is obeyed; the one 50 MB further down was never read
        assertEquals(Map.of("hostile-fixture.com/", "Hostile home", "hostile-fixture.com/fine", "Fine page",
                "hostile-fixture.com/late/x", "Late"), titles(tmp.resolve("state")));
        assertEquals(Map.of("robots", 1L), c.stats().skippedCounts());
        assertEquals(Map.of("robots.txt cut at 512 KiB", 1L), c.stats().limitCounts());
        // the connection was dropped at the cut: the server could not send the whole file
        assertTrue(sent.get(60, TimeUnit.SECONDS) < size, "robots.txt was not read to its end");
    }

    static String sitemapIndex(FixtureWeb web, String host, String... children) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String c : children) {
            sb.append("<sitemap><loc>").append(web.url(host, c)).append("</loc></sitemap>\n");
        }
        return sb.append("</sitemapindex>\n").toString();
    }

    @Test
    void sitemapLoopsAndChainsAreReadOnceAndBounded() throws Exception {
        hostileHome();
        web.robots(BAD, "User-agent: *\nAllow: /\nSitemap: http://" + BAD + ":PORT/sitemap-index.xml\n");
        // the index names itself and /sm-a.xml; /sm-a.xml names the index again (a cycle) and /sm-b.xml
        web.add(BAD, "/sitemap-index.xml", 200, "application/xml",
                sitemapIndex(web, BAD, "/sitemap-index.xml", "/sm-a.xml"), Map.of());
        web.add(BAD, "/sm-a.xml", 200, "application/xml", sitemapIndex(web, BAD, "/sitemap-index.xml", "/sm-b.xml"),
                Map.of());
        web.add(BAD, "/sm-b.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>URL</loc></url>
                </urlset>""".replace("URL", web.url(BAD, "/from-sitemap")), Map.of());
        web.page(BAD, "/from-sitemap", "<html><head><title>From the sitemap</title></head><body>s</body></html>");
        // a second site whose sitemap index leads on forever (/chain/1.xml names /chain/2.xml, ...)
        web.robots(GOOD, "User-agent: *\nAllow: /\nSitemap: http://" + GOOD + ":PORT/chain/0.xml\n");
        web.handle(GOOD, "/chain/*", ex -> {
            String p = ex.getRequestURI().getPath();
            int n = Integer.parseInt(p.substring("/chain/".length(), p.length() - ".xml".length()));
            byte[] body = sitemapIndex(web, GOOD, "/chain/" + (n + 1) + ".xml").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        });
        Crawler c = crawl(options(BAD, GOOD), BAD, GOOD);
        List<String> sitemaps = new ArrayList<>(web.paths(BAD).stream().filter(p -> p.endsWith(".xml")).toList());
        assertEquals(List.of("/sitemap-index.xml", "/sm-a.xml", "/sm-b.xml"), sitemaps, "each sitemap read once");
        assertEquals(List.of("/chain/0.xml", "/chain/1.xml", "/chain/2.xml", "/chain/3.xml", "/chain/4.xml"),
                web.paths(GOOD).stream().filter(p -> p.startsWith("/chain/")).toList());
        assertEquals(Map.of("sitemap loop (an index names a sitemap already read)", 2L,
                "sitemaps over the limit of 5 a site", 1L), c.stats().limitCounts());
        Map<String, String> t = titles(tmp.resolve("state"));
        assertEquals("From the sitemap", t.get("hostile-fixture.com/from-sitemap"));
        assertEquals("B of good-fixture.com", t.get("good-fixture.com/b"));
        assertEquals(Map.of(), c.stats().skippedCounts());
    }

    @Test
    void oneHostileSiteAmongCalmOnes() throws Exception {
        hostileHome("/drip", "/bomb", "/big-header", "/r/0", "/charset");
        CompletableFuture<Long> robotsSent = hugeRobots(web, BAD, 50L << 20);
        drip(web, BAD, "/drip");
        web.addBytes(BAD, "/bomb", 200, "text/html", gzipOfZeros(100L << 20), Map.of("Content-Encoding", "gzip"), 0);
        web.handle(BAD, "/big-header", ex -> {
            ex.getResponseHeaders().add("X-Filler", "a".repeat(10 << 20));
            ex.sendResponseHeaders(200, -1);
        });
        web.handle(BAD, "/r/*", ex -> {
            ex.getResponseHeaders().add("Location", ex.getRequestURI().getPath() + "/again");
            ex.sendResponseHeaders(302, -1);
        });
        web.addBytes(BAD, "/charset", 200, "text/html; charset=bogus", "<title>Bogus charset</title>"
                .getBytes(StandardCharsets.UTF_8), Map.of(), 0);
        Crawler.Options o = options(BAD, GOOD, GOOD2);
        Crawler c = crawl(o, GOOD, BAD, GOOD2);
        Map<String, String> t = titles(tmp.resolve("state"));
        Map<String, String> calm = new TreeMap<>(t);
        calm.keySet().removeIf(k -> k.startsWith(BAD));
        assertEquals(Map.of("calm-fixture.org/", "Home of calm-fixture.org", "calm-fixture.org/a", "A of calm-fixture.org",
                "calm-fixture.org/b", "B of calm-fixture.org", "good-fixture.com/", "Home of good-fixture.com",
                "good-fixture.com/a", "A of good-fixture.com", "good-fixture.com/b", "B of good-fixture.com"), calm);
        assertEquals("Fine page", t.get(BAD + "/fine"));
        assertEquals("Bogus charset", t.get(BAD + "/charset"));
        assertEquals(Map.of("header too large", 1L, "timeout", 1L, "too large", 1L, "too many redirects", 1L),
                c.stats().skippedCounts());
        assertEquals(Map.of("robots.txt cut at 512 KiB", 1L), c.stats().limitCounts());
        assertEquals(Map.of(), c.stats().siteProblems);
        assertEquals(3L, c.stats().sitesDone.get());
        assertTrue(robotsSent.get(60, TimeUnit.SECONDS) < 50L << 20);
        // the crawl's report says it by reason
        String summary = CrawlCommand.summary(c.stats());
        assertTrue(summary.contains("""
                not indexed (by reason):
                         1  header too large
                         1  timeout
                         1  too large
                         1  too many redirects
                limits reached (by reason; the crawl went on):
                         1  robots.txt cut at 512 KiB"""), summary);
    }
}
