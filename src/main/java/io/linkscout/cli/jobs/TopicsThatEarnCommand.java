package io.linkscout.cli.jobs;

import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.jobs.earn.EarnedTopics;
import io.linkscout.search.BackendResolver;
import io.linkscout.jobs.send.CampaignSend;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topics-that-earn}: topics in your niche that earn links, and who linked. */
@Command(name = "topics-that-earn", mixinStandardHelpOptions = true,
        description = "Content ideas: clusters of the topics of pages in your niche (keyphrases stored at ingest), "
                + "ranked by the distinct referring domains their pages earn, with example pages and the sites that "
                + "linked to them. With --domain, only topics none of your site's pages carries (content gap).")
public class TopicsThatEarnCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--content", paramLabel = "FILE", description = "Your content: its top terms define the niche.")
    Path content;

    @Option(names = "--keywords", paramLabel = "K", arity = "1..*", description = "Seed keywords defining the niche.")
    List<String> keywords;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Your domain: show the content gap.")
    String domain;

    @Option(names = "--top", defaultValue = "20", description = "How many topics (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "table", description = "table, json or prospects (one per linking "
            + "site).")
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
        if ((content == null) == (keywords == null || keywords.isEmpty())) {
            throw new UserException("give either --content FILE or --keywords K... (one of them)");
        }
        EarnedTopics.Options o = EarnedTopics.validate(top, domain);
        BackendResolver.Choice chosen = backend.resolve(backends);
        String text = content == null ? null : ContentFiles.read(content);
        send.run(sender, index, chosen, format, "topics-that-earn",
                (idx, b) -> EarnedTopics.forContent(idx, b, text, keywords, o),
                r -> r.ideas().stream().flatMap(i -> i.linkingSiteProspects().stream()).toList(),
                TopicsThatEarnCommand::table);
        return 0;
    }

    static String table(EarnedTopics.Response r) {
        StringBuilder sb = new StringBuilder();
        sb.append("niche: ").append(String.join(", ", r.niche())).append("  (").append(r.candidatePages())
                .append(" linked pages considered)\n");
        for (EarnedTopics.Idea i : r.ideas()) {
            sb.append(String.format("%3d  %-30s %d referring domains, %d pages (%.2f ref. domains/page, median %.1f)%s%n",
                    i.rank(), i.topic(), i.distinctRefDomains(), i.pages(), i.meanRefDomains(), i.medianRefDomains(),
                    i.gap() ? "  [gap]" : ""));
            if (i.topics().size() > 1) {
                sb.append("     topics: ").append(JobsOutput.cut(String.join(", ", i.topics()), 100)).append('\n');
            }
            for (EarnedTopics.EarningPage p : i.examples()) {
                sb.append("     ").append(p.url()).append("  (").append(p.refDomains()).append(" ref. domains) ")
                        .append(JobsOutput.cut(p.title(), 60)).append('\n');
            }
            if (!i.linkingSites().isEmpty()) {
                sb.append("     pitch: ").append(String.join(", ", i.linkingSites().stream()
                        .map(s -> s.domain() + " (" + s.pagesLinked() + ")").toList())).append('\n');
            }
        }
        return sb.toString();
    }
}
