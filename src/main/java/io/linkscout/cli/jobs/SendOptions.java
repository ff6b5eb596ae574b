package io.linkscout.cli.jobs;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.outreach.IntakeResult;
import io.linkscout.outreach.SiteContacts;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.SearchBackend;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --campaign ID}, {@code --send-top N}, {@code --by NAME}: send a job's results to a campaign's shortlist. */
public class SendOptions {

    @Option(names = "--campaign", paramLabel = "ID", description = "Also add the results to this campaign's shortlist"
            + " (the campaign's rules apply: own site, exclusions, already there, contacted recently); prints what"
            + " was added and what was skipped, with reasons. Needs PostgreSQL (QUARKUS_DATASOURCE_JDBC_URL).")
    Long campaign;

    @Option(names = "--send-top", paramLabel = "N", description = "With --campaign: send only the first N results"
            + " (default: all shown).")
    Integer sendTop;

    @Option(names = "--by", paramLabel = "NAME", description = "With --campaign: who sends them (status history;"
            + " default cli).")
    String by;

    /** Before the job runs: a database, the campaign and a valid --send-top (exit code 2 with the reason). */
    void check(CampaignSend sender) {
        sender.check(campaign, sendTop, "--campaign", "--send-top");
    }

    /**
     * Sends the results when --campaign was given, the added sites' contacts read through {@code backend} (the one
     * the job ran on); null without --campaign.
     */
    IntakeResult send(CampaignSend sender, String job, List<ProspectCandidate> results, SearchBackend backend) {
        if (campaign == null) {
            return null;
        }
        return sender.send(campaign, job, results, sendTop, SiteContacts.through(backend),
                by == null || by.isBlank() ? "cli" : by);
    }

    /**
     * The flow every job command shares once its options are validated: check the campaign options, run the job on
     * the index with the chosen backend ({@link BackendResolver.Choice#with}: the embedded index, or the OpenSearch
     * alias of the same ingest), print the answer in {@code format} and, with --campaign, send its prospects to the
     * campaign with their sites' contacts read through the same backend.
     */
    <R> void run(CampaignSend sender, IndexOption index, BackendResolver.Choice chosen, String format, String job,
            BiFunction<LinkScoutIndex, SearchBackend, R> run, Function<R, List<ProspectCandidate>> prospects,
            Function<R, String> table) throws Exception {
        check(sender);
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
            Ran<R> ran = chosen.with(idx, b -> {
                R r = run.apply(idx, b);
                List<ProspectCandidate> ps = prospects.apply(r);
                return new Ran<>(r, ps, send(sender, job, ps, b));
            });
            JobsOutput.print(format, ran.response(), () -> table.apply(ran.response()), ran.prospects(), ran.sent());
        }
    }

    /** A job's answer, its prospects and what sending them did (null without --campaign). */
    private record Ran<R>(R response, List<ProspectCandidate> prospects, IntakeResult sent) {
    }
}
