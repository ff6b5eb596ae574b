package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full build is published as one segment (ranking reads every segment for each of its queries), holding the same
 * documents, graphs and ranked hits as the same build left in the segments its writer threads flushed.
 */
class FullBuildMergeTest {

    @TempDir
    Path dir;

    /** 3,000 pages over 30 sites, each linking to three others: more than one writer thread's segment. */
    private static List<PageRecord> pages() {
        List<PageRecord> out = new ArrayList<>();
        String[] words = {"otter", "river", "sea", "alpha", "wildlife", "guide", "harbour", "kelp", "tide", "reef"};
        for (int i = 0; i < 3000; i++) {
            List<Link> links = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                links.add(new Link(url((i * 7 + k * 31) % 3000), words[(i + k) % words.length], ""));
            }
            String text = "Page " + i + " about " + words[i % words.length] + " and " + words[(i / 10) % words.length]
                    + ", with notes on the " + words[(i / 100) % words.length] + ".";
            out.add(new PageRecord(url(i), "Page " + i + " " + words[i % words.length], text, links, List.of(),
                    null, "t:" + i));
        }
        return out;
    }

    private static String url(int i) {
        return "https://site" + (i % 30) + ".example/page/" + i;
    }

    private static void build(IndexLayout layout, boolean merge) throws IOException {
        IndexBuilder builder = new IndexBuilder(layout, 2, null);
        builder.setMergeFullBuild(merge);
        List<PageRecord> pages = pages();
        assertFalse(builder.ingest((sink, report) -> pages.forEach(p -> {
            sink.page(p);
            report.pageRead();
        })).writes().incremental());
    }

    private static int segments(IndexLayout layout) throws IOException {
        try (FSDirectory d = FSDirectory.open(layout.lucene()); DirectoryReader r = DirectoryReader.open(d)) {
            assertEquals(r.maxDoc(), r.numDocs(), "no deleted documents");
            return r.leaves().size();
        }
    }

    @Test
    void aFullBuildIsOneSegmentWithTheSameDocumentsAsItsUnmergedSegments() throws IOException {
        IndexLayout merged = new IndexLayout(dir.resolve("merged"));
        IndexLayout unmerged = new IndexLayout(dir.resolve("unmerged"));
        build(merged, true);
        build(unmerged, false);
        assertTrue(segments(unmerged) > 1, "the writer threads flushed several segments: " + segments(unmerged));
        assertEquals(1, segments(merged));
        IncrementalIngestTest.assertSameIndex(unmerged, merged, List.of("otter", "river", "kelp", "page"));
    }
}
