package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.linkscout.ingest.PageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits and HTTP handling: compression, charsets, size and time limits, non-HTML, cookies, User-Agent. */
class FetchSafetyTest {

    static final String HOST = "misc-fixture.com";

    @TempDir
    Path tmp;

    FixtureWeb web;

    @BeforeEach
    void start() throws IOException {
        web = new FixtureWeb();
        web.robots(HOST, "User-agent: *\nAllow: /\n");
        web.add(HOST, "/", 200, "text/html", """
                <html><head><title>Misc</title></head><body><a href="/gz">gz</a> <a href="/latin">latin</a>
                <a href="/big">big</a> <a href="/image">image</a> <a href="/slow">slow</a> <a href="/gone">gone</a>
                </body></html>""", Map.of("Set-Cookie", "session=secret; Path=/"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("<html><head><title>Compressed page</title></head><body>zip</body></html>"
                    .getBytes(StandardCharsets.UTF_8));
        }
        web.addBytes(HOST, "/gz", 200, "text/html", gz.toByteArray(), Map.of("Content-Encoding", "gzip"), 0);
        web.addBytes(HOST, "/latin", 200, "text/html",
                "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9 cr\u00e8me</title></head><body>x</body></html>"
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")), Map.of(), 0);
        web.page(HOST, "/big", "<html><body>" + "x".repeat(200_000) + "</body></html>");
        web.addBytes(HOST, "/image", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Map.of(), 0);
        web.addBytes(HOST, "/slow", 200, "text/html", "<html><body>late</body></html>"
                .getBytes(StandardCharsets.UTF_8), Map.of(), 3000);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void limitsAndHttpHandling() throws IOException {
        Crawler.Options o = new Crawler.Options();
        o.delayMillis = 0;
        o.timeoutMillis = 1000;
        o.maxBytes = 100_000;
        o.resolver = web.resolver(HOST);
        o.policy = AddressPolicy.allowAll();
        o.stateDir = tmp.resolve("state");
        o.userAgent = "LinkScout/0.1 (+https://example.org/bot)";
        Path seeds = tmp.resolve("seeds.txt");
        Files.writeString(seeds, web.url(HOST, "/") + "\n");
        Crawler c = new Crawler(o);
        c.crawl(Seeds.read(seeds));

        Map<String, String> titles = new TreeMap<>();
        for (PageRecord p : Crawler.pages(o.stateDir)) {
            titles.put(p.url().substring(p.url().lastIndexOf('/')), p.title());
        }
        assertEquals(Map.of("/", "Misc", "/gz", "Compressed page", "/latin", "Caf\u00e9 cr\u00e8me"), titles);
        assertEquals(Map.of("http 4xx", 1L, "non-html", 1L, "timeout", 1L, "too large", 1L),
                c.stats().skippedCounts());
        for (FixtureWeb.Req r : web.requests()) {
            assertEquals("LinkScout/0.1 (+https://example.org/bot)", r.userAgent());
            assertNull(r.cookie(), "no cookie is sent back");
        }
        assertEquals(List.of("gzip, x-gzip, deflate"), web.requests().stream().map(FixtureWeb.Req::acceptEncoding)
                .distinct().toList());
    }
}
