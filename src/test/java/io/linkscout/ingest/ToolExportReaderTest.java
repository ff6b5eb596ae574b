package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.ingest.InputFormats.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The backlink-export fixtures of {@code src/test/resources/tool-exports} (see its NOTICE.txt and SOURCES.txt): each
 * is recognised from its bytes and header and gives the rows counted by hand from the file.
 */
class ToolExportReaderTest {

    @TempDir
    Path dir;

    static Path export(String name) {
        try {
            return Path.of(ToolExportReaderTest.class.getResource("/tool-exports/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one file through {@link InputFormats#readAll} (detection included). */
    static TestSink read(Path file, String target, IngestReport report) {
        TestSink sink = new TestSink();
        InputFormats.readAll(List.of(file), null, target, sink, report);
        return sink;
    }

    // file, report id, rows, live, lost, nofollow/ugc/sponsored rows, rows with a target domain, problems
    @ParameterizedTest
    @CsvSource({
        "ahrefs-backlinks.csv,            ahrefs-backlinks,          7, 3, 4, 3, 7, 0",
        "ahrefs-backlinks-utf8.csv,       ahrefs-backlinks,          7, 3, 4, 3, 7, 0",
        "ahrefs-backlinks-v2-legacy.csv,  ahrefs-backlinks,          2, 1, 1, 1, 2, 0",
        "ahrefs-broken-backlinks.csv,     ahrefs-broken-backlinks,   5, 5, 0, 3, 5, 0",
        "ahrefs-referring-domains.csv,    ahrefs-referring-domains,  4, 3, 1, 1, 0, 1",
        "semrush-backlinks.csv,           semrush-backlinks,         6, 4, 2, 4, 6, 0",
        "semrush-backlinks-semicolon.csv, semrush-backlinks,         6, 4, 2, 4, 6, 0",
        "semrush-referring-domains.csv,   semrush-referring-domains, 5, 5, 0, 0, 0, 1",
        "semrush-backlink-audit.csv,      semrush-backlink-audit,    5, 5, 0, 1, 5, 0",
        "majestic-backlinks.UNVERIFIED.csv, majestic-backlinks,      5, 5, 0, 0, 5, 0",
        "gsc-latest-links.csv,            gsc-latest-links,          5, 5, 0, 0, 0, 1",
        "gsc-latest-links-it.csv,         gsc-latest-links,          3, 3, 0, 0, 0, 1",
        "gsc-more-sample-links.csv,       gsc-more-sample-links,     5, 5, 0, 0, 0, 1",
        "gsc-top-linking-sites.csv,       gsc-top-linking-sites,     5, 5, 0, 0, 0, 1",
    })
    void eachFixtureGivesItsRows(String file, String reportId, int rows, int live, int lost, int unfollowed,
            int withTarget, int problems) throws IOException {
        Path f = export(file);
        assertEquals(Format.EXPORT, InputFormats.detect(f), file);
        IngestReport report = new IngestReport();
        TestSink sink = read(f, null, report);
        assertEquals(rows, sink.exportLinks.size(), file);
        assertEquals(rows, report.exportRows(), file);
        assertEquals(Map.of(f.toString(), (long) rows), report.files(), file);
        assertTrue(sink.exportLinks.stream().allMatch(e -> e.report().equals(reportId)), file);
        assertEquals(live, sink.exportLinks.stream().filter(e -> !e.gone()).count(), file);
        assertEquals(lost, sink.exportLinks.stream().filter(ExportLink::gone).count(), file);
        assertEquals(unfollowed, sink.exportLinks.stream().filter(e -> !e.rel().isEmpty()).count(), file);
        assertEquals(withTarget, sink.exportLinks.stream().filter(e -> e.targetDomain() != null).count(), file);
        assertEquals(problems, report.problemCount(), () -> file + ": " + report.problems());
        assertTrue(sink.pages.isEmpty() && sink.sites.isEmpty() && sink.authorities.isEmpty(), file);
    }

    @Test
    void ahrefsRowsKeepAnchorRelDatesLostAndTheToolMetricsApart() {
        TestSink sink = read(export("ahrefs-backlinks.csv"), null, new IngestReport());
        ExportLink first = sink.exportLinks.get(0);
        assertEquals(new ExportLink("ahrefs", "ahrefs-backlinks", "https://travel.example.org/blog/mountain-spas/",
                "example.org", "Ten mountain spas worth the drive | Travel Notes", "https://www.example.com/",
                "example.com", "Example Spa", "", "2021-09-11T11:40:43", "2026-02-06T04:08:05", null,
                Map.of("ahrefs_ur", 12.0), Map.of("ahrefs_dr", 76.0), "ahrefs-backlinks.csv:2"), first);
        ExportLink forum = sink.exportLinks.get(2);
        assertEquals("nofollow ugc", forum.rel());
        assertEquals("Forum: \"best spa\" thread", forum.title());
        ExportLink restored = sink.exportLinks.get(1); // linkrestored, but its Lost date is after Last seen
        assertEquals("2025-12-17T01:32:56", restored.lost());
        assertEquals("nofollow", restored.rel());
        assertEquals("sponsored", sink.exportLinks.get(5).rel());
        assertEquals(3.7, sink.exportLinks.get(6).domainMetrics().get("ahrefs_dr"));
    }

    @Test
    void semrushLostFlagGscUnknownDateAndCounts() {
        TestSink semrush = read(export("semrush-backlinks.csv"), null, new IngestReport());
        assertEquals("lost", semrush.exportLinks.get(1).lost());
        assertEquals(Map.of("semrush_page_ascore", 31.0), semrush.exportLinks.get(1).pageMetrics());
        assertEquals("nofollow sponsored", semrush.exportLinks.get(4).rel());
        assertEquals("nofollow ugc", semrush.exportLinks.get(5).rel());
        TestSink gsc = read(export("gsc-latest-links.csv"), "mysite.example", new IngestReport());
        assertEquals("https://news.example.org/a,b?x=1,2", gsc.exportLinks.get(2).sourceUrl());
        assertNull(gsc.exportLinks.get(3).lastSeen(), "1970-01-01 is GSC's unknown date");
        assertEquals("2026-05-02", gsc.exportLinks.get(0).lastSeen());
        assertTrue(gsc.exportLinks.stream().allMatch(e -> "mysite.example".equals(e.targetDomain())));
        TestSink sites = read(export("gsc-top-linking-sites.csv"), "example.com", new IngestReport());
        assertEquals(Map.of("gsc_linking_pages", 1240.0, "gsc_target_pages", 12.0),
                sites.exportLinks.get(1).domainMetrics());
        assertEquals("example.com", sites.exportLinks.get(1).sourceDomain());
    }

    @Test
    void localisedSearchConsoleHeaderIsRecognised() {
        TestSink it = read(export("gsc-latest-links-it.csv"), "mysite.example", new IngestReport());
        assertEquals(List.of("https://blog.example.org/post-1", "https://forum.example.net/viewtopic.php?t=34574",
                "https://old.example.net/redirect.php?ref_host=a.example"),
                it.exportLinks.stream().map(ExportLink::sourceUrl).toList());
        assertEquals("2026-03-10", it.exportLinks.get(1).lastSeen());
        assertEquals("gsc", it.exportLinks.get(0).tool());
    }

    @Test
    void referringDomainsTakeTheirTargetFromTheOptionOrTheToolsFileName() throws IOException {
        IngestReport report = new IngestReport();
        TestSink given = read(export("ahrefs-referring-domains.csv"), "example.com", report);
        assertEquals(0, report.problemCount());
        assertEquals(List.of("example.org", "example.net", "links.example", "example.com"),
                given.exportLinks.stream().map(ExportLink::sourceDomain).toList());
        assertTrue(given.exportLinks.stream().allMatch(e -> "example.com".equals(e.targetDomain())));
        assertEquals("nofollow", given.exportLinks.get(1).rel(), "Dofollow links 0");
        assertEquals("2022-09-01T00:00", given.exportLinks.get(2).lost());
        Path named = Files.copy(export("semrush-referring-domains.csv"),
                dir.resolve("shop.example.net-backlinks_refdomains.csv"));
        IngestReport r2 = new IngestReport();
        TestSink fromName = read(named, null, r2);
        assertEquals(0, r2.problemCount(), () -> r2.problems().toString());
        assertTrue(fromName.exportLinks.stream().allMatch(e -> "example.net".equals(e.targetDomain())));
        assertEquals(100.0, fromName.exportLinks.get(3).domainMetrics().get("semrush_ascore"));
    }

    @Test
    void topLinkedPagesAreRecognisedAndSkippedAsOwnPages() throws IOException {
        Path f = export("gsc-top-linked-pages.csv");
        assertEquals(Format.EXPORT, InputFormats.detect(f));
        IngestReport report = new IngestReport();
        TestSink sink = read(f, "example.com", report);
        assertEquals(0, sink.exportLinks.size());
        assertEquals(Map.of("gsc-top-linked-pages: your own pages (not link sources)", 3L), report.skipped());
    }

    @Test
    void detectionIgnoresTheFileName() throws IOException {
        Path misnamed = Files.copy(export("ahrefs-backlinks.csv"), dir.resolve("sites.jsonl"));
        assertEquals(Format.EXPORT, InputFormats.detect(misnamed));
        assertEquals(7, read(misnamed, null, new IngestReport()).exportLinks.size());
        Path catalog = dir.resolve("ahrefs-backlinks.csv");
        Files.writeString(catalog, "domain,name\nexample.org,Example\n");
        assertEquals(Format.CATALOG, InputFormats.detect(catalog));
    }

    @Test
    void zipAndGzipWrappersAreOpened() throws IOException {
        Path zip = dir.resolve("search-console-links.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : List.of("gsc-latest-links.csv", "gsc-top-linking-sites.csv", "gsc-top-linked-pages.csv")) {
                z.putNextEntry(new ZipEntry("links/" + n));
                z.write(Files.readAllBytes(export(n)));
                z.closeEntry();
            }
        }
        Path gz = dir.resolve("majestic.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(export("majestic-backlinks.UNVERIFIED.csv")));
        }
        Path ahrefsGz = dir.resolve("ahrefs-export.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(ahrefsGz))) {
            o.write(Files.readAllBytes(export("ahrefs-backlinks.csv")));
        }
        IngestReport report = new IngestReport();
        TestSink sink = new TestSink();
        InputFormats.readAll(List.of(zip, gz, ahrefsGz), null, "example.com", sink, report);
        assertEquals(5 + 5 + 5 + 7, sink.exportLinks.size());
        assertEquals(Map.of(ahrefsGz.toString(), 7L, gz.toString(), 5L,
                zip + "!links/gsc-latest-links.csv", 5L, zip + "!links/gsc-top-linked-pages.csv", 0L,
                zip + "!links/gsc-top-linking-sites.csv", 5L), report.files());
        assertEquals("gsc-latest-links.csv:2", sink.exportLinks.get(0).source());
        assertEquals(0, report.problemCount(), () -> report.problems().toString());
    }

    @Test
    void badRowsAreReportedWithFileLineAndColumnAndTheRunGoesOn() throws IOException {
        Path f = dir.resolve("backlinks.csv");
        Files.writeString(f, String.join("\n",
                "Page ascore,Source title,Source url,Target url,Anchor,Nofollow,First seen,Last seen,Lost link",
                "51,A,https://a.example/1,https://www.example.com/,x,false,2025-09-12,2026-04-10,false",
                "x1,B,not a url,https://www.example.com/,y,false,2025-09-12,2026-04-10,false",
                "12,C,https://c.example/1,,z,false,2025-09-12,2026-04-10,false",
                "7,D,https://d.example/1,https://www.example.com/,w,maybe,12/09/2025,2026-04-10,false",
                "8,E,https://e.example/1,https://www.example.com/,v,true,2025-09-12,2026-04-10,true",
                ""));
        IngestReport report = new IngestReport();
        TestSink sink = read(f, null, report);
        assertEquals(List.of(
                f + ":3: column 'Source url': not an absolute http(s) URL: 'not a url' (give the linking page's URL "
                        + "with http:// or https://; the row is skipped)",
                f + ":4: column 'Target url': empty (every row needs the linked page's absolute http(s) URL; the "
                        + "row is skipped)",
                f + ":5: column 'Nofollow': not true or false: 'maybe' (write true or false; ignored)",
                f + ":5: column 'First seen': not a date: '12/09/2025' (write yyyy-MM-dd or yyyy-MM-dd HH:mm:ss; "
                        + "ignored)"),
                report.problems().stream().map(Object::toString).toList());
        assertEquals(List.of("https://a.example/1", "https://d.example/1", "https://e.example/1"),
                sink.exportLinks.stream().map(ExportLink::sourceUrl).toList());
        assertNull(sink.exportLinks.get(1).firstSeen());
        assertEquals("lost", sink.exportLinks.get(2).lost());
    }
}
