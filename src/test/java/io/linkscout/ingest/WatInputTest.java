package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WAT ingest on a hand-made, Common-Crawl-shaped WAT file ({@code fixtures/wat/handmade.warc.wat}, see its
 * PROVENANCE.txt): a warcinfo record, a metadata record for an HTML page and one for an image.
 */
class WatInputTest {

    private static final String PAGE = "https://blog.example.org/post";
    private static final List<Link> WAT_LINKS = List.of(
            new Link("https://blog.example.org/about", "", ""),
            new Link("https://news.example.net/story?id=7", "", "nofollow"),
            new Link("https://blog.example.org/next-post", "Read the next post", ""));

    @TempDir
    Path dir;

    private static Path wat(String name) {
        return TestSink.fixture("wat/" + name);
    }

    /** name | offset of the HTML metadata record (of its gzip member for .gz) */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        handmade.warc.wat    | 592
        handmade.warc.wat.gz | 413
        """)
    void htmlMetadataBecomesALinksOnlyPage(String name, long offset) throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new WarcInputReader().read(wat(name), sink, report);

        assertEquals(0, report.problemCount(), () -> report.problems().toString());
        assertEquals(1, sink.pages.size());
        assertEquals(1, report.pages());
        // the warcinfo record and the image's metadata record (no HTML-Metadata) are skipped
        assertEquals(Map.of("warc: warcinfo", 1L, "warc: wat without html", 1L), report.skipped());

        PageRecord p = sink.pages.get(0);
        assertEquals(PAGE, p.url());
        assertEquals("Caf\u00e9 notes \u2014 a post", p.title()); // whitespace collapsed, UTF-8 decoded
        assertEquals("", p.text());
        // in document order, relative hrefs resolved against the page URL, mailto: not a link
        assertEquals(WAT_LINKS, p.links());
        assertEquals(List.of("editor@blog.example.org"), p.emails());
        // the capture date of the response (Envelope.WARC-Header-Metadata.WARC-Date), not the WAT's extraction date
        assertEquals("2024-05-20T08:15:30Z", p.fetchedAt());
        assertEquals(name + "@" + offset + " (wat)", p.source());
        assertTrue(p.source().endsWith("(wat)"));
    }

    @Test
    void detectedAsWarcAndReadThroughInputFormats() throws IOException {
        assertEquals(InputFormats.Format.WARC, InputFormats.detect(wat("handmade.warc.wat")));
        assertEquals(InputFormats.Format.WARC, InputFormats.detect(wat("handmade.warc.wat.gz")));
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        InputFormats.readAll(List.of(wat("handmade.warc.wat"), wat("handmade.warc.wat.gz")), null, sink, report);
        assertEquals(0, report.problemCount(), () -> report.problems().toString());
        assertEquals(2, sink.pages.size());
        assertEquals(sink.pages.get(0).links(), sink.pages.get(1).links());
        assertEquals(Map.of("warc: warcinfo", 2L, "warc: wat without html", 2L), report.skipped());
    }

    @Test
    void watLinksAreMergedIntoAPageWithText() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        PageRecord html = new PageRecord(PAGE, "Caf\u00e9 notes", "We tasted three roasts at the caf\u00e9.",
                List.of(new Link("https://blog.example.org/about", "About us", ""),
                        new Link("https://blog.example.org/archive", "Archive", "")),
                List.of(), "2024-05-20T08:15:30Z", "pages.jsonl:1");
        IndexBuilder.Result r = new IndexBuilder(layout, 1, null).ingest((sink, report) -> {
            sink.page(html);
            report.pageRead();
            InputFormats.readAll(List.of(wat("handmade.warc.wat")), null, sink, report);
        });
        assertEquals(0, r.report().problemCount(), () -> r.report().problems().toString());
        assertEquals(1, r.stats().pages());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Document d = page(idx, PAGE);
            assertEquals(html.text(), d.get(IndexFields.TEXT), "the text of the HTML page is kept");
            assertEquals("Caf\u00e9 notes", d.get(IndexFields.TITLE), "the page's own title wins");
            assertEquals("pages.jsonl:1", record(d).path("source").asText());
            // own links first (the own anchor of /about wins), then the WAT's new targets in WAT order
            assertEquals(List.of("https://blog.example.org/about", "https://blog.example.org/archive",
                    "https://news.example.net/story?id=7", "https://blog.example.org/next-post"), linkUrls(d));
            assertEquals(4, d.getField(IndexFields.OUT_LINKS).numericValue().intValue());
            JsonNode about = record(d).path("links").get(0);
            assertEquals("About us", about.path("anchor").asText());
        }
    }

    @Test
    void watAloneIndexesALinksOnlyPage() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexBuilder.Result r = new IndexBuilder(layout, 1, null).ingest((sink, report) ->
                InputFormats.readAll(List.of(wat("handmade.warc.wat.gz")), null, sink, report));
        assertEquals(0, r.report().problemCount(), () -> r.report().problems().toString());
        assertEquals(1, r.stats().pages());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Document d = page(idx, PAGE);
            assertEquals("Caf\u00e9 notes \u2014 a post", d.get(IndexFields.TITLE));
            assertEquals(List.of("https://blog.example.org/about", "https://news.example.net/story?id=7",
                    "https://blog.example.org/next-post"), linkUrls(d));
            assertEquals(3, d.getField(IndexFields.OUT_LINKS).numericValue().intValue());
            assertEquals("handmade.warc.wat.gz@413 (wat)", record(d).path("source").asText());
        }
    }

    private static Document page(LinkScoutIndex idx, String url) throws IOException {
        TopDocs td = idx.searcher().search(new TermQuery(new Term(IndexFields.ID, url)), 2);
        assertEquals(1, td.totalHits.value(), "one document with id " + url);
        return idx.reader().storedFields().document(td.scoreDocs[0].doc);
    }

    private static JsonNode record(Document d) throws IOException {
        return new ObjectMapper().readTree(d.getBinaryValue(IndexFields.RECORD).bytes);
    }

    private static List<String> linkUrls(Document d) throws IOException {
        List<String> urls = new ArrayList<>();
        for (JsonNode l : record(d).path("links")) {
            urls.add(l.path("url").asText());
        }
        return urls;
    }
}
