package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl in a child JVM is killed (SIGKILL) while its third page request is in flight; the same crawl run again
 * fetches every other URL exactly once overall, and only the request that was in flight is repeated.
 */
class KilledCrawlResumeTest {

    @TempDir
    Path tmp;

    @Test
    void killedCrawlResumesAndRepeatsOnlyTheRequestInFlight() throws Exception {
        try (FixtureWeb web = new FixtureWeb()) {
            String h = "127.0.0.1";
            web.robots(h, "User-agent: *\nAllow: /\n");
            StringBuilder home = new StringBuilder("<html><body>");
            for (int i = 1; i <= 6; i++) {
                home.append("<a href=\"/p").append(i).append("\">page ").append(i).append("</a> ");
                web.page(h, "/p" + i, "<html><head><title>P" + i + "</title></head><body>p</body></html>");
            }
            web.page(h, "/", home.append("</body></html>").toString());
            Path state = tmp.resolve("state");
            Path seeds = tmp.resolve("seeds.txt");
            Files.writeString(seeds, "http://127.0.0.1:" + web.port() + "/\n");

            String java = ProcessHandle.current().info().command().orElse("java");
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path cpFile = tmp.resolve("cp.txt");
            Files.writeString(cpFile, "-cp \"" + cp.replace("\\", "\\\\") + "\"\n");
            Process child = new ProcessBuilder(java, "@" + cpFile, CrawlChild.class.getName(), state.toString(),
                    seeds.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                    .start();
            web.onRequest = r -> {
                if (r.path().equals("/p3")) {
                    child.destroyForcibly(); // SIGKILL while /p3 is being answered
                    try {
                        child.waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not end");
            web.onRequest = r -> { };
            List<String> before = web.paths(h);
            assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/p1", "/p2", "/p3"), before,
                    Files.readString(tmp.resolve("child.log")));

            Crawler.Options o = new Crawler.Options();
            o.delayMillis = 0;
            o.policy = AddressPolicy.allowAll();
            o.stateDir = state;
            new Crawler(o).crawl(Seeds.read(seeds));
            Map<String, Integer> counts = new TreeMap<>();
            for (String p : web.paths(h)) {
                counts.merge(p, 1, Integer::sum);
            }
            Map<String, Integer> expected = new TreeMap<>();
            for (String p : List.of("/robots.txt", "/sitemap.xml", "/", "/p1", "/p2", "/p4", "/p5", "/p6")) {
                expected.put(p, 1);
            }
            expected.put("/p3", 2);
            assertEquals(expected, counts);
            List<String> titles = new ArrayList<>();
            for (var p : Crawler.pages(state)) {
                titles.add(p.title());
            }
            assertEquals(List.of("", "P1", "P2", "P3", "P4", "P5", "P6"), titles);
        }
    }
}
