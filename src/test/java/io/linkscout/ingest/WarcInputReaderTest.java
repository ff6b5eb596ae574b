package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WarcInputReaderTest {

    private record Result(TestSink sink, IngestReport report) {
    }

    private static Result read(String name) throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new WarcInputReader().read(TestSink.fixture("warc/" + name), sink, report);
        return new Result(sink, report);
    }

    /** skips: "reason=count;reason=count" with the "warc: " prefix left out; problem: the offset or empty. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        commoncrawl-whirlwind__whirlwind.warc.gz | 1 | metadata=1;request=1;warcinfo=1 |
        commoncrawl-whirlwind__whirlwind.warc.wat.gz | 0 | warcinfo=1;wat without html=1 |
        commoncrawl-whirlwind__whirlwind.warc.wet.gz | 1 | warcinfo=1 |
        ia-web-commons__link-extraction-test.warc | 9 | warcinfo=1 | @13841
        ia-web-commons__text-extraction-test.warc | 1 | metadata=1;not html=1;warcinfo=1 |
        jwarc__cc.warc.gz | 1 | |
        jwarc__gzip_extra_sl.warc.gz | 0 | warcinfo=1 |
        warcio__bad.arc | 0 | | @0
        warcio__example-bad-non-chunked.warc.gz | 1 | request=2;revisit=1;warcinfo=2 |
        warcio__example-digest.warc | 0 | request=4 |
        warcio__example-iana.org-chunked.warc | 1 | request=1;warcinfo=1 |
        warcio__example-resource.warc.gz | 1 | warcinfo=2 |
        warcio__example-space-in-target-uri.warc.gz | 0 | non-http(s) url=1;warcinfo=1 |
        warcio__example-trunc.warc | 1 | warcinfo=2 | @1197
        warcio__example-wget-bad-target-uri.warc.gz | 1 | metadata=1;non-http(s) url=2;request=1;warcinfo=1 |
        warcio__example-wrong-chunks.warc.gz | 1 | request=1 |
        warcio__example.arc | 1 | warcinfo=1 |
        warcio__example.arc.gz | 1 | warcinfo=1 |
        warcio__example.warc | 1 | request=2;revisit=1;warcinfo=2 |
        warcio__example.warc.gz | 1 | request=2;revisit=1;warcinfo=2 |
        warcio__post-test.warc.gz | 0 | not html=3;request=3 |
        webarchive-commons__IAH-20080430204825-00000-blackbook-truncated.arc | 2 | non-http(s) url=1;not html=5;warcinfo=1 |
        webarchive-commons__IAH-urls-wget.warc.gz | 2 | non-2xx status=9;non-http(s) url=3;not html=5;request=16;warcinfo=1 |
        webarchive-discovery__BL-20140325121225068-00000-32090-opera-8443.warc.gz | 32 | metadata=62;non-2xx status=5;non-http(s) url=3;not html=25;request=62;warcinfo=1 |
        webarchive-discovery__BL-20140325122341434-00000-32090-opera-8443.warc.gz | 6 | metadata=62;non-2xx status=1;non-http(s) url=3;request=62;revisit=55;warcinfo=1 |
        webarchive-discovery__IAH-20080430204825-00000-blackbook-truncated.warc.gz | 2 | metadata=7;non-http(s) url=1;not html=5;request=7;warcinfo=1 |
        webarchive-discovery__flashfrozen-jwat-recompressed.warc.gz | 2 | non-http(s) url=3;not html=37;request=39;warcinfo=1 |
        """)
    void everyFixture(String name, int pages, String skips, String problemOffset) throws IOException {
        Result r = read(name);
        assertEquals(pages, r.sink.pages.size());
        assertEquals(pages, r.report.pages());
        Map<String, Long> expected = new TreeMap<>();
        if (skips != null) {
            for (String kv : skips.split(";")) {
                String[] p = kv.split("=");
                expected.put("warc: " + p[0], Long.parseLong(p[1]));
            }
        }
        assertEquals(expected, r.report.skipped());
        if (problemOffset == null) {
            assertEquals(0, r.report.problemCount(), () -> r.report.problems().toString());
        } else {
            assertEquals(1, r.report.problemCount());
            String p = r.report.problems().get(0).toString();
            assertTrue(p.startsWith(TestSink.fixture("warc/" + name) + problemOffset + ": "), p);
        }
        for (PageRecord page : r.sink.pages) {
            assertTrue(page.source().startsWith(name + "@"), page.source());
            assertTrue(page.url().startsWith("http"), page.url());
        }
    }

    /** Found by ArchiveAndExportReadersProperties: a record without a WARC-Type header made the reader throw. */
    @Test
    void aRecordWithoutATypeIsReportedNotThrown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path f = dir.resolve("untyped.warc");
        java.nio.file.Files.writeString(f, "WARC/1.0\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>"
                + "\r\nWARC-Date: 2024-05-18T01:58:10Z\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new WarcInputReader().read(f, sink, report);
        assertEquals(0, sink.pages.size());
        assertEquals(1, report.problems().size(), report.problems().toString());
        IngestReport.Problem p = report.problems().get(0);
        assertEquals(f.toString(), p.file());
        assertEquals("@0", p.position());
        assertTrue(p.message().startsWith("cannot read the untyped record: "), p.message());
    }

    @Test
    void commonCrawlCapture() throws IOException {
        PageRecord p = read("commoncrawl-whirlwind__whirlwind.warc.gz").sink.pages.get(0);
        assertEquals("https://an.wikipedia.org/wiki/Escopete", p.url());
        assertEquals("Escopete - Biquipedia, a enciclopedia libre", p.title());
        assertTrue(p.text().startsWith("Ir al contenido\nDe Biquipedia\n"), p.text().substring(0, 80));
        assertEquals(157, p.links().size());
        assertEquals(new Link("https://an.wikipedia.org/wiki/Portalada", "Portalada", ""), p.links().get(0));
        assertEquals("2024-05-18T01:58:10Z", p.fetchedAt());
        assertEquals("commoncrawl-whirlwind__whirlwind.warc.gz@1023", p.source());
        // HTML responses keep their headings (all h1-h3 of the page, navigation ones too) and forms
        assertEquals(List.of("Contenidos", "Escopete"), p.structure().headings().subList(0, 2));
        assertEquals(List.of(), p.structure().forms());
    }

    @Test
    void commonCrawlWet() throws IOException {
        PageRecord p = read("commoncrawl-whirlwind__whirlwind.warc.wet.gz").sink.pages.get(0);
        assertEquals("https://an.wikipedia.org/wiki/Escopete", p.url());
        assertEquals("", p.title());
        assertTrue(p.text().startsWith("Escopete"), p.text().substring(0, 80));
        assertEquals(0, p.links().size());
        assertEquals("commoncrawl-whirlwind__whirlwind.warc.wet.gz@466 (wet)", p.source());
        assertEquals(null, p.structure()); // plain text: no headings or forms known
    }

    @Test
    void ianaChunked() throws IOException {
        PageRecord p = read("warcio__example-iana.org-chunked.warc").sink.pages.get(0);
        assertEquals("http://www.iana.org/", p.url());
        assertEquals("Internet Assigned Numbers Authority", p.title());
        assertTrue(p.text().startsWith("Domain Names\nManagement of the DNS Root Zone"), p.text().substring(0, 80));
        assertEquals(24, p.links().size());
        assertEquals(new Link("http://www.iana.org/about/", "Learn more.", ""), p.links().get(0));
        assertEquals("2017-03-06T16:54:09Z", p.fetchedAt());
        assertEquals("warcio__example-iana.org-chunked.warc@405", p.source());
    }

    @Test
    void truncatedGzipBodyIsSalvaged() throws IOException {
        Result r = read("warcio__example-trunc.warc");
        PageRecord p = r.sink.pages.get(0);
        assertEquals("http://example.com/", p.url());
        assertEquals("Example Domain", p.title());
        assertEquals(List.of(new Link("http://www.iana.org/domains/example", "More information...", "")), p.links());
    }

    @Test
    void charsetDecoding() {
        byte[] latin = "<meta charset=iso-8859-1><p>caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("<meta charset=iso-8859-1><p>caf\u00e9", WarcInputReader.decode(latin, null));
        byte[] noDecl = "<p>caf\u00e9 \u20ac".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertEquals("<p>caf\u00e9 \u20ac", WarcInputReader.decode(noDecl, null));
        byte[] utf8 = "<p>caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("<p>caf\u00e9", WarcInputReader.decode(utf8, null));
        assertEquals("<p>caf\u00e9", WarcInputReader.decode(utf8,
                org.netpreserve.jwarc.MediaType.parse("text/html; charset=UTF-8")));
    }

    @Test
    void unreadableFileIsAProblem() throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        Path missing = Path.of("/nonexistent/x.warc");
        new WarcInputReader().read(missing, sink, report);
        assertEquals(1, report.problemCount());
        assertTrue(report.problems().get(0).toString().startsWith("/nonexistent/x.warc: cannot read the file: "),
                report.problems().get(0).toString());
    }
}
