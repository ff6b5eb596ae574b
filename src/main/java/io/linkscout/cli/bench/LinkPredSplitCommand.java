package io.linkscout.cli.bench;

import io.linkscout.eval.LinkPredSplit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linkpred-split [--corpus wikispeedia|blogs] [--data PATH] TARGETS.txt OUT_DIR}: see {@link LinkPredSplit}. */
@Command(name = "linkpred-split", mixinStandardHelpOptions = true,
        description = "Build a held-out link-prediction split from the Wikispeedia data (port of make_linkpred.py) "
                + "or from the blogs corpus (--corpus blogs: port of make_blogs_split.py).")
public class LinkPredSplitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", defaultValue = "wikispeedia", paramLabel = "wikispeedia|blogs",
            description = "Corpus (default: ${DEFAULT-VALUE}).")
    LinkPredSplit.Corpus corpus = LinkPredSplit.Corpus.wikispeedia;

    @Option(names = "--data", paramLabel = "PATH", description = "Wikispeedia folder (default: ../shared/data/"
            + "wikispeedia) or, with --corpus blogs, the corpus file (default: ../shared/data/blogs/pages.jsonl.gz).")
    Path data;

    @Parameters(index = "0", paramLabel = "TARGETS.txt", description = "One target article id a line.")
    Path targets;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "Output folder (created if needed).")
    Path out;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(LinkPredSplit.build(corpus, data, targets, out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
