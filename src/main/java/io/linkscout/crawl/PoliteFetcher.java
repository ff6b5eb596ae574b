package io.linkscout.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.linkscout.ingest.WarcInputReader;
import io.linkscout.url.UrlNormalizer;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netpreserve.jwarc.MediaType;

/**
 * Fetches single pages the way the crawler does, for jobs that re-read known pages (the won-link monitor): the same
 * {@link HttpFetcher} (address guard on every connection, timeouts, byte cap, no cookies), robots.txt read once per
 * origin and obeyed (an unreachable one, 5xx or 429, means "not now", as in the crawler), the least delay between
 * two requests to a host ({@code max(delay, Crawl-delay)}), and redirects followed by hand, up to
 * {@link Crawler.Options#maxRedirects} hops, each hop checked against robots.txt and the guard. Unlike the crawler
 * it follows a redirect to another site: the page a link sits on is wherever its URL ends up. One instance per run;
 * not thread-safe.
 */
public final class PoliteFetcher implements Closeable {

    /**
     * A fetched page.
     *
     * @param url     the URL asked for
     * @param hops    every URL requested, in order (the last is where the redirects ended)
     * @param status  the last HTTP status, or -1 when no answer came
     * @param outcome {@code ok} (a 2xx HTML page, {@code html} set), {@code http} (another status), {@code non-html},
     *                {@code robots} (disallowed), {@code robots.txt unreachable}, {@code too many redirects},
     *                {@code bad redirect}, or the fetcher's failure kind: {@code dns}, {@code timeout},
     *                {@code connection refused}, {@code private address}, {@code tls}, {@code too large}, {@code io},
     *                {@code bad url}
     * @param message what happened, for people (null for {@code ok})
     * @param headers the last response's headers ({@code [name, value]})
     */
    public record Page(String url, List<String> hops, int status, String reason, String outcome, String message,
            List<String[]> headers, String html) {

        /** Where the redirects ended (the URL itself without redirects). */
        public String finalUrl() {
            return hops.isEmpty() ? url : hops.getLast();
        }

        public boolean redirected() {
            return hops.size() > 1;
        }

        /** Every value of a response header (case-insensitive name), in order. */
        public List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }
    }

    private final Crawler.Options opt;
    private final HttpFetcher fetcher;
    private final SimpleRobotRulesParser parser = Crawler.robotsParser();
    private final Map<String, BaseRobotRules> robots = new HashMap<>();
    private final Map<String, String> robotsFailed = new HashMap<>();
    private final Map<String, String> robotsFailKind = new HashMap<>();
    private final Map<String, Long> nextAllowed = new HashMap<>();

    /** Uses the crawler's settings: policy, resolver, user agent, timeout, byte cap, delays, redirect limit. */
    public PoliteFetcher(Crawler.Options options) {
        this.opt = options;
        this.fetcher = new HttpFetcher(options.resolver, options.policy, options.userAgent, options.timeoutMillis, 2);
    }

    /** GETs a page politely; never throws for what the web does (the outcome says it). */
    public Page fetch(String url) throws InterruptedException {
        List<String> hops = new ArrayList<>();
        String current = url;
        for (int hop = 0; ; hop++) {
            if (hop > opt.maxRedirects) {
                return failed(url, hops, -1, "too many redirects", "more than " + opt.maxRedirects + " redirects");
            }
            String origin;
            try {
                origin = Crawler.origin(current);
            } catch (IllegalArgumentException e) {
                return failed(url, hops, -1, "bad url", "not a valid URL: " + current);
            }
            BaseRobotRules rules = robots(origin);
            if (rules == null) {
                String kind = robotsFailKind.get(origin);
                if (kind.equals("dns") || kind.equals("private address")) {
                    return failed(url, hops, -1, kind, robotsFailed.get(origin)); // the host itself is the problem
                }
                return failed(url, hops, -1, "robots.txt unreachable", origin + "/robots.txt could not be read ("
                        + robotsFailed.get(origin) + "): not fetched now, as RFC 9309 asks; try again later");
            }
            if (!rules.isAllowed(current)) {
                return failed(url, hops, -1, "robots", "disallowed by robots.txt: " + current);
            }
            hops.add(current);
            HttpFetcher.Response r;
            try {
                r = request(origin, current);
            } catch (HttpFetcher.FetchException e) {
                return failed(url, hops, -1, e.kind, e.getMessage());
            }
            int status = r.status();
            String loc = r.header("Location");
            if (status >= 300 && status < 400 && loc != null) {
                String next = UrlNormalizer.normalize(current, loc);
                if (next == null) {
                    return new Page(url, hops, status, r.reason(), "bad redirect", "unusable Location: " + loc,
                            r.headers(), null);
                }
                current = next;
                continue;
            }
            if (status < 200 || status > 299) {
                return new Page(url, hops, status, r.reason(), "http", "HTTP " + status
                        + (r.reason() == null || r.reason().isBlank() ? "" : " " + r.reason()), r.headers(), null);
            }
            MediaType type;
            try {
                type = r.contentType().isEmpty() ? null : MediaType.parse(r.contentType());
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (!WarcInputReader.isHtml(type, r.body())) {
                return new Page(url, hops, status, r.reason(), "non-html", "not HTML (" + r.contentType() + ")",
                        r.headers(), null);
            }
            return new Page(url, hops, status, r.reason(), "ok", null, r.headers(),
                    WarcInputReader.decode(r.body(), type));
        }
    }

    private static Page failed(String url, List<String> hops, int status, String outcome, String message) {
        return new Page(url, hops, status, null, outcome, message, List.of(), null);
    }

    /** The origin's rules (robots.txt fetched once), or {@code null} when it cannot be read now. */
    private BaseRobotRules robots(String origin) throws InterruptedException {
        BaseRobotRules r = robots.get(origin);
        if (r != null || robotsFailed.containsKey(origin)) {
            return r;
        }
        String url = origin + "/robots.txt";
        HttpFetcher.Response resp = null;
        for (int hop = 0; hop <= opt.maxRedirects; hop++) {
            try {
                resp = request(origin, url, Crawler.ROBOTS_MAX_BYTES, true);
            } catch (HttpFetcher.FetchException e) {
                robotsFailed.put(origin, e.getMessage());
                robotsFailKind.put(origin, e.kind);
                return null;
            }
            String loc = resp.header("Location");
            String next = resp.status() >= 300 && resp.status() < 400 && loc != null
                    ? UrlNormalizer.normalize(url, loc) : null;
            if (next == null) {
                break;
            }
            url = next;
            resp = null;
        }
        int status = resp == null ? 404 : resp.status(); // more redirects than allowed: allow all
        if (status >= 500 || status == 429) {
            robotsFailed.put(origin, "HTTP " + status);
            robotsFailKind.put(origin, "http");
            return null;
        }
        String body = status >= 200 && status < 300 ? Crawler.robotsText(resp) : null;
        r = Crawler.rulesFor(parser, opt.userAgent, origin, status, body);
        robots.put(origin, r);
        return r;
    }

    /** One request, after the host's delay; the next request to the host waits from the end of this one. */
    private HttpFetcher.Response request(String origin, String url)
            throws HttpFetcher.FetchException, InterruptedException {
        return request(origin, url, opt.maxBytes, false);
    }

    private HttpFetcher.Response request(String origin, String url, long maxBytes, boolean truncate)
            throws HttpFetcher.FetchException, InterruptedException {
        long wait = nextAllowed.getOrDefault(origin, 0L) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        try {
            return fetcher.get(url, maxBytes, Crawler::maybeHtml, truncate);
        } finally {
            nextAllowed.put(origin, System.nanoTime() + Crawler.delayFor(robots.get(origin), opt) * 1_000_000);
        }
    }

    @Override
    public void close() throws IOException {
        fetcher.close();
    }
}
