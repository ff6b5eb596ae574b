package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.RankEngine;
import io.linkscout.quality.DomainAnalysis;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc-graph}'s core on a host graph in Common Crawl's published layout (src/test/resources/ccgraph, see its
 * README): reversed host names joined to registrable domains, host links collapsed into weighted domain links,
 * LinkScout's PageRank by hand, and the CSV read back by {@code ingest} as an authority list whose prior is the
 * graph authority.
 */
class CommonCrawlGraphTest {

    @TempDir
    Path tmp;

    private Path fixture(String name) throws Exception {
        Path f = tmp.resolve(name);
        if (Files.exists(f)) {
            return f;
        }
        try (InputStream in = CommonCrawlGraphTest.class.getResourceAsStream("/ccgraph/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void reversedNamesAreHosts() {
        assertEquals("www.example.com", CommonCrawlGraph.host("com.example.www"));
        assertEquals("www.bbc.co.uk", CommonCrawlGraph.host("uk.co.bbc.www"));
        assertEquals("example.com", CommonCrawlGraph.host("COM.Example"));
        assertNull(CommonCrawlGraph.host("com..bad"));
        assertNull(CommonCrawlGraph.host("localhost"));
        assertNull(CommonCrawlGraph.host(" "));
    }

    @Test
    void theSameGraphAsABvGraphGivesTheSameDomainGraphAndRanks() throws Exception {
        // the fixture's host edges (without the malformed line) stored the way Common Crawl also publishes graphs
        int[][] arcs = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 1}, {3, 2}, {5, 4}, {5, 0}};
        Path basename = tmp.resolve("cc-host");
        it.unimi.dsi.webgraph.BVGraph.store(new it.unimi.dsi.webgraph.ArrayListMutableGraph(6, arcs).immutableView(),
                basename.toString());
        CommonCrawlGraph text = CommonCrawlGraph.read(List.of(fixture("host-vertices.txt.gz")),
                List.of(fixture("host-edges.txt.gz")));
        CommonCrawlGraph bv = CommonCrawlGraph.readBvGraph(List.of(fixture("host-vertices.txt.gz")),
                Path.of(basename + ".graph"));
        LinkGraph a = text.graph();
        LinkGraph b = bv.graph();
        assertEquals(a.nodeCount(), b.nodeCount());
        assertEquals(a.edgeCount(), b.edgeCount());
        for (int s = 0; s < a.nodeCount(); s++) {
            assertEquals(a.name(s), b.name(s));
            for (int e = a.edgeStart(s); e < a.edgeEnd(s); e++) {
                assertEquals(a.target(e), b.target(e));
                assertEquals(a.weight(e), b.weight(e));
            }
        }
        assertEquals(text.rank(RankEngine.IN_PROCESS, 0.85), bv.rank(RankEngine.IN_PROCESS, 0.85));
        CommonCrawlGraph.Stats s = bv.stats();
        assertEquals(7, s.edges());
        assertEquals(1, s.skippedEdges());
        assertTrue(s.problems().get(1).endsWith("cc-host.graph: arc 5 -> 4: vertex 4 is not in the vertex files (or "
                + "was skipped)"), s.problems().toString());
        // the basename without .graph works too; a basename with no graph is a clear error
        assertEquals(5, CommonCrawlGraph.readBvGraph(List.of(fixture("host-vertices.txt.gz")), basename).graph()
                .edgeCount());
        UserException missing = assertThrows(UserException.class, () -> CommonCrawlGraph.readBvGraph(
                List.of(fixture("host-vertices.txt.gz")), tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("nothing.graph not found (give the basename of a BVGraph"),
                missing.getMessage());
        Files.writeString(tmp.resolve("broken.graph"), "not a graph");
        Files.writeString(tmp.resolve("broken.properties"), "graphclass = no.such.Graph\n");
        UserException broken = assertThrows(UserException.class, () -> CommonCrawlGraph.readBvGraph(
                List.of(fixture("host-vertices.txt.gz")), tmp.resolve("broken")));
        assertTrue(broken.getMessage().contains("not a WebGraph graph WebGraph can read"), broken.getMessage());
    }

    @Test
    void hostGraphRanksDomainsAsComputedByHand() throws Exception {
        CommonCrawlGraph g = CommonCrawlGraph.read(List.of(fixture("host-vertices.txt.gz")),
                List.of(fixture("host-edges.txt.gz")));
        LinkGraph lg = g.graph();
        assertEquals(List.of("a.com", "b.com", "c.com", "d.co.uk"),
                List.of(lg.name(0), lg.name(1), lg.name(2), lg.name(3)));
        // a→b carries the two host links (blog.a.com→www.b.com, www.a.com→www.b.com); a→a is dropped
        int a = lg.node("a.com");
        assertEquals(2, lg.outDegree(a));
        assertEquals(lg.node("b.com"), lg.target(lg.edgeStart(a)));
        assertEquals(2, lg.weight(lg.edgeStart(a)));
        assertEquals(1, lg.weight(lg.edgeStart(a) + 1));
        assertEquals(5, lg.edgeCount());
        CommonCrawlGraph.Stats s = g.stats();
        assertEquals(5, s.vertices());
        assertEquals(1, s.skippedVertices());
        assertEquals(7, s.edges());
        assertEquals(2, s.skippedEdges());
        assertEquals(3, s.problemCount());
        assertTrue(s.problems().get(0).endsWith("host-vertices.txt.gz:5: 'com..bad' is not a reversed host name like "
                + "com.example.www"), s.problems().toString());
        assertTrue(s.problems().get(1).endsWith("host-edges.txt.gz:7: vertex 4 is not in the vertex files (or was "
                + "skipped)"), s.problems().toString());
        assertTrue(s.problems().get(2).endsWith("host-edges.txt.gz:9: not an edge line (from<TAB>to): 'x\ty'"),
                s.problems().toString());

        // By hand, damping d = 0.85, n = 4, u = (1 - d)/n; no dangling domain:
        // r_d = u; r_c = u + d·r_a/3; r_b = u + d·(2/3·r_a + r_c); r_a = u + d·(r_b + r_d)
        // ⇒ r_a = u(1 + d)² / (1 − d²(2 + d)/3), r_b = u(1 + d) + d(2 + d)/3 · r_a
        double d = 0.85;
        double u = 0.15 / 4;
        double ra = u * (1 + d) * (1 + d) / (1 - d * d * (2 + d) / 3);
        double rb = u * (1 + d) + d * (2 + d) / 3 * ra;
        double rc = u + d / 3 * ra;
        double rd = u;
        List<CommonCrawlGraph.Row> rows = g.rank(RankEngine.IN_PROCESS, d);
        assertEquals(List.of("a.com", "b.com", "c.com", "d.co.uk"),
                rows.stream().map(CommonCrawlGraph.Row::domain).toList());
        double[] expected = {ra, rb, rc, rd};
        int[] hosts = {2, 1, 1, 1};
        int[] refs = {2, 2, 1, 0};
        for (int i = 0; i < 4; i++) {
            CommonCrawlGraph.Row r = rows.get(i);
            assertEquals(i + 1, r.rank());
            assertEquals(expected[i], r.pageRank(), 1e-9, r.domain());
            // authority: 100·ln(1 + r·n)/ln(1 + max(max_r·n, 10)); max_r·n = 1.64 < 10, so the scale is ln 11
            assertEquals(100 * Math.log1p(4 * expected[i]) / Math.log(11), r.authority(), 1e-6, r.domain());
            assertEquals(hosts[i], r.hosts(), r.domain());
            assertEquals(refs[i], r.refDomains(), r.domain());
        }
        assertEquals(40.436, rows.get(0).authority(), 1e-3);
        assertEquals(5.829, rows.get(3).authority(), 1e-3);

        // the CSV is an authority list ingest reads; its prior is the graph authority
        Path csv = tmp.resolve("cc-authority.csv");
        CommonCrawlGraph.write(rows, csv);
        assertEquals("domain,cc_rank,cc_pagerank,cc_authority,cc_hosts,cc_ref_domains",
                Files.readAllLines(csv).get(0));
        assertEquals(InputFormats.Format.AUTHORITY, InputFormats.detect(csv));
        List<AuthorityRecord> read = new ArrayList<>();
        IngestReport report = new IngestReport();
        InputFormats.readAll(List.of(csv), null, new IngestSink() {
            @Override
            public void authority(AuthorityRecord r) {
                read.add(r);
            }

            @Override
            public void page(io.linkscout.ingest.PageRecord p) {
                throw new AssertionError("no pages in an authority list");
            }

            @Override
            public void site(io.linkscout.ingest.SiteRecord s) {
                throw new AssertionError("no sites in an authority list");
            }

            @Override
            public void exportLink(io.linkscout.ingest.ExportLink l) {
                throw new AssertionError("no export links in an authority list");
            }
        }, report);
        assertEquals(4, read.size());
        AuthorityRecord top = read.get(0);
        assertEquals("a.com", top.domain());
        assertEquals("merged", top.list());
        assertEquals(1.0, top.metrics().get("cc_rank"));
        assertEquals(ra, top.metrics().get("cc_pagerank"), 1e-9);
        assertEquals(2.0, top.metrics().get("cc_ref_domains"));
        assertEquals(rows.get(0).authority(), DomainAnalysis.prior(top.metrics()), 1e-12);
        assertEquals("d.co.uk", read.get(3).domain());
    }

    @Test
    void badInputIsAClearError() throws Exception {
        Path missing = tmp.resolve("nope.txt.gz");
        UserException e = assertThrows(UserException.class, () -> CommonCrawlGraph.read(List.of(missing),
                List.of(fixture("host-edges.txt.gz"))));
        assertEquals("graph file not found: " + missing + " (check the path)", e.getMessage());
        Path notVertices = tmp.resolve("v.txt");
        Files.writeString(notVertices, "com.example.www\n");
        e = assertThrows(UserException.class, () -> CommonCrawlGraph.read(List.of(notVertices),
                List.of(fixture("host-edges.txt.gz"))));
        assertTrue(e.getMessage().startsWith("no usable vertex in [" + notVertices + "]: a Common Crawl vertex file "
                + "has lines id<TAB>reversed host name (e.g. 0<TAB>com.example.www); first problem: " + notVertices
                + ":1: not a vertex line"), e.getMessage());
        UserException out = assertThrows(UserException.class, () -> CommonCrawlGraph.write(List.of(),
                tmp.resolve("no/such/dir/x.csv")));
        assertTrue(out.getMessage().contains("does not exist"), out.getMessage());
    }
}
