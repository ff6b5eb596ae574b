package io.linkscout.cli.bench;

import io.linkscout.eval.SampleCorpusBuilder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample-corpus [--data DIR] [--out DIR]}: rebuilds the bundled sample, see {@link SampleCorpusBuilder}. */
@Command(name = "sample-corpus", mixinStandardHelpOptions = true,
        description = "Rebuild the bundled sample corpus from shared/data (fixed selection rule, reproducible).")
public class SampleCorpusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "shared/data folder (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("..", "shared", "data");

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("src", "main", "resources", "sample");

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("rule: " + SampleCorpusBuilder.RULE);
        spec.commandLine().getOut().println(SampleCorpusBuilder.build(data, out) + " -> " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
