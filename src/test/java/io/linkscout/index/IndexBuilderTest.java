package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.graph.LinkGraph;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {

    @TempDir
    Path dir;

    private IndexBuilder.Result ingestFixtures(IndexLayout layout) throws IOException {
        return new IndexBuilder(layout, 2, null).ingest((sink, report) -> {
            IndexFixtures.pages().forEach(p -> {
                sink.page(p);
                report.pageRead();
            });
            IndexFixtures.catalog().forEach(sink::site);
            IndexFixtures.authority().forEach(sink::authority);
        });
    }

    @Test
    void buildsPagesSitesLinksAndGraphs() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexStats s = ingestFixtures(layout).stats();
        assertEquals(5, s.pages());
        // example.com and beta.org have pages; delta.io only a catalog row
        assertEquals(3, s.sites());
        assertEquals(3, s.catalogRows());
        assertEquals(1, s.authorityRows());
        assertEquals(9, s.links());
        assertEquals(5, s.internalLinks()); // A1->A2 (www. is the same site), A2->A1, B1->B2, B2->B1, B3->B1
        assertEquals(4, s.externalLinks()); // A1->B1, A1->B2, A1->gamma.net, B1->A1
        assertEquals(2, s.unfollowedLinks());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            LinkGraph pg = idx.pageGraph();
            assertEquals(5, pg.nodeCount());
            assertEquals(8, pg.edgeCount()); // gamma.net is not an ingested page
            int a1 = pg.node(IndexFixtures.A1);
            int b2 = pg.node(IndexFixtures.B2);
            int e = -1;
            for (int k = pg.edgeStart(a1); k < pg.edgeEnd(a1); k++) {
                if (pg.target(k) == b2) {
                    e = k;
                }
            }
            assertFalse(pg.followed(e), "nofollow link is flagged");
            LinkGraph dg = idx.domainGraph();
            assertEquals(List.of("beta.org", "delta.io", "example.com", "gamma.net"), names(dg));
            // example.com -> beta.org (one followed, one nofollow link: followed), example.com -> gamma.net,
            // beta.org -> example.com
            assertEquals(3, dg.edgeCount());

            Document b1 = page(idx, IndexFixtures.B1);
            assertEquals("river otters\notters\nRiver otters\n", b1.get(IndexFields.ANCHORS_IN));
            int b1Doc = idx.searcher().search(new TermQuery(new Term(IndexFields.UID,
                    IndexFields.uid(IndexFields.TYPE_PAGE, IndexFixtures.B1))), 1).scoreDocs[0].doc;
            assertEquals(3, idx.pageLong(b1Doc, IndexFields.PAGE_IN_LINKS));
            assertEquals(1, idx.pageLong(b1Doc, IndexFields.PAGE_REF_DOMAINS));
            assertEquals("beta.org", b1.get(IndexFields.DOMAIN));
            // outlink profile is searchable: A1 links to a page titled "Sea otters" with anchor "sea otters"
            TopDocs hits = idx.searcher().search(new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.OUTLINKS, "gamma")),
                            org.apache.lucene.search.BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)),
                            org.apache.lucene.search.BooleanClause.Occur.FILTER).build(), 10);
            assertEquals(1, hits.totalHits.value());
            assertEquals(IndexFixtures.A1, idx.reader().storedFields().document(hits.scoreDocs[0].doc)
                    .get(IndexFields.ID));

            Document beta = site(idx, "beta.org");
            assertEquals("Beta Otters", beta.get(IndexFields.NAME));
            assertEquals(3, beta.getField(IndexFields.PAGE_COUNT).numericValue().intValue());
            assertEquals("{\"majestic_rank\":1234.0,\"majestic_ref_subnets\":5678.0}",
                    beta.get(IndexFields.METRICS));
            assertEquals("hello@beta.org", beta.get(IndexFields.EMAILS));
            Document delta = site(idx, "delta.io");
            assertEquals(0, delta.getField(IndexFields.PAGE_COUNT).numericValue().intValue());
        }
    }

    @Test
    void reIngestIsIdempotentAndReplacesPages() throws IOException {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        ingestFixtures(layout);
        TreeMap<String, String> first = snapshot(layout);
        IndexBuilder.Result again = ingestFixtures(layout);
        assertEquals(5, again.replacedPages());
        assertEquals(first, snapshot(layout));

        // a changed version of one page replaces the old one
        IndexBuilder.Result changed = new IndexBuilder(layout, 1, null).ingest((sink, report) -> sink.page(
                new PageRecord(IndexFixtures.B3 + "#team", "Contact the otter team", "Mail us.",
                        List.of(new Link(IndexFixtures.B2, "sea otters", "")), List.of(), null, "t:9")));
        assertEquals(1, changed.replacedPages());
        assertEquals(5, changed.stats().pages());
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals("Contact the otter team", page(idx, IndexFixtures.B3).get(IndexFields.TITLE));
            assertEquals("sea otters\nsea otters\nSea otters\n", page(idx, IndexFixtures.B2).get(IndexFields.ANCHORS_IN));
        }
    }

    @Test
    void missingIndexIsAClearError() {
        IndexLayout layout = new IndexLayout(dir.resolve("nothing-here"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.linkscout.error.UserException.class,
                () -> LinkScoutIndex.open(layout));
        assertTrue(e.getMessage().startsWith("no LinkScout index at "), e.getMessage());
        assertTrue(e.getMessage().contains("ingest --index"), e.getMessage());
    }

    static List<String> names(LinkGraph g) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < g.nodeCount(); i++) {
            out.add(g.name(i));
        }
        return out;
    }

    static Document page(LinkScoutIndex idx, String url) throws IOException {
        return byId(idx, url);
    }

    static Document site(LinkScoutIndex idx, String domain) throws IOException {
        return byId(idx, domain);
    }

    static Document byId(LinkScoutIndex idx, String id) throws IOException {
        TopDocs td = idx.searcher().search(new TermQuery(new Term(IndexFields.ID, id)), 2);
        assertEquals(1, td.totalHits.value(), "one document with id " + id);
        return idx.reader().storedFields().document(td.scoreDocs[0].doc);
    }

    /** Every stored field of every document, keyed by type and id (order-independent). */
    static TreeMap<String, String> snapshot(IndexLayout layout) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            StoredFields sf = idx.reader().storedFields();
            for (int i = 0; i < idx.reader().maxDoc(); i++) {
                Document d = sf.document(i);
                StringBuilder sb = new StringBuilder();
                d.getFields().stream().map(f -> f.name() + "=" + (f.binaryValue() != null
                        ? f.binaryValue().utf8ToString() : f.stringValue() != null ? f.stringValue()
                        : String.valueOf(f.numericValue()))).sorted().forEach(x -> sb.append(x).append('\n'));
                out.put(d.get(IndexFields.TYPE) + " " + d.get(IndexFields.ID), sb.toString());
            }
        }
        return out;
    }
}
