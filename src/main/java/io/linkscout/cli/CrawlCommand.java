package io.linkscout.cli;

import jakarta.inject.Inject;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.config.CrawlSettings;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.cli.common.TerminalProgress;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.crawl.AddressPolicy;
import io.linkscout.crawl.Crawler;
import io.linkscout.crawl.Seeds;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.index.IndexBuilder;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.ingest.IngestSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crawl --index DIR --seeds FILE}: fetches a bounded, prioritised set of pages per seed site, politely and
 * safely (see {@link Crawler}), then ingests every page the crawl state holds into the index in one commit.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Crawl prospect sites (robots.txt, sitemaps, useful pages first) and ingest the pages. "
                + "Run the same command again to resume.")
public class CrawlCommand implements Callable<Integer> {

    @Inject
    AuthoritySettings authority;

    @Inject
    CrawlSettings crawlSettings;

    @Mixin
    IndexOption index;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Option(names = "--seeds", required = true, paramLabel = "FILE",
            description = "Domains or URLs, one a line (# comments), or a CSV with a url/domain column.")
    Path seeds;

    @Option(names = "--max-pages-per-site", paramLabel = "N", defaultValue = "30",
            description = "Page requests per site (default: ${DEFAULT-VALUE}).")
    int maxPages;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "3",
            description = "Links followed from a seed (sitemap URLs count as 1; default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Sites crawled at once; one connection per host always (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "1",
            description = "Least time between two requests to a host; a longer robots.txt Crawl-delay wins, up to "
                    + "--max-crawl-delay (default: ${DEFAULT-VALUE}).")
    double delay;

    @Option(names = "--max-crawl-delay", paramLabel = "SECONDS", defaultValue = "30",
            description = "Cap on a robots.txt Crawl-delay (default: ${DEFAULT-VALUE}).")
    double maxCrawlDelay;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Limit per request: connect, each read, and the whole request (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--max-bytes", paramLabel = "BYTES", defaultValue = "5000000",
            description = "Largest response body read; larger pages are skipped (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--warc", paramLabel = "DIR", description = "Also write every response to WARC files in DIR.")
    Path warc;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Crawl state (frontier and fetched pages) for resuming (default: INDEX/crawl).")
    Path state;

    @Option(names = "--allow-private", description = "Allow loopback, private and other non-public addresses "
            + "(intranet crawls). Off by default.")
    boolean allowPrivate;

    @Option(names = "--user-agent", paramLabel = "UA",
            description = "Full User-Agent (default: linkscout.crawl.user-agent, else \"LinkScout/0.1 (+CONTACT)\").")
    String userAgent;

    @Option(names = "--contact", paramLabel = "URL",
            description = "Contact URL named in the User-Agent (default: linkscout.crawl.contact).")
    String contact;

    @Option(names = "--no-ingest", description = "Crawl only; ingest later with a crawl run or the WARC files.")
    boolean noIngest;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (maxPages < 1 || maxDepth < 0 || concurrency < 1 || delay < 0 || timeout <= 0 || maxBytes < 1024
                || maxCrawlDelay < 0) {
            throw new UserException("bad limits: --max-pages-per-site and --concurrency must be >= 1, --max-depth, "
                    + "--delay and --max-crawl-delay >= 0, --timeout > 0, --max-bytes >= 1024");
        }
        List<Seeds.Seed> seedList = Seeds.read(seeds);
        Crawler.Options o = new Crawler.Options();
        o.maxPagesPerSite = maxPages;
        o.maxDepth = maxDepth;
        o.concurrency = concurrency;
        o.delayMillis = Math.round(delay * 1000);
        o.maxCrawlDelayMillis = Math.round(maxCrawlDelay * 1000);
        o.timeoutMillis = Math.round(timeout * 1000);
        o.maxBytes = maxBytes;
        o.userAgent = userAgent(userAgent, contact);
        o.policy = allowPrivate ? AddressPolicy.allowAll() : AddressPolicy.defaults();
        o.stateDir = state != null ? state : index.layout().root().resolve("crawl");
        o.warcDir = warc;
        BackendResolver.Choice chosen = backend.resolve(backends);
        if (noIngest || !chosen.opensearch()) {
            return run(o, seedList, index.layout(), noIngest, err, AuthorityConfig.of(authority), null);
        }
        try (OpenSearchIndexWriter mirror = chosen.openWriter()) { // the cluster checked before the crawl
            return run(o, seedList, index.layout(), false, err, AuthorityConfig.of(authority), mirror);
        }
    }

    String userAgent(String ua, String contact) {
        if (ua != null && !ua.isBlank()) {
            return ua.strip();
        }
        String configured = crawlSettings.userAgent().orElse("");
        if (!configured.isBlank() && contact == null) {
            return configured.strip();
        }
        String c = contact != null ? contact : crawlSettings.contact();
        return "LinkScout/0.1 (+" + c.strip() + ")";
    }

    /** Crawls, prints progress and a summary, and ingests the crawl's pages (shared with tests). */
    public static int run(Crawler.Options o, List<Seeds.Seed> seedList, io.linkscout.index.IndexLayout layout,
            boolean noIngest, PrintStream err) throws Exception {
        return run(o, seedList, layout, noIngest, err, AuthorityConfig.DEFAULTS, null);
    }

    /**
     * As above, with the authority settings of the ingest that follows the crawl, and the OpenSearch writer that
     * publishes it too ({@code --backend opensearch}; null: the embedded index only).
     */
    public static int run(Crawler.Options o, List<Seeds.Seed> seedList, io.linkscout.index.IndexLayout layout,
            boolean noIngest, PrintStream err, AuthorityConfig authorityConfig, OpenSearchIndexWriter mirror)
            throws Exception {
        Crawler crawler = new Crawler(o);
        Crawler.Stats st = crawler.stats();
        err.printf(Locale.ROOT, "crawling %d seed(s) as \"%s\"; state in %s%s%n", seedList.size(), o.userAgent,
                o.stateDir, o.allowPrivateNote());
        Thread ticker = new Thread(() -> {
            boolean console = System.console() != null;
            long every = console ? 1000 : 10_000;
            try {
                while (true) {
                    Thread.sleep(every);
                    String line = progressLine(st);
                    if (console) {
                        err.print("\r\033[K" + line);
                    } else {
                        err.println(line);
                    }
                    err.flush();
                }
            } catch (InterruptedException e) {
                if (console) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        }, "linkscout-crawl-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            crawler.crawl(seedList);
        } finally {
            ticker.interrupt();
            ticker.join(2000);
        }
        err.println(summary(st));
        if (noIngest) {
            return 0;
        }
        if (Crawler.forEachPage(o.stateDir, p -> { }) == 0) {
            err.println("error: no page could be fetched; the index was left as it was before");
            return 3;
        }
        TerminalProgress progress = new TerminalProgress(err);
        IndexBuilder builder = new IndexBuilder(layout, Runtime.getRuntime().availableProcessors(), progress);
        builder.setAuthorityConfig(authorityConfig);
        builder.setMirror(mirror);
        IndexBuilder.Result r = builder.ingest((sink, report) -> {
            IngestSink s = progress.wrap(sink, report);
            Crawler.forEachPage(o.stateDir, p -> {
                report.pageRead();
                s.page(p);
            });
        });
        progress.done();
        err.println(IngestCommand.summary(r));
        if (mirror != null) {
            err.println("opensearch: " + mirror.summary());
        }
        return 0;
    }

    static String progressLine(Crawler.Stats st) {
        double secs = Math.max((System.nanoTime() - st.startNanos) / 1e9, 1e-3);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "crawl: sites %d/%d done, %d pages (%.1f/s), %d requests", st.sitesDone.get(), st.sitesTotal.get(),
                st.pages.get(), st.pages.get() / secs, st.requests.get()));
        Map<String, Long> sk = st.skippedCounts();
        if (!sk.isEmpty()) {
            sb.append(", not indexed: ");
            sk.forEach((k, v) -> sb.append(k).append(' ').append(v).append(", "));
            sb.setLength(sb.length() - 2);
        }
        return sb.toString();
    }

    /** The end-of-crawl summary: pages, what was not indexed and which limits cut something, by reason. */
    public static String summary(Crawler.Stats st) {
        double secs = Math.max((System.nanoTime() - st.startNanos) / 1e9, 1e-3);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "crawled %d site(s): %d page(s) fetched in this run with %d request(s) "
                + "in %.1f s (%.1f pages/s); %d page(s) from earlier runs of this state%n", st.sitesTotal.get(),
                st.pages.get(), st.requests.get(), secs, st.pages.get() / secs, st.pagesBefore.get()));
        Map<String, Long> sk = st.skippedCounts();
        if (!sk.isEmpty()) {
            sb.append("not indexed (by reason):\n");
            sk.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %8d  %s%n", v, k)));
        }
        Map<String, Long> limits = st.limitCounts();
        if (!limits.isEmpty()) {
            sb.append("limits reached (by reason; the crawl went on):\n");
            limits.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %8d  %s%n", v, k)));
        }
        if (!st.siteProblems.isEmpty()) {
            sb.append("sites not crawled:\n");
            new java.util.TreeMap<>(st.siteProblems).forEach((k, v) -> sb.append("  ").append(k).append(": ")
                    .append(v).append('\n'));
        }
        return sb.toString().stripTrailing();
    }
}
