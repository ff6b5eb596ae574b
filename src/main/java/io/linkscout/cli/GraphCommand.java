package io.linkscout.cli;

import jakarta.inject.Inject;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.cli.common.RankEngineOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.config.SparkSettings;
import io.linkscout.graph.RankEngine;
import io.linkscout.quality.SpamFlag;
import io.linkscout.quality.SiteQuality;
import io.linkscout.site.GraphRecompute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graph}: runs {@link GraphRecompute}, which recomputes authority, trust, spam and topical authority from the link graph the index holds and
 * stores them (FeatureField and stored fields of every page and site document). It runs the same code as
 * ingest — a rebuild of the derived documents from the index's own raw records, with no new input — so the two
 * always agree, and like ingest it writes one commit: a failure leaves the previous commit untouched. Running it
 * twice gives the same numbers. With {@code --backend opensearch} (or {@code linkscout.backend=opensearch}) the new
 * scores are also published on the OpenSearch index, as a new generation started from a copy of the published one
 * ({@code search.OpenSearchIndexWriter}), right after the commit: a failed or killed run stores nothing on either.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Recompute link-graph authority, TrustRank, spam scores/flags and topical authority, "
                + "and store them in the index (one atomic commit).")
public class GraphCommand implements Callable<Integer> {

    @Inject
    AuthoritySettings authority;

    @Mixin
    IndexOption index;

    @Option(names = "--top", defaultValue = "10", description = "Sites to list by authority (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threads", description = "Indexing threads (default: available cores).")
    Integer threads;

    @Inject
    SparkSettings spark;

    @Mixin
    RankEngineOption engine;

    /** Where the recomputed scores go besides the embedded index ({@code --backend} overrides the configuration). */
    @Inject
    io.linkscout.search.BackendResolver backends;

    @Mixin
    io.linkscout.cli.common.BackendOption backend;

    @Override
    public Integer call() throws Exception {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new io.linkscout.error.UserException("--format must be text or json, got " + format);
        }
        RankEngine rankEngine = engine.engine(spark);
        IndexLayout layout = index.layout();
        layout.requireExists();
        GraphRecompute.Summary s;
        try (io.linkscout.search.OpenSearchIndexWriter mirror = backend.resolve(backends).openWriter()) {
            s = GraphRecompute.run(layout, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    top, AuthorityConfig.of(authority), rankEngine, mirror, new IndexBuilder.Progress() {
                        @Override
                        public void phase(String name) {
                            System.err.println(name + " ...");
                        }
                    }, () -> { });
            if (mirror != null) {
                System.err.println("opensearch: " + mirror.summary());
            }
        }
        if ("json".equals(format)) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        } else {
            System.out.println(toText(s));
        }
        return 0;
    }

    static String toText(GraphRecompute.Summary s) {
        StringBuilder sb = new StringBuilder();
        if (s.completedPending() != null) {
            sb.append("completed the graph scores pending since the ingest of ").append(s.completedPending())
                    .append('\n');
        }
        sb.append(String.format(Locale.ROOT, "recomputed authority, trust and spam for %d sites in %.1f s "
                + "(%d trust seeds link out in the index%s; %d sites with spam flags)%n", s.sites(),
                s.millis() / 1000.0, s.seedsInIndex(), s.fallbackSeeds() ? ", from the fallback tier" : "",
                s.flaggedSites()));
        table(sb, "top sites by authority", s.top());
        if (!s.topByTrust().isEmpty()) {
            table(sb, "top sites by trust", s.topByTrust());
        }
        if (!s.topByReferringDomains().isEmpty()) {
            table(sb, "top sites by referring domains", s.topByReferringDomains());
        }
        if (!s.mostSpammy().isEmpty()) {
            sb.append("highest spam scores:\n");
            for (SiteQuality q : s.mostSpammy()) {
                sb.append(String.format(Locale.ROOT, "%-32s %5.1f  %s%n", q.domain(), q.spamScore(),
                        String.join(", ", q.flags().stream().map(SpamFlag::code).toList())));
            }
        }
        return sb.toString().stripTrailing();
    }

    private static void table(StringBuilder sb, String title, List<SiteQuality> rows) {
        sb.append(String.format(Locale.ROOT, "%-32s %9s %6s %6s %9s %5s%n", title, "authority", "trust", "spam",
                "harmonic", "refs"));
        for (SiteQuality q : rows) {
            sb.append(String.format(Locale.ROOT, "%-32s %9.1f %6.1f %6.1f %9.2f %5d%n", q.domain(), q.authority(),
                    q.trust(), q.spamScore(), q.harmonic(), q.refDomains()));
        }
    }
}
