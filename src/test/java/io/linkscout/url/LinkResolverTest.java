package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.url.LinkResolver.Match;
import io.linkscout.url.LinkResolver.Resolution;
import io.linkscout.url.LinkResolver.Unresolved;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkResolverTest {

    /** The indexed pages (normalised URLs), sorted as ingest sorts them. */
    static final String[] PAGES = sorted(
            "https://blog.example.com/2020/01/02/hello-world/",
            "https://example.com/about/",
            "https://example.com/posts/Case-Study.html",
            "https://example.com/a/shared-slug/",
            "https://example.com/b/shared-slug/",
            "https://alice.github.io/notes/rust-tips/",
            "https://bob.github.io/notes/rust-tips/",
            "https://blog.moved.dev/new-home-post/",
            "https://site.org/post?id=3",
            "https://node.dev/en/blog/release/v1.2.3/");

    private static String[] sorted(String... urls) {
        String[] s = urls.clone();
        Arrays.sort(s);
        return s;
    }

    /** link -> expected outcome: the page it joins (with how) or why not. */
    static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("https://blog.example.com/2020/01/02/hello-world/", "EXACT https://blog.example.com/2020/01/02/hello-world/");
        m.put("http://www.blog.example.com/2020/01/02/hello-world", "VARIANT https://blog.example.com/2020/01/02/hello-world/");
        m.put("https://blog.example.com/2020/01/02/hello-world/index.html",
                "VARIANT https://blog.example.com/2020/01/02/hello-world/");
        m.put("https://blog.example.com//2020/01/02/hello-world/", "VARIANT https://blog.example.com/2020/01/02/hello-world/");
        m.put("https://example.com/posts/case-study", "LOOSE https://example.com/posts/Case-Study.html");
        m.put("https://example.com/posts/Case-Study.md", "LOOSE https://example.com/posts/Case-Study.html");
        m.put("https://example.com/about/?ref=newsletter", "LOOSE https://example.com/about/");
        m.put("https://blog.example.com/hello-world/", "SLUG https://blog.example.com/2020/01/02/hello-world/");
        m.put("https://blog.example.com/2020/01/hello-world.html", "SLUG https://blog.example.com/2020/01/02/hello-world/");
        // another month: another post
        m.put("https://blog.example.com/2021/05/hello-world/", "OTHER_PAGE");
        // apex to subdomain of the same site: a moved blog
        m.put("https://moved.dev/2019/03/new-home-post.html", "SLUG https://blog.moved.dev/new-home-post/");
        // between two named subdomains: docs is not the blog
        m.put("https://docs.moved.dev/new-home-post/", "OTHER_PAGE");
        // github.io user sites are sites of their own (Public Suffix List)
        m.put("https://alice.github.io/rust-tips/", "SLUG https://alice.github.io/notes/rust-tips/");
        m.put("https://carol.github.io/notes/rust-tips/", "SITE_NOT_INDEXED");
        m.put("https://example.com/c/shared-slug/", "AMBIGUOUS");
        // a one-word slug counts only with its parent segment
        m.put("https://node.dev/blog/release/v1.2.3", "SLUG https://node.dev/en/blog/release/v1.2.3/");
        m.put("https://node.dev/doc/v1.2.3", "OTHER_PAGE");
        // a host whose pages differ by query keeps the query
        m.put("https://site.org/post?id=3", "EXACT https://site.org/post?id=3");
        m.put("https://site.org/post?id=4", "OTHER_PAGE");
        m.put("https://example.com/", "HOME_PAGE");
        m.put("http://www.example.com/index.html", "HOME_PAGE");
        m.put("https://example.com/tags/rust/", "LISTING");
        m.put("https://example.com/page/2/", "LISTING");
        m.put("https://example.com/feed.xml", "LISTING");
        m.put("https://example.com/missing-page/", "OTHER_PAGE");
        m.put("https://unknown.net/some-post/", "SITE_NOT_INDEXED");
        return m;
    }

    private static String outcome(LinkResolver r, String link) {
        Resolution res = r.resolve(UrlNormalizer.normalize(link));
        return res.resolved() ? res.match() + " " + r.url(res.page()) : res.reason().name();
    }

    @Test
    void joinsEachVariantAndSaysWhyTheRestDoNot() {
        LinkResolver r = new LinkResolver(PAGES, null);
        Map<String, String> got = new LinkedHashMap<>();
        for (String link : expected().keySet()) {
            got.put(link, outcome(r, link));
        }
        assertEquals(expected(), got);
    }

    @Test
    void tallyCountsEveryBucket() {
        LinkResolver r = new LinkResolver(PAGES, null);
        LinkResolver.Tally t = new LinkResolver.Tally();
        for (String link : expected().keySet()) {
            Resolution res = r.resolve(UrlNormalizer.normalize(link));
            t.add(res, false);
        }
        assertEquals(List.of(2L, 3L, 3L, 5L), Arrays.stream(Match.values()).map(t::matched).toList());
        // site not indexed, home page, listing, other page, ambiguous
        assertEquals(List.of(2L, 2L, 3L, 5L, 1L), Arrays.stream(Unresolved.values()).map(t::unresolved).toList());
        assertEquals(13, t.resolved());
        assertEquals(13, t.unresolved());
    }

    @Test
    void pagesSharingAVariantKeyAreAmbiguousExceptForTheirExactUrls() {
        LinkResolver r = new LinkResolver(sorted("http://twin.org/x", "https://twin.org/x/"), null);
        assertEquals("EXACT http://twin.org/x", outcome(r, "http://twin.org/x"));
        assertEquals("EXACT https://twin.org/x/", outcome(r, "https://twin.org/x/"));
        assertEquals("AMBIGUOUS", outcome(r, "https://www.twin.org/x"));
    }

    @Test
    void slugsNeedTwoWordsOrTheirParent() {
        assertEquals("hello-world", LinkResolver.slug("/2020/01/02/hello-world/"));
        assertEquals("getting-started-aria", LinkResolver.slug("/posts/2014-05-15-getting-started-aria/"));
        assertEquals("edsls-part-2", LinkResolver.slug("/blog/2016/10/26/edsls-part-2.html"));
        assertEquals("release/v20.19.0", LinkResolver.slug("/blog/release/v20.19.0"));
        assertEquals(null, LinkResolver.slug("/2020/"));
        assertEquals(null, LinkResolver.slug("/about/"));
        assertEquals("2020-01-02", LinkResolver.date("/2020/01/02/hello-world/"));
        assertEquals("2010-09-21", LinkResolver.date("/blog/2010/9/21/in-the-news.html"));
        assertEquals("2014-05", LinkResolver.date("/posts/2014-05-getting-started/"));
        assertEquals(null, LinkResolver.date("/posts/getting-started/"));
    }
}
