package io.linkscout.cli.bench;

import io.linkscout.crawl.AddressPolicy;
import io.linkscout.crawl.Crawler;
import io.linkscout.crawl.Seeds;
import io.linkscout.crawl.SyntheticSites;
import io.linkscout.url.Domains;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench crawl}: crawls synthetic sites served on loopback (see {@link SyntheticSites}) and prints
 * pages/s at the given concurrency and the peak heap. The per-host delay is 0 here (politeness delays would
 * only measure the delay); private addresses are allowed because the fixture is on loopback; names resolve
 * through a fixed table, never real DNS. The state (and WARC, with --warc) go to a temporary directory that is
 * deleted afterwards.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Crawl throughput against a local synthetic-site server: pages/s and peak heap.")
public class BenchCrawlCommand implements Callable<Integer> {

    @Option(names = "--sites", paramLabel = "N", defaultValue = "40", description = "Sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--pages-per-site", paramLabel = "N", defaultValue = "30",
            description = "--max-pages-per-site of the crawl (default: ${DEFAULT-VALUE}).")
    int pagesPerSite;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Sites crawled at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "20",
            description = "Server think time per response, like a real site's (default: ${DEFAULT-VALUE}).")
    long latency;

    @Option(names = "--warc", description = "Also write WARC files (measures their cost).")
    boolean warc;

    @Override
    public Integer call() throws Exception {
        if (sites < 1 || sites > 999 || pagesPerSite < 1 || concurrency < 1 || latency < 0) {
            throw new io.linkscout.error.UserException("--sites 1..999, --pages-per-site and --concurrency >= 1, "
                    + "--latency >= 0");
        }
        PrintStream out = System.out;
        Path tmp = Files.createTempDirectory("linkscout-bench-crawl");
        try (SyntheticSites web = new SyntheticSites(sites, 60, latency, Math.max(4, concurrency * 2))) {
            List<Seeds.Seed> seeds = new ArrayList<>();
            for (int i = 0; i < sites; i++) {
                seeds.add(new Seeds.Seed(web.seedUrl(i), Domains.registrableDomain(SyntheticSites.host(i)),
                        "bench:" + (i + 1)));
            }
            Crawler.Options o = new Crawler.Options();
            o.maxPagesPerSite = pagesPerSite;
            o.maxDepth = 3;
            o.concurrency = concurrency;
            o.delayMillis = 0;
            o.policy = AddressPolicy.allowAll();
            o.resolver = web.resolver();
            o.stateDir = tmp.resolve("state");
            o.warcDir = warc ? tmp.resolve("warc") : null;
            System.gc();
            long t0 = System.nanoTime();
            Crawler c = new Crawler(o);
            Crawler.Stats st = HeapPeak.during(() -> c.crawl(seeds));
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "bench crawl: %d sites x up to %d pages, concurrency %d, server latency %d ms, "
                    + "delay 0, WARC %s%n", sites, pagesPerSite, concurrency, latency, warc ? "on" : "off");
            out.printf(Locale.ROOT, "pages fetched: %d, requests: %d (robots.txt, sitemaps, pages), in %.2f s%n",
                    st.pages.get(), st.requests.get(), secs);
            out.printf(Locale.ROOT, "pages/s: %.1f   requests/s: %.1f   peak heap: %d MB (max %d MB)%n",
                    st.pages.get() / secs, st.requests.get() / secs, HeapPeak.mb(),
                    Runtime.getRuntime().maxMemory() >> 20);
            if (!st.skippedCounts().isEmpty()) {
                out.println("not indexed: " + st.skippedCounts());
            }
            out.printf(Locale.ROOT, "cores: %d; figures are inflated when other processes share the machine%n",
                    Runtime.getRuntime().availableProcessors());
        } finally {
            org.apache.lucene.util.IOUtils.rm(tmp);
        }
        return 0;
    }

}
