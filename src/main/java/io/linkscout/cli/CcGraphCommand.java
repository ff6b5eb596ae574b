package io.linkscout.cli;

import io.linkscout.cli.common.RankEngineOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.config.SparkSettings;
import io.linkscout.error.UserException;
import io.linkscout.ingest.CommonCrawlGraph;
import io.linkscout.spark.SparkCommonCrawlGraph;
import io.linkscout.spark.SparkRankEngine;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cc-graph}: a Common Crawl host or domain graph → an authority list CSV for {@code ingest}. */
@Command(name = "cc-graph", mixinStandardHelpOptions = true,
        description = "Rank the domains of a Common Crawl host- or domain-level web graph (its published vertex and "
                + "edge files, or its BVGraph) by LinkScout's PageRank and write an authority list CSV that ingest reads.")
public class CcGraphCommand implements Callable<Integer> {

    @Option(names = "--vertices", required = true, split = ",", paramLabel = "FILE",
            description = "Vertex files: id<TAB>reversed host or domain name (com.example.www), gzip or plain.")
    List<Path> vertices;

    @Option(names = "--edges", split = ",", paramLabel = "FILE",
            description = "Edge files: from-id<TAB>to-id, gzip or plain.")
    List<Path> edges;

    @Option(names = "--graph", paramLabel = "BASENAME", description = "Instead of --edges: the arcs as a WebGraph "
            + "BVGraph, as Common Crawl also publishes them (BASENAME.graph + BASENAME.properties), read from disk.")
    Path graph;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv",
            description = "The authority list to write (domain,cc_rank,cc_pagerank,cc_authority,cc_hosts,"
                    + "cc_ref_domains); then: linkscout ingest FILE.csv.")
    Path out;

    @Option(names = "--top", defaultValue = "10", description = "Domains listed on the terminal (default: "
            + "${DEFAULT-VALUE}).")
    int top;

    @Mixin
    RankEngineOption engine;

    @Inject
    SparkSettings spark;

    @Inject
    AuthoritySettings authority;

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            throw new UserException("--top must be 0 or more, got " + top);
        }
        var rankEngine = engine.engine(spark);
        long t0 = System.nanoTime();
        if ((edges == null || edges.isEmpty()) == (graph == null)) {
            throw new UserException("give the arcs either as edge files (--edges) or as a BVGraph (--graph), not "
                    + (graph == null ? "neither" : "both"));
        }
        CommonCrawlGraph.Summary sum;
        if (graph == null && rankEngine instanceof SparkRankEngine sparkEngine) {
            // the whole join on Spark: nothing per host, vertex or domain link in this JVM
            sum = SparkCommonCrawlGraph.rankAndWrite(sparkEngine, vertices, edges, authority.damping(), out, top);
        } else {
            CommonCrawlGraph g = graph != null ? CommonCrawlGraph.readBvGraph(vertices, graph)
                    : CommonCrawlGraph.read(vertices, edges);
            sum = g.rankAndWrite(rankEngine, authority.damping(), out, top);
        }
        CommonCrawlGraph.Stats s = sum.stats();
        for (String p : s.problems()) {
            System.err.println("skipped " + p);
        }
        if (s.problemCount() > s.problems().size()) {
            System.err.println("... and " + (s.problemCount() - s.problems().size()) + " more problem(s)");
        }
        System.err.printf(Locale.ROOT, "read %d vertices (%d skipped) and %d edges (%d skipped) into %d domains and "
                + "%d domain links; PageRank %s; wrote %s in %.1f s (ingest it: linkscout ingest %s)%n", s.vertices(),
                s.skippedVertices(), s.edges(), s.skippedEdges(), sum.domains(), sum.domainLinks(),
                rankEngine.describe(), out, (System.nanoTime() - t0) / 1e9, out);
        System.out.printf(Locale.ROOT, "%-5s %-40s %10s %9s %6s %5s%n", "rank", "domain", "pagerank", "authority",
                "hosts", "refs");
        for (CommonCrawlGraph.Row r : sum.top()) {
            System.out.printf(Locale.ROOT, "%-5d %-40s %10.6f %9.1f %6d %5d%n", r.rank(), r.domain(), r.pageRank(),
                    r.authority(), r.hosts(), r.refDomains());
        }
        return 0;
    }
}
