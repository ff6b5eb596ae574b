package io.linkscout.cli.bench;

import picocli.CommandLine.Command;

/** {@code bench <name>}: reproducible benchmark commands whose figures are checked against bench/expected.json. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (figures checked against "
        + "bench/expected.json).", subcommands = {BenchLinkPredCommand.class, BenchScaleCommand.class, BenchCrawlCommand.class, BenchGraphCommand.class, BenchLinksCommand.class, BenchKeyphrasesCommand.class,
        io.linkscout.cli.bench.BenchGuestPostsCommand.class, io.linkscout.cli.bench.BenchLinkIntersectCommand.class,
        BenchLoadCommand.class})
public class BenchCommand {
}
