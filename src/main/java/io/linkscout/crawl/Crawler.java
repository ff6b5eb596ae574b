package io.linkscout.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import io.linkscout.ingest.HtmlExtractor;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.WarcInputReader;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.netpreserve.jwarc.MediaType;

/**
 * Crawls a bounded set of pages per site, politely and safely, and keeps everything in a {@link CrawlLog}.
 *
 * <p>A site is a registrable domain ({@link Domains}); seeds of one domain share one site. Each site is crawled
 * by one worker at a time, so there is never more than one connection per host; {@code concurrency} sites are
 * crawled at once. Per site: robots.txt of each origin first (cached, see {@link #robots}); then its sitemaps;
 * then pages in {@link UrlPriority} order until the page budget, the depth bound or the frontier runs out.
 * Between two requests to a host the crawler waits {@code max(delay, robots Crawl-delay)} (Crawl-delay capped
 * at {@code maxCrawlDelayMillis}), counted from the end of the previous request. Redirects are followed by the
 * crawler itself, up to {@code maxRedirects} hops, only within the site, each hop checked against robots.txt and
 * (through the resolver) the address policy. Links leaving the site are recorded on the page but not followed.
 */
public final class Crawler {

    /** Settings (CLI options). */
    public static final class Options {
        public int maxPagesPerSite = 30;
        public int maxDepth = 3;
        public int concurrency = 4;
        public long delayMillis = 1000;
        public long maxCrawlDelayMillis = 30_000;
        public String userAgent = "LinkScout/0.1 (+https://github.com/linkscout/linkscout)";
        public long maxBytes = 5L << 20;
        public long timeoutMillis = 20_000;
        public int maxRedirects = 5;
        public int maxSitemapFetches = 5;
        public int maxSitemapUrls = 500;
        public AddressPolicy policy = AddressPolicy.defaults();
        public HostResolver resolver = HostResolver.SYSTEM;
        public Path stateDir;
        public Path warcDir;
        /** Stop taking new URLs after this many requests in this run (tests; 0 = no limit). */
        public long stopAfterRequests;

        /** A note for the start line when private addresses are allowed. */
        public String allowPrivateNote() {
            return policy.allowsPrivate() ? " (private addresses allowed)" : "";
        }
    }

    /** Live counters (read by the progress display) and the outcome of a run. */
    public static final class Stats {
        public final AtomicLong sitesTotal = new AtomicLong();
        public final AtomicLong sitesDone = new AtomicLong();
        /** HTML pages fetched in this run. */
        public final AtomicLong pages = new AtomicLong();
        /** HTTP requests made in this run (pages, redirect hops, robots.txt, sitemaps). */
        public final AtomicLong requests = new AtomicLong();
        /** Pages fetched in earlier runs of the same state. */
        public final AtomicLong pagesBefore = new AtomicLong();
        public final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
        /**
         * Limits a site ran into that did not stop its crawl (a robots.txt cut at {@link #ROBOTS_MAX_BYTES}, a
         * sitemap loop, more sitemaps than {@link Options#maxSitemapFetches}, ...), counted by reason.
         */
        public final Map<String, LongAdder> limits = new ConcurrentHashMap<>();
        /** Sites that could not be crawled at all, with the reason (e.g. a refused private address). */
        public final Map<String, String> siteProblems = new ConcurrentHashMap<>();
        public final long startNanos = System.nanoTime();

        void skip(String kind) {
            skipped.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void limit(String kind) {
            limits.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        public Map<String, Long> skippedCounts() {
            return counts(skipped);
        }

        public Map<String, Long> limitCounts() {
            return counts(limits);
        }

        private static Map<String, Long> counts(Map<String, LongAdder> adders) {
            Map<String, Long> m = new TreeMap<>();
            adders.forEach((k, v) -> {
                if (v.sum() != 0) {
                    m.put(k, v.sum());
                }
            });
            return m;
        }
    }

    /**
     * The part of a robots.txt read and parsed (RFC 9309 asks for at least 500 KiB); a longer one is cut here, its
     * rules up to the cut obeyed, and the cut counted as a limit ({@code robots.txt cut at 512 KiB}).
     */
    public static final int ROBOTS_MAX_BYTES = 512 * 1024;

    private static final Pattern NON_HTML_EXT = Pattern.compile(
            "\\.(?:pdf|jpe?g|png|gif|webp|svg|ico|bmp|tiff?|zip|gz|tgz|bz2|xz|7z|rar|tar|mp[34]|m4a|wav|avi|mov|mkv|"
                    + "webm|ogg|css|js|json|xml|rss|atom|txt|csv|xlsx?|docx?|pptx?|odt|exe|dmg|apk|woff2?|ttf|eot)$",
            Pattern.CASE_INSENSITIVE);

    private final Options opt;
    private final Stats stats = new Stats();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final HtmlExtractor extractor = new HtmlExtractor();

    public Crawler(Options options) {
        this.opt = options;
    }

    public Stats stats() {
        return stats;
    }

    /** Asks the crawl to stop: requests in flight finish and are logged, no new ones start. */
    public void stop() {
        stop.set(true);
    }

    /** A URL waiting in a site's frontier. */
    record Candidate(String url, int depth, int score) {
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::score).reversed()
            .thenComparingInt(Candidate::depth).thenComparing(Candidate::url);

    /** What is known about one site (rebuilt from the log on resume). */
    static final class Site {
        final String name;
        final List<String> seeds = new ArrayList<>();
        final Set<String> bareSeeds = new HashSet<>();
        final Set<String> fetched = new HashSet<>();
        final Set<String> queued = new HashSet<>();
        final PriorityQueue<Candidate> frontier = new PriorityQueue<>(ORDER);
        final Map<String, BaseRobotRules> robots = new HashMap<>();
        final Map<String, CrawlLog.Event> sitemaps = new LinkedHashMap<>();
        boolean sitemapsDone;
        int requests;
        int pages;

        Site(String name) {
            this.name = name;
        }
    }

    /** Crawls the seeds. Returns the run's statistics; the pages are in the log (see {@link #pages}). */
    public Stats crawl(List<Seeds.Seed> seeds) throws IOException {
        Map<String, Site> sites = new TreeMap<>();
        for (Seeds.Seed s : seeds) {
            Site site = sites.computeIfAbsent(s.site(), Site::new);
            site.seeds.add(s.url());
            if (s.bare()) {
                site.bareSeeds.add(s.url());
            }
        }
        Map<String, String> robotsBodies = new HashMap<>();
        Map<String, Integer> robotsStatus = new HashMap<>();
        CrawlLog.replay(opt.stateDir, e -> {
            switch (e.type()) {
                case "robots" -> {
                    robotsBodies.put(e.origin(), e.body());
                    robotsStatus.put(e.origin(), e.status());
                }
                case "sitemap" -> {
                    Site s = sites.get(e.site());
                    if (s != null) {
                        s.sitemaps.put(e.url(), e);
                    }
                }
                case "sitemaps-done" -> {
                    Site s = sites.get(e.site());
                    if (s != null) {
                        s.sitemapsDone = true;
                    }
                }
                case "page" -> {
                    Site s = sites.get(e.site());
                    if (s != null) {
                        s.fetched.add(e.url());
                        if (e.fetched() != null) {
                            s.fetched.addAll(e.fetched());
                            s.requests++;
                        }
                        if (e.page() != null) {
                            s.fetched.add(e.page().url());
                            s.pages++;
                            stats.pagesBefore.incrementAndGet();
                        }
                    }
                }
                default -> {
                }
            }
        });
        SimpleRobotRulesParser parser = robotsParser();
        for (Site s : sites.values()) {
            for (Map.Entry<String, String> r : robotsBodies.entrySet()) {
                if (s.name.equals(siteOf(r.getKey() + "/"))) {
                    s.robots.put(r.getKey(), rulesFor(parser, r.getKey(), robotsStatus.get(r.getKey()), r.getValue()));
                }
            }
        }
        // the frontier: seeds, sitemap URLs and the links of fetched pages, minus what was fetched
        CrawlLog.replay(opt.stateDir, e -> {
            Site s = e.type().equals("page") ? sites.get(e.site()) : null;
            if (s != null && e.page() != null) {
                enqueueLinks(s, e.page(), e.depth() == null ? 0 : e.depth());
            }
            if (s != null && e.children() != null) {
                int depth = e.depth() == null ? 0 : e.depth();
                for (String next : e.children()) {
                    enqueue(s, new Candidate(next, depth, UrlPriority.link(next, "", depth)));
                }
            }
        });
        for (Site s : sites.values()) {
            for (String seed : s.seeds) {
                enqueue(s, new Candidate(seed, 0, UrlPriority.link(seed, "", 0)));
            }
            if (s.sitemapsDone) {
                enqueueSitemapUrls(s);
            }
        }
        stats.sitesTotal.set(sites.size());
        try (CrawlLog log = CrawlLog.open(opt.stateDir);
                HttpFetcher fetcher = new HttpFetcher(opt.resolver, opt.policy, opt.userAgent, opt.timeoutMillis,
                        opt.concurrency * 2);
                WarcOutput warc = opt.warcDir == null ? null : new WarcOutput(opt.warcDir)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, opt.concurrency), r -> {
                Thread t = new Thread(r, "linkscout-crawl");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Site s : sites.values()) {
                    futures.add(pool.submit(() -> {
                        try {
                            new SiteCrawl(s, log, fetcher, warc, parser).run();
                        } finally {
                            stats.sitesDone.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stop();
                        throw new IOException("interrupted", e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        stop();
                        if (e.getCause() instanceof IOException io) {
                            throw io;
                        }
                        if (e.getCause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new IOException(e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return stats;
    }

    /** Every page record of a crawl state, in log order (a URL fetched twice: the last one). */
    public static List<PageRecord> pages(Path stateDir) throws IOException {
        List<PageRecord> out = new ArrayList<>();
        forEachPage(stateDir, out::add);
        return out;
    }

    /**
     * Streams the page records of a crawl state in log order, without holding them in memory (two passes: the
     * first finds the last record of each URL, the second hands those on).
     */
    public static long forEachPage(Path stateDir, java.util.function.Consumer<PageRecord> to) throws IOException {
        Map<String, Long> last = new HashMap<>();
        long[] n = {0};
        CrawlLog.replay(stateDir, e -> {
            n[0]++;
            if (e.type().equals("page") && e.page() != null) {
                last.put(e.page().url(), n[0]);
            }
        });
        long[] m = {0};
        long[] emitted = {0};
        CrawlLog.replay(stateDir, e -> {
            m[0]++;
            if (e.type().equals("page") && e.page() != null && last.get(e.page().url()) == m[0]) {
                to.accept(e.page());
                emitted[0]++;
            }
        });
        return emitted[0];
    }

    static SimpleRobotRulesParser robotsParser() {
        SimpleRobotRulesParser p = new SimpleRobotRulesParser();
        p.setMaxCrawlDelay(Long.MAX_VALUE); // capped by maxCrawlDelayMillis instead of disallowing the site
        return p;
    }

    /** Robots product token: the User-Agent's first word without version ("LinkScout"). */
    static String robotName(String userAgent) {
        String ua = userAgent.strip();
        int end = 0;
        while (end < ua.length() && (Character.isLetterOrDigit(ua.charAt(end)) || ua.charAt(end) == '-'
                || ua.charAt(end) == '_')) {
            end++;
        }
        return end == 0 ? "linkscout" : ua.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private BaseRobotRules rulesFor(SimpleRobotRulesParser parser, String origin, int status, String body) {
        return rulesFor(parser, opt.userAgent, origin, status, body);
    }

    /**
     * A robots.txt body as text (UTF-8, RFC 9309); when it was cut at {@link #ROBOTS_MAX_BYTES}, the last,
     * partial line is dropped so that no rule is read half.
     */
    static String robotsText(HttpFetcher.Response resp) {
        byte[] b = resp.body();
        int end = b.length;
        if (resp.truncated()) {
            while (end > 0 && b[end - 1] != '\n') {
                end--;
            }
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

        /** robots.txt rules from its answer: 2xx = its rules for our agent token, anything else here = allow all. */
    static BaseRobotRules rulesFor(SimpleRobotRulesParser parser, String userAgent, String origin, int status,
            String body) {
        if (status >= 200 && status < 300) {
            return parser.parseContent(origin + "/robots.txt", body == null ? new byte[0]
                    : body.getBytes(StandardCharsets.UTF_8), "text/plain", List.of(robotName(userAgent)));
        }
        return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
    }

    static String siteOf(String url) {
        String host = UrlNormalizer.host(url);
        return host == null ? null : Domains.registrableDomain(host);
    }

    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private void enqueue(Site s, Candidate c) {
        if (c.depth() > opt.maxDepth || s.fetched.contains(c.url()) || !s.queued.add(c.url())) {
            return;
        }
        s.frontier.add(c);
    }

    private void enqueueLinks(Site s, PageRecord page, int depth) {
        if (depth + 1 > opt.maxDepth) {
            return;
        }
        for (Link l : page.links()) {
            if (s.name.equals(siteOf(l.url()))) {
                enqueue(s, new Candidate(l.url(), depth + 1, UrlPriority.link(l.url(), l.anchor(), depth + 1)));
            }
        }
    }

    private void enqueueSitemapUrls(Site s) {
        List<CrawlLog.SitemapUrl> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CrawlLog.Event e : s.sitemaps.values()) {
            if (e.urls() != null) {
                for (CrawlLog.SitemapUrl u : e.urls()) {
                    if (seen.add(u.url())) {
                        all.add(u);
                    }
                }
            }
        }
        // newest first; entries without lastmod after dated ones; then by URL
        all.sort(Comparator.comparing((CrawlLog.SitemapUrl u) -> u.lastmod() == null ? "" : u.lastmod(),
                Comparator.reverseOrder()).thenComparing(CrawlLog.SitemapUrl::url));
        for (int i = 0; i < all.size(); i++) {
            String u = all.get(i).url();
            enqueue(s, new Candidate(u, 1, UrlPriority.sitemap(u, i)));
        }
    }

    /** One site's crawl, run by one worker. */
    private final class SiteCrawl {
        final Site s;
        final CrawlLog log;
        final HttpFetcher fetcher;
        final WarcOutput warc;
        final SimpleRobotRulesParser parser;
        final Map<String, Long> nextAllowed = new HashMap<>();
        final Map<String, Long> hostDelay = new HashMap<>();
        final Set<String> robotsFailed = new HashSet<>();
        final Map<String, String> robotsFailKind = new HashMap<>();

        SiteCrawl(Site s, CrawlLog log, HttpFetcher fetcher, WarcOutput warc, SimpleRobotRulesParser parser) {
            this.s = s;
            this.log = log;
            this.fetcher = fetcher;
            this.warc = warc;
            this.parser = parser;
        }

        void run() throws IOException, InterruptedException {
            if (s.requests >= opt.maxPagesPerSite) {
                return;
            }
            boolean any = false;
            for (int i = 0; i < s.seeds.size(); i++) {
                String seed = s.seeds.get(i);
                if (robots(origin(seed)) == null && s.bareSeeds.contains(seed) && seed.startsWith("https://")
                        && !stop.get() && Set.of("connection refused", "tls").contains(
                                robotsFailKind.get(origin(seed)))) {
                    // a bare domain without https: fall back to http (and take back the failure just reported)
                    stats.siteProblems.remove(s.name);
                    stats.skipped.get("robots.txt unreachable").decrement();
                    String https = seed;
                    s.frontier.removeIf(c -> c.url().equals(https));
                    seed = "http://" + https.substring("https://".length());
                    s.seeds.set(i, seed);
                    enqueue(s, new Candidate(seed, 0, UrlPriority.link(seed, "", 0)));
                }
                if (robots(origin(seed)) != null) {
                    any = true;
                } else if (stop.get()) {
                    return;
                }
            }
            if (!any) {
                return; // site refused or robots.txt unreachable: reported in siteProblems
            }
            if (!s.sitemapsDone) {
                sitemaps();
                if (stop.get()) {
                    return;
                }
                log.append(new CrawlLog.Event("sitemaps-done", s.name, null, null, null, null, null, null, null,
                        null, null, null, null));
                s.sitemapsDone = true;
                enqueueSitemapUrls(s);
            }
            while (s.requests < opt.maxPagesPerSite && !s.frontier.isEmpty() && !stop.get()) {
                Candidate c = s.frontier.poll();
                if (s.fetched.contains(c.url())) {
                    continue;
                }
                if (NON_HTML_EXT.matcher(URI.create(c.url()).getRawPath() == null ? ""
                        : URI.create(c.url()).getRawPath()).find()) {
                    stats.skip("non-html (by extension)");
                    continue;
                }
                fetchPage(c);
            }
        }

        /** Rules for an origin, fetching robots.txt once; {@code null} when the origin must not be crawled. */
        BaseRobotRules robots(String origin) throws IOException, InterruptedException {
            BaseRobotRules r = s.robots.get(origin);
            if (r != null) {
                return r;
            }
            if (robotsFailed.contains(origin)) {
                return null;
            }
            String url = origin + "/robots.txt";
            HttpFetcher.Response resp = null;
            String failure = null;
            String kind = null;
            for (int hop = 0; hop <= opt.maxRedirects && !stop.get(); hop++) {
                if (!takeRequest()) {
                    return null;
                }
                try {
                    resp = request(url, ct -> true, ROBOTS_MAX_BYTES, true);
                } catch (HttpFetcher.FetchException e) {
                    failure = e.getMessage();
                    kind = e.kind;
                    break;
                }
                String loc = resp.header("Location");
                if (resp.status() >= 300 && resp.status() < 400 && loc != null) {
                    String next = UrlNormalizer.normalize(url, loc);
                    if (next == null) {
                        break;
                    }
                    url = next;
                    resp = null;
                    continue;
                }
                break;
            }
            if (stop.get() && resp == null && failure == null) {
                return null;
            }
            int status = resp == null ? (failure == null ? 404 : -1) : resp.status();
            if (failure != null || status >= 500 || status == 429) {
                // RFC 9309: an unreachable robots.txt means "disallow everything" for now; not logged, so the
                // next run asks again
                robotsFailed.add(origin);
                robotsFailKind.put(origin, kind == null ? "http" : kind);
                String why = failure != null ? failure : "HTTP " + status;
                if (kind != null && kind.equals("private address")) {
                    stats.skip("private address");
                    stats.siteProblems.putIfAbsent(s.name, why);
                } else {
                    stats.skip("robots.txt unreachable");
                    stats.siteProblems.putIfAbsent(s.name, "robots.txt unreachable (" + why + "): site skipped for this run, as "
                            + "RFC 9309 asks; run the crawl again later");
                }
                return null;
            }
            if (resp == null) {
                stats.limit("robots.txt: more than " + opt.maxRedirects + " redirects (read as allow all)");
            } else if (resp.truncated()) {
                stats.limit("robots.txt cut at " + ROBOTS_MAX_BYTES / 1024 + " KiB");
            }
            String body = status >= 200 && status < 300 ? robotsText(resp) : null;
            log.append(new CrawlLog.Event("robots", s.name, origin, null, null, null, status, null, null, body,
                    null, null, null));
            r = rulesFor(parser, origin, status, body);
            s.robots.put(origin, r);
            // the Crawl-delay applies from the robots.txt request on
            nextAllowed.put(origin, System.nanoTime() + delayFor(origin) * 1_000_000);
            return r;
        }

        void sitemaps() throws IOException, InterruptedException {
            List<String> todo = new ArrayList<>();
            for (String seed : s.seeds) {
                BaseRobotRules r = s.robots.get(origin(seed));
                if (r != null) {
                    for (String sm : r.getSitemaps()) {
                        String u = UrlNormalizer.normalize(sm);
                        if (u != null && s.name.equals(siteOf(u)) && !todo.contains(u)) {
                            todo.add(u);
                        }
                    }
                }
            }
            if (todo.isEmpty()) {
                for (String seed : s.seeds) {
                    String u = origin(seed) + "/sitemap.xml";
                    BaseRobotRules r = s.robots.get(origin(seed));
                    if (r != null && !todo.contains(u) && r.isAllowed(u)) {
                        todo.add(u);
                    }
                }
            }
            int fetches = 0;
            for (int i = 0; i < todo.size() && fetches < opt.maxSitemapFetches && !stop.get(); i++) {
                String url = todo.get(i);
                CrawlLog.Event done = s.sitemaps.get(url);
                if (done == null) {
                    if (!takeRequest()) {
                        return;
                    }
                    fetches++;
                    done = fetchSitemap(url);
                    if (Set.of("too large", "timeout", "header too large").contains(done.outcome())) {
                        stats.limit("sitemap not read (" + done.outcome() + ")");
                    }
                    s.sitemaps.put(url, done);
                    log.append(done);
                }
                if (done.children() != null) {
                    for (String c : done.children()) {
                        if (!todo.contains(c)) {
                            todo.add(c);
                        } else if (todo.indexOf(c) <= i) {
                            stats.limit("sitemap loop (an index names a sitemap already read)");
                        }
                    }
                }
            }
            if (fetches >= opt.maxSitemapFetches && todo.stream().anyMatch(u -> !s.sitemaps.containsKey(u))) {
                stats.limit("sitemaps over the limit of " + opt.maxSitemapFetches + " a site");
            }
        }

        CrawlLog.Event fetchSitemap(String url) throws InterruptedException {
            HttpFetcher.Response resp;
            try {
                resp = request(url, ct -> true);
            } catch (HttpFetcher.FetchException e) {
                return new CrawlLog.Event("sitemap", s.name, null, url, null, null, null, e.kind, e.getMessage(),
                        null, null, null, null);
            }
            if (resp.status() < 200 || resp.status() > 299) {
                return new CrawlLog.Event("sitemap", s.name, null, url, null, null, resp.status(), "http "
                        + resp.status(), null, null, null, null, null);
            }
            byte[] xml = resp.body();
            String type = resp.contentType().isEmpty() ? "text/xml" : resp.contentType();
            if (xml.length >= 2 && (xml[0] & 0xff) == 0x1f && (xml[1] & 0xff) == 0x8b) {
                // a .xml.gz sent as is: decompressed here under --max-bytes (the parser's own gunzip has no cap)
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(xml))) {
                    xml = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, opt.maxBytes + 1));
                } catch (IOException e) {
                    return new CrawlLog.Event("sitemap", s.name, null, url, null, null, resp.status(), "unparsable",
                            "broken gzip: " + e.getMessage(), null, null, null, null);
                }
                if (xml.length > opt.maxBytes) {
                    return new CrawlLog.Event("sitemap", s.name, null, url, null, null, resp.status(), "too large",
                            "larger than --max-bytes " + opt.maxBytes + " after gunzip", null, null, null, null);
                }
                type = "text/xml";
            }
            try {
                SiteMapParser p = new SiteMapParser(false);
                AbstractSiteMap sm = p.parseSiteMap(type, xml, new URL(url));
                List<CrawlLog.SitemapUrl> urls = new ArrayList<>();
                List<String> children = new ArrayList<>();
                if (sm instanceof SiteMapIndex idx) {
                    List<AbstractSiteMap> kids = new ArrayList<>(idx.getSitemaps());
                    kids.sort(Comparator.comparing((AbstractSiteMap k) -> k.getLastModified() == null ? 0L
                            : k.getLastModified().getTime(), Comparator.reverseOrder())
                            .thenComparing(k -> k.getUrl().toString()));
                    for (AbstractSiteMap k : kids) {
                        String u = UrlNormalizer.normalize(k.getUrl().toString());
                        if (u != null && s.name.equals(siteOf(u)) && !children.contains(u)) {
                            if (children.size() >= opt.maxSitemapFetches) {
                                stats.limit("sitemap index entries over the limit of " + opt.maxSitemapFetches);
                                break; // no more could be read anyway
                            }
                            children.add(u);
                        }
                    }
                } else if (sm instanceof SiteMap map) {
                    for (SiteMapURL su : map.getSiteMapUrls()) {
                        String u = UrlNormalizer.normalize(su.getUrl().toString());
                        if (u != null && s.name.equals(siteOf(u)) && urls.size() >= opt.maxSitemapUrls) {
                            stats.limit("sitemap URLs over the limit of " + opt.maxSitemapUrls + " a sitemap");
                            break;
                        }
                        if (u != null && s.name.equals(siteOf(u))) {
                            urls.add(new CrawlLog.SitemapUrl(u, su.getLastModified() == null ? null
                                    : su.getLastModified().toInstant().toString()));
                        }
                    }
                }
                return new CrawlLog.Event("sitemap", s.name, null, url, null, null, resp.status(), "ok", null, null,
                        urls, children, null);
            } catch (Exception e) {
                return new CrawlLog.Event("sitemap", s.name, null, url, null, null, resp.status(), "unparsable",
                        String.valueOf(e.getMessage()), null, null, null, null);
            }
        }

        void fetchPage(Candidate c) throws IOException, InterruptedException {
            String url = c.url();
            List<String> hops = new ArrayList<>();
            String outcome = null;
            String message = null;
            Integer status = null;
            PageRecord page = null;
            for (int hop = 0; ; hop++) {
                if (hop > opt.maxRedirects) {
                    outcome = "too many redirects";
                    message = "more than " + opt.maxRedirects + " redirects";
                    break;
                }
                BaseRobotRules rules = robots(origin(url));
                if (rules == null) {
                    outcome = robotsFailed.contains(origin(url)) ? "robots.txt unreachable" : null;
                    break;
                }
                if (!rules.isAllowed(url)) {
                    outcome = "robots";
                    message = "disallowed by robots.txt: " + url;
                    break;
                }
                if (hop > 0 && s.fetched.contains(url)) {
                    outcome = "redirect to a fetched page";
                    break;
                }
                if (!takeRequest()) {
                    break;
                }
                HttpFetcher.Response resp;
                try {
                    hops.add(url);
                    resp = request(url, Crawler::maybeHtml);
                } catch (HttpFetcher.FetchException e) {
                    outcome = e.kind;
                    message = e.getMessage();
                    break;
                }
                status = resp.status();
                String loc = resp.header("Location");
                if (status >= 300 && status < 400 && loc != null) {
                    String next = UrlNormalizer.normalize(url, loc);
                    if (next == null) {
                        outcome = "bad redirect";
                        message = "unusable Location: " + loc;
                        break;
                    }
                    if (!s.name.equals(siteOf(next))) {
                        try {
                            fetcher.checkTarget(next); // a refused address is reported as such
                        } catch (HttpFetcher.FetchException e) {
                            outcome = e.kind;
                            message = url + " redirects to " + next + ": " + e.getMessage();
                            break;
                        }
                        outcome = "redirect to another site";
                        message = url + " redirects to " + next + " (add that site as a seed to crawl it)";
                        break;
                    }
                    url = next;
                    continue;
                }
                if (status < 200 || status > 299) {
                    outcome = "http " + (status / 100) + "xx";
                    message = "HTTP " + status;
                    break;
                }
                MediaType type = null;
                try {
                    type = resp.contentType().isEmpty() ? null : MediaType.parse(resp.contentType());
                } catch (IllegalArgumentException e) {
                    type = null;
                }
                if (!WarcInputReader.isHtml(type, resp.body())) {
                    outcome = "non-html";
                    break;
                }
                String html = WarcInputReader.decode(resp.body(), type);
                page = WarcInputReader.pageOf(url, extractor.extract(url, html), resp.date().toString(),
                        "crawl " + resp.date());
                outcome = "ok";
                break;
            }
            if (hops.isEmpty() && outcome == null) {
                return; // stopped before the first request
            }
            List<String> pending = null;
            if (outcome == null) {
                // stopped inside a redirect chain: the next hop is kept so that the next run continues there
                outcome = "stopped";
                pending = List.of(url);
            }
            if (!hops.isEmpty()) {
                s.requests++;
            }
            s.fetched.add(c.url());
            s.fetched.addAll(hops);
            if (page != null) {
                s.fetched.add(page.url());
                s.pages++;
                stats.pages.incrementAndGet();
            } else {
                if (pending == null) {
                    stats.skip(outcome);
                } else {
                    enqueue(s, new Candidate(url, c.depth(), c.score()));
                }
                if (c.depth() == 0 && message != null && (outcome.equals("private address")
                        || outcome.equals("redirect to another site") || outcome.equals("dns")
                        || outcome.equals("connection refused"))) {
                    stats.siteProblems.putIfAbsent(s.name, message);
                }
            }
            log.append(new CrawlLog.Event("page", s.name, null, c.url(), hops.isEmpty() ? null : hops, c.depth(),
                    status, outcome, message, null, null, pending, page));
            if (page != null) {
                enqueueLinks(s, page, c.depth());
            }
        }

        /** Counts a request against this run's stop limit; {@code false} when the run must stop. */
        boolean takeRequest() {
            if (stop.get()) {
                return false;
            }
            long n = stats.requests.incrementAndGet();
            if (opt.stopAfterRequests > 0 && n > opt.stopAfterRequests) {
                stats.requests.decrementAndGet();
                stop();
                return false;
            }
            return true;
        }

        /** One polite request: waits for the host's delay, fetches, writes the WARC record. */
        HttpFetcher.Response request(String url, java.util.function.Predicate<String> accept)
                throws HttpFetcher.FetchException, InterruptedException {
            return request(url, accept, opt.maxBytes, false);
        }

        /** As {@link #request(String, java.util.function.Predicate)} with its own byte cap, cut or refused. */
        HttpFetcher.Response request(String url, java.util.function.Predicate<String> accept, long maxBytes,
                boolean truncate) throws HttpFetcher.FetchException, InterruptedException {
            String host = origin(url);
            long wait = nextAllowed.getOrDefault(host, 0L) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            try {
                HttpFetcher.Response r;
                try {
                    r = fetcher.get(url, maxBytes, accept, truncate);
                } catch (HttpFetcher.FetchException e) {
                    if (e.kind.equals("private address") || e.kind.equals("dns")) {
                        stats.requests.decrementAndGet(); // nothing was sent
                    }
                    throw e;
                }
                if (warc != null) {
                    try {
                        warc.write(r, opt.userAgent);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot write the WARC file: " + e.getMessage(), e);
                    }
                }
                return r;
            } finally {
                nextAllowed.put(host, System.nanoTime() + delayFor(host) * 1_000_000);
            }
        }

        long delayFor(String origin) {
            return Crawler.delayFor(s.robots.get(origin), opt);
        }
    }

    /** Least time between two requests to a host: {@code max(delay, robots Crawl-delay capped)}, in ms. */
    static long delayFor(BaseRobotRules r, Options opt) {
        long crawlDelay = r == null ? 0 : r.getCrawlDelay();
        if (crawlDelay < 0) {
            crawlDelay = 0; // unset
        }
        return Math.max(opt.delayMillis, Math.min(crawlDelay, opt.maxCrawlDelayMillis));
    }

    /** Content types whose body is read (HTML, or generic ones that are sniffed). */
    static boolean maybeHtml(String ct) {
        return ct.isEmpty() || ct.startsWith("text/html") || ct.startsWith("application/xhtml+xml")
                || ct.startsWith("application/octet-stream") || ct.startsWith("text/plain");
    }
}
