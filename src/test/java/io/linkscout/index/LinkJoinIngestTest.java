package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.graph.LinkGraph;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest joins links to pages through their URL variants, and counts why the rest do not join. */
class LinkJoinIngestTest {

    @TempDir
    Path dir;

    static final String POST = "https://blog.example.com/2020/01/02/hello-world/";
    static final String NEWS = "https://news.org/issue-12";
    static final String ALICE = "https://alice.github.io/notes/rust-tips/";
    static final String BOB = "https://bob.github.io/notes/rust-tips/";
    static final String A = "https://example.com/a/shared-slug/";
    static final String B = "https://example.com/b/shared-slug/";

    static List<PageRecord> pages() {
        List<Link> newsLinks = List.of(
                new Link("http://www.blog.example.com/2020/01/02/hello-world", "hello", ""), // variant
                new Link("https://blog.example.com/hello-world/", "hello again", ""), // slug
                new Link("https://alice.github.io/notes/rust-tips", "tips", ""), // variant, github.io user site
                new Link("https://carol.github.io/notes/rust-tips/", "carol", ""), // site not indexed
                new Link("https://example.com/c/shared-slug/", "which one", ""), // ambiguous
                new Link("https://example.com/", "home", ""), // home page
                new Link("https://example.com/tags/rust/", "tag", ""), // listing
                new Link("https://news.org/issue-11", "last issue", ""), // other page (internal)
                new Link(BOB, "bob", "")); // exact
        return List.of(
                page(NEWS, "Issue 12", newsLinks),
                page(POST, "Hello world", List.of(new Link("https://news.org/issue-12/", "featured in", ""))),
                page(ALICE, "Rust tips", List.of()),
                page(BOB, "More Rust tips", List.of(new Link("https://alice.github.io/rust-tips/", "alice", ""))),
                page(A, "Shared A", List.of()),
                page(B, "Shared B", List.of()));
    }

    private static PageRecord page(String url, String title, List<Link> links) {
        return new PageRecord(url, title, title + " text.", links, List.of(), null, "t");
    }

    @Test
    void countsEachBucketAndBuildsTheGraphThroughVariants() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexStats s = new IndexBuilder(layout, 1, null).ingest((sink, report) -> pages().forEach(p -> {
            sink.page(p);
            report.pageRead();
        })).stats();
        assertEquals(11, s.links());
        assertEquals(1, s.internalLinks()); // news.org/issue-11
        // resolved: exact 1 (bob), variant 3 (post, alice, news), loose 0, slug 2 (post, bob -> alice);
        // all 6 to another site; unresolved: carol, home, tag, issue-11, ambiguous
        assertEquals(new LinkJoin(1, 3, 0, 2, 6, 1, 1, 1, 1, 1), s.linkJoin());
        assertEquals(List.of(
                "resolved to an indexed page: 6 (exact 1, variant 3, loose 0, slug 2; to another site 6)",
                "unresolved: 5 (site not indexed 1; on an indexed site, not ingested: home page 1, tag/archive/feed 1, "
                        + "other page 1; ambiguous 1)"), s.linkJoin().toText().lines().toList());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            LinkGraph pg = idx.pageGraph();
            assertEquals(List.of(POST + " -> " + NEWS, BOB + " -> " + ALICE, NEWS + " -> " + ALICE,
                    NEWS + " -> " + POST, NEWS + " -> " + BOB), edges(pg));
            // the two links from the newsletter to the post are one edge with two links
            int news = pg.node(NEWS);
            int post = pg.node(POST);
            for (int k = pg.edgeStart(news); k < pg.edgeEnd(news); k++) {
                if (pg.target(k) == post) {
                    assertEquals(2, pg.weight(k));
                }
            }
        }
    }

    private static List<String> edges(LinkGraph g) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < g.nodeCount(); n++) {
            for (int k = g.edgeStart(n); k < g.edgeEnd(n); k++) {
                out.add(g.name(n) + " -> " + g.name(g.target(k)));
            }
        }
        out.sort(null);
        return out;
    }
}
