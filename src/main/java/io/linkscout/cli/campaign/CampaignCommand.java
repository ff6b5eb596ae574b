package io.linkscout.cli.campaign;

import io.linkscout.rank.Rankers;
import io.linkscout.monitor.LinkMonitor;
import io.linkscout.monitor.MonitorViews;
import io.linkscout.outreach.Views;
import io.linkscout.outreach.SiteContacts;
import io.linkscout.outreach.ShortlistService;
import io.linkscout.outreach.ProspectStatus;
import io.linkscout.outreach.ProspectService;
import io.linkscout.outreach.OutreachDatabase;
import io.linkscout.outreach.IntakeResult;
import io.linkscout.outreach.IntakeReport;
import io.linkscout.outreach.Candidate;
import io.linkscout.outreach.CampaignService;
import io.linkscout.outreach.ExportService;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code campaign ...}: outreach from the command line — the same services as the REST API. Needs PostgreSQL: the
 * embedded one (started by cli.Main) or {@code QUARKUS_DATASOURCE_JDBC_URL} etc.; with neither (embedded off) every
 * subcommand exits with code 2 and says what to set.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Outreach campaigns and prospects (PostgreSQL: the embedded one in pgdata/ beside the index,"
                + " or the server of QUARKUS_DATASOURCE_JDBC_URL, _USERNAME, _PASSWORD).",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.ListCampaigns.class, CampaignCommand.Show.class,
                CampaignCommand.Shortlist.class, CampaignCommand.Add.class, CampaignCommand.Export.class,
                CampaignCommand.Status.class, CampaignCommand.Note.class, CampaignCommand.Exclude.class,
                CampaignCommand.Toxic.class, CampaignCommand.History.class})
public class CampaignCommand {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static String who(String by) {
        return by == null || by.isBlank() ? "cli" : by;
    }

    static void print(Object o) throws IOException {
        System.out.println(JSON.writeValueAsString(o));
    }

    /** What every subcommand shares: it needs the database, checked before anything else runs. */
    abstract static class DbCommand implements Callable<Integer> {
        @Inject
        OutreachDatabase db;

        @Override
        public final Integer call() throws Exception {
            db.require();
            return run();
        }

        abstract Integer run() throws Exception;
    }

    /** A subcommand on one prospect, optimistic-locked by the version the user last saw. */
    abstract static class ProspectCommand extends DbCommand {
        @Parameters(index = "0", paramLabel = "PROSPECT_ID")
        long id;
        @Option(names = "--version", description = "The version you last saw (default: the current one).")
        Long version;
        @Inject
        ProspectService prospects;

        long version() {
            return version != null ? version : prospects.get(id).version();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a campaign; prints it as JSON.")
    static class Create extends DbCommand {
        @Option(names = "--name", required = true, description = "Campaign name.")
        String name;
        @Option(names = "--target-domain", required = true, description = "Your own site (never suggested).")
        String target;
        @Option(names = "--content", paramLabel = "FILE", description = "The promoted content (text, Markdown, HTML;"
                + " '-' reads standard input).")
        Path content;
        @Option(names = "--content-url", paramLabel = "URL", description = "URL of the promoted content (its text is"
                + " read from the index when --content is not given).")
        String contentUrl;
        @Option(names = "--title", description = "Title of the content.")
        String title;
        @Inject
        CampaignService campaigns;

        @Override
        Integer run() throws Exception {
            String text = content == null ? null : ContentFiles.read(content);
            print(campaigns.create(new CampaignService.CampaignInput(name, title, text, contentUrl, target)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List campaigns with prospect counts.")
    static class ListCampaigns extends DbCommand {
        @Inject
        CampaignService campaigns;

        @Override
        Integer run() {
            for (Views.CampaignView c : campaigns.list()) {
                long total = c.prospects().values().stream().mapToLong(Long::longValue).sum();
                System.out.printf(Locale.ROOT, "%4d  %-40s %-25s %4d prospects  %s%n", c.id(), c.name(),
                        c.targetDomain(), total, counts(c.prospects()));
            }
            return 0;
        }
    }

    static String counts(Map<?, ? extends Number> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            if (v.longValue() > 0) {
                out.add(k + "=" + v);
            }
        });
        return String.join(" ", out);
    }

    /** One check of a won link on one line: when, flag, what was seen, the page, the evidence. */
    static String checkLine(MonitorViews.CheckView c) {
        return String.format(Locale.ROOT, "%s  %-13s %5d %-22s %s  %s%s%s%s  %s",
                c.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), c.flag() == null ? "ok" : c.flag(),
                c.prospectId(), c.domain() == null ? "" : c.domain(),
                c.live() ? "live" : "not live (" + c.outcome() + ")",
                c.httpStatus() == null ? "" : "HTTP " + c.httpStatus() + ", ",
                c.linkPresent() ? "link " + c.rel() + (c.anchor() == null ? "" : " \"" + c.anchor() + "\"")
                        : "no link", c.redirectUrl() == null ? "" : ", redirect -> " + c.redirectUrl(),
                c.noindex() ? ", noindex" : "", c.evidence() == null ? "" : c.evidence());
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A prospect's history: status changes and every check of its won link, oldest first.")
    static class History extends DbCommand {
        @Parameters(index = "0", paramLabel = "PROSPECT_ID")
        long id;
        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        String format;
        @Inject
        ProspectService prospects;
        @Inject
        LinkMonitor monitor;

        @Override
        Integer run() throws Exception {
            Views.ProspectView p = prospects.get(id);
            List<Views.StatusChangeView> changes = prospects.history(id);
            List<MonitorViews.CheckView> checks = monitor.checks(id);
            if ("json".equalsIgnoreCase(format)) {
                print(Map.of("prospect", p, "statusChanges", changes, "checks", checks));
                return 0;
            }
            System.out.printf(Locale.ROOT, "Prospect %d: %s (%s, version %d)%s%n", p.id(), p.domain(), p.status(),
                    p.version(), p.wonUrl() == null ? "" : "  won link: " + p.wonUrl() + " -> " + p.wonTarget());
            for (Views.StatusChangeView s : changes) {
                System.out.printf(Locale.ROOT, "%s  status %s -> %s by %s%n",
                        s.changedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        s.from() == null ? "(created)" : s.from(), s.to(), s.changedBy());
            }
            for (MonitorViews.CheckView c : checks) {
                System.out.println(checkLine(c));
            }
            if (checks.isEmpty() && p.wonUrl() != null) {
                System.out.println("no check of the won link yet (run: linkscout monitor --campaign " + p.campaignId()
                        + ")");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A campaign and its prospects.")
    static class Show extends DbCommand {
        @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
        long id;
        @Option(names = "--status", split = ",", description = "Only these statuses.")
        List<String> status;
        @Option(names = "--sort", defaultValue = "-score", description = "score, domain, status, authority, created,"
                + " updated, id; - for descending (default: ${DEFAULT-VALUE}).")
        String sort;
        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        String format;
        @Inject
        CampaignService campaigns;
        @Inject
        ProspectService prospects;
        @Inject
        LinkMonitor monitor;

        @Override
        Integer run() throws Exception {
            Views.CampaignView c = campaigns.get(id);
            Views.ProspectPage page = prospects.list(id, status, null, null, null, sort, 0, 500);
            if ("json".equalsIgnoreCase(format)) {
                print(Map.of("campaign", c, "prospects", page, "wonLinks", monitor.wonLinks(id)));
                return 0;
            }
            System.out.printf(Locale.ROOT, "Campaign %d: %s (target %s)  %s%n%n", c.id(), c.name(), c.targetDomain(),
                    counts(c.prospects()));
            for (Views.ProspectView p : page.items()) {
                System.out.printf(Locale.ROOT, "%5d  %-10s v%-3d %-30s %8s  %s%n", p.id(), p.status(), p.version(),
                        p.domain(), p.score() == null ? "" : String.format(Locale.ROOT, "%.3f", p.score()),
                        p.pageUrl() == null ? "" : p.pageUrl());
            }
            if (page.total() > page.items().size()) {
                System.out.println("... " + (page.total() - page.items().size()) + " more (use export)");
            }
            List<MonitorViews.WonLinkView> won = monitor.wonLinks(id);
            if (!won.isEmpty()) {
                System.out.printf(Locale.ROOT, "%nWon links (latest check; all checks: campaign history PROSPECT_ID)%n");
                for (MonitorViews.WonLinkView w : won) {
                    System.out.printf(Locale.ROOT, "%5d  %-30s %s -> %s  %s%n", w.prospectId(), w.domain(), w.wonUrl(),
                            w.wonTarget(), w.latest() == null ? "not checked yet" : (w.latest().flag() == null ? "ok"
                                    : w.latest().flag()) + " (" + w.checks() + " checks, last "
                                    + w.latest().checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "shortlist", mixinStandardHelpOptions = true,
            description = "Rank sites for the campaign's content and add the new ones as prospects.")
    static class Shortlist extends DbCommand {
        @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
        long id;
        @Mixin
        IndexOption index;
        @Option(names = "--size", description = "Size limit (default: linkscout.outreach.shortlist-size).")
        Integer size;
        @Option(names = "--model", paramLabel = "FILE", description = "Ranker model (default: linkscout.ranker.model,"
                + " else the bundled one).")
        Path model;
        @Option(names = "--by", description = "Who runs it (status history; default cli).")
        String by;
        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        String format;
        @Inject
        ShortlistService shortlist;
        @Inject
        CampaignService campaigns;
        @Inject
        Rankers rankers;

        @Override
        Integer run() throws Exception {
            campaigns.get(id);
            try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
                ShortlistService.Result r = shortlist.shortlist(id, rankers.recommender(idx, model), size, who(by));
                if ("json".equalsIgnoreCase(format)) {
                    print(r);
                    return 0;
                }
                System.out.printf(Locale.ROOT, "Campaign %d: %d ranked sites considered, %d added, %d skipped"
                        + " (size limit %d)%n", id, r.considered(), r.added().size(), r.skipped().size(), r.size());
                System.out.print(IntakeReport.lines(r.added(), r.skipped()));
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add prospects by domain or URL (same rules as the shortlist).")
    static class Add extends DbCommand {
        @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
        long id;
        @Parameters(index = "1..*", paramLabel = "DOMAIN_OR_URL", arity = "1..*")
        List<String> items;
        @Option(names = "--limit", description = "Size limit (default: linkscout.outreach.shortlist-size).")
        Integer limit;
        @Option(names = "--source", defaultValue = "manual", description = "Source label (default: ${DEFAULT-VALUE}).")
        String source;
        @Option(names = "--by", description = "Who adds them (default cli).")
        String by;
        @Mixin
        IndexOption index;
        @Inject
        ProspectService prospects;

        @Override
        Integer run() throws Exception {
            List<Candidate> cs = items.stream().map(Candidate::of).toList();
            IntakeResult r;
            if (index.layout().exists()) {
                try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
                    r = prospects.add(id, cs, limit, source, who(by), SiteContacts.in(idx));
                }
            } else {
                r = prospects.add(id, cs, limit, source, who(by), null);
            }
            print(r);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "The shortlist as CSV (LinkScout's own: UTF-8 with BOM, RFC 4180), in an outreach tool's"
                    + " import layout, or the disavow file of the domains marked toxic.")
    static class Export extends DbCommand {
        @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
        long id;
        @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
        Path out;
        @Option(names = "--format", defaultValue = "linkscout", description = "linkscout, buzzstream, pitchbox,"
                + " hunter or disavow (default: ${DEFAULT-VALUE}).")
        String format;
        @Inject
        ExportService exports;

        @Override
        Integer run() throws Exception {
            byte[] csv = exports.export(id, format).body();
            if (out == null) {
                System.out.write(csv);
                System.out.flush();
            } else {
                Files.write(out, csv);
                System.err.println("wrote " + out);
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Move a prospect to another status.")
    static class Status extends ProspectCommand {
        @Parameters(index = "1", paramLabel = "STATUS",
                description = "NEW, QUALIFIED, CONTACTED, REPLIED, WON, LOST or REJECTED.")
        String status;
        @Option(names = "--won-url", paramLabel = "URL", description = "With WON: the page that now links to you.")
        String wonUrl;
        @Option(names = "--target", paramLabel = "URL|DOMAIN", description = "With WON: where that link must point,"
                + " a URL or a domain (any page of it); default the campaign's target domain.")
        String target;
        @Option(names = "--by", description = "Who (status history; default cli).")
        String by;

        @Override
        Integer run() throws Exception {
            Views.ProspectView p = prospects.changeStatus(id, status, version(), by, wonUrl, target, "cli");
            System.out.println("prospect " + p.id() + " (" + p.domain() + ") is now " + p.status() + " (version "
                    + p.version() + "; next: " + ProspectStatus.names(p.status().next()) + ")");
            return 0;
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Set a prospect's notes.")
    static class Note extends ProspectCommand {
        @Parameters(index = "1", paramLabel = "TEXT")
        String text;

        @Override
        Integer run() throws Exception {
            Views.ProspectView p = prospects.update(id, version(), text, null);
            System.out.println("prospect " + p.id() + " notes saved (version " + p.version() + ")");
            return 0;
        }
    }

    @Command(name = "toxic", mixinStandardHelpOptions = true,
            description = "Mark a prospect's domain as toxic in its campaign (export --format disavow lists it;"
                    + " outreach-tool exports leave it out); --clear unmarks it.")
    static class Toxic extends ProspectCommand {
        @Option(names = "--clear", description = "Unmark it.")
        boolean clear;
        @Option(names = "--campaign", paramLabel = "ID", description = "Check that the prospect is in this campaign.")
        Long campaign;

        @Override
        Integer run() throws Exception {
            Views.ProspectView p = prospects.setToxic(campaign, id, !clear, version());
            System.out.println("prospect " + p.id() + " (" + p.domain() + ") is " + (p.toxic() ? "" : "no longer ")
                    + "marked toxic in campaign " + p.campaignId() + " (version " + p.version() + ")");
            return 0;
        }
    }

    @Command(name = "exclude", mixinStandardHelpOptions = true,
            description = "Exclude domains (never suggested): for one campaign (--campaign) or globally; or import a"
                    + " CSV (domain[,reason][,note]).")
    static class Exclude extends DbCommand {
        @Parameters(paramLabel = "DOMAIN", arity = "0..*")
        List<String> domains;
        @Option(names = "--campaign", paramLabel = "ID", description = "Only for this campaign (default: global).")
        Long campaign;
        @Option(names = "--reason", defaultValue = "other",
                description = "already_linking, competitor, blocklist or other (default: ${DEFAULT-VALUE}).")
        String reason;
        @Option(names = "--note", description = "A note kept with the exclusion.")
        String note;
        @Option(names = "--csv", paramLabel = "FILE", description = "Import exclusions from this CSV file.")
        Path csv;
        @Option(names = "--list", description = "List the exclusions instead.")
        boolean list;
        @Inject
        CampaignService campaigns;

        @Override
        Integer run() throws Exception {
            if (list) {
                for (Views.ExclusionView e : campaigns.exclusions(campaign)) {
                    System.out.printf(Locale.ROOT, "%-30s %-16s %s%n", e.domain(), e.reason(),
                            e.note() == null ? "" : e.note());
                }
                return 0;
            }
            if (csv == null && (domains == null || domains.isEmpty())) {
                throw new UserException("give the domains to exclude, or --csv FILE, or --list");
            }
            int n = 0;
            if (csv != null) {
                if (!Files.isRegularFile(csv)) {
                    throw new UserException("file not found: " + csv);
                }
                try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    n += campaigns.importCsv(campaign, r, csv.toString(), reason).imported();
                }
            }
            for (String d : domains == null ? List.<String>of() : domains) {
                campaigns.exclude(campaign, d, reason, note);
                n++;
            }
            System.out.println(n + " exclusion" + (n == 1 ? "" : "s") + " saved ("
                    + (campaign == null ? "global" : "campaign " + campaign) + ")");
            return 0;
        }
    }
}
