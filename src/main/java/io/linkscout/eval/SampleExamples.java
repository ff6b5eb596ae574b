package io.linkscout.eval;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The example articles bundled with the sample corpus (README "Sample corpus"), numbered from 1: what {@code demo}
 * ranks and what the web app loads with one click.
 */
public final class SampleExamples {

    /** An example: its file under {@code /sample/} and what it is for. */
    public record Example(String file, String about) {
    }

    public static final List<Example> ALL = List.of(
            new Example("example-software-post.md", "shipping a command-line tool in Rust, for the blogs"),
            new Example("example-article.md", "a beginner's guide to volcanoes, for the Wikipedia pages"));

    private SampleExamples() {
    }

    /** The Markdown text of an example (an error naming the file when this build lacks it). */
    public static String text(Example e) {
        try (InputStream in = SampleExamples.class.getResourceAsStream("/sample/" + e.file())) {
            if (in == null) {
                throw new UserException("the example " + e.file() + " is missing from this build", 404);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The title of an example: its first Markdown heading, else its file name. */
    public static String title(Example e, String text) {
        return text.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst()
                .orElse(e.file());
    }
}
