package io.linkscout.site;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.graph.RankEngine;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.SiteQuality;
import io.linkscout.quality.TrustSeeds;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes authority, trust, spam and topical authority from the link graph the index holds and stores them
 * (doc values, FeatureField and stored fields of page and site documents). It runs the same code as ingest — an
 * ingest with no new input, which rewrites only the documents whose figures changed and updates the pages' graph
 * scores in place — so the two always agree, and like ingest it writes one commit: a failure leaves the previous
 * commit untouched. Running it twice gives the same numbers. It is also the graph step that {@code ingest --graph
 * later} leaves pending ({@link io.linkscout.index.IndexFields#COMMIT_GRAPH_PENDING}): it completes them (the commit
 * no longer names them pending), and a run that fails or is killed leaves them pending, to be run again.
 */
public final class GraphRecompute {

    private GraphRecompute() {
    }

    /**
     * What the command prints.
     *
     * @param seedsInIndex TrustRank seeds that link out in the index (those trust flows from)
     * @param fallbackSeeds whether the fallback tier was used (no seed of models/trust-seeds.txt links out)
     * @param completedPending the time of the ingest since which the graph scores were pending
     *                         ({@code ingest --graph later}) and that this run completed; null when none were
     */
    public record Summary(int sites, int flaggedSites, long seedsInIndex, boolean fallbackSeeds, long millis,
            List<SiteQuality> top, List<SiteQuality> topByTrust, List<SiteQuality> topByReferringDomains,
            List<SiteQuality> mostSpammy, String completedPending) {
    }

    /** Recomputes and commits; then reads the stored figures back. */
    public static Summary run(IndexLayout layout, int threads, int top, IndexBuilder.Progress progress)
            throws Exception {
        return run(layout, threads, top, progress, () -> { });
    }

    /** As {@link #run(IndexLayout, int, int, IndexBuilder.Progress)}; {@code beforeCommit} is a test hook. */
    public static Summary run(IndexLayout layout, int threads, int top, IndexBuilder.Progress progress,
            Runnable beforeCommit) throws Exception {
        return run(layout, threads, top, AuthorityConfig.DEFAULTS, RankEngine.IN_PROCESS, progress, beforeCommit);
    }

    /** As {@link #run(IndexLayout, int, int, IndexBuilder.Progress)} with the configured authority settings. */
    public static Summary run(IndexLayout layout, int threads, int top, AuthorityConfig config,
            IndexBuilder.Progress progress) throws Exception {
        return run(layout, threads, top, config, RankEngine.IN_PROCESS, progress, () -> { });
    }

    /**
     * As {@link #run(IndexLayout, int, int, AuthorityConfig, IndexBuilder.Progress)}, with PageRank, TrustRank and the
     * topical rankings computed by {@code engine} (e.g. on Spark); {@code beforeCommit} is a test hook.
     */
    public static Summary run(IndexLayout layout, int threads, int top, AuthorityConfig config, RankEngine engine,
            IndexBuilder.Progress progress, Runnable beforeCommit) throws Exception {
        return run(layout, threads, top, config, engine, null, progress, beforeCommit);
    }

    /**
     * As {@link #run(IndexLayout, int, int, AuthorityConfig, RankEngine, IndexBuilder.Progress, Runnable)}, with the
     * recomputed figures also published to {@code mirror} (null: none; the OpenSearch index): a new generation
     * started from a copy of the one the index's last commit published, holding the rewritten documents and the kept
     * pages' moved values — or every document when that generation is not the one published — published right
     * after the commit, so a job that fails or is killed leaves the previous scores on both.
     */
    public static Summary run(IndexLayout layout, int threads, int top, AuthorityConfig config, RankEngine engine,
            io.linkscout.index.DocumentSink mirror, IndexBuilder.Progress progress, Runnable beforeCommit)
            throws Exception {
        Map<String, String> keep = new LinkedHashMap<>();
        String pending;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            pending = idx.graphPendingSince();
            for (Map.Entry<String, String> e : idx.commitData().entrySet()) {
                if (e.getKey().equals("linkscout.sample")) {
                    keep.put(e.getKey(), e.getValue());
                }
            }
        }
        IndexBuilder b = new IndexBuilder(layout, threads, progress);
        b.setAuthorityConfig(config);
        b.setRankEngine(engine);
        b.setExtraCommitData(keep);
        b.setBeforeCommitHook(beforeCommit);
        b.setMirror(mirror);
        IndexBuilder.Result r = b.ingest((sink, report) -> { });
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            List<SiteQuality> all = new SiteRepository(idx).allQualities();
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
            return new Summary(all.size(), flagged, seeds, fallback, r.millis(), byAuth, byTrust, byRefs, bySpam,
                    pending);
        }
    }

}
