package io.linkscout.cli.campaign;

import io.linkscout.error.UserException;
import io.linkscout.monitor.LinkMonitor;
import io.linkscout.monitor.MonitorViews;
import io.linkscout.outreach.OutreachDatabase;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor}: re-checks the won links (README "Won links, watched"). */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Re-fetch the page of every won link (prospects in WON with a won URL) through the crawler's"
                + " polite, guarded fetcher and record a check: live, link present, rel, anchor, HTTP status,"
                + " redirect, noindex; flags LINK_LOST, LINK_NOFOLLOW, PAGE_GONE. Oldest checks first; a run that"
                + " stops early is continued by the next one.")
public class MonitorCommand implements Callable<Integer> {

    @Option(names = "--campaign", paramLabel = "ID", description = "Only this campaign's won links (default: all).")
    Long campaign;
    @Option(names = "--max-pages", paramLabel = "N",
            description = "Pages fetched in this run at most (default: linkscout.monitor.max-pages, 200).")
    Integer maxPages;
    @Option(names = "--min-age", paramLabel = "DURATION", description = "Skip links checked more recently than this"
            + " (30m, 1h, 2d, PT1H; 0 = check all; default: linkscout.monitor.min-age, 1h).")
    String minAge;
    @Option(names = "--allow-private", description = "Allow loopback and private addresses (like crawl"
            + " --allow-private). Off by default.")
    boolean allowPrivate;
    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    String format;

    @Inject
    OutreachDatabase db;
    @Inject
    LinkMonitor monitor;

    @Override
    public Integer call() throws Exception {
        db.require();
        boolean json = "json".equalsIgnoreCase(format);
        if (!json && !"table".equalsIgnoreCase(format)) {
            throw new UserException("--format: \"" + format + "\" is not a format (give table or json)");
        }
        if (maxPages != null && maxPages < 1) {
            throw new UserException("--max-pages must be at least 1 (got " + maxPages + ")");
        }
        MonitorViews.RunReport r = monitor.run(new LinkMonitor.RunOptions(campaign, maxPages,
                minAge == null ? null : LinkMonitor.duration("--min-age", minAge), allowPrivate ? Boolean.TRUE : null),
                c -> {
                    if (!json) {
                        System.out.println(CampaignCommand.checkLine(c));
                    }
                });
        if (json) {
            CampaignCommand.print(r);
            return 0;
        }
        System.out.printf(Locale.ROOT, "checked %d of %d due won links (%d left for the next run)%s; flagged: %s%n",
                r.checked(), r.due(), r.remaining(), r.interrupted() ? ", interrupted" : "",
                r.flagged().isEmpty() ? "none" : CampaignCommand.counts(r.flagged()));
        return 0;
    }
}
