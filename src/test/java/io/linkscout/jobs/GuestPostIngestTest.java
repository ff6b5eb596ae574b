package io.linkscout.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.InputFormats;
import io.linkscout.jobs.guestpost.GuestPostDetector;
import io.linkscout.jobs.guestpost.GuestPostDetector.Reason;
import io.linkscout.jobs.guestpost.GuestPostEval;
import io.linkscout.jobs.guestpost.GuestPostIndexing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

/**
 * The guest-post fixture pages through the real ingest path (JSONL with raw HTML): every page document carries the
 * same label and reasons as detection on the full HTML (ingest keeps the pages' headings and forms), a re-ingest
 * (which reads the stored records back) keeps them, and an index whose stored records predate headings and forms
 * still re-ingests, with the plain-text detection.
 */
class GuestPostIngestTest {

    static final ObjectMapper OM = new ObjectMapper();

    /** The fixture rows (file, URL, gold label) with the detector's answers on both paths. */
    static final List<GuestPostEval.Row> ROWS = GuestPostEval.run(GuestPostDetectorTest.FIXTURES);

    static final String PLAIN = "https://plainwriters.example/join";

    @Test
    void ingestStoresPageAndSiteDetections() throws Exception {
        IndexLayout layout = ingestFixtures("test-guestpost-ingest");
        Map<String, String> expected = new LinkedHashMap<>();
        for (GuestPostEval.Row r : ROWS) {
            expected.put(r.url(), r.expected().name());
        }
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Map<String, String> got = new LinkedHashMap<>();
            for (String url : expected.keySet()) {
                int doc = Jobs.pageDoc(idx, url);
                got.put(url, Jobs.stored(idx, doc, Set.of(GuestPostIndexing.KIND)).get(GuestPostIndexing.KIND));
            }
            expected.put("https://slowtravel.example/share-your-story", "NONE"); // known misses, see
            expected.put("https://seoplacements.example/guest-posting-services", "NONE"); // GuestPostDetectorTest
            assertEquals(expected, got);
            // greenthumb.example: write-for-us (11.1) and the guest-byline article (4.0) detect; the best is kept
            Document site = site(idx, "greenthumb.example");
            assertEquals("ACCEPTS", site.get(GuestPostIndexing.KIND));
            assertEquals("https://greenthumb.example/write-for-us", site.get(GuestPostIndexing.PAGE));
            assertEquals(2, site.getField(GuestPostIndexing.PAGES).numericValue().intValue());
            // of which one (the article with "Guest post by …") is a published guest post
            assertEquals(1, site.getField(GuestPostIndexing.PUBLISHED_PAGES).numericValue().intValue());
            assertEquals(11.1, site.getField(GuestPostIndexing.SCORE).numericValue().doubleValue());
            assertEquals("https://greenthumb.example/contact", site.get(GuestPostIndexing.CONTACT_URL));
            assertEquals("NONE", site(idx, "mapline.example").get(GuestPostIndexing.KIND));
            assertEquals("SELLS", site(idx, "techbuzz.example").get(GuestPostIndexing.KIND));
            // the heading-only page is found at ingest (plain text would miss it: its heading ends in "!")
            assertEquals("ACCEPTS", site(idx, "birdnotes.example").get(GuestPostIndexing.KIND));
        }
    }

    @Test
    void ingestGivesTheFullHtmlLabelsAndReasons() throws Exception {
        IndexLayout layout = ingestFixtures("test-guestpost-ingest-reasons");
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (GuestPostEval.Row r : ROWS) {
                assertStored(idx, r.url(), r.html());
            }
            // hand-checked: heading 2 + text 1 + the submission form (textarea "article pitch", "short bio") 1.5
            assertEquals(List.of(
                    new Reason("heading", 2.0, "heading \"Become a contributor\""),
                    new Reason("text", 1.0, "text says \"become a contributor\""),
                    new Reason("form", 1.5, "submission textarea form asking for an article")),
                    storedReasons(idx, "https://trailhead.example/join"));
            assertEquals(4.5, storedScore(idx, "https://trailhead.example/join"));
            // file-upload form next to title, URL and heading: 3 + 1 + 2 + 1 + 1.5 + 0.4
            assertEquals(new Reason("form", 1.5, "submission file form asking for an article"),
                    storedReasons(idx, "https://coastalcooking.example/submit").get(4));
            assertEquals(8.9, storedScore(idx, "https://coastalcooking.example/submit"));
            // the heading is the only strong signal: heading 2 + text 1 + guideline words 0.4 = 3.4
            assertEquals(List.of(
                    new Reason("heading", 2.0, "heading \"We welcome guest posts!\""),
                    new Reason("text", 1.0, "text says \"we welcome guest posts\""),
                    new Reason("guideline-words", 0.4, "guideline vocabulary: 800-1500 words")),
                    storedReasons(idx, "https://birdnotes.example/join-in"));
            assertEquals("ACCEPTS", storedKind(idx, "https://birdnotes.example/join-in"));
            // a contact form (textarea, no article wording) adds nothing
            assertEquals("NONE", storedKind(idx, "https://greenthumb.example/contact"));
            assertEquals(0.0, storedScore(idx, "https://greenthumb.example/contact"));
        }
    }

    @Test
    void reIngestReadsHeadingsAndFormsBackFromTheStoredRecords() throws Exception {
        IndexLayout layout = ingestFixtures("test-guestpost-reingest");
        Path plain = layout.root().getParent().resolve("plain.jsonl");
        // a plain-text page: no markup, so headings come from its short lines and forms are unknown
        Files.writeString(plain, OM.writeValueAsString(Map.of("url", PLAIN, "title", "Join us",
                "text", "Become a contributor\nWe accept guest posts on writing craft.")) + "\n");
        new IndexBuilder(layout, 2, null).ingest((sink, report) -> InputFormats.readAll(List.of(plain), null, sink,
                report));
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (GuestPostEval.Row r : ROWS) {
                assertStored(idx, r.url(), r.html());
            }
            assertEquals(List.of(
                    new Reason("heading", 2.0, "heading \"Become a contributor\""),
                    new Reason("text", 1.0, "text says \"become a contributor\""),
                    new Reason("text", 1.0, "text says \"we accept guest posts\"")), storedReasons(idx, PLAIN));
            assertFalse(recordJson(idx, PLAIN).has("structure"), "a plain-text page stores no structure");
            assertTrue(recordJson(idx, "https://trailhead.example/join").has("structure"));
        }
    }

    @Test
    void indexWrittenBeforeHeadingsAndFormsStillReIngests() throws Exception {
        IndexLayout layout = ingestFixtures("test-guestpost-old-records");
        int rewritten = stripStructure(layout);
        assertEquals(ROWS.size(), rewritten);
        // re-ingest with no new input: every page comes from the old records, which have no structure
        new IndexBuilder(layout, 2, null).ingest((sink, report) -> { });
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(ROWS.size(), idx.stats().pages());
            for (GuestPostEval.Row r : ROWS) {
                assertStored(idx, r.url(), r.textOnly()); // the plain-text fallback, page by page
            }
            // the form is not known any more; the heading-like line still counts
            assertEquals(3.0, storedScore(idx, "https://trailhead.example/join"));
            assertEquals("NONE", storedKind(idx, "https://birdnotes.example/join-in"));
            assertFalse(recordJson(idx, "https://trailhead.example/join").has("structure"));
        }
        // ingesting the HTML again brings the structure back
        new IndexBuilder(layout, 2, null).ingest((sink, report) -> InputFormats.readAll(
                List.of(layout.root().getParent().resolve("pages.jsonl")), null, sink, report));
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (GuestPostEval.Row r : ROWS) {
                assertStored(idx, r.url(), r.html());
            }
        }
    }

    /** Writes the fixture pages as JSONL with raw HTML into target/NAME and ingests them into target/NAME/index. */
    static IndexLayout ingestFixtures(String name) throws Exception {
        Path work = Path.of("target", name);
        ApiFixture.deleteRecursively(work);
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        for (GuestPostEval.Row r : ROWS) {
            lines.add(OM.writeValueAsString(Map.of("url", r.url(), "html",
                    Files.readString(GuestPostDetectorTest.FIXTURES.resolve(r.file())))));
        }
        Path in = work.resolve("pages.jsonl");
        Files.write(in, lines, StandardCharsets.UTF_8);
        IndexLayout layout = new IndexLayout(work.resolve("index"));
        new IndexBuilder(layout, 2, null).ingest((sink, report) -> InputFormats.readAll(List.of(in), null, sink,
                report));
        return layout;
    }

    /** The page's stored detection equals {@code d}: label, score, and (when positive) reasons and URLs. */
    static void assertStored(LinkScoutIndex idx, String url, GuestPostDetector.Detection d) {
        Document doc;
        try {
            doc = idx.searcher().storedFields().document(Jobs.pageDoc(idx, url));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(d.kind().name(), doc.get(GuestPostIndexing.KIND), url);
        assertEquals(d.score(), doc.getField(GuestPostIndexing.SCORE).numericValue().doubleValue(), url);
        if (d.positive()) {
            assertEquals(d.reasons(), GuestPostIndexing.reasons(doc.get(GuestPostIndexing.REASONS)), url);
            assertEquals(d.guidelinesUrl(), doc.get(GuestPostIndexing.GUIDELINES_URL), url);
            assertEquals(d.contactUrl(), doc.get(GuestPostIndexing.CONTACT_URL), url);
        } else {
            assertEquals(null, doc.get(GuestPostIndexing.REASONS), url);
        }
    }

    static List<Reason> storedReasons(LinkScoutIndex idx, String url) {
        return GuestPostIndexing.reasons(Jobs.stored(idx, Jobs.pageDoc(idx, url), Set.of(GuestPostIndexing.REASONS))
                .get(GuestPostIndexing.REASONS));
    }

    static double storedScore(LinkScoutIndex idx, String url) {
        return Jobs.stored(idx, Jobs.pageDoc(idx, url), Set.of(GuestPostIndexing.SCORE))
                .getField(GuestPostIndexing.SCORE).numericValue().doubleValue();
    }

    static String storedKind(LinkScoutIndex idx, String url) {
        return Jobs.stored(idx, Jobs.pageDoc(idx, url), Set.of(GuestPostIndexing.KIND)).get(GuestPostIndexing.KIND);
    }

    static ObjectNode recordJson(LinkScoutIndex idx, String url) throws Exception {
        Document d = Jobs.stored(idx, Jobs.pageDoc(idx, url), Set.of(IndexFields.RECORD));
        return (ObjectNode) OM.readTree(d.getBinaryValue(IndexFields.RECORD).bytes);
    }

    /**
     * Turns the index into one written by the previous version: every page document is replaced by one holding
     * only what a re-ingest reads (type, id, text and the raw record), with the {@code structure} field removed
     * from the record JSON; the commit keeps its user data (format version, graph files). Returns the number of
     * pages rewritten.
     */
    static int stripStructure(IndexLayout layout) throws Exception {
        try (Directory dir = FSDirectory.open(layout.lucene())) {
            Map<String, String> userData = DirectoryReader.listCommits(dir).getLast().getUserData();
            List<String[]> pages = new ArrayList<>();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(r);
                for (ScoreDoc sd : s.search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)),
                        Integer.MAX_VALUE).scoreDocs) {
                    Document d = s.storedFields().document(sd.doc);
                    ObjectNode rec = (ObjectNode) OM.readTree(d.getBinaryValue(IndexFields.RECORD).bytes);
                    assertTrue(rec.has("structure"), "an HTML page stores its structure: " + d.get(IndexFields.ID));
                    rec.remove("structure");
                    pages.add(new String[] {d.get(IndexFields.ID), d.get(IndexFields.TEXT), OM.writeValueAsString(rec)});
                }
            }
            IndexWriterConfig cfg = new IndexWriterConfig(IndexFields.analyzer());
            cfg.setOpenMode(IndexWriterConfig.OpenMode.APPEND);
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (String[] p : pages) {
                    w.deleteDocuments(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)),
                                    BooleanClause.Occur.FILTER)
                            .add(new TermQuery(new Term(IndexFields.ID, p[0])), BooleanClause.Occur.FILTER).build());
                    Document d = new Document();
                    d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_PAGE, Field.Store.YES));
                    d.add(new StringField(IndexFields.ID, p[0], Field.Store.YES));
                    d.add(new StoredField(IndexFields.TEXT, p[1]));
                    d.add(new StoredField(IndexFields.RECORD, p[2].getBytes(StandardCharsets.UTF_8)));
                    w.addDocument(d);
                }
                w.setLiveCommitData(userData.entrySet());
                w.commit();
            }
            return pages.size();
        }
    }

    static Document site(LinkScoutIndex idx, String domain) throws Exception {
        var td = idx.searcher().search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                IndexFields.ID, domain)), 1);
        return idx.searcher().storedFields().document(td.scoreDocs[0].doc);
    }
}
