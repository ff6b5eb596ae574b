package io.linkscout.cli;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.graph.CompressedGraph;
import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graph-export}: writes the index's page or domain graph as a {@link CompressedGraph} (WebGraph BVGraph +
 * arc labels + names), the form the LAW and Common Crawl use for web graphs, for WebGraph tools and for ranking
 * graphs whose arcs do not fit in memory ({@code bench graph --from}).
 */
@Command(name = "graph-export", mixinStandardHelpOptions = true,
        description = "Write the index's page or domain link graph as a compressed WebGraph (BVGraph + arc labels "
                + "with link counts and nofollow + node names) into a folder.")
public class GraphExportCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--graph", defaultValue = "domains", description = "pages or domains (default: ${DEFAULT-VALUE}).")
    String graph;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to write (replaced if it exists; its parent must exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"pages".equals(graph) && !"domains".equals(graph)) {
            throw new UserException("--graph must be pages or domains, got " + graph);
        }
        IndexLayout layout = index.layout();
        layout.requireExists();
        LinkGraph g;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            g = "pages".equals(graph) ? idx.pageGraph() : idx.domainGraph();
        }
        CompressedGraph c;
        try {
            c = CompressedGraph.store(g, out);
        } catch (NoSuchFileException e) {
            throw new UserException("--out " + out + ": " + e.getReason() + " (" + e.getFile() + ")");
        }
        System.out.printf(Locale.ROOT, "wrote the %s graph of %s to %s: %d nodes, %d arcs; %s%n",
                "pages".equals(graph) ? "page" : "domain", layout.root(), c.dir(), c.nodeCount(), c.edgeCount(),
                c.describeSizes());
        return 0;
    }
}
