package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code crawl} through the packaged command line: exit codes and messages. */
@QuarkusMainTest
class CrawlCliTest {

    static final Path WORK = Path.of("target", "test-crawl-cli").toAbsolutePath();

    @BeforeAll
    static void clean() throws Exception {
        io.linkscout.api.ApiFixture.deleteRecursively(WORK); // no state of an earlier run may be resumed
        Files.createDirectories(WORK);
    }

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void badSeedLineIsNamedWithAFix(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(WORK);
        Path seeds = WORK.resolve("bad-seeds.txt");
        Files.writeString(seeds, "example.com\nnot a domain\n");
        LaunchResult r = launcher.launch("crawl", "--index", WORK.resolve("i1").toString(), "--seeds",
                seeds.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(all(r).contains(seeds + ":2: 'not a domain' is not a domain or URL"), all(r));
        assertTrue(all(r).contains("Fix: one domain (example.com) or http(s) URL a line"), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
    }

    @Test
    void loopbackSeedIsRefusedUnlessAllowed(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(WORK);
        try (FixtureWeb web = new FixtureWeb()) {
            web.robots("127.0.0.1", "User-agent: *\nAllow: /\n");
            web.page("127.0.0.1", "/", "<html><head><title>Intranet home</title></head><body>"
                    + "<a href=\"/contact\">Contact</a> ops [at] corp [dot] com</body></html>");
            web.page("127.0.0.1", "/contact", "<html><head><title>Contact</title></head><body>x</body></html>");
            Path seeds = WORK.resolve("local-seeds.txt");
            Files.writeString(seeds, "http://127.0.0.1:" + web.port() + "/\n");
            String index = WORK.resolve("i2").toString();
            LaunchResult refused = launcher.launch("crawl", "--index", index, "--seeds", seeds.toString());
            assertEquals(3, refused.exitCode(), all(refused));
            assertTrue(all(refused).contains("127.0.0.1: refused 127.0.0.1: it resolves to 127.0.0.1, a loopback "
                    + "address (127.0.0.0/8); LinkScout only crawls public addresses (use --allow-private to crawl "
                    + "an intranet)"), all(refused));
            assertTrue(all(refused).contains("error: no page could be fetched; the index was left as it was before"));
            assertEquals(List.of(), web.requests());

            LaunchResult ok = launcher.launch("crawl", "--index", index, "--seeds", seeds.toString(),
                    "--allow-private", "--delay", "0", "--contact", "https://example.org/about-our-bot");
            assertEquals(0, ok.exitCode(), all(ok));
            assertTrue(all(ok).contains("crawling 1 seed(s) as \"LinkScout/0.1 (+https://example.org/about-our-bot)\""),
                    all(ok));
            assertTrue(all(ok).contains("2 page(s) fetched in this run"), all(ok));
            assertTrue(all(ok).contains("ingested 2 page record(s)"), all(ok));
            assertEquals("LinkScout/0.1 (+https://example.org/about-our-bot)", web.requests().get(0).userAgent());
        }
    }
}
