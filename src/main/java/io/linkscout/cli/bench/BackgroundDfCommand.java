package io.linkscout.cli.bench;

import io.linkscout.cli.common.BackgroundCorpusOption;
import io.linkscout.ingest.JsonLines;
import io.linkscout.nlp.BackgroundFrequencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code background-df}: builds the background document-frequency table of topic specificity
 * ({@link BackgroundFrequencies}, {@code models/background-df.tsv.gz}) from JSON Lines corpora (title + text of
 * each record is one document). Reproducible: same inputs, same file.
 */
@Command(name = "background-df", mixinStandardHelpOptions = true,
        description = "Build the background document-frequency table (Porter-stemmed words and word pairs) that "
                + "weights topics when no index is given.")
public class BackgroundDfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackgroundCorpusOption corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Output (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("models", "background-df.tsv.gz");

    @Option(names = "--min-word-df", defaultValue = "2", description = "Keep words in at least this many "
            + "documents (default: ${DEFAULT-VALUE}).")
    int minWordDf;

    @Option(names = "--min-pair-df", defaultValue = "3", description = "Keep word pairs in at least this many "
            + "documents (default: ${DEFAULT-VALUE}).")
    int minPairDf;

    @Override
    public Integer call() throws IOException {
        BackgroundFrequencies.Builder b = new BackgroundFrequencies.Builder();
        StringBuilder source = new StringBuilder("source=");
        for (Path p : corpus.files()) {
            int before = b.docs();
            JsonLines.forEachNode(p, (ln, d) -> b.add(d.path("title").asText("") + "\n" + d.path("text").asText("")));
            source.append(source.length() > 7 ? "," : "").append(p.getFileName()).append(':').append(b.docs() - before);
        }
        int n = BackgroundCorpusOption.writeGzip(out, w -> b.write(w, source.toString(), minWordDf, minPairDf));
        spec.commandLine().getOut().printf("%d documents, %d entries (%s) -> %s (%,d bytes)%n", b.docs(), n, source,
                out, Files.size(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
