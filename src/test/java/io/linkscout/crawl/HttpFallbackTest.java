package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare-domain seed is tried on https first and falls back to http when nothing listens on 443. Needs port 80
 * on loopback (free, and bindable: root or CAP_NET_BIND_SERVICE) and nothing on 443; skipped otherwise.
 */
class HttpFallbackTest {

    @TempDir
    Path tmp;

    @Test
    void bareDomainFallsBackToHttp() throws IOException {
        assumeTrue(refused(443), "something listens on 127.0.0.1:443");
        FixtureWeb web;
        try {
            web = new FixtureWeb(80);
        } catch (IOException e) {
            assumeTrue(false, "cannot bind 127.0.0.1:80: " + e.getMessage());
            return;
        }
        try (web) {
            String h = "plain-fixture.com";
            web.robots(h, "User-agent: *\nAllow: /\n");
            web.page(h, "/", "<html><head><title>Plain</title></head><body><a href=\"/about\">About</a></body></html>");
            web.page(h, "/about", "<html><head><title>About plain</title></head><body>x</body></html>");
            Path seeds = tmp.resolve("seeds.txt");
            Files.writeString(seeds, "plain-fixture.com\n");
            Crawler.Options o = new Crawler.Options();
            o.delayMillis = 0;
            o.resolver = web.resolver(h);
            o.policy = AddressPolicy.allowAll();
            o.stateDir = tmp.resolve("state");
            Crawler c = new Crawler(o);
            c.crawl(Seeds.read(seeds));
            assertEquals(List.of("http://plain-fixture.com/", "http://plain-fixture.com/about"),
                    Crawler.pages(o.stateDir).stream().map(PageRecord::url).toList());
            assertEquals(java.util.Map.of(), c.stats().siteProblems);
            assertEquals(0L, c.stats().skippedCounts().getOrDefault("robots.txt unreachable", 0L));
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
