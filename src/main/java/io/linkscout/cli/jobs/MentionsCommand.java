package io.linkscout.cli.jobs;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.jobs.gap.Mentions;
import io.linkscout.search.BackendResolver;
import io.linkscout.jobs.send.CampaignSend;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentions}: pages naming your brand, domain or title without linking to you. */
@Command(name = "mentions", mixinStandardHelpOptions = true,
        description = "Unlinked mentions: pages that name your brand, domain or content title and do not link to "
                + "your domain, with the sentence that names it.")
public class MentionsCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--brand", description = "Your brand name, e.g. \"Kelp Atlas\".")
    String brand;

    @Option(names = "--domain", paramLabel = "DOMAIN", required = true, description = "Your domain (its pages and "
            + "pages linking to it are not unlinked mentions; the domain name itself is searched too).")
    String domain;

    @Option(names = "--title", description = "A content title to look for as well.")
    String title;

    @Option(names = "--top", defaultValue = "50", description = "How many pages (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-spam", defaultValue = "100", description = "Drop sites whose spam score is above this.")
    double maxSpam;

    @Option(names = "--format", defaultValue = "table", description = "table, json or prospects.")
    String format;

    @Mixin
    SendOptions send;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Inject
    CampaignSend sender;

    @Override
    public Integer call() throws Exception {
        JobsOutput.check(format);
        Mentions.Options o = Mentions.validate(brand, domain, title, top, maxSpam);
        BackendResolver.Choice chosen = backend.resolve(backends);
        send.run(sender, index, chosen, format, "mentions", (idx, b) -> new Mentions(idx, b).run(o),
                r -> r.results().stream().map(Mentions.Result::toProspect).toList(), MentionsCommand::table);
        return 0;
    }

    static String table(Mentions.Response r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.pagesNaming()).append(" pages name you; ").append(r.linkedOrOwn())
                .append(" of them are yours or already link to ").append(r.domain()).append('\n');
        for (Mentions.Result x : r.results()) {
            sb.append(String.format("%3d  %s  (site authority %.1f)%n", x.rank(), x.url(), x.siteAuthority()));
            sb.append("     names ").append(String.join(", ", x.matched())).append(": \"")
                    .append(JobsOutput.cut(x.snippet(), 160)).append("\"\n");
        }
        return sb.toString();
    }
}
