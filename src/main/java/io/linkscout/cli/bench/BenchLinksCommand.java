package io.linkscout.cli.bench;

import io.linkscout.eval.LinkJoinCheck;
import io.linkscout.error.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench links}: how many links LinkScout joins to the page the corpus says they name (see {@link LinkJoinCheck}). */
@Command(name = "links", mixinStandardHelpOptions = true,
        description = "Measure link-to-page joining against a corpus whose links name their page in `to` "
                + "(the blogs corpus): right / wrong / missed, exact URL lookup vs LinkScout's resolver.")
public class BenchLinksCommand implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "FILE", defaultValue = "../shared/data/blogs/pages.jsonl.gz",
            description = "JSONL pages with links[].to (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "0",
            description = "Print up to N examples of each kind of wrong, missed or extra join (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(corpus)) {
            throw new UserException("corpus not found: " + corpus + " (give --corpus FILE, e.g. "
                    + "../shared/data/blogs/pages.jsonl.gz)");
        }
        System.out.print(LinkJoinCheck.render(corpus, LinkJoinCheck.check(corpus, samples)));
        return 0;
    }
}
