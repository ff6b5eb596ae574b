package io.linkscout.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.crawl.AddressPolicy;
import io.linkscout.crawl.Crawler;
import io.linkscout.crawl.FixtureWeb;
import io.linkscout.crawl.PoliteFetcher;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each change the monitor must detect, on a loopback fixture site fetched through the crawler's guarded, polite
 * fetcher (the address guard stays on; only the fixture's loopback address is let through, as in the crawler tests).
 */
class LinkInspectorTest {

    static final String BLOG = "blog.example";
    static final String TARGET = "mysite.example";
    static FixtureWeb web;
    static PoliteFetcher fetcher;

    static String page(String body) {
        return "<html><head><title>t</title></head><body><p>Intro <a href=\"/about\">about</a></p>" + body
                + "</body></html>";
    }

    @BeforeAll
    static void serve() throws Exception {
        web = new FixtureWeb();
        web.robots(BLOG, "User-agent: *\nDisallow: /private\n");
        web.page(BLOG, "/followed", page("<a href=\"https://mysite.example/guide/\">Kelp guide</a>"));
        web.page(BLOG, "/removed", page("<a href=\"https://other.example/\">other</a>"));
        web.page(BLOG, "/nofollow", page("<a rel=\"nofollow noopener\" href=\"https://mysite.example/guide/\">Kelp"
                + " guide</a>"));
        web.page(BLOG, "/ugc", page("<a rel=\"ugc sponsored\" href=\"https://www.mysite.example/\">mysite</a>"));
        web.page(BLOG, "/both", page("<a rel=\"nofollow\" href=\"https://mysite.example/a\">first</a>"
                + " <a href=\"https://blog.mysite.example/b\">second</a>"));
        web.add(BLOG, "/gone404", 404, "text/html", "<html>nope</html>", Map.of());
        web.add(BLOG, "/gone410", 410, "text/html", "<html>gone</html>", Map.of());
        web.add(BLOG, "/error", 503, "text/html", "<html>later</html>", Map.of());
        web.redirect(BLOG, "/moved", "/new-home");
        web.page(BLOG, "/new-home", page("<a href=\"https://mysite.example/guide\">guide</a>"));
        web.page(BLOG, "/meta-noindex", "<html><head><meta name=\"robots\" content=\"noindex, follow\"></head><body>"
                + "<a href=\"https://mysite.example/\">home</a></body></html>");
        web.add(BLOG, "/header-noindex", 200, "text/html", page("<a href=\"https://mysite.example/\">home</a>"),
                Map.of("X-Robots-Tag", "noindex"));
        web.add(BLOG, "/otherbot-noindex", 200, "text/html", page("<a href=\"https://mysite.example/\">home</a>"),
                Map.of("X-Robots-Tag", "otherbot: noindex"));
        web.page(BLOG, "/page-nofollow", "<html><head><meta name=\"robots\" content=\"nofollow\"></head><body>"
                + "<a href=\"https://mysite.example/\"><img src=\"x.png\" alt=\"My site\"></a></body></html>");
        web.page(BLOG, "/private/post", page("<a href=\"https://mysite.example/\">home</a>"));
        Crawler.Options o = new Crawler.Options();
        o.resolver = web.resolver(BLOG);
        o.policy = AddressPolicy.defaults().allowing(Set.of(InetAddress.getByName("127.0.0.1")));
        o.delayMillis = 0;
        o.userAgent = "LinkScout/0.1 (+https://example.org/contact)";
        fetcher = new PoliteFetcher(o);
    }

    @AfterAll
    static void stop() throws Exception {
        fetcher.close();
        web.close();
    }

    static LinkInspector.Finding check(String path, String target) throws Exception {
        return LinkInspector.inspect(fetcher.fetch(web.url(BLOG, path)), target);
    }

    @Test
    void followedLinkIsLiveAndUnflagged() throws Exception {
        LinkInspector.Finding f = check("/followed", TARGET);
        assertEquals("ok", f.outcome());
        assertTrue(f.live());
        assertTrue(f.linkPresent());
        assertEquals("follow", f.rel());
        assertEquals("Kelp guide", f.anchor());
        assertEquals(200, f.httpStatus());
        assertNull(f.redirectUrl());
        assertFalse(f.noindex());
        assertNull(f.flag());
        assertEquals("followed link: <a href=\"https://mysite.example/guide/\">Kelp guide</a>", f.evidence());
        // the same page, with the target as a URL: up to scheme, www. and the trailing slash
        assertNull(check("/followed", "http://www.mysite.example/guide").flag());
        assertEquals(LinkFlag.LINK_LOST, check("/followed", "https://mysite.example/other").flag());
    }

    @Test
    void removedLinkIsLinkLost() throws Exception {
        LinkInspector.Finding f = check("/removed", TARGET);
        assertEquals(LinkFlag.LINK_LOST, f.flag());
        assertTrue(f.live());
        assertFalse(f.linkPresent());
        assertNull(f.rel());
        assertEquals("no link to mysite.example among the 2 links of " + web.url(BLOG, "/removed") + " (HTTP 200)",
                f.evidence());
    }

    @Test
    void nofollowUgcAndSponsoredAreLinkNofollow() throws Exception {
        LinkInspector.Finding f = check("/nofollow", TARGET);
        assertEquals(LinkFlag.LINK_NOFOLLOW, f.flag());
        assertTrue(f.linkPresent());
        assertEquals("nofollow", f.rel());
        assertEquals("Kelp guide", f.anchor());
        assertEquals("rel=\"nofollow noopener\" on <a rel=\"nofollow noopener\" href=\"https://mysite.example/guide/\">"
                + "Kelp guide</a>", f.evidence());
        LinkInspector.Finding u = check("/ugc", TARGET);
        assertEquals(LinkFlag.LINK_NOFOLLOW, u.flag());
        assertEquals("ugc sponsored", u.rel());
    }

    @Test
    void aFollowedLinkWinsOverANofollowOne() throws Exception {
        LinkInspector.Finding f = check("/both", TARGET);
        assertNull(f.flag());
        assertEquals("follow", f.rel());
        assertEquals("second", f.anchor()); // blog.mysite.example is a page of mysite.example
    }

    @Test
    void pageLevelNofollowCounts() throws Exception {
        LinkInspector.Finding f = check("/page-nofollow", TARGET);
        assertEquals(LinkFlag.LINK_NOFOLLOW, f.flag());
        assertEquals("nofollow", f.rel());
        assertEquals("[image: My site]", f.anchor());
        assertTrue(f.evidence().endsWith("; page-level nofollow: <meta name=\"robots\" content=\"nofollow\">"),
                f.evidence());
    }

    @Test
    void notFoundGoneAndDnsFailureArePageGone() throws Exception {
        LinkInspector.Finding f404 = check("/gone404", TARGET);
        assertEquals(LinkFlag.PAGE_GONE, f404.flag());
        assertEquals(404, f404.httpStatus());
        assertFalse(f404.live());
        assertEquals("HTTP 404 Not Found at " + web.url(BLOG, "/gone404"), f404.evidence());
        LinkInspector.Finding f410 = check("/gone410", TARGET);
        assertEquals(LinkFlag.PAGE_GONE, f410.flag());
        assertEquals(410, f410.httpStatus());
        LinkInspector.Finding dns = LinkInspector.inspect(fetcher.fetch("http://vanished.example/post"), TARGET);
        assertEquals(LinkFlag.PAGE_GONE, dns.flag());
        assertEquals("dns", dns.outcome());
        assertNull(dns.httpStatus());
        assertEquals("the page's host does not resolve: unknown host vanished.example", dns.evidence());
    }

    @Test
    void serverErrorsAndRobotsAreNotVerdicts() throws Exception {
        LinkInspector.Finding e = check("/error", TARGET);
        assertNull(e.flag());
        assertFalse(e.live());
        assertEquals(503, e.httpStatus());
        assertEquals("not judged: HTTP 503 Service Unavailable; checked again on the next run", e.evidence());
        LinkInspector.Finding r = check("/private/post", TARGET);
        assertNull(r.flag());
        assertEquals("robots", r.outcome());
        assertEquals("not judged: disallowed by robots.txt: " + web.url(BLOG, "/private/post")
                + "; checked again on the next run", r.evidence());
        assertFalse(web.paths(BLOG).contains("/private/post"), "a disallowed page is never requested");
    }

    @Test
    void redirectIsRecorded() throws Exception {
        LinkInspector.Finding f = check("/moved", "https://mysite.example/guide/");
        assertNull(f.flag());
        assertEquals(web.url(BLOG, "/new-home"), f.redirectUrl());
        assertEquals(200, f.httpStatus());
        assertEquals("guide", f.anchor());
    }

    @Test
    void noindexFromMetaRobotsAndHeader() throws Exception {
        LinkInspector.Finding meta = check("/meta-noindex", TARGET);
        assertTrue(meta.noindex());
        assertEquals("<meta name=\"robots\" content=\"noindex, follow\">", meta.noindexSource());
        assertNull(meta.flag());
        LinkInspector.Finding header = check("/header-noindex", TARGET);
        assertTrue(header.noindex());
        assertEquals("X-Robots-Tag: noindex", header.noindexSource());
        LinkInspector.Finding other = check("/otherbot-noindex", TARGET);
        assertFalse(other.noindex(), "directives for another crawler do not count");
    }

    @Test
    void robotsTxtIsReadOnceAndTheUserAgentSent() throws Exception {
        check("/followed", TARGET);
        check("/removed", TARGET);
        List<String> robots = web.paths(BLOG).stream().filter(p -> p.equals("/robots.txt")).toList();
        assertEquals(1, robots.size());
        assertTrue(web.requests().stream().allMatch(r -> r.userAgent().startsWith("LinkScout/0.1")));
    }

    @Test
    void targetMatching() {
        assertTrue(LinkInspector.matches("https://mysite.example/x", "mysite.example"));
        assertTrue(LinkInspector.matches("https://www.mysite.example/x", "www.mysite.example"));
        assertTrue(LinkInspector.matches("https://blog.mysite.example/", "mysite.example"));
        assertFalse(LinkInspector.matches("https://notmysite.example/", "mysite.example"));
        assertFalse(LinkInspector.matches("https://mysite.example.evil.com/", "mysite.example"));
        assertTrue(LinkInspector.matches("http://www.mysite.example/guide", "https://mysite.example/guide/"));
        assertFalse(LinkInspector.matches("https://mysite.example/guide?x=1", "https://mysite.example/guide/"));
    }
}
