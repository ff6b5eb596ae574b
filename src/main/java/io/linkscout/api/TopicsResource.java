package io.linkscout.api;

import static io.linkscout.api.RequestLimits.AT_MOST_CHARS;
import static io.linkscout.api.RequestLimits.CONTENT_CHARS;
import static io.linkscout.api.RequestLimits.TITLE_CHARS;
import static io.linkscout.api.RequestLimits.TOPICS_TOP;

import io.linkscout.nlp.TopicsResponse;
import io.linkscout.nlp.TopicService;
import io.linkscout.nlp.ContentType;
import io.linkscout.error.UserException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/topics}: the topics of a piece of content (see {@link TopicService}); idf from the configured
 * index when there is one (see {@code io.linkscout.search.IndexTermStatisticsProvider}). Errors are JSON
 * {@code {status, error, message}} (see {@code io.linkscout.api.ErrorMapper}).
 */
@Path("/api/topics")
@Tag(name = "topics", description = "Topics (keyphrases and named entities) of your content")
public class TopicsResource {

    static final String BETWEEN_1_AND_TOPICS_TOP = "must be between 1 and " + TOPICS_TOP;

    /**
     * @param title           optional title (default: the HTML title or first Markdown heading)
     * @param content         the content (required)
     * @param contentType     auto (default), plain, markdown or html
     * @param top             how many topics (default 25, 1..500)
     * @param allowNonEnglish analyse content that does not look like English
     */
    @Schema(name = "TopicsRequest")
    public record TopicsRequest(
            @Schema(description = "Title of the content; default: the HTML <title> or first Markdown heading")
            @Size(max = TITLE_CHARS, message = AT_MOST_CHARS) String title,
            @Schema(description = "The content: plain text, Markdown or HTML")
            @NotNull(message = RecommendationsResource.CONTENT_REQUIRED)
            @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String content,
            @Schema(description = "auto (default), plain, markdown or html", defaultValue = "auto")
            String contentType,
            @Schema(description = "How many topics", defaultValue = "25")
            @Min(value = 1, message = BETWEEN_1_AND_TOPICS_TOP) @Max(value = TOPICS_TOP,
                    message = BETWEEN_1_AND_TOPICS_TOP) Integer top,
            @Schema(description = "Analyse content that does not look like English", defaultValue = "false")
            Boolean allowNonEnglish) {
    }

    @Inject
    TopicService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Topics of your content",
            description = "Converts the content to plain text and returns its ranked keyphrases and named entities"
                    + " (PERSON, ORGANIZATION, LOCATION, MISC) with their mentions, plus the top single terms."
                    + " Mention offsets refer to the converted plain text. Content over linkscout.content.max-chars"
                    + " characters (default 300000) is refused with 413; content that does not look like English"
                    + " with 422, unless allowNonEnglish is true.")
    @APIResponse(responseCode = "200", description = "Topics",
            content = @Content(schema = @Schema(implementation = TopicsResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty content or a bad parameter")
    @APIResponse(responseCode = "413", description = "Content too long")
    @APIResponse(responseCode = "422", description = "Content does not look like English")
    public TopicsResponse topics(@Valid TopicsRequest request) {
        if (request == null) {
            throw new UserException("request body is missing: send a JSON object such as {\"content\": \"...\"}");
        }
        int top = request.top() == null ? 25 : request.top(); // content and top: the constraints above
        TopicService.Topics t = service.topics(request.title(), request.content(),
                ContentType.parse(request.contentType()), Boolean.TRUE.equals(request.allowNonEnglish()), null, top);
        return TopicsResponse.of(t, top);
    }
}
