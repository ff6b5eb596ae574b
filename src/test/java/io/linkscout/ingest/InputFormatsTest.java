package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.ingest.InputFormats.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatsTest {

    @TempDir
    Path dir;

    @Test
    void detectsEachKind() throws IOException {
        assertEquals(Format.WARC, InputFormats.detect(TestSink.fixture("warc/warcio__example.warc.gz")));
        assertEquals(Format.WARC, InputFormats.detect(TestSink.fixture("warc/commoncrawl-whirlwind__whirlwind.warc.wat.gz")));
        assertEquals(Format.WARC, InputFormats.detect(TestSink.fixture("warc/warcio__example.arc")));
        assertEquals(Format.CATALOG, InputFormats.detect(TestSink.fixture("catalog/sites-head50.jsonl")));
        assertEquals(Format.AUTHORITY, InputFormats.detect(TestSink.fixture("authority/majestic-head50.csv")));
        assertEquals(Format.AUTHORITY, InputFormats.detect(TestSink.fixture("authority/moz-head50.csv")));
        assertEquals(Format.AUTHORITY, InputFormats.detect(TestSink.fixture("authority/authority_by_domain-head50.csv.gz")));
        Path pages = dir.resolve("crawl.jsonl");
        Files.writeString(pages, "\n{\"url\": \"http://a.example/\", \"text\": \"x\"}\n");
        assertEquals(Format.PAGES, InputFormats.detect(pages));
        Path csv = dir.resolve("sites.csv");
        Files.writeString(csv, "URL,Name\nhttps://a.example/,A\n");
        assertEquals(Format.CATALOG, InputFormats.detect(csv));
        Path warc = dir.resolve("noext");
        Files.copy(TestSink.fixture("warc/warcio__example.warc"), warc);
        assertEquals(Format.WARC, InputFormats.detect(warc));
    }

    @Test
    void unknownFileNamesItAndHowToForce() throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello world\n");
        UserException e = assertThrows(UserException.class, () -> InputFormats.detect(f));
        assertTrue(e.getMessage().startsWith("Cannot tell the input format of " + f + " (first line: hello world)."),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Force the format with --format pages|warc|catalog|authority|export."));
    }

    @Test
    void readAllReadsAFolderSortedAndReportsBadFiles() throws IOException {
        Path d = Files.createDirectory(dir.resolve("in"));
        Files.copy(TestSink.fixture("authority/moz-head50.csv"), d.resolve("b-moz.csv"));
        Files.copy(TestSink.fixture("warc/warcio__example.warc.gz"), d.resolve("a.warc.gz"));
        Files.writeString(d.resolve("c.txt"), "???\n");
        Files.writeString(d.resolve(".hidden"), "x");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        InputFormats.readAll(List.of(d), null, sink, report);
        assertEquals(1, sink.pages.size());
        assertEquals(50, sink.authorities.size());
        assertEquals(java.util.Map.of(d.resolve("a.warc.gz").toString(), 1L, d.resolve("b-moz.csv").toString(), 50L,
                d.resolve("c.txt").toString(), 0L), report.files());
        assertEquals(1, report.problemCount());
        assertTrue(report.problems().get(0).toString().startsWith(d.resolve("c.txt") + ": Cannot tell the input format"));
    }

    @Test
    void forcedFormatAndMissingInput() {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        InputFormats.readAll(List.of(TestSink.fixture("catalog/sites-head50.jsonl")), Format.CATALOG, sink, report);
        assertEquals(50, sink.sites.size());
        assertThrows(UserException.class, () -> InputFormats.readAll(List.of(dir.resolve("missing.csv")), null, sink,
                report));
    }
}
