package io.linkscout.cli.jobs;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.outreach.IntakeResult;
import java.util.List;
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

    /** Sends the results when --campaign was given; null otherwise. */
    IntakeResult send(CampaignSend sender, String job, List<ProspectCandidate> results, LinkScoutIndex idx) {
        if (campaign == null) {
            return null;
        }
        return sender.send(campaign, job, results, sendTop, idx, by == null || by.isBlank() ? "cli" : by);
    }

    /**
     * The flow every job command shares once its options are validated: check the campaign options, run the job on
     * the index, print the answer in {@code format} and, with --campaign, send its prospects to the campaign.
     */
    <R> void run(CampaignSend sender, IndexOption index, String format, String job, Function<LinkScoutIndex, R> run,
            Function<R, List<ProspectCandidate>> prospects, Function<R, String> table) throws Exception {
        check(sender);
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
            R r = run.apply(idx);
            List<ProspectCandidate> ps = prospects.apply(r);
            JobsOutput.print(format, r, () -> table.apply(r), ps, send(sender, job, ps, idx));
        }
    }
}
