package io.linkscout.api;

import io.linkscout.error.UserException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bundled example articles (README "Sample corpus"), so that the web app can load one with a click. */
@Path("/api/examples")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "examples", description = "The bundled example articles")
public class ExamplesResource {

    /** An example article: its number (1, 2), file, title (its first Markdown heading), what it is for, text. */
    public record Example(int id, String file, String title, String description, String contentType,
            String content) {
    }

    static final List<String[]> EXAMPLES = List.of(
            new String[] {"example-software-post.md", "shipping a command-line tool in Rust, for the blogs"},
            new String[] {"example-article.md", "a guide to volcanoes, for Wikipedia"});

    @GET
    @Operation(summary = "The bundled example articles", description = "Markdown, with their titles")
    public List<Example> list() {
        return java.util.stream.IntStream.range(0, EXAMPLES.size()).mapToObj(i -> load(i + 1)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One bundled example article (1 or 2)")
    public Example get(@PathParam("id") String id) {
        int n;
        try {
            n = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > EXAMPLES.size()) {
            throw new UserException("no example " + id + ": there are examples 1 to " + EXAMPLES.size(), 404);
        }
        return load(n);
    }

    static Example load(int n) {
        String[] e = EXAMPLES.get(n - 1);
        try (InputStream in = ExamplesResource.class.getResourceAsStream("/sample/" + e[0])) {
            if (in == null) {
                throw new UserException("the example " + e[0] + " is missing from this build", 404);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String title = text.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst()
                    .orElse(e[0]);
            return new Example(n, e[0], title, e[1], "markdown", text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
