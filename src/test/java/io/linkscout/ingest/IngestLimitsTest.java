package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code linkscout.ingest.*} limits: bytes per JSON Lines line (one page a line), links per page, data rows per CSV
 * file. At the limit everything is read; one more is a problem naming the file, the line and the key to raise, and
 * the rest is read as before.
 */
class IngestLimitsTest {

    @TempDir
    Path tmp;

    static String page(String path, int bytes) {
        String head = "{\"url\":\"https://limits.example/" + path + "\",\"text\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static List<String> problems(IngestReport report) {
        return report.problems().stream().map(Object::toString).toList();
    }

    List<String> urls(TestSink sink) {
        return sink.pages.stream().map(PageRecord::url).toList();
    }

    @Test
    void linesUpToTheByteLimitAreReadLongerOnesSkipped() throws IOException {
        Path f = tmp.resolve("pages.jsonl");
        // line 3 spans several reads of the reader's 1 MiB buffer and is dropped without being kept; the last line
        // (no newline at the end) is over the limit too
        Files.writeString(f, page("a", 1000) + "\n" + page("b", 1001) + "\n" + page("c", 3_000_000) + "\n"
                + page("d", 999) + "\n" + page("e", 1200), StandardCharsets.UTF_8);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new JsonlPageReader(new IngestLimits(1000, 10, 10, 1L << 30)).read(f, sink, report);
        assertEquals(List.of("https://limits.example/a", "https://limits.example/d"), urls(sink));
        String why = ": line longer than 1000 bytes: skipped (each line holds one page) (check that the file has one"
                + " page per line, or raise linkscout.ingest.max-line-bytes (now 1000))";
        assertEquals(List.of(f + ":2" + why, f + ":3" + why, f + ":5" + why), problems(report));
    }

    @Test
    void pagesUpToTheLinkLimitAreReadMoreAreSkipped() throws IOException {
        Path f = tmp.resolve("links.jsonl");
        Files.writeString(f, """
                {"url":"https://limits.example/two","links":["https://x.example/1","https://x.example/2"]}
                {"url":"https://limits.example/three","links":["https://x.example/1","https://x.example/2","https://x.example/3"]}
                """);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new JsonlPageReader(new IngestLimits(1 << 20, 10, 2, 1L << 30)).read(f, sink, report);
        assertEquals(List.of("https://limits.example/two"), urls(sink));
        assertEquals(2, sink.pages.get(0).links().size());
        assertEquals(1, report.problems().size());
        assertEquals(new IngestReport.Problem(f.toString(), "2", "links", "more than 2 links (3)",
                "raise linkscout.ingest.max-links-per-page (now 2) for such pages"), report.problems().get(0));
    }

    @Test
    void csvFilesAreReadUpToTheRowLimit() throws IOException {
        Path f = tmp.resolve("catalog.csv");
        Files.writeString(f, "domain,name\none.example,One\ntwo.example,Two\nthree.example,Three\nfour.example,Four\n");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new CatalogReader(new IngestLimits(1 << 20, 2, 10, 1L << 30)).read(f, sink, report);
        assertEquals(List.of("one.example", "two.example"), sink.sites.stream().map(SiteRecord::domain).toList());
        assertEquals(List.of(new IngestReport.Problem(f.toString(), "4", "", "more than 2 data rows: the rest of the"
                + " file is not read", "split the file, or raise linkscout.ingest.max-csv-rows (now 2)")),
                report.problems());

        // at the limit: every row, no problem; the same limit holds for authority lists and backlink exports
        TestSink all = new TestSink();
        IngestReport fine = new IngestReport();
        new CatalogReader(new IngestLimits(1 << 20, 4, 10, 1L << 30)).read(f, all, fine);
        assertEquals(4, all.sites.size());
        assertEquals(List.of(), fine.problems());
        Path majestic = tmp.resolve("majestic.csv");
        Files.writeString(majestic, "GlobalRank,TldRank,Domain,TLD,RefSubNets,RefIPs\n1,1,a.example,example,10,12\n"
                + "2,2,b.example,example,9,11\n");
        IngestReport authority = new IngestReport();
        TestSink one = new TestSink();
        InputFormats.readAll(List.of(majestic), null, null, new IngestLimits(1 << 20, 1, 10, 1L << 30), one, authority);
        assertEquals(1, one.authorities.size());
        assertEquals(List.of(majestic + ":3: more than 1 data rows: the rest of the file is not read (split the file,"
                + " or raise linkscout.ingest.max-csv-rows (now 1))"), problems(authority));
    }

    @Test
    void overLongRowsHeadersAndFirstLines() throws IOException {
        IngestLimits small = new IngestLimits(1000, 100, 10, 1L << 30);
        // a CSV cell whose quote is never closed would swallow the rest of the file as one row
        Path csv = tmp.resolve("unclosed.csv");
        Files.writeString(csv, "domain,name\none.example,One\ntwo.example,\"Two " + "x".repeat(200_000)
                + "\nthree.example,Three\n");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new CatalogReader(small).read(csv, sink, report);
        assertEquals(List.of("one.example"), sink.sites.stream().map(SiteRecord::domain).toList());
        assertEquals(List.of(csv + ":3: a row longer than 1000 characters: the rest of the file is not read (close the"
                + " quoted cell that starts here, or raise linkscout.ingest.max-line-bytes (now 1000))"), problems(report));

        // a site catalog in JSON Lines: the long line is skipped, the next one read
        Path jsonl = tmp.resolve("catalog.jsonl");
        Files.writeString(jsonl, "{\"domain\":\"a.example\"}\n{\"domain\":\"b.example\",\"description\":\""
                + "d".repeat(2000) + "\"}\r\n{\"domain\":\"c.example\"}\n");
        TestSink sites = new TestSink();
        IngestReport r2 = new IngestReport();
        new CatalogReader(small).read(jsonl, sites, r2);
        assertEquals(List.of("a.example", "c.example"), sites.sites.stream().map(SiteRecord::domain).toList());
        assertEquals(List.of(jsonl + ":2: line longer than 1000 characters: skipped (each line holds one site) (raise"
                + " linkscout.ingest.max-line-bytes (now 1000))"), problems(r2));

        // a first line too long to tell the format: the file is a problem, the others are read
        Path blob = tmp.resolve("blob.txt");
        Files.writeString(blob, "\n" + "z".repeat(5000));
        TestSink none = new TestSink();
        IngestReport r3 = new IngestReport();
        InputFormats.readAll(List.of(blob, jsonl), null, null, small, none, r3);
        assertEquals(2, none.sites.size());
        assertEquals(blob + ": " + blob + ":2: the first line longer than 1000 characters: cannot tell the input"
                + " format; force it with --format (a pages file then skips its over-long lines), or raise"
                + " linkscout.ingest.max-line-bytes", problems(r3).get(0));
    }

    static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    @Test
    void zipEntriesAreUnpackedUpToTheLimitAndNotNested() throws IOException {
        Path inner = tmp.resolve("inner.zip");
        zip(inner, Map.of("c.csv", "domain\nnested.example\n".getBytes(StandardCharsets.UTF_8)));
        Path outer = tmp.resolve("exports.zip");
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        entries.put("a.csv", "domain,name\nsmall.example,Small\n".getBytes(StandardCharsets.UTF_8));
        // 100 MB of zeros after the header: a few hundred KB in the zip
        byte[] big = new byte[100 << 20];
        byte[] head = "domain\nbig.example\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        entries.put("b.csv", big);
        entries.put("c.zip", Files.readAllBytes(inner));
        zip(outer, entries);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        InputFormats.readAll(List.of(outer), null, null, new IngestLimits(1 << 20, 100, 10, 1 << 20), sink, report);
        assertEquals(List.of("small.example"), sink.sites.stream().map(SiteRecord::domain).toList());
        assertEquals(List.of(outer + "!b.csv: larger than 1048576 bytes unpacked: not read (unpack it yourself and"
                + " ingest the file, or raise linkscout.ingest.max-zip-entry-bytes)", outer + "!c.zip: a zip inside a"
                + " zip is not opened (unpack the outer zip and ingest the inner one)"), problems(report));
    }
}
