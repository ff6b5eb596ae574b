package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IncrementalIngestTest.Batch;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.site.GraphRecompute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --graph later}: an incremental ingest that leaves the graph step (graphs, PageRank, domain analysis,
 * the kept pages' graph doc values, the site documents) for a later {@code graph}, with the pending state recorded
 * in the commit. A then B (graph later) then the graph step gives the same index as A and B in one go; a graph step
 * that fails before its commit leaves the scores pending and can be run again.
 */
class GraphLaterTest {

    @TempDir
    Path dir;

    private static final List<String> WORDS = IncrementalIngestTest.WORDS;

    static IndexBuilder.Result ingestLater(IndexLayout layout, Batch b) throws IOException {
        return IncrementalIngestTest.ingest(layout, b, false, true);
    }

    /** The graph step as {@code graph} runs it (an ingest with no input), merging away replaced documents. */
    static IndexBuilder.Result graphStep(IndexLayout layout, Runnable beforeCommit) throws IOException {
        IndexBuilder builder = new IndexBuilder(layout, 2, null);
        builder.setExpungeDeletes(true);
        builder.setBeforeCommitHook(beforeCommit);
        return builder.ingest((sink, report) -> { });
    }

    /** A1-A3 (as {@link IncrementalIngestTest}). */
    private static Batch a() {
        return IncrementalIngestTest.a();
    }

    /** B2 and B3, a new page on a new site ({@link #GAMMA}) linking to B1 and A1, and a new version of A2. */
    private static Batch b() {
        return IncrementalIngestTest.b();
    }

    private static final String GAMMA = "https://gamma.net/otters";

    @Test
    void aThenBLaterThenGraphEqualsAAndBInOneGo() throws IOException {
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        IncrementalIngestTest.ingest(stepwise, a(), false);
        IndexBuilder.Result r = ingestLater(stepwise, b());
        assertTrue(r.graphDeferred());
        // B's 4 pages (A2 among them, replaced) written; A's other pages A1 (anchor "guide" from gamma) and B1
        // (anchors from B3 and gamma) written again for their anchors received: 6 written, none kept; no site
        // written and no graph score updated (pending)
        assertEquals(new IndexBuilder.Writes(true, 6, 0, 0, 0, 0), r.writes());
        IncrementalIngestTest.ingest(oneGo, a().plus(b()), false);
        assertFalse(IndexSnapshot.documents(oneGo).equals(IndexSnapshot.documents(stepwise)),
                "while pending the scores and sites differ from those of a build in one go");
        IndexBuilder.Result g = graphStep(stepwise, () -> { });
        assertFalse(g.graphDeferred());
        IncrementalIngestTest.assertSameIndex(oneGo, stepwise, WORDS);
    }

    @Test
    void pendingStateIsRecordedKeptAndCleared() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IncrementalIngestTest.ingest(layout, a(), false);
        String pageGraph;
        long domainsBefore;
        double a1Authority;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertNull(idx.graphPendingSince());
            assertNull(idx.graphPendingWarning());
            assertNull(idx.stats().graphPending());
            pageGraph = idx.commitData().get(IndexLayout.PAGE_GRAPH);
            domainsBefore = idx.stats().domains();
            a1Authority = idx.pageDouble(doc(idx, IndexFields.TYPE_PAGE, IndexFields.uid(IndexFields.TYPE_PAGE,
                    IndexFixtures.A1)), IndexFields.AUTHORITY_VALUE);
            assertTrue(a1Authority > 0, "A1 is linked to by A2");
        }
        ingestLater(layout, b());
        String since;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            since = idx.graphPendingSince();
            assertEquals(idx.commitData().get(IndexFields.COMMIT_BUILT_AT), since);
            assertEquals(since, idx.stats().graphPending());
            assertTrue(idx.stats().toText().contains("WARNING:          graph scores pending since the ingest of "
                    + since), idx.stats().toText());
            assertTrue(idx.graphPendingWarning().endsWith("(run `linkscout graph` to complete them)"));
            // the graphs and their figures are those of the previous commit
            assertEquals(pageGraph, idx.commitData().get(IndexLayout.PAGE_GRAPH));
            assertEquals(domainsBefore, idx.stats().domains());
            // a new page has no graph scores yet; an old page written again keeps its old ones
            int gamma = doc(idx, IndexFields.TYPE_PAGE, IndexFields.uid(IndexFields.TYPE_PAGE, GAMMA));
            assertEquals(0.0, idx.pageDouble(gamma, IndexFields.AUTHORITY_VALUE));
            assertEquals(0L, idx.pageLong(gamma, IndexFields.PAGE_IN_LINKS));
            int a1 = doc(idx, IndexFields.TYPE_PAGE, IndexFields.uid(IndexFields.TYPE_PAGE, IndexFixtures.A1));
            assertEquals(a1Authority, idx.pageDouble(a1, IndexFields.AUTHORITY_VALUE));
            // no site document for the new site gamma.net until the graph step
            assertEquals(-1, doc(idx, IndexFields.TYPE_SITE, IndexFields.uid(IndexFields.TYPE_SITE, "gamma.net")));
        }
        // a second ingest left for later keeps the time the scores became pending
        ingestLater(layout, new Batch(List.of(IndexFixtures.pages().get(4)), List.of(), List.of()));
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(since, idx.graphPendingSince());
        }
        // an ingest with the graph step (the default) completes them
        IncrementalIngestTest.ingest(layout, new Batch(List.of(IndexFixtures.pages().get(4)), List.of(), List.of()),
                false);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertNull(idx.graphPendingSince());
            assertTrue(doc(idx, IndexFields.TYPE_SITE, IndexFields.uid(IndexFields.TYPE_SITE, "gamma.net")) >= 0);
            int gamma = doc(idx, IndexFields.TYPE_PAGE, IndexFields.uid(IndexFields.TYPE_PAGE, GAMMA));
            assertEquals(0L, idx.pageLong(gamma, IndexFields.PAGE_IN_LINKS));
            int b1 = doc(idx, IndexFields.TYPE_PAGE, IndexFields.uid(IndexFields.TYPE_PAGE, IndexFixtures.B1));
            assertTrue(idx.pageLong(b1, IndexFields.PAGE_IN_LINKS) >= 2, "B1 is linked from B2/B3 and gamma");
        }
    }

    @Test
    void aFailedGraphStepLeavesThemPendingAndARerunCompletesThem() throws Exception {
        IndexLayout stepwise = new IndexLayout(dir.resolve("stepwise"));
        IndexLayout oneGo = new IndexLayout(dir.resolve("one-go"));
        IncrementalIngestTest.ingest(stepwise, a(), false);
        ingestLater(stepwise, b());
        var pendingDocs = IndexSnapshot.documents(stepwise);
        String since;
        try (LinkScoutIndex idx = LinkScoutIndex.open(stepwise)) {
            since = idx.graphPendingSince();
        }
        // the `graph` command's code path, killed right before its commit (every document written by then)
        RuntimeException e = assertThrows(RuntimeException.class, () -> GraphRecompute.run(stepwise, 2, 3,
                IndexBuilder.Progress.NONE, () -> {
                    throw new IllegalStateException("killed before the commit");
                }));
        assertEquals("killed before the commit", e.getMessage());
        try (LinkScoutIndex idx = LinkScoutIndex.open(stepwise)) {
            assertEquals(since, idx.graphPendingSince());
        }
        assertEquals(pendingDocs, IndexSnapshot.documents(stepwise));
        // run again: completed, the same documents as a build in one go
        GraphRecompute.Summary s = GraphRecompute.run(stepwise, 2, 3, IndexBuilder.Progress.NONE);
        assertEquals(since, s.completedPending());
        IncrementalIngestTest.ingest(oneGo, a().plus(b()), false);
        assertEquals(IndexSnapshot.documents(oneGo), IndexSnapshot.documents(stepwise));
        try (LinkScoutIndex idx = LinkScoutIndex.open(stepwise)) {
            assertNull(idx.graphPendingSince());
        }
        // and once more: nothing was pending
        assertNull(GraphRecompute.run(stepwise, 2, 3, IndexBuilder.Progress.NONE).completedPending());
    }

    @Test
    void reingestingOnePageLaterWritesOnlyThatPageAndKeepsItsScores() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IncrementalIngestTest.ingest(layout, a().plus(b()), false);
        var before = IndexSnapshot.documents(layout);
        IndexBuilder.Result r = ingestLater(layout, new Batch(List.of(IndexFixtures.pages().get(4)), List.of(),
                List.of()));
        // B3 written (with its old graph scores carried over), the 5 other pages kept, nothing else touched
        assertEquals(new IndexBuilder.Writes(true, 1, 5, 0, 0, 0), r.writes());
        assertTrue(r.graphDeferred());
        assertEquals(before, IndexSnapshot.documents(layout));
        // nothing moved: the graph step writes no page and no site and updates no score
        IndexBuilder.Result g = graphStep(layout, () -> { });
        assertEquals(new IndexBuilder.Writes(true, 0, 6, 0, 0, 4), g.writes());
        assertEquals(before, IndexSnapshot.documents(layout));
    }

    @Test
    void aFullBuildComputesTheGraphEvenWhenAskedForLater() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("new"));
        IndexBuilder.Result r = ingestLater(layout, a());
        assertFalse(r.writes().incremental());
        assertFalse(r.graphDeferred());
        IndexLayout now = new IndexLayout(dir.resolve("now"));
        IncrementalIngestTest.ingest(now, a(), false);
        IncrementalIngestTest.assertSameIndex(now, layout, WORDS);
    }

    /** Random corpora (those of {@link IncrementalIngestProperties}): first, second with the graph later, graph. */
    @Test
    void randomCorporaFirstThenSecondLaterThenGraphEqualsBothInOneGo() throws Exception {
        java.util.Random seeds = new java.util.Random(17102);
        for (int k = 0; k < 12; k++) {
            long seed = seeds.nextLong();
            Batch[] b = IncrementalIngestProperties.corpus(seed);
            Path tmp = Files.createTempDirectory(dir, "prop");
            try {
                IndexLayout stepwise = new IndexLayout(tmp.resolve("stepwise"));
                IndexLayout oneGo = new IndexLayout(tmp.resolve("one-go"));
                IncrementalIngestTest.ingest(stepwise, b[0], false);
                ingestLater(stepwise, b[1]);
                graphStep(stepwise, () -> { });
                IncrementalIngestTest.ingest(oneGo, b[0].plus(b[1]), false);
                IncrementalIngestTest.assertSameIndex(oneGo, stepwise, List.of("otter", "guid", "casino", "post"));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            } finally {
                IOUtils.rm(tmp);
            }
        }
    }

    /** The doc id of the live document with this uid, -1 when none. */
    private static int doc(LinkScoutIndex idx, String type, String uid) throws IOException {
        TopDocs td = idx.searcher().search(new TermQuery(new Term(IndexFields.UID, uid)), 2);
        assertTrue(td.totalHits.value() <= 1);
        return td.scoreDocs.length == 0 ? -1 : td.scoreDocs[0].doc;
    }
}
