package io.linkscout.cli.jobs;

import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.gap.LinkIntersect;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.search.BackendResolver;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code link-intersect}: domains linking to several competitors but not to you. */
@Command(name = "link-intersect", mixinStandardHelpOptions = true,
        description = "Competitor link gap: registrable domains linking to at least k of the competitors and not to "
                + "your domain, with the linking pages per competitor.")
public class LinkIntersectCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--competitor", paramLabel = "DOMAIN", required = true, split = ",",
            description = "A competitor's domain (repeat, or comma-separate).")
    List<String> competitors;

    @Option(names = "--domain", paramLabel = "DOMAIN", required = true, description = "Your domain.")
    String domain;

    @Option(names = "--min-overlap", paramLabel = "K", description = "Link to at least K competitors (default: 2, "
            + "or 1 with one competitor).")
    Integer minOverlap;

    @Option(names = "--content", paramLabel = "FILE", description = "Also rank by topic fit to this content.")
    Path content;

    @Option(names = "--top", defaultValue = "50", description = "How many domains (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-spam", defaultValue = "100", description = "Drop domains whose spam score is above this.")
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
        BackendResolver.Choice chosen = backend.resolve(backends);
        LinkIntersect.Options o = LinkIntersect.validate(competitors, domain, minOverlap, top, maxSpam);
        String text = content == null ? null : ContentFiles.read(content);
        send.run(sender, index, chosen, format, "link-intersect",
                (idx, b) -> new LinkIntersect(idx, b).run(o, text == null ? null
                        : JobsContent.of(idx, b, text, "auto", null, false)),
                r -> r.results().stream().map(LinkIntersect.Result::toProspect).toList(), LinkIntersectCommand::table);
        return 0;
    }

    static String table(LinkIntersect.Response r) {
        StringBuilder sb = new StringBuilder();
        r.warnings().forEach(w -> sb.append("warning: ").append(w).append('\n'));
        sb.append(r.results().size()).append(" domains link to at least ").append(r.minOverlap()).append(" of ")
                .append(String.join(", ", r.competitors())).append(" and not to ").append(r.domain()).append('\n');
        for (LinkIntersect.Result x : r.results()) {
            sb.append(String.format("%3d  %-28s links to %d: %s  authority %.1f%s%n", x.rank(), x.domain(),
                    x.overlap(), String.join(", ", x.competitorsLinked()), x.authority(),
                    x.topicFit() == null ? "" : String.format("  fit %.2f", x.topicFit())));
            for (Map.Entry<String, List<LinkIntersect.LinkingPage>> e : x.pages().entrySet()) {
                for (LinkIntersect.LinkingPage p : e.getValue()) {
                    sb.append("     ").append(p.page()).append(" -> ").append(p.target());
                    if (!p.anchor().isEmpty()) {
                        sb.append(" \"").append(JobsOutput.cut(p.anchor(), 60)).append('"');
                    }
                    if (!p.rel().isEmpty()) {
                        sb.append(" [").append(p.rel()).append(']');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
