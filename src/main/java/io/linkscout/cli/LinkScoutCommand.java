package io.linkscout.cli;

import io.linkscout.cli.bench.BackgroundDfCommand;
import io.linkscout.cli.bench.PosLexiconCommand;
import io.linkscout.cli.bench.BenchCommand;
import io.linkscout.cli.bench.BenchTableCommand;
import io.linkscout.cli.bench.EvalCommand;
import io.linkscout.cli.bench.LinkPredSplitCommand;
import io.linkscout.cli.bench.SampleCorpusCommand;
import io.linkscout.cli.campaign.CampaignCommand;
import io.linkscout.cli.campaign.MonitorCommand;
import io.linkscout.cli.jobs.GuestPostsCommand;
import io.linkscout.cli.jobs.LinkIntersectCommand;
import io.linkscout.cli.jobs.MentionsCommand;
import io.linkscout.cli.jobs.TopicsThatEarnCommand;
import io.linkscout.cli.user.UserCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code java -jar target/quarkus-app/quarkus-run.jar <command>}: the LinkScout command line. */
@TopCommand
@Command(name = "linkscout", mixinStandardHelpOptions = true, version = "LinkScout 0.1.0",
        description = "Link-building recommendations: who will link to your content, and why.",
        subcommands = {DemoCommand.class, IngestCommand.class, CrawlCommand.class, StatsCommand.class,
                RecommendCommand.class, TopicsCommand.class, TrainCommand.class, BenchCommand.class, ServeCommand.class,
                EvalCommand.class, BenchTableCommand.class, LinkPredSplitCommand.class, SampleCorpusCommand.class,
                GuestPostsCommand.class, TopicsThatEarnCommand.class, LinkIntersectCommand.class, MentionsCommand.class,
                CampaignCommand.class, GraphCommand.class, CcGraphCommand.class, UserCommand.class, BackupCommand.class,
                RestoreCommand.class, GraphExportCommand.class, MonitorCommand.class, BackgroundDfCommand.class, PosLexiconCommand.class,
                OpenSearchDevCommand.class})
public class LinkScoutCommand {
}
