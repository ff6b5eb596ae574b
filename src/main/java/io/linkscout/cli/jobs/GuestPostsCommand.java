package io.linkscout.cli.jobs;

import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.guestpost.GuestPostFinder;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.search.BackendResolver;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code guest-posts}: sites that accept guest posts, ranked for your content. */
@Command(name = "guest-posts", mixinStandardHelpOptions = true,
        description = "Sites that accept guest posts (detected at ingest), ranked for your content: topic fit, "
                + "authority, spam flags, the guidelines page and the detection's reasons. Sites that sell posts "
                + "are flagged sells-posts, not hidden.")
public class GuestPostsCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--content", paramLabel = "FILE", required = true,
            description = "Your content: plain text, Markdown or HTML ('-' reads standard input).")
    Path content;

    @Option(names = "--title", description = "Title of the content (default: the first heading or line).")
    String title;

    @Option(names = "--type", defaultValue = "auto", description = "auto, plain, markdown or html.")
    String type;

    @Option(names = "--top", defaultValue = "20", description = "How many sites (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-authority", defaultValue = "0", description = "Drop sites below this authority (0-100).")
    double minAuthority;

    @Option(names = "--max-spam", defaultValue = "100", description = "Drop sites whose spam score (0-100) is above "
            + "this (default: ${DEFAULT-VALUE}, i.e. keep all).")
    double maxSpam;

    @Option(names = "--exclude-domain", paramLabel = "DOMAIN", split = ",", description = "Never return these.")
    List<String> exclude;

    @Option(names = "--allow-non-english", description = "Accept content that does not look like English.")
    boolean allowNonEnglish;

    @Option(names = "--format", defaultValue = "table", description = "table, json or prospects (JSON lines of "
            + "campaign prospect candidates).")
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
        GuestPostFinder.Options o = GuestPostFinder.validate(top, minAuthority, maxSpam, exclude);
        String text = ContentFiles.read(content);
        send.run(sender, index, chosen, format, "guest-posts",
                (idx, b) -> new GuestPostFinder(idx, b).find(JobsContent.of(idx, b, text, type, title,
                        allowNonEnglish), o),
                r -> r.results().stream().map(GuestPostFinder.Result::toProspect).toList(), GuestPostsCommand::table);
        return 0;
    }


    static String table(GuestPostFinder.Response r) {
        StringBuilder sb = new StringBuilder();
        if (!r.note().isEmpty()) {
            sb.append("note: ").append(r.note()).append('\n');
        }
        sb.append(r.candidates()).append(" sites in the index take guest posts; ").append(r.results().size())
                .append(" fit your content\n");
        for (GuestPostFinder.Result x : r.results()) {
            sb.append(String.format("%3d  %-28s score %.3f  fit %.2f  authority %.1f  %s%s%n", x.rank(), x.domain(),
                    x.score(), x.topicFit(), x.authority(), x.kind(), x.flags().isEmpty() ? ""
                            : "  flags: " + String.join(",", x.flags())));
            sb.append("     guidelines: ").append(x.guidelinesUrl());
            if (!x.contactUrl().isEmpty()) {
                sb.append("  contact: ").append(x.contactUrl());
            }
            sb.append('\n');
            sb.append("     topics: ").append(String.join(", ", x.matchedTerms())).append('\n');
            if (x.publishedGuestPosts() > 0) {
                sb.append("     published guest posts: ").append(x.publishedGuestPosts()).append(", on your topic: ")
                        .append(x.guestPostsOnTopic()).append('\n');
                for (GuestPostFinder.PublishedPost p : x.guestPosts()) {
                    sb.append("       ").append(p.url()).append("  \"").append(p.title()).append("\"  fit ")
                            .append(String.format("%.2f", p.fit())).append('\n')
                            .append("         \"").append(p.sentence()).append("\"\n");
                }
            }
            sb.append("     why detected: ").append(String.join("; ", x.reasons().stream()
                    .map(q -> q.detail() + " (" + (q.weight() > 0 ? "+" : "") + q.weight() + ")").toList()))
                    .append('\n');
        }
        return sb.toString();
    }
}
