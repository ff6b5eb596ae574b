package io.linkscout.cli.common;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
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

    /** What writes one model file's text. */
    public interface Body<T> {
        T write(Writer w) throws IOException;
    }

    /**
     * Writes a gzipped model file (creating its folder): to a temporary file beside it, then moved over it in one
     * step, so a failed run leaves the previous file. Returns what {@code body} returned.
     */
    public static <T> T writeGzip(Path out, Body<T> body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        try {
            T result;
            try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)),
                    StandardCharsets.UTF_8)) {
                result = body.write(w);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A {@link UserException} naming {@code p} and the option to fix when it is not a regular file. */
    public static void requireFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new UserException("file not found: " + p + " (give " + option + " FILE.jsonl[.gz])");
        }
    }
}
