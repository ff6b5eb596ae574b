package io.linkscout.cli.jobs;

import io.linkscout.url.Domains;
import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.earn.EarnedTopics;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.rank.ContentQuery;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topics-that-earn}: topics in your niche that earn links, and who linked. */
@Command(name = "topics-that-earn", mixinStandardHelpOptions = true,
        description = "Content ideas: topics in your niche whose pages earn links from the most referring domains "
                + "per page, with example pages and the sites that linked to them. With --domain, only topics "
                + "your site has no page about (content gap).")
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

    @Inject
    CampaignSend sender;

    @Override
    public Integer call() throws Exception {
        JobsOutput.check(format);
        if ((content == null) == (keywords == null || keywords.isEmpty())) {
            throw new UserException("give either --content FILE or --keywords K... (one of them)");
        }
        EarnedTopics.Options o = options(top, domain);
        String text = content == null ? null : ContentFiles.read(content);
        send.run(sender, index, format, "topics-that-earn", idx -> run(idx, text, keywords, o),
                r -> r.ideas().stream().flatMap(i -> i.linkingSiteProspects().stream()).toList(),
                TopicsThatEarnCommand::table);
        return 0;
    }

    public static EarnedTopics.Options options(Integer top, String domain) {
        int t = top == null ? 20 : top;
        if (t < 1 || t > 1000) {
            throw new UserException("top must be between 1 and 1000, got " + t);
        }
        String d = null;
        if (domain != null && !domain.isBlank()) {
            d = Domains.requireDomain("domain", domain);
        }
        return new EarnedTopics.Options(t, 5, 10, d);
    }

    /** Runs the job for content text or keywords (exactly one is non-null). */
    public static EarnedTopics.Response run(LinkScoutIndex idx, String text, List<String> keywords,
            EarnedTopics.Options o) {
        EarnedTopics et = new EarnedTopics(idx);
        if (text != null) {
            ContentQuery q = JobsContent.of(idx, text, "auto", null, false);
            Map<String, Double> w = new LinkedHashMap<>();
            q.terms().forEach(x -> w.put(x.term(), x.weight()));
            return et.run(new ArrayList<>(w.keySet()), w, o);
        }
        return et.run(et.keywordTerms(keywords), Map.of(), o);
    }

    static String table(EarnedTopics.Response r) {
        StringBuilder sb = new StringBuilder();
        sb.append("niche: ").append(String.join(", ", r.niche())).append("  (").append(r.candidatePages())
                .append(" linked pages considered)\n");
        for (EarnedTopics.Idea i : r.ideas()) {
            sb.append(String.format("%3d  %-30s %.2f ref. domains/page (median %.1f), %d pages, %d linking sites%s%n",
                    i.rank(), i.topic(), i.meanRefDomains(), i.medianRefDomains(), i.pages(), i.distinctRefDomains(),
                    i.gap() ? "  [gap]" : ""));
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
