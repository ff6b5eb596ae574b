package io.linkscout.cli.bench;

import io.linkscout.cli.common.BackgroundCorpusOption;
import io.linkscout.ingest.JsonLines;
import io.linkscout.nlp.NlpPipeline;
import io.linkscout.nlp.PageTopics;
import io.linkscout.nlp.PosLexicon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pos-lexicon}: builds the part-of-speech lexicon of page keyphrases ({@link PosLexicon},
 * {@code models/pos-lexicon.tsv.gz}) by tagging the lead of every record of JSON Lines corpora with CoreNLP
 * (what {@link PageTopics#lead} reads of a page), and with {@code --heldout} measures how often the lexicon agrees
 * with CoreNLP on pages it was not counted on. Reproducible: same inputs, same file.
 */
@Command(name = "pos-lexicon", mixinStandardHelpOptions = true,
        description = "Build the part-of-speech lexicon (a bigram tagger distilled from CoreNLP's) that tags page "
                + "keyphrases at ingest, and measure its agreement with CoreNLP on held-out pages.")
public class PosLexiconCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackgroundCorpusOption corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Output (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("models", "pos-lexicon.tsv.gz");

    @Option(names = "--chars", defaultValue = "5000", description = "Characters of each record's text tagged "
            + "after its title (default: ${DEFAULT-VALUE}; page topics read " + PageTopics.MAX_CHARS + ").")
    int chars;

    @Option(names = "--heldout", paramLabel = "FILE.jsonl[.gz]", description = "Also report agreement with CoreNLP "
            + "on the leads of this file's records whose url is not in the corpus (e.g. "
            + "../shared/data/blogs/pages.jsonl.gz).")
    Path heldout;

    @Option(names = "--heldout-docs", defaultValue = "1000", description = "Held-out records to tag, every k-th "
            + "so that they spread over the file (default: ${DEFAULT-VALUE}).")
    int heldoutDocs;

    @Override
    public Integer call() throws IOException {
        NlpPipeline nlp = NlpPipeline.shared();
        PosLexicon.Builder b = new PosLexicon.Builder();
        StringBuilder source = new StringBuilder("source=");
        Set<String> urls = new HashSet<>();
        int docs = 0;
        for (Path p : corpus.files()) {
            int[] n = {0};
            JsonLines.forEachNode(p, (ln, d) -> {
                b.addText(nlp, PageTopics.lead(d.path("title").asText(""), d.path("text").asText(""), chars));
                urls.add(d.path("url").asText(""));
                n[0]++;
            });
            docs += n[0];
            source.append(source.length() > 7 ? "," : "").append(p.getFileName()).append(':').append(n[0]);
        }
        String description = "docs=" + docs + " chars=" + chars + " " + source;
        int words = BackgroundCorpusOption.writeGzip(out, w -> b.write(w, description));
        var o = spec.commandLine().getOut();
        o.printf("%d documents, %,d tokens, %,d word forms (%s) -> %s (%,d bytes)%n", docs, b.tokens(), words, source,
                out, Files.size(out));
        if (heldout != null) {
            BackgroundCorpusOption.requireFile(heldout, "--heldout");
            PosLexicon lexicon = b.build(source.toString());
            int[] total = {0};
            JsonLines.forEachNode(heldout, (ln, d) -> {
                if (!urls.contains(d.path("url").asText(""))) {
                    total[0]++;
                }
            });
            int step = Math.max(1, total[0] / Math.max(1, heldoutDocs));
            long[] agg = new long[4]; // records seen, tokens, records tagged, same tags
            JsonLines.forEachNode(heldout, (ln, d) -> {
                if (urls.contains(d.path("url").asText("")) || agg[2] >= heldoutDocs || agg[0]++ % step != 0) {
                    return;
                }
                agg[2]++;
                PosLexicon.Agreement a = lexicon.agreement(nlp,
                        PageTopics.lead(d.path("title").asText(""), d.path("text").asText("")));
                agg[1] += a.tokens();
                agg[3] += a.same();
            });
            o.printf("held out: %d records of %s (every %d-th not in the corpus), %,d tokens, agreement with CoreNLP "
                    + "%.2f %%%n", agg[2], heldout, step, agg[1], agg[1] == 0 ? 0 : 100.0 * agg[3] / agg[1]);
        }
        o.flush();
        return 0;
    }
}
