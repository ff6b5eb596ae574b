package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.graph.LinkGraph;
import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.InputFormats;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.jobs.gap.LinkIntersect;
import io.linkscout.quality.SiteQuality;
import io.linkscout.rank.ContentQuery;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommendation;
import io.linkscout.rank.Recommender;
import io.linkscout.site.SiteRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backlink exports in the index: their links in the page and domain graphs (lost ones kept, not in the graphs), pages
 * and sites known only from an export, the tools' metrics beside LinkScout's authority, and the jobs over them. The
 * fixtures are those of {@code src/test/resources/tool-exports}; the counts are worked out by hand from the files.
 */
class ToolExportsIndexTest {

    @TempDir
    Path dir;

    static Path export(String name) {
        return Path.of("src/test/resources/tool-exports").resolve(name);
    }

    private IndexBuilder.Result ingest(IndexLayout layout, List<Path> inputs, String target) throws Exception {
        return new IndexBuilder(layout, 1, null).ingest((sink, report) ->
                InputFormats.readAll(inputs, null, target, sink, report));
    }

    private static Document doc(LinkScoutIndex idx, String id) throws Exception {
        ScoreDoc[] h = idx.searcher().search(new TermQuery(new Term(IndexFields.ID, id)), 1).scoreDocs;
        assertEquals(1, h.length, id);
        return idx.reader().storedFields().document(h[0].doc);
    }

    @Test
    void lostLinksAreKeptAndShownButNotInTheGraphs() throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexBuilder.Result r = ingest(layout, List.of(export("ahrefs-backlinks.csv")), null);
        // 7 rows: live travel/forum/photos (example.org) -> example.com; lost guia, dir, deals (example.net) and
        // links.example
        IndexStats s = r.stats();
        assertEquals(7, s.pages());
        assertEquals(3, s.sites(), "example.org, example.net, links.example");
        assertEquals(3, s.links(), "only the live links");
        assertEquals(1, s.unfollowedLinks(), "the forum's nofollow ugc link");
        assertEquals(0, s.pageEdges(), "no target page is indexed");
        assertEquals(1, s.domainEdges(), "example.org -> example.com");
        assertEquals(Map.of("ahrefs", new ExportLinkCounts.Counts(3, 4, 0, 0, 7)), s.exports().tools());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            LinkGraph g = idx.domainGraph();
            LinkGraph gt = g.transpose();
            int com = g.node("example.com");
            assertEquals(List.of("example.org"), java.util.Arrays.stream(gt.successors(com)).mapToObj(gt::name)
                    .toList());
            assertEquals(0, g.outDegree(g.node("example.net")), "example.net's links are all lost");
            Document lost = doc(idx, "https://deals.example.net/2023/spa-deals");
            assertEquals("known from Ahrefs export", lost.get(IndexFields.KNOWN_FROM));
            StoredPage sp = IndexBuilder.JSON.readValue(lost.getBinaryValue(IndexFields.RECORD).bytes,
                    StoredPage.class);
            assertEquals(List.of(), sp.links(), "the lost link is not a link of the page");
            assertEquals(List.of(new ToolLink("ahrefs", "https://www.example.com/offers/winter", "winter offer",
                    "sponsored", "2023-01-14T17:56:39", "2024-03-01T00:00", "2024-03-05T06:30",
                    "ahrefs-backlinks.csv:7")), sp.toolLinks());
            assertEquals(Map.of("ahrefs_ur", 7.0), sp.toolMetrics());
            Document live = doc(idx, "https://forum.example.org/t/best-spa/123");
            assertEquals("[{\"url\":\"https://www.example.com/en/\",\"anchor\":\"this place\",\"rel\":\"nofollow ugc\"}]",
                    IndexBuilder.JSON.writeValueAsString(IndexBuilder.JSON.readValue(
                            live.getBinaryValue(IndexFields.RECORD).bytes, StoredPage.class).links()));
            assertEquals("known from Ahrefs export", doc(idx, "example.org").get(IndexFields.KNOWN_FROM));
            // GET /api/pages?url=: the page with what the export said, the lost link shown with its date
            io.linkscout.profile.SiteProfiles.PageText pt = io.linkscout.profile.SiteProfiles.page(
                    new io.linkscout.search.LuceneSearchBackend(idx, false),
                    "https://deals.example.net/2023/spa-deals");
            assertEquals("", pt.text());
            assertEquals("known from Ahrefs export", pt.knownFrom());
            assertEquals(Map.of("ahrefs_ur", 7.0), pt.toolMetrics());
            assertEquals("2024-03-05T06:30", pt.exportLinks().get(0).lost());
        }
        // the same file again: the same index
        IndexStats again = ingest(layout, List.of(export("ahrefs-backlinks.csv")), null).stats();
        assertEquals(List.of(7L, 3L, 3L, 1L, 1L), List.of(again.pages(), again.sites(), again.links(),
                again.unfollowedLinks(), again.domainEdges()));
        assertEquals(s.exports(), again.exports());
    }

    @Test
    void theToolsMetricIsShownBesideLinkScoutsOwnAuthority() throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        ingest(layout, List.of(export("ahrefs-backlinks.csv"), export("majestic-backlinks.UNVERIFIED.csv")), null);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            SiteRepository sites = new SiteRepository(idx);
            Document org = sites.document("example.org").orElseThrow();
            // DR of example.org's hosts: travel 76, forum 41, photos 33 -> the highest; Majestic's domain TF/CF
            // of travel (45/52), forum (20/33), photos (26/30) -> 45/52
            assertEquals(Map.of("ahrefs_dr", 76.0, "majestic_cf", 52.0, "majestic_tf", 45.0),
                    SiteRepository.toolMetrics(org));
            assertEquals(Map.of("ahrefs_dr", 52.0, "majestic_cf", 41.0, "majestic_tf", 35.0),
                    SiteRepository.toolMetrics(sites.document("example.net").orElseThrow()));
            SiteQuality q = SiteRepository.quality(org);
            assertNull(q.prior(), "a tool's metric is no prior: LinkScout's authority is its own");
            assertEquals(q.graphAuthority(), q.authority());
            assertEquals("known from Ahrefs, Majestic exports", org.get(IndexFields.KNOWN_FROM));
            Document page = doc(idx, "https://travel.example.org/blog/mountain-spas/");
            assertEquals("{\"ahrefs_ur\":12.0,\"majestic_page_cf\":40.0,\"majestic_page_tf\":31.0}",
                    page.get(IndexFields.TOOL_METRICS));
        }
    }

    @Test
    void aMixedFolderOfExportsIngestsInOneRun() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("exports"));
        for (String f : List.of("ahrefs-backlinks.csv", "ahrefs-backlinks-utf8.csv", "ahrefs-backlinks-v2-legacy.csv",
                "ahrefs-broken-backlinks.csv", "ahrefs-referring-domains.csv", "semrush-backlinks.csv",
                "semrush-backlinks-semicolon.csv", "semrush-referring-domains.csv", "semrush-backlink-audit.csv",
                "majestic-backlinks.UNVERIFIED.csv", "gsc-latest-links.csv", "gsc-latest-links-it.csv",
                "gsc-more-sample-links.csv", "gsc-top-linking-sites.csv", "gsc-top-linked-pages.csv")) {
            Files.copy(export(f), folder.resolve(f));
        }
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexBuilder.Result r = ingest(layout, List.of(folder), "example.com");
        IngestReport rep = r.report();
        assertEquals(List.of(), rep.problems());
        assertEquals(7 + 7 + 2 + 5 + 4 + 6 + 6 + 5 + 5 + 5 + 5 + 3 + 5 + 5, rep.exportRows());
        assertEquals(Map.of("gsc-top-linked-pages: your own pages (not link sources)", 3L), rep.skipped());
        assertEquals(15, rep.files().size());
        // source pages: Ahrefs 7 + broken 5, Semrush 6 + audit 4 (its travel.example.org page is Ahrefs' first),
        // Search Console 5; the UTF-8, v2, semicolon, Italian, sample and Majestic files repeat pages already named
        assertEquals(27, r.stats().pages());
        assertEquals(7, r.stats().sites(),
                "example.org, example.net, links.example, blog.example, dir.example, zz.spam.example, example.com");
        assertEquals(Map.of(
                "ahrefs", new ExportLinkCounts.Counts(8, 4, 3, 1, 12),
                "gsc", new ExportLinkCounts.Counts(0, 0, 13, 0, 5),
                "majestic", new ExportLinkCounts.Counts(5, 0, 0, 0, 5),
                "semrush", new ExportLinkCounts.Counts(9, 2, 3, 0, 11)), r.stats().exports().tools());
    }

    @Test
    void linkIntersectOnExportOnlyDataFindsAnExportOnlyDomain() throws Exception {
        Path ahrefs = dir.resolve("alpha.example-backlinks-subdomains_2026-01-01_00-00-00.csv");
        Files.writeString(ahrefs, String.join("\n",
                "Referring page title,Referring page URL,Domain rating,UR,Target URL,Anchor,Nofollow,First seen,"
                        + "Last seen,Lost",
                "Reviews,https://prospect.example/reviews,40,3,https://alpha.example/,Alpha,false,"
                        + "2025-01-01 00:00:00,2026-01-01 00:00:00,",
                "A post,https://other.example/post,20,1,https://alpha.example/,alpha,false,2025-01-01 00:00:00,"
                        + "2026-01-01 00:00:00,",
                "Gone,https://gone.example/p,10,1,https://alpha.example/,alpha,false,2025-01-01 00:00:00,"
                        + "2025-06-01 00:00:00,2025-06-02 00:00:00",
                ""));
        Path semrush = dir.resolve("beta.csv");
        Files.writeString(semrush, String.join("\r\n",
                "Page ascore,Source title,Source url,Target url,Anchor,Nofollow,Sponsored,Ugc,First seen,Last seen,"
                        + "New link,Lost link",
                "12,Tools,https://prospect.example/tools,https://beta.example/pricing,Beta,false,false,false,"
                        + "2025-01-01,2026-01-01,false,false",
                "5,Links,https://other.example/links,https://mine.example/,Mine,false,false,false,2025-01-01,"
                        + "2026-01-01,false,false",
                "5,Links 2,https://other.example/links2,https://beta.example/,Beta,false,false,false,2025-01-01,"
                        + "2026-01-01,false,false",
                "3,Gone,https://gone.example/q,https://beta.example/,Beta,false,false,false,2025-01-01,2025-02-01,"
                        + "false,true",
                ""));
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        ingest(layout, List.of(ahrefs, semrush), null);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            LinkIntersect.Response res = new LinkIntersect(idx).run(LinkIntersect.validate(
                    List.of("alpha.example", "beta.example"), "mine.example", 2, 10, 100.0), null);
            // other.example also links to mine.example; gone.example's links are lost
            assertEquals(List.of("prospect.example"), res.results().stream().map(LinkIntersect.Result::domain)
                    .toList());
            LinkIntersect.Result p = res.results().get(0);
            assertEquals(Map.of(
                    "alpha.example", List.of(new LinkIntersect.LinkingPage("https://prospect.example/reviews",
                            "https://alpha.example/", "Alpha", "")),
                    "beta.example", List.of(new LinkIntersect.LinkingPage("https://prospect.example/tools",
                            "https://beta.example/pricing", "Beta", ""))), p.pages());
            assertEquals("known from Ahrefs, Semrush exports",
                    new SiteRepository(idx).document("prospect.example").orElseThrow().get(IndexFields.KNOWN_FROM));
            assertEquals(Map.of("ahrefs_dr", 40.0),
                    SiteRepository.toolMetrics(new SiteRepository(idx).document("prospect.example").orElseThrow()));
        }
    }

    @Test
    void pagesWithoutTextDoNotBreakTheRanking() throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        new IndexBuilder(layout, 1, null).ingest((sink, report) -> {
            sink.page(new PageRecord("https://science.example/volcano", "Volcano", "Volcano\n\nA volcano is an "
                    + "opening in the crust. Magma rises through the vent.", List.of(Link.of(
                            "https://travel.example/iceland")), List.of(), null, "test"));
            sink.page(new PageRecord("https://travel.example/iceland", "Iceland", "Iceland\n\nVisitors hike to a "
                    + "volcano near Reykjavik.", List.of(), List.of(), null, "test"));
            sink.exportLink(new ExportLink("ahrefs", "ahrefs-backlinks", "https://tours.example/volcano-tours",
                    "tours.example", "Volcano tours", "https://travel.example/iceland", "travel.example",
                    "Iceland volcano", "", null, null, null, Map.of("ahrefs_ur", 5.0), Map.of("ahrefs_dr", 30.0),
                    "x.csv:2"));
        });
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(3, idx.stats().pages());
            Recommender rec = new Recommender(idx, RankerModel.bundled());
            ContentQuery q = rec.prepare("Volcano", "A volcano is an opening in the crust.", List.of("volcano"));
            for (Recommender.Unit unit : Recommender.Unit.values()) {
                List<Recommendation> r = rec.recommend(q, new Recommender.Options(10, unit, 0, Set.of(), true));
                assertFalse(r.isEmpty(), unit.toString());
                Set<String> urls = new TreeSet<>();
                r.forEach(x -> {
                    urls.add(x.url());
                    assertTrue(Double.isFinite(x.score()), x.toString());
                });
                assertTrue(urls.contains("https://tours.example/volcano-tours"), unit + ": " + urls);
            }
            assertEquals(2, idx.pageGraph().inDegrees()[idx.pageGraph().node("https://travel.example/iceland")],
                    "the export page's link joins the indexed page, beside the ingested page's");
        }
    }

    @Test
    void aPageIngestedLaterWithTextKeepsWhatTheExportsSaid() throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        ingest(layout, List.of(export("ahrefs-backlinks.csv")), null);
        String travel = "https://travel.example.org/blog/mountain-spas/";
        IndexStats s = new IndexBuilder(layout, 1, null).ingest((sink, report) -> sink.page(new PageRecord(travel,
                "Ten mountain spas", "Ten mountain spas worth the drive.", List.of(Link.of("https://other.example/")),
                List.of(), null, "crawl"))).stats();
        assertEquals(7, s.pages());
        assertEquals(4, s.links(), "its own link, its Ahrefs link, and the forum's and gallery's");
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Document d = doc(idx, travel);
            assertNull(d.get(IndexFields.KNOWN_FROM));
            StoredPage sp = IndexBuilder.JSON.readValue(d.getBinaryValue(IndexFields.RECORD).bytes, StoredPage.class);
            assertEquals(List.of("https://other.example/", "https://www.example.com/"),
                    sp.links().stream().map(Link::url).toList());
            assertEquals(List.of("https://www.example.com/"), sp.exportOnly());
            assertEquals(1, sp.toolLinks().size());
            assertEquals("Ten mountain spas worth the drive.", d.get(IndexFields.TEXT));
            assertNull(doc(idx, "example.org").get(IndexFields.KNOWN_FROM), "example.org has a page with text now");
        }
    }
}
