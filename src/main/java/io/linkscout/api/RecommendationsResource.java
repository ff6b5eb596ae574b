package io.linkscout.api;

import io.linkscout.search.IndexService;
import static io.linkscout.api.RequestLimits.AT_MOST_CHARS;
import static io.linkscout.api.RequestLimits.AT_MOST_ENTRIES;
import static io.linkscout.api.RequestLimits.BETWEEN_0_AND_100;
import static io.linkscout.api.RequestLimits.BETWEEN_1_AND_TOP;
import static io.linkscout.api.RequestLimits.CONTENT_CHARS;
import static io.linkscout.api.RequestLimits.EXCLUDE_DOMAINS;
import static io.linkscout.api.RequestLimits.TITLE_CHARS;
import static io.linkscout.api.RequestLimits.TOP;
import static io.linkscout.api.RequestLimits.URL_CHARS;

import io.linkscout.error.UserException;
import io.linkscout.nlp.ContentType;
import io.linkscout.rank.Rankers;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import io.linkscout.url.Domains;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/recommendations}: the indexed pages (or sites) most likely to link to the posted content, with
 * the reasons. A thin layer over {@link RecommendService}; the {@link Recommender} (model chosen by {@link Rankers})
 * is built once per index generation and shared by concurrent requests.
 */
@Path("/api/recommendations")
@ApplicationScoped
@Tag(name = "recommendations", description = "Who will link to your content, and why")
public class RecommendationsResource {

    public static final int DEFAULT_TOP = 20;

    /** What a missing or blank content says (after its field name). */
    static final String CONTENT_REQUIRED = "is required: send the text of your article in the \"content\" field";

    /** The JSON body of {@code POST /api/recommendations}. */
    @Schema(name = "RecommendationRequest", description = "Your content and how to rank candidates for it")
    public record RecommendationRequest(
            @Schema(description = "Title of the content; default: the HTML <title>, the first Markdown heading, or"
                    + " the first line")
            @Size(max = TITLE_CHARS, message = AT_MOST_CHARS) String title,
            @Schema(description = "The content: plain text, Markdown or HTML")
            @NotBlank(message = CONTENT_REQUIRED) @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String content,
            @Schema(description = "Format of content", enumeration = {"auto", "plain", "markdown", "html"},
                    defaultValue = "auto")
            String contentType,
            @Schema(description = "Rank pages, or sites (registrable domains; the best page is the evidence)",
                    enumeration = {"page", "site"}, defaultValue = "page")
            String unit,
            @Schema(description = "How many results", defaultValue = "20")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer top,
            @Schema(description = "Drop results whose authority (0-100) is below this", defaultValue = "0")
            @DecimalMin(value = "0", message = BETWEEN_0_AND_100) @DecimalMax(value = "100",
                    message = BETWEEN_0_AND_100) Double minAuthority,
            @Schema(description = "Drop results whose spam score (0-100; the page's, or the site's for unit=site) "
                    + "is above this", defaultValue = "100")
            @DecimalMin(value = "0", message = BETWEEN_0_AND_100) @DecimalMax(value = "100",
                    message = BETWEEN_0_AND_100) Double maxSpam,
            @Schema(description = "Never return these registrable domains (e.g. your own site, competitors);"
                    + " hosts and URLs are reduced to their registrable domain", type = SchemaType.ARRAY)
            @Size(max = EXCLUDE_DOMAINS, message = AT_MOST_ENTRIES)
            List<@Size(max = URL_CHARS, message = AT_MOST_CHARS) String> excludeDomains,
            @Schema(description = "Analyse content that does not look like English", defaultValue = "false")
            Boolean allowNonEnglish,
            @Schema(description = "The site your content is published on (host, URL or domain): its own pages are "
                    + "never returned, and sites that already link to it rank higher")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String site,
            @Schema(description = "When the content was published: an ISO-8601 date (2024-05-30) or its dated "
                    + "address (https://example.com/2024/05/30/post/); pages published before it rank lower. "
                    + "Leave it out for new content")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String published) {
    }

    @Inject
    IndexService index;

    @Inject
    RecommendService service;

    @Inject
    Rankers rankers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommend linking pages or sites for your content",
            description = "Converts the content to plain text, extracts its topics with CoreNLP (idf from the"
                    + " index), gathers candidate pages from the index (text, title mentions, outlink profiles,"
                    + " co-citation, link graph) and ranks them with the ranker model. Each result carries the"
                    + " features' contributions to its score, the content's topics the page contains, and"
                    + " evidence (the sentence naming your title, pages it cites that your content names, ...).")
    @APIResponse(responseCode = "200", description = "Ranked recommendations with explanations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecommendService.Response.class)))
    @APIResponse(responseCode = "400", description = "Missing or blank content, malformed JSON, or a parameter out"
            + " of range", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No index has been built at linkscout.index.dir",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "Content too long (linkscout.content.max-chars)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Content does not look like English (see allowNonEnglish)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public RecommendService.Response recommend(@Valid RecommendationRequest request) {
        RecommendService.Request r = validate(request);
        try (IndexService.Lease lease = index.acquire()) {
            return service.recommend(rankers.shared(lease.index()), r);
        }
    }

    /**
     * Fills in defaults and checks what the constraints cannot (types, units, domains); a {@link UserException}
     * (400) names the offending field.
     */
    static RecommendService.Request validate(RecommendationRequest q) {
        if (q == null) {
            throw new UserException("request body is missing: send a JSON object such as {\"content\": \"...\"}");
        }
        String type = q.contentType() == null || q.contentType().isBlank() ? "auto" : q.contentType().strip();
        try {
            ContentType.parse(type);
        } catch (UserException e) {
            throw new UserException("contentType must be one of auto, plain, markdown, html (got \""
                    + q.contentType() + "\")");
        }
        Recommender.Unit unit = parseUnit(q.unit());
        // content, top, minAuthority, maxSpam, excludeDomains and site sizes: the constraints on the record
        int top = q.top() == null ? DEFAULT_TOP : q.top();
        double minAuthority = q.minAuthority() == null ? 0 : q.minAuthority();
        double maxSpam = q.maxSpam() == null ? 100 : q.maxSpam();
        Set<String> exclude = new LinkedHashSet<>();
        if (q.excludeDomains() != null) {
            for (int i = 0; i < q.excludeDomains().size(); i++) {
                exclude.add(Domains.requireDomain("excludeDomains[" + i + "]", q.excludeDomains().get(i)));
            }
        }
        String site = q.site() == null || q.site().isBlank() ? null : Domains.requireDomain("site", q.site());
        return new RecommendService.Request(q.title(), q.content(), type, top, unit, minAuthority, exclude,
                Boolean.TRUE.equals(q.allowNonEnglish()), maxSpam, site, q.published());
    }

    private static Recommender.Unit parseUnit(String unit) {
        if (unit == null || unit.isBlank()) {
            return Recommender.Unit.PAGE;
        }
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "page" -> Recommender.Unit.PAGE;
            case "site" -> Recommender.Unit.SITE;
            default -> throw new UserException("unit must be one of page, site (got \"" + unit + "\")");
        };
    }
}
