package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogAndAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void siteCatalogJsonlExcerpt() throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new CatalogReader().read(TestSink.fixture("catalog/sites-head50.jsonl"), sink, report);
        assertEquals(50, sink.sites.size());
        assertEquals(List.of(), report.problems());
        assertEquals(new SiteRecord("buffer.com", "", "Android - Buffer Resources",
                "In-depth ideas and guides to social media & online marketing strategy, published by the team at Buffer",
                "Android Development", "", Map.of("majestic_rank", 1229.0, "majestic_ref_subnets", 14729.0,
                        "majestic_ref_ips", 31577.0), "sites-head50.jsonl:1"), sink.sites.get(0));
        assertEquals("youtube.com", sink.sites.get(1).domain());
        assertEquals(Map.of(), sink.sites.get(1).metrics());
    }

    @Test
    void csvCatalogWithBadRows() throws IOException {
        Path file = dir.resolve("catalog.csv");
        Files.writeString(file, """
                Website,Name,Category,Country,DR,traffic,id,verified
                https://www.BBC.co.uk/news,BBC News,News,UK,94,"1,000",17,true
                ,Nameless,,,,,,
                garden.example.org,"Garden, the \"\"blog\"\"",Gardening,,41.5,,,
                not a domain,X,,,,,,
                """);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new CatalogReader().read(file, sink, report);
        assertEquals(List.of(
                new SiteRecord("bbc.co.uk", "https://www.bbc.co.uk/news", "BBC News", "", "News", "UK",
                        Map.of("dr", 94.0), "catalog.csv:2"),
                new SiteRecord("example.org", "", "Garden, the \"blog\"", "", "Gardening", "", Map.of("dr", 41.5),
                        "catalog.csv:4")), sink.sites);
        assertEquals(List.of(
                file + ":3: field 'domain': missing: the row has no domain or url (fill the domain column (example.com)"
                        + " or the url column (https://example.com/))",
                file + ":5: field 'website': not a domain or http(s) URL: 'not a domain' (give a domain like"
                        + " example.com or a URL like https://example.com/)"),
                report.problems().stream().map(Object::toString).toList());
    }

    @Test
    void majesticExcerpt() throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new AuthorityListReader().read(TestSink.fixture("authority/majestic-head50.csv"), sink, report);
        assertEquals(50, sink.authorities.size());
        assertEquals(new AuthorityRecord("google.com", "majestic", Map.of("majestic_rank", 1.0,
                "majestic_ref_subnets", 501331.0, "majestic_ref_ips", 2221793.0), "majestic-head50.csv:2"),
                sink.authorities.get(0));
        assertEquals(List.of(), report.problems());
    }

    @Test
    void mozExcerpt() throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new AuthorityListReader().read(TestSink.fixture("authority/moz-head50.csv"), sink, report);
        assertEquals(50, sink.authorities.size());
        assertEquals(new AuthorityRecord("google.com", "moz", Map.of("moz_rank", 1.0, "moz_domain_authority", 100.0,
                "moz_linking_root_domains", 14876094.0), "moz-head50.csv:2"), sink.authorities.get(0));
    }

    @Test
    void mergedExcerptGzipped() throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new AuthorityListReader().read(TestSink.fixture("authority/authority_by_domain-head50.csv.gz"), sink, report);
        assertEquals(50, sink.authorities.size());
        assertEquals(new AuthorityRecord("facebook.com", "merged", Map.of("majestic_rank", 2.0,
                "majestic_ref_subnets", 481419.0, "majestic_ref_ips", 2265182.0, "moz_rank", 35.0,
                "moz_domain_authority", 96.0, "moz_linking_root_domains", 68163319.0),
                "authority_by_domain-head50.csv.gz:3"), sink.authorities.get(1));
    }

    @Test
    void authorityBadRows() throws IOException {
        Path file = dir.resolve("merged.csv");
        Files.writeString(file, "domain,majestic_rank,moz_domain_authority\nwww.Example.com,5,\n,1,2\nx.org,abc,3\n");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new AuthorityListReader().read(file, sink, report);
        assertEquals(List.of(new AuthorityRecord("example.com", "merged", Map.of("majestic_rank", 5.0), "merged.csv:2")),
                sink.authorities);
        assertEquals(List.of(file + ":3: field 'domain': missing (every row needs its domain)",
                file + ":4: field 'majestic_rank': not a number: 'abc' (leave the cell empty when the figure is unknown)"),
                report.problems().stream().map(Object::toString).toList());
    }

    /**
     * Found by InputReadersProperties (seeds 17022, 17024): an unterminated quote escaped the readers as an
     * IOException ("after line 0" for the header); now it is a problem at the line the broken row starts on, and the
     * rows before it are kept.
     */
    @Test
    void unterminatedQuoteIsAProblemAtItsLine() throws IOException {
        Path file = dir.resolve("catalog.csv");
        Files.writeString(file, "domain,name\nexample.com,Example\nother.org,\"Other\nthird.net,Third\n");
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new CatalogReader().read(file, sink, report);
        assertEquals(List.of("example.com"), sink.sites.stream().map(SiteRecord::domain).toList());
        assertEquals(1, report.problems().size());
        assertEquals("3", report.problems().get(0).position());

        Path authority = dir.resolve("moz.csv");
        Files.writeString(authority, "rank,root_domain,\"linking_root_domains,domain_authority\n1,google.com,5,100\n");
        IngestReport r2 = new IngestReport();
        new AuthorityListReader().read(authority, new TestSink(), r2);
        assertEquals(1, r2.problems().size());
        assertEquals("1", r2.problems().get(0).position());
    }
}
