package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental ingest: ingesting A and then B gives the same index as ingesting A and B in one go (stored fields,
 * doc values, graphs, commit figures, ranked hits), while rewriting only the documents B changes.
 */
class IncrementalIngestTest {

    @TempDir
    Path dir;

    /** The inputs of one ingest. */
    record Batch(List<PageRecord> pages, List<SiteRecord> catalog, List<AuthorityRecord> authority) {
        Batch plus(Batch b) {
            List<PageRecord> p = new ArrayList<>(pages);
            p.addAll(b.pages);
            List<SiteRecord> c = new ArrayList<>(catalog);
            c.addAll(b.catalog);
            List<AuthorityRecord> a = new ArrayList<>(authority);
            a.addAll(b.authority);
            return new Batch(p, c, a);
        }
    }

    static IndexBuilder.Result ingest(IndexLayout layout, Batch b, boolean rebuild) throws IOException {
        return ingest(layout, b, rebuild, false);
    }

    /** As {@link #ingest(IndexLayout, Batch, boolean)}; {@code graphLater} leaves the graph scores pending. */
    static IndexBuilder.Result ingest(IndexLayout layout, Batch b, boolean rebuild, boolean graphLater)
            throws IOException {
        IndexBuilder builder = new IndexBuilder(layout, 2, null);
        builder.setRebuild(rebuild);
        builder.setExpungeDeletes(true);
        builder.setGraphLater(graphLater);
        return builder.ingest((sink, report) -> {
            b.pages().forEach(p -> {
                sink.page(p);
                report.pageRead();
            });
            b.catalog().forEach(sink::site);
            b.authority().forEach(sink::authority);
        });
    }

    /** Asserts that two indexes hold the same documents, graphs, figures and ranked hits. */
    static void assertSameIndex(IndexLayout expected, IndexLayout actual, List<String> words) throws IOException {
        assertEquals(IndexSnapshot.documents(expected), IndexSnapshot.documents(actual));
        assertEquals(IndexSnapshot.graphsAndCommit(expected), IndexSnapshot.graphsAndCommit(actual));
        assertEquals(IndexSnapshot.ranked(expected, words), IndexSnapshot.ranked(actual, words));
    }

    static final List<String> WORDS = List.of("otter", "river", "sea", "alpha", "wildlif", "guid");

    static Batch a() {
        List<PageRecord> p = IndexFixtures.pages();
        return new Batch(p.subList(0, 3), IndexFixtures.catalog().subList(0, 2), List.of());
    }

    static Batch b() {
        List<PageRecord> p = new ArrayList<>(IndexFixtures.pages().subList(3, 5));
        // a new page linking to B1 (its anchors change) and a new version of A2 (replaced)
        p.add(new PageRecord("https://gamma.net/otters", "Otter links", "Links about sea otters and river otters.",
                List.of(new Link(IndexFixtures.B1, "otters of rivers", ""), new Link(IndexFixtures.A1, "guide", "")),
                List.of(), null, "t:6"));
        p.add(new PageRecord(IndexFixtures.A2, "About Alpha", "Alpha writes about wildlife and otters.",
                List.of(new Link(IndexFixtures.A1, "guide", ""), new Link(IndexFixtures.B2, "sea otters", "")),
                List.of(), null, "t:7"));
        return new Batch(p, IndexFixtures.catalog().subList(2, 3), IndexFixtures.authority());
    }

    @Test
    void aThenBEqualsAAndBInOneGo() throws IOException {
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        assertFalse(ingest(stepwise, a(), false).writes().incremental(), "a new index is built in full");
        IndexBuilder.Result r = ingest(stepwise, b(), false);
        assertTrue(r.writes().incremental());
        ingest(oneGo, a().plus(b()), false);
        assertSameIndex(oneGo, stepwise, WORDS);
        // pages of B (5), plus old pages whose anchors, in-links or outlink profiles changed
        assertTrue(r.writes().pagesWritten() >= 4, r.writes().toString());
    }

    @Test
    void reingestingOnePageRewritesOnlyThatPage() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        Batch all = a().plus(b());
        ingest(layout, all, false);
        var before = IndexSnapshot.documents(layout);
        IndexBuilder.Result r = ingest(layout, new Batch(List.of(IndexFixtures.pages().get(4)), List.of(),
                List.of()), false);
        assertEquals(new IndexBuilder.Writes(true, 1, 5, 0, 0, 4), r.writes());
        assertEquals(before, IndexSnapshot.documents(layout));
    }

    @Test
    void rebuildGivesTheSameIndex() throws IOException {
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        IndexLayout rebuilt = new IndexLayout(dir.resolve("rebuilt"));
        ingest(stepwise, a(), false);
        ingest(stepwise, b(), false);
        ingest(rebuilt, a(), false);
        IndexBuilder.Result r = ingest(rebuilt, b(), true);
        assertFalse(r.writes().incremental());
        assertEquals(6, r.writes().pagesWritten());
        assertSameIndex(rebuilt, stepwise, WORDS);
    }

    @Test
    void anIndexWrittenWithOtherEnrichmentsIsRebuiltInFull() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexBuilder first = new IndexBuilder(layout, 1, null);
        first.setEnrichments(List.of());
        first.ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        IndexBuilder.Result r = ingest(layout, b(), false);
        assertFalse(r.writes().incremental(), "the guest-post fields are missing from the old documents");
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        ingest(oneGo, new Batch(IndexFixtures.pages(), List.of(), List.of()).plus(b()), false);
        assertSameIndex(oneGo, layout, WORDS);
    }

    /**
     * An index written before pages had stored topics (the installed enrichments without {@code page-topics-4}) is
     * rebuilt in full once, then has every page's topics, and the ingest after that is incremental again.
     */
    @Test
    void anIndexWithoutPageTopicsIsRebuiltOnceAndThenIncremental() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexBuilder first = new IndexBuilder(layout, 1, null);
        first.setEnrichments(IndexEnrichment.installed().stream().filter(e -> !e.name().startsWith("page-topics"))
                .toList());
        first.ingest((sink, report) -> a().pages().forEach(sink::page));
        assertEquals(0, pagesWithTopics(layout));
        IndexBuilder.Result r = ingest(layout, b(), false);
        assertFalse(r.writes().incremental(), "the page topics are missing from the old documents");
        assertEquals(6, pagesWithTopics(layout));
        assertTrue(ingest(layout, new Batch(List.of(IndexFixtures.pages().get(4)), List.of(), List.of()), false)
                .writes().incremental());
        assertEquals(6, pagesWithTopics(layout));
    }

    /** A page of {@code url} with a text of its own and these links (no anchors: nothing but the link). */
    private static PageRecord page(String url, String title, String text, String... links) {
        List<Link> l = new ArrayList<>();
        for (String u : links) {
            l.add(new Link(u, "", ""));
        }
        return new PageRecord(url, title, text, l, List.of(), null, "t:" + url);
    }

    private static final String HUB_QUIET = "https://hub.com/quiet";

    /**
     * hub.com exchanges links with five sites (RECIPROCAL_LINKS, strength 5/5 linked back); then a sixth site links
     * to it without being linked back (strength 5/6). hub.com/quiet, which neither links nor is linked, keeps its
     * document, but its spam score and flags (its domain's flags) must move like in a build of everything in one go:
     * a shortcut that kept its old spam values, or rewrote it, fails here.
     */
    @Test
    void aKeptPageGetsItsDomainsNewSpamFlagsInPlace() throws IOException {
        List<PageRecord> a = new ArrayList<>();
        List<String> partners = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            String u = "https://partner" + k + ".org/links";
            partners.add(u);
            a.add(page(u, "Partner " + k, "Partner site number " + k + " lists useful otter resources.",
                    "https://hub.com/exchange"));
        }
        a.add(page("https://hub.com/exchange", "Exchange", "Our partners in otter research.",
                partners.toArray(String[]::new)));
        a.add(page(HUB_QUIET, "Quiet otters", "Sea otters sleep floating on their backs, holding paws."));
        Batch first = new Batch(a, List.of(), List.of());
        Batch second = new Batch(List.of(page("https://newcomer.net/otters", "Newcomer",
                "A new site about otters links to the hub.", "https://hub.com/exchange")), List.of(), List.of());

        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        ingest(stepwise, first, false);
        String before = spamOf(stepwise, HUB_QUIET);
        assertTrue(before.contains("RECIPROCAL_LINKS") && before.contains("\"strength\":1.0"), before);
        IndexBuilder.Result r = ingest(stepwise, second, false);
        String after = spamOf(stepwise, HUB_QUIET);
        assertTrue(after.contains("RECIPROCAL_LINKS") && after.contains("\"strength\":0.8333333333333334"), after);
        // written: the new page, the hub page it links to (in-links changed) and the five partner pages (in so
        // small a graph one more page moves their authority by more than a point); hub.com/quiet is kept, its spam
        // values and graph scores updated in place
        assertEquals(new IndexBuilder.Writes(true, 7, 1, 1, 7, 0), r.writes());

        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        ingest(oneGo, first.plus(second), false);
        assertSameIndex(oneGo, stepwise, List.of("otter", "partner", "hub"));
    }

    /**
     * Forty sites link to star.org/top (PageRank far above the rest: authority 100 whatever the corpus); a
     * forty-first joins. The top page keeps its document — its in-links (40 → 41) and referring domains are doc
     * values updated in place — and the index is the same as a build in one go: a shortcut that kept the page
     * without updating them, or that rewrote it, fails here.
     */
    @Test
    void aPageThatGetsANewInLinkKeepsItsDocumentWithItsLinkFiguresUpdated() throws IOException {
        String top = "https://star.org/top";
        List<PageRecord> fans = new ArrayList<>();
        for (int k = 1; k <= 40; k++) {
            fans.add(page("https://fan" + k + ".net/", "Fan " + k, "Fan site " + k + " about otters.", top));
        }
        fans.add(page(top, "Top otters", "The best page about otters."));
        Batch first = new Batch(fans, List.of(), List.of());
        Batch second = new Batch(List.of(page("https://fan41.net/", "Fan 41", "Fan site 41 about otters.", top)),
                List.of(), List.of());
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        ingest(stepwise, first, false);
        assertEquals("100 40 40", linkFigures(stepwise, top));
        IndexBuilder.Result r = ingest(stepwise, second, false);
        assertEquals("100 41 41", linkFigures(stepwise, top));
        // one page written (the new one), every old page kept with new doc values; every site document is written
        // again (their stored graph figures moved)
        assertEquals(new IndexBuilder.Writes(true, 1, 41, 41, 42, 0), r.writes());
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        ingest(oneGo, first.plus(second), false);
        assertSameIndex(oneGo, stepwise, List.of("otter", "fan", "top"));
    }

    /**
     * cites.org/list links to kelp.org/forests without an anchor, so the title of kelp.org/forests is all its outlink
     * profile holds; a second ingest gives that page a new title. The citing page must be written again (its
     * fingerprint hashes the titles of the pages it links to): a fingerprint that missed the title kept its stale
     * outlink profile, and the ranked {@code outlinks} hits for "giant" would differ from a build in one go. The
     * unrelated page and its site are kept.
     */
    @Test
    void aPageWhoseLinkTargetGetsANewTitleIsWrittenAgain() throws IOException {
        String target = "https://kelp.org/forests";
        Batch first = new Batch(List.of(page("https://cites.org/list", "Reading list", "Pages we like.", target),
                page(target, "Seaweed notes", "Kelp grows in cold water along rocky coasts."),
                page("https://other.net/otters", "Otters", "Sea otters eat urchins.")), List.of(), List.of());
        Batch second = new Batch(List.of(page(target, "Giant forests of the sea",
                "Kelp grows in cold water along rocky coasts.")), List.of(), List.of());
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        ingest(stepwise, first, false);
        IndexBuilder.Result r = ingest(stepwise, second, false);
        // written: the retitled page and the page citing it; kept: other.net/otters, no doc value moved; sites
        // written: kelp.org (its titles) and cites.org (its outlink profile)
        assertEquals(new IndexBuilder.Writes(true, 2, 1, 0, 2, 1), r.writes());
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        ingest(oneGo, first.plus(second), false);
        assertSameIndex(oneGo, stepwise, List.of("giant", "forest", "note", "kelp", "otter"));
    }

    /** Authority point (what the document holds), in-links and referring domains (doc values) of a page. */
    private static String linkFigures(IndexLayout layout, String url) throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            int doc = idx.searcher().search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                    IndexFields.UID, IndexFields.uid(IndexFields.TYPE_PAGE, url))), 1).scoreDocs[0].doc;
            return (int) DocumentMapper.authorityPoint(idx.pageDouble(doc, IndexFields.AUTHORITY_VALUE)) + " "
                    + idx.pageLong(doc, IndexFields.PAGE_IN_LINKS)
                    + " " + idx.pageLong(doc, IndexFields.PAGE_REF_DOMAINS);
        }
    }

    /** The page's spam score and flags as the ranking reads them. */
    private static String spamOf(IndexLayout layout, String url) throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            var hits = idx.searcher().search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                    IndexFields.UID, IndexFields.uid(IndexFields.TYPE_PAGE, url))), 1).scoreDocs;
            return idx.pageDouble(hits[0].doc, IndexFields.PAGE_SPAM) + " "
                    + idx.pageString(hits[0].doc, IndexFields.PAGE_SPAM_FLAGS);
        }
    }

    /**
     * An old page written again for what others say of it copies its topics from its old document; one whose own
     * record changed (a WAT record gave the untitled page a title) computes them again: its title's words are
     * among its topics, as in a build of everything in one go.
     */
    @Test
    void aRewrittenPageCopiesItsTopicsOnlyWhenItsTitleAndTextAreUnchanged() throws IOException {
        String untitled = "https://delta.io/notes";
        Batch first = new Batch(List.of(page(untitled, "", "Notes on the diet of river otters and sea otters."),
                page(IndexFixtures.B1, "River otters", "The North American river otter lives in rivers.")),
                List.of(), List.of());
        Batch second = new Batch(List.of(
                new PageRecord(untitled, "Giant kelp forests", "", List.of(new Link(IndexFixtures.B1, "", "")),
                        List.of(), null, "t:9 (wat)"),
                page("https://gamma.net/more", "More otters", "Otters again.", IndexFixtures.B1)),
                List.of(), List.of());
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        ingest(stepwise, first, false);
        IndexBuilder.Result r = ingest(stepwise, second, false);
        // the new page, the untitled page (its record changed) and B1 (two new in-links): all written
        assertEquals(new IndexBuilder.Writes(true, 3, 0, 0, 3, 0), r.writes());
        assertTrue(topicsOf(stepwise, untitled).toLowerCase(java.util.Locale.ROOT).contains("kelp"),
                topicsOf(stepwise, untitled));
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        ingest(oneGo, first.plus(second), false);
        assertSameIndex(oneGo, stepwise, List.of("otter", "kelp", "river"));
        assertEquals(topicsOf(oneGo, IndexFixtures.B1), topicsOf(stepwise, IndexFixtures.B1));
    }

    private static String topicsOf(IndexLayout layout, String url) throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            var hits = idx.searcher().search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                    IndexFields.UID, IndexFields.uid(IndexFields.TYPE_PAGE, url))), 1).scoreDocs;
            return String.join("|", idx.reader().storedFields().document(hits[0].doc)
                    .getValues(IndexFields.PAGE_TOPICS));
        }
    }

    private static int pagesWithTopics(IndexLayout layout) throws IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            int n = 0;
            for (int d = 0; d < idx.reader().maxDoc(); d++) {
                org.apache.lucene.document.Document doc = idx.reader().storedFields().document(d);
                if (IndexFields.TYPE_PAGE.equals(doc.get(IndexFields.TYPE))
                        && doc.getValues(IndexFields.PAGE_TOPICS).length > 0) {
                    n++;
                }
            }
            return n;
        }
    }
}
