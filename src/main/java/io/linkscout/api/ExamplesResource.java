package io.linkscout.api;

import io.linkscout.error.UserException;
import io.linkscout.eval.SampleExamples;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    static final List<SampleExamples.Example> EXAMPLES = SampleExamples.ALL;

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
        SampleExamples.Example e = EXAMPLES.get(n - 1);
        String text = SampleExamples.text(e);
        return new Example(n, e.file(), SampleExamples.title(e, text), e.about(), "markdown", text);
    }
}
