package io.linkscout.api;

import io.linkscout.search.IndexService;
import static io.linkscout.api.RequestLimits.AT_MOST_CHARS;
import static io.linkscout.api.RequestLimits.AT_MOST_ENTRIES;
import static io.linkscout.api.RequestLimits.BETWEEN_0_AND_100;
import static io.linkscout.api.RequestLimits.BETWEEN_1_AND_TOP;
import static io.linkscout.api.RequestLimits.BRAND_CHARS;
import static io.linkscout.api.RequestLimits.COMPETITORS;
import static io.linkscout.api.RequestLimits.CONTENT_CHARS;
import static io.linkscout.api.RequestLimits.EXCLUDE_DOMAINS;
import static io.linkscout.api.RequestLimits.KEYWORDS;
import static io.linkscout.api.RequestLimits.KEYWORD_CHARS;
import static io.linkscout.api.RequestLimits.TITLE_CHARS;
import static io.linkscout.api.RequestLimits.TOP;
import static io.linkscout.api.RequestLimits.URL_CHARS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.error.UserException;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.earn.EarnedTopics;
import io.linkscout.jobs.gap.LinkIntersect;
import io.linkscout.jobs.gap.Mentions;
import io.linkscout.jobs.guestpost.GuestPostFinder;
import io.linkscout.jobs.send.CampaignSend;
import io.linkscout.outreach.IntakeResult;
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
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The three jobs over HTTP: {@code POST /api/guest-posts}, {@code /api/topics-that-earn}, {@code /api/link-intersect},
 * {@code /api/mentions}. Thin: validation (400 naming the field, 422 for a combination that cannot be answered) and
 * a call into {@code io.linkscout.jobs}; errors leave as JSON through {@link ErrorMapper}. With {@code campaignId}
 * the results also go to that campaign's shortlist through {@link CampaignSend} (who: header X-Changed-By).
 */
@Path("/api")
@ApplicationScoped
@Tag(name = "jobs", description = "Guest-post targets, topics that earn links, competitor link gap, unlinked mentions")
// every job answers these two the same way (class level: OpenAPI adds them to each operation)
@APIResponse(responseCode = "404", description = "campaignId names no campaign, or no index",
        content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
@APIResponse(responseCode = "503", description = "campaignId given but no database configured (the message"
        + " says which variables to set)",
        content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
public class JobsResource {

    @Schema(name = "GuestPostsRequest", description = "Your content and filters for guest-post targets")
    public record GuestPostsRequest(
            @Schema(description = "The content: plain text, Markdown or HTML")
            @NotBlank(message = RecommendationsResource.CONTENT_REQUIRED)
            @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String content,
            @Schema(description = "Title of the content") @Size(max = TITLE_CHARS, message = AT_MOST_CHARS)
            String title,
            @Schema(enumeration = {"auto", "plain", "markdown", "html"}, defaultValue = "auto") String contentType,
            @Schema(defaultValue = "20") @Min(value = 1, message = BETWEEN_1_AND_TOP)
            @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer top,
            @Schema(defaultValue = "0") @DecimalMin(value = "0", message = BETWEEN_0_AND_100)
            @DecimalMax(value = "100", message = BETWEEN_0_AND_100) Double minAuthority,
            @Schema(description = "Drop sites whose spam score (0-100) is above this", defaultValue = "100")
            @DecimalMin(value = "0", message = BETWEEN_0_AND_100)
            @DecimalMax(value = "100", message = BETWEEN_0_AND_100) Double maxSpam,
            @Schema(type = SchemaType.ARRAY) @Size(max = EXCLUDE_DOMAINS, message = AT_MOST_ENTRIES)
            List<@Size(max = URL_CHARS, message = AT_MOST_CHARS) String> excludeDomains,
            @Schema(defaultValue = "false") Boolean allowNonEnglish,
            @Schema(description = "Also add the results to this campaign's shortlist (source = the job's name; the"
                    + " campaign's rules apply); the answer then has a campaign field") Long campaignId,
            @Schema(description = "With campaignId: send only the first N results (default: all returned)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP)
            Integer sendTop) {
    }

    @Schema(name = "TopicsThatEarnRequest", description = "Your niche (content or keywords), optionally your domain")
    public record TopicsThatEarnRequest(
            @Schema(description = "Your content (its top terms define the niche); or give keywords")
            @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String content,
            @Schema(description = "Seed keywords (instead of content)", type = SchemaType.ARRAY)
            @Size(max = KEYWORDS, message = AT_MOST_ENTRIES)
            List<@Size(max = KEYWORD_CHARS, message = AT_MOST_CHARS) String> keywords,
            @Schema(description = "Your domain: only topics your site has no page about (content gap)")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String domain,
            @Schema(defaultValue = "20") @Min(value = 1, message = BETWEEN_1_AND_TOP)
            @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer top,
            @Schema(description = "Also add the results to this campaign's shortlist (source = the job's name; the"
                    + " campaign's rules apply); the answer then has a campaign field") Long campaignId,
            @Schema(description = "With campaignId: send only the first N prospects (one per linking site, idea by"
                    + " idea; default: all returned)") @Min(value = 1, message = BETWEEN_1_AND_TOP)
            @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer sendTop) {
    }

    @Schema(name = "LinkIntersectRequest", description = "Competitors, your domain and the overlap k")
    public record LinkIntersectRequest(
            @Schema(required = true, type = SchemaType.ARRAY) @Size(max = COMPETITORS, message = AT_MOST_ENTRIES)
            List<@Size(max = URL_CHARS, message = AT_MOST_CHARS) String> competitors,
            @Schema(required = true, description = "Your domain") @Size(max = URL_CHARS, message = AT_MOST_CHARS)
            String domain,
            @Schema(description = "Minimum competitors linked (default 2, or 1 with one competitor)") Integer minOverlap,
            @Schema(description = "Optional content: adds topic fit to the ranking")
            @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String content,
            @Schema(defaultValue = "50") @Min(value = 1, message = BETWEEN_1_AND_TOP)
            @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer top,
            @Schema(defaultValue = "100") @DecimalMin(value = "0", message = BETWEEN_0_AND_100)
            @DecimalMax(value = "100", message = BETWEEN_0_AND_100) Double maxSpam,
            @Schema(description = "Also add the results to this campaign's shortlist (source = the job's name; the"
                    + " campaign's rules apply); the answer then has a campaign field") Long campaignId,
            @Schema(description = "With campaignId: send only the first N results (default: all returned)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP)
            Integer sendTop) {
    }

    @Schema(name = "MentionsRequest", description = "Your brand, domain and optionally a content title")
    public record MentionsRequest(
            @Schema(description = "Brand name") @Size(max = BRAND_CHARS, message = AT_MOST_CHARS) String brand,
            @Schema(required = true, description = "Your domain") @Size(max = URL_CHARS, message = AT_MOST_CHARS)
            String domain,
            @Schema(description = "A content title to look for") @Size(max = TITLE_CHARS, message = AT_MOST_CHARS)
            String title,
            @Schema(defaultValue = "50") @Min(value = 1, message = BETWEEN_1_AND_TOP)
            @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer top,
            @Schema(defaultValue = "100") @DecimalMin(value = "0", message = BETWEEN_0_AND_100)
            @DecimalMax(value = "100", message = BETWEEN_0_AND_100) Double maxSpam,
            @Schema(description = "Also add the results to this campaign's shortlist (source = the job's name; the"
                    + " campaign's rules apply); the answer then has a campaign field") Long campaignId,
            @Schema(description = "With campaignId: send only the first N results (default: all returned)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP)
            Integer sendTop) {
    }

    /** Documents (in OpenAPI) the {@code campaign} field that {@link #runAndSend} adds to a job's answer. */
    @Schema(name = "SentToCampaign", description = "With campaignId: what adding the results to the campaign did")
    public record SentToCampaign(
            @Schema(description = "The prospects added and every result skipped with its reason") IntakeResult
            campaign) {
    }

    @Inject
    IndexService index;

    @Inject
    CampaignSend sender;

    @Inject
    ObjectMapper json;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    /**
     * The flow every job shares, after its request is validated: check the campaign fields, run the job on the
     * current index, and with {@code campaignId} send its prospects to that campaign and add a campaign field.
     */
    private <R> Object runAndSend(Long campaignId, Integer sendTop, String job,
            java.util.function.BiFunction<LinkScoutIndex, io.linkscout.search.SearchBackend, R> run,
            Function<R, List<ProspectCandidate>> prospects) {
        sender.check(campaignId, sendTop, "campaignId", "sendTop");
        // the job and the contacts of the sites it sends read the same backend (linkscout.backend)
        return index.withBackend((idx, b) -> {
            R response = run.apply(idx, b);
            if (campaignId == null) {
                return response;
            }
            // the status history records the authenticated user; the X-Changed-By header is ignored
            IntakeResult sent = sender.send(campaignId, job, prospects.apply(response), sendTop,
                    io.linkscout.outreach.SiteContacts.through(b), OutreachResource.changedBy(identity));
            ObjectNode n = json.valueToTree(response);
            n.set("campaign", json.valueToTree(sent));
            return n;
        });
    }

    @POST
    @Path("/guest-posts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sites that accept guest posts, ranked for your content",
            description = "Candidates are the sites whose pages were detected at ingest as accepting contributions"
                    + " (or selling posts: kept, flagged sells-posts). Ranked by topic fit, authority, detection"
                    + " strength and spam penalty; each result has the guidelines page and the detection's reasons.")
    @APIResponse(responseCode = "200", description = "The answer; with campaignId also a campaign field",
            content = @Content(schema = @Schema(allOf = {GuestPostFinder.Response.class, SentToCampaign.class})))
    @APIResponse(responseCode = "400", description = "Missing content or a field out of range (named)",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public Object guestPosts(@Valid GuestPostsRequest q) {
        if (q == null) {
            throw new UserException("request body is missing: send a JSON object such as {\"content\": \"...\"}");
        }
        GuestPostFinder.Options o = GuestPostFinder.validate(q.top(), q.minAuthority(), q.maxSpam(),
                q.excludeDomains());
        return runAndSend(q.campaignId(), q.sendTop(), "guest-posts",
                (idx, b) -> new GuestPostFinder(idx, b).find(JobsContent.of(idx, b, q.content(), q.contentType(),
                        q.title(), Boolean.TRUE.equals(q.allowNonEnglish())), o),
                r -> r.results().stream().map(GuestPostFinder.Result::toProspect).toList());
    }

    @POST
    @Path("/topics-that-earn")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Topics in your niche that earn links, and who linked",
            description = "Topics (title terms and term pairs of linked pages matching the niche) ranked by mean"
                    + " referring domains per page, with example pages and linking sites. With domain: the content"
                    + " gap (topics your site has no page about).")
    @APIResponse(responseCode = "200", description = "The answer; with campaignId also a campaign field",
            content = @Content(schema = @Schema(allOf = {EarnedTopics.Response.class, SentToCampaign.class})))
    @APIResponse(responseCode = "400", description = "A field is invalid (named)",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Neither or both of content and keywords",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public Object topicsThatEarn(@Valid TopicsThatEarnRequest q) {
        if (q == null) {
            throw new UserException("request body is missing: send {\"keywords\": [\"...\"]} or {\"content\": \"...\"}");
        }
        boolean hasContent = q.content() != null && !q.content().isBlank();
        boolean hasKeywords = q.keywords() != null && !q.keywords().isEmpty();
        if (hasContent == hasKeywords) {
            throw new UserException("give exactly one of content or keywords (got "
                    + (hasContent ? "both" : "neither") + ")", 422);
        }
        if (hasKeywords && q.keywords().stream().anyMatch(k -> k == null || k.isBlank())) {
            throw new UserException("keywords contains a blank keyword");
        }
        EarnedTopics.Options o = EarnedTopics.validate(q.top(), q.domain());
        return runAndSend(q.campaignId(), q.sendTop(), "topics-that-earn",
                (idx, b) -> EarnedTopics.forContent(idx, b, hasContent ? q.content() : null,
                        hasKeywords ? q.keywords() : null, o),
                r -> r.ideas().stream().flatMap(i -> i.linkingSiteProspects().stream()).toList());
    }

    @POST
    @Path("/link-intersect")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Domains linking to at least k competitors and not to you",
            description = "Over the domain graph (internal links excluded). Each result lists the linking pages per"
                    + " competitor with anchor and rel (nofollow/sponsored/ugc shown, not dropped).")
    @APIResponse(responseCode = "200", description = "The answer; with campaignId also a campaign field",
            content = @Content(schema = @Schema(allOf = {LinkIntersect.Response.class, SentToCampaign.class})))
    @APIResponse(responseCode = "400", description = "A field is invalid (named)",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public Object linkIntersect(@Valid LinkIntersectRequest q) {
        if (q == null) {
            throw new UserException("request body is missing: send {\"competitors\": [...], \"domain\": \"...\"}");
        }
        LinkIntersect.Options o = LinkIntersect.validate(q.competitors(), q.domain(), q.minOverlap(), q.top(),
                q.maxSpam());
        return runAndSend(q.campaignId(), q.sendTop(), "link-intersect",
                (idx, b) -> new LinkIntersect(idx, b).run(o, q.content() == null || q.content().isBlank() ? null
                        : JobsContent.of(idx, b, q.content(), "auto", null, false)),
                r -> r.results().stream().map(LinkIntersect.Result::toProspect).toList());
    }

    @POST
    @Path("/mentions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pages naming your brand, domain or title without linking to you",
            description = "Phrase search over page text and titles; your own pages and pages linking to your domain"
                    + " are left out. Each result has the sentence that names you.")
    @APIResponse(responseCode = "200", description = "The answer; with campaignId also a campaign field",
            content = @Content(schema = @Schema(allOf = {Mentions.Response.class, SentToCampaign.class})))
    @APIResponse(responseCode = "400", description = "A field is invalid (named)",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public Object mentions(@Valid MentionsRequest q) {
        if (q == null) {
            throw new UserException("request body is missing: send {\"brand\": \"...\", \"domain\": \"...\"}");
        }
        Mentions.Options o = Mentions.validate(q.brand(), q.domain(), q.title(), q.top(), q.maxSpam());
        return runAndSend(q.campaignId(), q.sendTop(), "mentions",
                (idx, b) -> new Mentions(idx, b).run(o),
                r -> r.results().stream().map(Mentions.Result::toProspect).toList());
    }
}
