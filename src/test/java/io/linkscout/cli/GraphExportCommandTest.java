package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.graph.CompressedGraph;
import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code graph-export}: the index's domain and page graphs written as compressed WebGraphs read back as the same
 * graphs; bad options are one-line errors (exit code 2, no stack trace).
 */
@QuarkusMainTest
class GraphExportCommandTest {

    static final Path WORK = Path.of("target", "test-graph-export").toAbsolutePath();

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void exportsTheGraphsAndRefusesBadOptions(QuarkusMainLauncher launcher) throws Exception {
        ApiFixture.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Path in = WORK.resolve("pages.jsonl");
        // a.org links to b.org twice (one nofollow) and to c.net; b.org links to a.org; c.net/x links inside c.net
        Files.write(in, List.of(
                "{\"url\": \"https://a.org/\", \"title\": \"A\", \"text\": \"Alpha page about rivers.\", \"links\": "
                        + "[{\"url\": \"https://b.org/\"}, {\"url\": \"https://b.org/two\", \"rel\": \"nofollow\"}, "
                        + "{\"url\": \"https://c.net/x\"}]}",
                "{\"url\": \"https://b.org/\", \"title\": \"B\", \"text\": \"Beta page about lakes.\", \"links\": "
                        + "[{\"url\": \"https://a.org/\"}]}",
                "{\"url\": \"https://b.org/two\", \"title\": \"B two\", \"text\": \"Second beta page.\"}",
                "{\"url\": \"https://c.net/x\", \"title\": \"C\", \"text\": \"Gamma page.\", \"links\": "
                        + "[{\"url\": \"https://c.net/y\"}]}",
                ""), StandardCharsets.UTF_8);
        Path index = WORK.resolve("index");
        LaunchResult r = launcher.launch("ingest", "--index", index.toString(), in.toString());
        assertEquals(0, r.exitCode(), all(r));

        Path domains = WORK.resolve("domains");
        r = launcher.launch("graph-export", "--index", index.toString(), "--out", domains.toString());
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("wrote the domain graph of " + index + " to " + domains + ": 3 nodes, 3 arcs; arcs "),
                all(r));
        Path pages = WORK.resolve("pages");
        r = launcher.launch("graph-export", "--index", index.toString(), "--graph", "pages", "--out", pages.toString());
        assertEquals(0, r.exitCode(), all(r));

        LinkGraph domainGraph;
        LinkGraph pageGraph;
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(index))) {
            domainGraph = idx.domainGraph();
            pageGraph = idx.pageGraph();
        }
        assertSame(domainGraph, CompressedGraph.open(domains).load());
        assertSame(pageGraph, CompressedGraph.open(pages).load());
        assertArrayEquals(new String[] {"a.org", "b.org", "c.net"}, CompressedGraph.open(domains).names());
        StringBuilder arcs = new StringBuilder();
        CompressedGraph.open(domains).forEachArc((s, t, w, followed) -> arcs.append(s).append("->").append(t)
                .append(" w").append(w).append(followed ? "" : " nofollow").append("; "));
        assertEquals("0->1 w2; 0->2 w1; 1->0 w1; ", arcs.toString());

        r = launcher.launch("graph-export", "--index", index.toString(), "--graph", "hosts", "--out",
                domains.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("--graph must be pages or domains, got hosts"), all(r));
        r = launcher.launch("graph-export", "--index", index.toString(), "--out",
                WORK.resolve("no").resolve("such").toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("create it first"), all(r));
        r = launcher.launch("graph-export", "--index", WORK.resolve("nothing").toString(), "--out",
                WORK.resolve("x").toString());
        assertEquals(2, r.exitCode(), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
    }

    private static void assertSame(LinkGraph a, LinkGraph b) {
        assertEquals(a.nodeCount(), b.nodeCount());
        assertEquals(a.edgeCount(), b.edgeCount());
        for (int s = 0; s < a.nodeCount(); s++) {
            assertEquals(a.name(s), b.name(s));
            assertArrayEquals(a.successors(s), b.successors(s));
            for (int e = a.edgeStart(s); e < a.edgeEnd(s); e++) {
                assertEquals(a.weight(e), b.weight(e));
                assertEquals(a.flags(e), b.flags(e));
            }
        }
    }
}
