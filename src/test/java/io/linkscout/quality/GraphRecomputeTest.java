package io.linkscout.quality;

import io.linkscout.site.GraphRecompute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code graph} command: same numbers as ingest, same numbers twice, and a failed run changes nothing. */
public class GraphRecomputeTest {

    @TempDir
    Path tmp;

    /** Every authority/trust/spam figure and referring-domain count of every page and site document, by type and id. */
    public static Map<String, List<String>> snapshot(IndexLayout layout) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            StoredFields sf = idx.reader().storedFields();
            for (ScoreDoc h : idx.searcher().search(new MatchAllDocsQuery(), 10_000).scoreDocs) {
                Document d = sf.document(h.doc);
                List<String> v = new ArrayList<>();
                for (String f : List.of(IndexFields.AUTHORITY_VALUE, IndexFields.PAGERANK, IndexFields.SPAM_SCORE,
                        IndexFields.SPAM_FLAGS, IndexFields.TRUST, IndexFields.SPAM_MASS, IndexFields.HARMONIC,
                        IndexFields.TOPICAL_AUTHORITY, IndexFields.REF_DOMAINS_TOP, IndexFields.AUTHORITY_PRIOR,
                        IndexFields.REF_DOMAINS)) {
                    v.add(f + "=" + d.get(f));
                }
                v.add(IndexFields.PAGE_SPAM + "=" + idx.pageDouble(h.doc, IndexFields.PAGE_SPAM));
                v.add(IndexFields.PAGE_SPAM_FLAGS + "=" + idx.pageString(h.doc, IndexFields.PAGE_SPAM_FLAGS));
                out.put(d.get(IndexFields.TYPE) + ":" + d.get(IndexFields.ID), v);
            }
        }
        return out;
    }

    @Test
    void sameNumbersAsIngestAndOnEveryRun() throws Exception {
        IndexLayout layout = new IndexLayout(ApiFixture.build(tmp.resolve("idx")));
        Map<String, List<String>> afterIngest = snapshot(layout);
        String spam = afterIngest.get("site:oceanwatch.org").get(2);
        assertEquals(20.0, Double.parseDouble(spam.substring(spam.indexOf('=') + 1)), 1e-9,
                "three thin pages: THIN_CONTENT, 100*0.2*1");
        GraphRecompute.Summary s = GraphRecompute.run(layout, 1, 3, IndexBuilder.Progress.NONE);
        assertEquals(4, s.sites());
        assertEquals(afterIngest, snapshot(layout));
        GraphRecompute.run(layout, 1, 3, IndexBuilder.Progress.NONE);
        assertEquals(afterIngest, snapshot(layout));
    }

    @Test
    void aFailedRunLeavesThePreviousCommit() throws Exception {
        IndexLayout layout = new IndexLayout(ApiFixture.build(tmp.resolve("idx")));
        Map<String, List<String>> before = snapshot(layout);
        String builtAt;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            builtAt = idx.commitData().get(IndexFields.COMMIT_BUILT_AT);
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> GraphRecompute.run(layout, 1, 3,
                IndexBuilder.Progress.NONE, () -> {
                    throw new IllegalStateException("disk full (simulated)");
                }));
        assertEquals("disk full (simulated)", e.getMessage());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(builtAt, idx.commitData().get(IndexFields.COMMIT_BUILT_AT));
            assertEquals(9, idx.count(IndexFields.TYPE_PAGE));
        }
        assertEquals(before, snapshot(layout));
    }
}
