package io.linkscout.index;

import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import java.util.List;
import java.util.Map;

/** A tiny hand-made corpus: two sites, five pages, one catalog row per site, one authority row. */
final class IndexFixtures {

    private IndexFixtures() {
    }

    static final String A1 = "https://alpha.example.com/guide";
    static final String A2 = "https://www.alpha.example.com/about";
    static final String B1 = "https://beta.org/river-otters";
    static final String B2 = "https://beta.org/sea-otters";
    static final String B3 = "https://beta.org/contact";

    static List<PageRecord> pages() {
        return List.of(
                new PageRecord(A1, "A guide to otters", "Otters are semiaquatic mammals. River otters eat fish.",
                        List.of(new Link(B1, "river otters", ""), new Link(B2, "sea otters", "nofollow"),
                                new Link(A2, "about us", ""), new Link("https://gamma.net/", "gamma", "")),
                        List.of("editor@alpha.example.com"), "2024-01-01T00:00:00Z", "t:1"),
                new PageRecord(A2, "About Alpha", "Alpha writes about wildlife.", List.of(new Link(A1, "guide", "")),
                        List.of(), null, "t:2"),
                new PageRecord(B1, "River otters", "The North American river otter lives in rivers.",
                        List.of(new Link(B2, "Sea otters", ""), new Link(A1, "otter guide", "")), List.of(), null,
                        "t:3"),
                new PageRecord(B2, "Sea otters", "Sea otters live in the Pacific Ocean and use tools.",
                        List.of(new Link(B1, "River otters", "")), List.of(), null, "t:4"),
                new PageRecord(B3, "Contact", "Write to us.", List.of(new Link(B1, "otters", "sponsored")),
                        List.of("hello@beta.org"), null, "t:5"));
    }

    static List<SiteRecord> catalog() {
        return List.of(
                new SiteRecord("example.com", "https://alpha.example.com/", "Alpha Wildlife", "A wildlife blog",
                        "Nature", "GB", Map.of("founded", 2001.0), "c:2"),
                new SiteRecord("beta.org", "https://beta.org/", "Beta Otters", "All about otters", "Nature", "US",
                        Map.of(), "c:3"),
                new SiteRecord("delta.io", "https://delta.io/", "Delta", "No pages ingested", "Tech", "", Map.of(),
                        "c:4"));
    }

    static List<AuthorityRecord> authority() {
        return List.of(new AuthorityRecord("beta.org", "majestic",
                Map.of("majestic_rank", 1234.0, "majestic_ref_subnets", 5678.0), "m:2"));
    }
}
