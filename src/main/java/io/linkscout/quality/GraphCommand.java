package io.linkscout.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.IndexOption;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graph}: recomputes authority, trust, spam and topical authority from the link graph the index holds and
 * stores them (FeatureField and stored fields of every page and site document). It runs the same code as
 * ingest — a rebuild of the derived documents from the index's own raw records, with no new input — so the two
 * always agree, and like ingest it writes one commit: a failure leaves the previous commit untouched. Running it
 * twice gives the same numbers.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Recompute link-graph authority, TrustRank, spam scores/flags and topical authority, "
                + "and store them in the index (one atomic commit).")
public class GraphCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--top", defaultValue = "10", description = "Sites to list by authority (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threads", description = "Indexing threads (default: available cores).")
    Integer threads;

    /**
     * What the command prints.
     *
     * @param seedsInIndex TrustRank seeds that link out in the index (those trust flows from)
     * @param fallbackSeeds whether the fallback tier was used (no seed of models/trust-seeds.txt links out)
     */
    public record Summary(int sites, int flaggedSites, long seedsInIndex, boolean fallbackSeeds, long millis,
            List<SiteQuality> top, List<SiteQuality> topByTrust, List<SiteQuality> topByReferringDomains,
            List<SiteQuality> mostSpammy) {
    }

    @Override
    public Integer call() throws Exception {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new io.linkscout.cli.UserException("--format must be text or json, got " + format);
        }
        IndexLayout layout = index.layout();
        layout.requireExists();
        Summary s = run(layout, threads == null ? Runtime.getRuntime().availableProcessors() : threads, top,
                new IndexBuilder.Progress() {
                    @Override
                    public void phase(String name) {
                        System.err.println(name + " ...");
                    }
                });
        if ("json".equals(format)) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        } else {
            System.out.println(toText(s));
        }
        return 0;
    }

    /** Recomputes and commits; then reads the stored figures back. */
    public static Summary run(IndexLayout layout, int threads, int top, IndexBuilder.Progress progress)
            throws Exception {
        return run(layout, threads, top, progress, () -> { });
    }

    /** As {@link #run(IndexLayout, int, int, IndexBuilder.Progress)}; {@code beforeCommit} is a test hook. */
    static Summary run(IndexLayout layout, int threads, int top, IndexBuilder.Progress progress,
            Runnable beforeCommit) throws Exception {
        Map<String, String> keep = new LinkedHashMap<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (Map.Entry<String, String> e : idx.commitData().entrySet()) {
                if (e.getKey().equals("linkscout.sample")) {
                    keep.put(e.getKey(), e.getValue());
                }
            }
        }
        IndexBuilder b = new IndexBuilder(layout, threads, progress);
        b.setExtraCommitData(keep);
        b.setBeforeCommitHook(beforeCommit);
        IndexBuilder.Result r = b.ingest((sink, report) -> { });
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            List<SiteQuality> all = new ArrayList<>();
            int maxDoc = Math.max(1, idx.reader().maxDoc());
            for (ScoreDoc h : idx.searcher().search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)),
                    maxDoc).scoreDocs) {
                all.add(SiteQuality.of(idx.reader().storedFields().document(h.doc)));
            }
            io.linkscout.graph.LinkGraph dg = idx.domainGraph();
            boolean fallback = TrustSeeds.linkingOut(dg, TrustSeeds.bundled()) == 0;
            long seeds = TrustSeeds.linkingOut(dg, TrustSeeds.effective(dg, TrustSeeds.bundled(),
                    TrustSeeds.bundledFallback()));
            int flagged = (int) all.stream().filter(q -> !q.flags().isEmpty()).count();
            List<SiteQuality> byAuth = all.stream().sorted(Comparator.comparingDouble((SiteQuality q) -> -q.authority())
                    .thenComparing(SiteQuality::domain)).limit(top).toList();
            List<SiteQuality> bySpam = all.stream().filter(q -> q.spamScore() > 0)
                    .sorted(Comparator.comparingDouble((SiteQuality q) -> -q.spamScore())
                            .thenComparing(SiteQuality::domain)).limit(top).toList();
            List<SiteQuality> byTrust = all.stream().filter(q -> q.trust() > 0)
                    .sorted(Comparator.comparingDouble((SiteQuality q) -> -q.trust())
                            .thenComparing(SiteQuality::domain)).limit(top).toList();
            List<SiteQuality> byRefs = all.stream().filter(q -> q.refDomains() > 0)
                    .sorted(Comparator.comparingInt((SiteQuality q) -> -q.refDomains())
                            .thenComparing(SiteQuality::domain)).limit(top).toList();
            return new Summary(all.size(), flagged, seeds, fallback, r.millis(), byAuth, byTrust, byRefs, bySpam);
        }
    }

    static String toText(Summary s) {
        StringBuilder sb = new StringBuilder();
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
