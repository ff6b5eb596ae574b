package io.linkscout.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code java -jar target/quarkus-app/quarkus-run.jar <command>}: the LinkScout command line. */
@TopCommand
@Command(name = "linkscout", mixinStandardHelpOptions = true, version = "LinkScout 0.1.0",
        description = "Link-building recommendations: who will link to your content, and why.",
        subcommands = {DemoCommand.class, IngestCommand.class, CrawlCommand.class, StatsCommand.class, RecommendCommand.class, io.linkscout.nlp.TopicsCommand.class, TrainCommand.class, io.linkscout.eval.BenchCommand.class, ServeCommand.class, io.linkscout.eval.EvalCommand.class, io.linkscout.eval.BenchTableCommand.class, io.linkscout.eval.LinkPredSplit.class, io.linkscout.eval.SampleCorpusBuilder.class,
                io.linkscout.jobs.cli.GuestPostsCommand.class, io.linkscout.jobs.cli.TopicsThatEarnCommand.class,
                io.linkscout.jobs.cli.LinkIntersectCommand.class, io.linkscout.jobs.cli.MentionsCommand.class,
                io.linkscout.outreach.CampaignCommand.class, io.linkscout.quality.GraphCommand.class})
public class LinkScoutCommand {
}
