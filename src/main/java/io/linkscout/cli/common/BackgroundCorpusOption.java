package io.linkscout.cli.common;

import io.linkscout.error.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --corpus}: the background corpus that the bundled topic models are counted on ({@code background-df},
 * {@code pos-lexicon}; {@code models/README.md}): JSON Lines files with title and text fields, by default the
 * Wikispeedia articles of {@code ../shared} and the bundled blog sample.
 */
public class BackgroundCorpusOption {

    @Option(names = "--corpus", split = ",", paramLabel = "FILE.jsonl[.gz]",
            description = "JSON Lines files with title and text fields (default: ${DEFAULT-VALUE}).")
    List<Path> corpus = List.of(Path.of("..", "shared", "data", "wikispeedia", "docs.jsonl.gz"),
            Path.of("src", "main", "resources", "sample", "blog-pages.jsonl.gz"));

    /** The files, each checked to exist (else a {@link UserException} that names it). */
    public List<Path> files() {
        for (Path p : corpus) {
            requireFile(p, "--corpus");
        }
        return corpus;
    }

    /** A {@link UserException} naming {@code p} and the option to fix when it is not a regular file. */
    public static void requireFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new UserException("file not found: " + p + " (give " + option + " FILE.jsonl[.gz])");
        }
    }
}
