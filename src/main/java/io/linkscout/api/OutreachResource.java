package io.linkscout.api;

import io.linkscout.search.IndexService;
import static io.linkscout.api.RequestLimits.AT_MOST_CHARS;
import static io.linkscout.api.RequestLimits.AT_MOST_ENTRIES;
import static io.linkscout.api.RequestLimits.BETWEEN_1_AND_TOP;
import static io.linkscout.api.RequestLimits.CHANGED_BY_CHARS;
import static io.linkscout.api.RequestLimits.CONTENT_CHARS;
import static io.linkscout.api.RequestLimits.CONTENT_TITLE_CHARS;
import static io.linkscout.api.RequestLimits.EMAILS;
import static io.linkscout.api.RequestLimits.EMAIL_CHARS;
import static io.linkscout.api.RequestLimits.ENUM_CHARS;
import static io.linkscout.api.RequestLimits.EXCLUSIONS_CSV_CHARS;
import static io.linkscout.api.RequestLimits.NAME_CHARS;
import static io.linkscout.api.RequestLimits.NOTES_CHARS;
import static io.linkscout.api.RequestLimits.PAGE_SIZE;
import static io.linkscout.api.RequestLimits.PROSPECTS_PER_POST;
import static io.linkscout.api.RequestLimits.REASONS_CHARS;
import static io.linkscout.api.RequestLimits.SOURCE_CHARS;
import static io.linkscout.api.RequestLimits.TITLE_CHARS;
import static io.linkscout.api.RequestLimits.TOP;
import static io.linkscout.api.RequestLimits.URL_CHARS;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.outreach.Candidate;
import io.linkscout.outreach.CampaignService;
import io.linkscout.outreach.ExportService;
import io.linkscout.outreach.IntakeResult;
import io.linkscout.outreach.OutreachDatabase;
import io.linkscout.outreach.ProspectService;
import io.linkscout.outreach.ShortlistService;
import io.linkscout.outreach.SiteContacts;
import io.linkscout.outreach.Views;
import io.linkscout.rank.Rankers;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Outreach over REST: campaigns, their shortlists and prospects, status changes, notes, exclusions and the CSV
 * export. A thin layer over {@link CampaignService}, {@link ProspectService} and {@link ShortlistService}; every
 * endpoint answers 503 with how to configure PostgreSQL when no database is configured.
 */
@Path("/api")
@ApplicationScoped
@Tag(name = "outreach", description = "Campaigns and prospects (needs PostgreSQL)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Bad input (the message names the field)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
@APIResponse(responseCode = "503", description = "No database configured (the message says which variables to set)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
public class OutreachResource {

    static final String CSV_TOO_LONG = "must be at most {max} characters: split the file into smaller imports";
    static final String PAGE_SIZE_RANGE = "must be between 1 and " + PAGE_SIZE;

    /** Header naming who made a change (else the body field changedBy, else "api"). */
    public static final String CHANGED_BY = "X-Changed-By";

    @Inject
    OutreachDatabase db;

    @Inject
    SecurityIdentity identity;

    @Inject
    CampaignService campaigns;

    @Inject
    ProspectService prospects;

    @Inject
    ShortlistService shortlist;

    @Inject
    ExportService exports;

    @Inject
    IndexService index;

    @Inject
    Rankers rankers;

    @Schema(name = "CampaignRequest")
    public record CampaignRequest(
            @Schema(description = "Campaign name (required on create)")
            @Size(max = NAME_CHARS, message = AT_MOST_CHARS) String name,
            @Schema(description = "Title of the promoted content")
            @Size(max = CONTENT_TITLE_CHARS, message = AT_MOST_CHARS) String contentTitle,
            @Schema(description = "The promoted content: plain text, Markdown or HTML")
            @Size(max = CONTENT_CHARS, message = AT_MOST_CHARS) String contentText,
            @Schema(description = "URL of the promoted content (its text is read from the index when contentText"
                    + " is not given)") @Size(max = URL_CHARS, message = AT_MOST_CHARS) String contentUrl,
            @Schema(description = "Your own site (registrable domain; never suggested)")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String targetDomain,
            @Schema(description = "Updates: the version you read (or If-Match)") Long version) {
    }

    @Schema(name = "ShortlistRequest")
    public record ShortlistRequest(
            @Schema(description = "Size limit (default linkscout.outreach.shortlist-size)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer size,
            @Size(max = CHANGED_BY_CHARS, message = AT_MOST_CHARS) String changedBy) {
    }

    @Schema(name = "ProspectInput", description = "A prospect from any source: domain or URL required")
    public record ProspectInput(
            @Schema(description = "Registrable domain, host or URL") @Size(max = URL_CHARS, message = AT_MOST_CHARS)
            String domain,
            @Schema(description = "Evidence page") @Size(max = URL_CHARS, message = AT_MOST_CHARS) String url,
            @Size(max = TITLE_CHARS, message = AT_MOST_CHARS) String title, Double score, Double authority,
            @Schema(description = "Top reasons as one line") @Size(max = REASONS_CHARS, message = AT_MOST_CHARS)
            String reasons,
            @Schema(description = "Any JSON explanation to keep with the prospect") JsonNode explanation,
            @Size(max = EMAILS, message = AT_MOST_ENTRIES)
            List<@Size(max = EMAIL_CHARS, message = AT_MOST_CHARS) String> emails,
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String contactUrl) {
    }

    @Schema(name = "AddProspectsRequest")
    public record AddProspectsRequest(
            @Size(max = PROSPECTS_PER_POST, message = AT_MOST_ENTRIES) List<@Valid ProspectInput> prospects,
            @Schema(description = "Size limit (default linkscout.outreach.shortlist-size)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP) Integer limit,
            @Schema(description = "Where these come from (default manual)")
            @Size(max = SOURCE_CHARS, message = AT_MOST_CHARS) String source,
            @Size(max = CHANGED_BY_CHARS, message = AT_MOST_CHARS) String changedBy) {
    }

    @Schema(name = "StatusRequest")
    public record StatusRequest(
            @Schema(required = true, enumeration = {"NEW", "QUALIFIED", "CONTACTED", "REPLIED", "WON", "LOST",
                    "REJECTED"}) @Size(max = ENUM_CHARS, message = AT_MOST_CHARS) String status,
            @Schema(description = "The version you read (or send If-Match)") Long version,
            @Size(max = CHANGED_BY_CHARS, message = AT_MOST_CHARS) String changedBy,
            @Schema(description = "With WON: the page that now links to you (an http(s) URL)")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String wonUrl,
            @Schema(description = "With WON: where that link must point, a URL or a domain (any page of it);"
                    + " default the campaign's target domain. `linkscout monitor` checks it")
            @Size(max = URL_CHARS, message = AT_MOST_CHARS) String wonTarget) {
    }

    @Schema(name = "ProspectUpdate")
    public record ProspectUpdate(
            @Schema(description = "Notes (\"\" clears)") @Size(max = NOTES_CHARS, message = AT_MOST_CHARS)
            String notes,
            @Schema(description = "The won link (\"\" clears)") @Size(max = URL_CHARS, message = AT_MOST_CHARS)
            String wonUrl,
            @Schema(description = "Where the won link must point, a URL or a domain (\"\" clears: the campaign's"
                    + " target domain)") @Size(max = URL_CHARS, message = AT_MOST_CHARS)
            String wonTarget,
            @Schema(description = "The version you read (or send If-Match)") Long version) {
    }

    @Schema(name = "ExclusionRequest")
    public record ExclusionRequest(
            @Schema(required = true) @Size(max = URL_CHARS, message = AT_MOST_CHARS) String domain,
            @Schema(enumeration = {"ALREADY_LINKING", "COMPETITOR", "BLOCKLIST", "OTHER"})
            @Size(max = ENUM_CHARS, message = AT_MOST_CHARS) String reason,
            @Size(max = NOTES_CHARS, message = AT_MOST_CHARS) String note) {
    }

    // ---- campaigns ----

    @POST
    @Path("/campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Views.CampaignView.class)))
    public Response createCampaign(@Valid CampaignRequest r) {
        db.require();
        Views.CampaignView v = campaigns.create(input(r));
        return Response.status(201).entity(v).header("Location", "/api/campaigns/" + v.id()).build();
    }

    @GET
    @Path("/campaigns")
    @Operation(summary = "List campaigns with prospect counts per status")
    public List<Views.CampaignView> listCampaigns() {
        db.require();
        return campaigns.list();
    }

    @GET
    @Path("/campaigns/{id}")
    @Operation(summary = "One campaign")
    @APIResponse(responseCode = "404", description = "No such campaign")
    public Views.CampaignView getCampaign(@PathParam("id") long id) {
        db.require();
        return campaigns.get(id);
    }

    @PATCH
    @Path("/campaigns/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a campaign (fields not sent are unchanged; needs the version)")
    @APIResponse(responseCode = "409", description = "Stale version")
    public Views.CampaignView updateCampaign(@PathParam("id") long id, @Valid CampaignRequest r,
            @HeaderParam("If-Match") String ifMatch) {
        db.require();
        return campaigns.update(id, input(r), version(r == null ? null : r.version(), ifMatch));
    }

    @DELETE
    @Path("/campaigns/{id}")
    @Operation(summary = "Delete a campaign with its prospects, history and exclusions")
    public Response deleteCampaign(@PathParam("id") long id) {
        db.require();
        campaigns.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/campaigns/{id}/shortlist")
    @Operation(summary = "Run the shortlist for the campaign's content",
            description = "Ranks sites for the campaign's content with the recommender (one per registrable domain,"
                    + " best page as evidence) and adds them as prospects: never the target domain or an excluded"
                    + " domain, never one already in the campaign, never one contacted in another campaign within"
                    + " linkscout.outreach.contacted-within-days, up to the size limit (prospects already in the"
                    + " campaign count). Re-running adds only what is new.")
    @APIResponse(responseCode = "200", description = "What was added and what was skipped, with reasons",
            content = @Content(schema = @Schema(implementation = ShortlistService.Result.class)))
    @APIResponse(responseCode = "404", description = "No such campaign, or no index built yet")
    public ShortlistService.Result shortlist(@PathParam("id") long id, @Valid ShortlistRequest r,
            @HeaderParam(CHANGED_BY) String by) {
        db.require();
        campaigns.get(id);
        try (IndexService.Lease lease = index.acquire()) {
            return shortlist.shortlist(id, rankers.shared(lease.index()), r == null ? null : r.size(),
                    by(r == null ? null : r.changedBy(), by));
        }
    }

    // ---- prospects ----

    @GET
    @Path("/campaigns/{id}/prospects")
    @Operation(summary = "A campaign's prospects: filtered, sorted, paged")
    public Views.ProspectPage listProspects(@PathParam("id") long id,
            @Parameter(description = "Only these statuses (repeat or comma-separate)") @QueryParam("status")
            List<String> status,
            @Parameter(description = "Domain contains") @QueryParam("q") String q,
            @QueryParam("minScore") Double minScore,
            @Parameter(description = "Only from this source (shortlist, manual, ...)") @QueryParam("source")
            String source,
            @Parameter(description = "score, domain, status, authority, created, updated, id; - for descending")
            @QueryParam("sort") @DefaultValue("-score") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = PAGE_SIZE_RANGE)
            @Max(value = PAGE_SIZE, message = PAGE_SIZE_RANGE) int size) {
        db.require();
        return prospects.list(id, status, q, minScore, source, sort, page, size);
    }

    @POST
    @Path("/campaigns/{id}/prospects")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add prospects from any source under the campaign's rules",
            description = "Same rules as the shortlist; the answer lists what was added and every item skipped with"
                    + " its reason (INVALID, OWN_SITE, EXCLUDED, ALREADY_IN_CAMPAIGN, DUPLICATE, CONTACTED_RECENTLY,"
                    + " LIMIT_REACHED). Contacts are read from the index when not given.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IntakeResult.class)))
    public IntakeResult addProspects(@PathParam("id") long id, @Valid AddProspectsRequest r,
            @HeaderParam(CHANGED_BY) String by) {
        db.require();
        if (r == null || r.prospects() == null || r.prospects().isEmpty()) {
            throw new UserException("prospects is required: send {\"prospects\": [{\"domain\": \"example.com\"}]}");
        }
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < r.prospects().size(); i++) {
            ProspectInput p = r.prospects().get(i);
            if (p == null || ((p.domain() == null || p.domain().isBlank()) && (p.url() == null || p.url().isBlank()))) {
                throw new UserException("prospects[" + i + "] needs a domain or a url");
            }
            String key = p.domain() == null || p.domain().isBlank() ? p.url() : p.domain();
            cs.add(new Candidate(key, p.url(), p.title(), p.score(), p.authority(), p.reasons(),
                    p.explanation() == null || p.explanation().isNull() ? null : p.explanation().toString(),
                    p.emails() == null ? List.of() : p.emails(), p.contactUrl()));
        }
        if (!index.layout().exists()) {
            return prospects.add(id, cs, r.limit(), r.source(), by(r.changedBy(), by), SiteContacts.in(null));
        }
        return index.withBackend((idx, b) -> prospects.add(id, cs, r.limit(), r.source(), by(r.changedBy(), by),
                SiteContacts.through(b)));
    }

    @GET
    @Path("/campaigns/{id}/prospects.csv")
    @Produces("text/csv")
    @Operation(summary = "The shortlist as CSV",
            description = "Columns domain, page, score, top_reasons, authority, contacts, status, notes; RFC 4180"
                    + " with CRLF, UTF-8 with a byte-order mark (for Excel); score descending, then domain.")
    public Response exportCsv(@PathParam("id") long id) {
        return export(id, "linkscout");
    }

    @GET
    @Path("/campaigns/{id}/export")
    @Produces({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "The campaign's prospects for an outreach tool, or its disavow file",
            description = "format: linkscout (LinkScout's CSV, as prospects.csv), buzzstream (Import Link Partners"
                    + " template, CRLF), pitchbox (Partner CRM import, one row per contact, LF), hunter (Leads import,"
                    + " one row per e-mail, LF) or disavow (Google's disavow file of the domains marked toxic). UTF-8;"
                    + " prospects marked toxic are left out of buzzstream, pitchbox and hunter. See the README table"
                    + " per tool.")
    @APIResponse(responseCode = "200", description = "The file, with Content-Disposition naming it")
    @APIResponse(responseCode = "404", description = "No such campaign")
    public Response export(@PathParam("id") long id,
            @Parameter(description = "linkscout (default), buzzstream, pitchbox, hunter or disavow")
            @QueryParam("format") @DefaultValue("linkscout") String format) {
        db.require();
        ExportService.Export e = exports.export(id, format);
        return Response.ok(e.body()).type(e.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + e.fileName() + "\"").build();
    }

    @Schema(name = "ToxicRequest")
    public record ToxicRequest(
            @Schema(required = true, description = "true marks the prospect's domain as toxic, false unmarks it")
            Boolean toxic,
            @Schema(description = "The version you read (or send If-Match)") Long version) {
    }

    @PUT
    @Path("/campaigns/{id}/prospects/{pid}/toxic")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark (or unmark) a prospect's domain as toxic in the campaign (needs the version)",
            description = "Toxic domains are listed by GET /api/campaigns/{id}/export?format=disavow and left out of"
                    + " the outreach-tool exports.")
    @APIResponse(responseCode = "404", description = "No such campaign, or the prospect is not in it")
    @APIResponse(responseCode = "409", description = "Stale version")
    public Views.ProspectView markToxic(@PathParam("id") long id, @PathParam("pid") long pid, ToxicRequest r,
            @HeaderParam("If-Match") String ifMatch) {
        db.require();
        if (r == null) {
            throw new UserException("request body is missing: send {\"toxic\": true, \"version\": N}");
        }
        return prospects.setToxic(id, pid, r.toxic(), version(r.version(), ifMatch));
    }

    @GET
    @Path("/prospects/{id}")
    @Operation(summary = "One prospect")
    public Views.ProspectView getProspect(@PathParam("id") long id) {
        db.require();
        return prospects.get(id);
    }

    @POST
    @Path("/prospects/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a prospect to another status",
            description = "Allowed: NEW->QUALIFIED|REJECTED, QUALIFIED->CONTACTED|REJECTED,"
                    + " CONTACTED->REPLIED|WON|LOST, REPLIED->WON|LOST, WON->LOST, LOST->QUALIFIED, REJECTED->NEW."
                    + " Needs the version you read; recorded in the history with changedBy (body or X-Changed-By).")
    @APIResponse(responseCode = "409", description = "Stale version, or a transition that is not allowed (the"
            + " message names the allowed next statuses)",
            content = @Content(schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public Views.ProspectView changeStatus(@PathParam("id") long id, @Valid StatusRequest r,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam(CHANGED_BY) String by) {
        db.require();
        if (r == null) {
            throw new UserException("request body is missing: send {\"status\": \"QUALIFIED\", \"version\": N}");
        }
        return prospects.changeStatus(id, r.status(), version(r.version(), ifMatch), by(r.changedBy(), by),
                r.wonUrl(), r.wonTarget(), "api");
    }

    @PATCH
    @Path("/prospects/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set notes and/or the won link (needs the version)")
    @APIResponse(responseCode = "409", description = "Stale version")
    public Views.ProspectView updateProspect(@PathParam("id") long id, @Valid ProspectUpdate r,
            @HeaderParam("If-Match") String ifMatch) {
        db.require();
        if (r == null) {
            throw new UserException("request body is missing: send {\"notes\": \"...\", \"version\": N}");
        }
        return prospects.update(id, version(r.version(), ifMatch), r.notes(), r.wonUrl(), r.wonTarget());
    }

    @DELETE
    @Path("/prospects/{id}")
    @Operation(summary = "Delete a prospect")
    public Response deleteProspect(@PathParam("id") long id) {
        db.require();
        prospects.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/prospects/{id}/history")
    @Operation(summary = "A prospect's status history, oldest first")
    public List<Views.StatusChangeView> history(@PathParam("id") long id) {
        db.require();
        return prospects.history(id);
    }

    // ---- exclusions ----

    @GET
    @Path("/exclusions")
    @Operation(summary = "Global exclusions (domains never suggested in any campaign)")
    public List<Views.ExclusionView> globalExclusions() {
        db.require();
        return campaigns.exclusions(null);
    }

    @POST
    @Path("/exclusions")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a global exclusion (or change its reason)")
    public Views.ExclusionView addGlobalExclusion(@Valid ExclusionRequest r) {
        db.require();
        return campaigns.exclude(null, domainOf(r), r.reason(), r.note());
    }

    @DELETE
    @Path("/exclusions/{domain}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Remove a global exclusion")
    public Response removeGlobalExclusion(@PathParam("domain") String domain) {
        db.require();
        campaigns.unexclude(null, domain);
        return Response.noContent().build();
    }

    @POST
    @Path("/exclusions.csv")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import global exclusions from CSV",
            description = "Header domain[,reason][,note] (or url/site/host), or no header and the domain in the first"
                    + " column. A bad row rejects the whole file (422, every problem with its line).")
    public CampaignService.ImportResult importGlobalExclusions(
            @Size(max = EXCLUSIONS_CSV_CHARS, message = CSV_TOO_LONG) String csv,
            @QueryParam("reason") @DefaultValue("OTHER") String reason) {
        db.require();
        return campaigns.importCsv(null, new StringReader(csv == null ? "" : csv), "request body", reason);
    }

    @GET
    @Path("/campaigns/{id}/exclusions")
    @Operation(summary = "A campaign's own exclusions")
    public List<Views.ExclusionView> campaignExclusions(@PathParam("id") long id) {
        db.require();
        return campaigns.exclusions(id);
    }

    @POST
    @Path("/campaigns/{id}/exclusions")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a campaign exclusion (or change its reason)")
    public Views.ExclusionView addCampaignExclusion(@PathParam("id") long id, @Valid ExclusionRequest r) {
        db.require();
        return campaigns.exclude(id, domainOf(r), r.reason(), r.note());
    }

    @DELETE
    @Path("/campaigns/{id}/exclusions/{domain}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Remove a campaign exclusion")
    public Response removeCampaignExclusion(@PathParam("id") long id, @PathParam("domain") String domain) {
        db.require();
        campaigns.unexclude(id, domain);
        return Response.noContent().build();
    }

    @POST
    @Path("/campaigns/{id}/exclusions.csv")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import campaign exclusions from CSV (same format as /api/exclusions.csv)")
    public CampaignService.ImportResult importCampaignExclusions(@PathParam("id") long id,
            @Size(max = EXCLUSIONS_CSV_CHARS, message = CSV_TOO_LONG) String csv,
            @QueryParam("reason") @DefaultValue("OTHER") String reason) {
        db.require();
        return campaigns.importCsv(id, new StringReader(csv == null ? "" : csv), "request body", reason);
    }

    // ---- helpers ----

    private static String domainOf(ExclusionRequest r) {
        if (r == null || r.domain() == null || r.domain().isBlank()) {
            throw new UserException("domain is required: send {\"domain\": \"example.com\", \"reason\": \"COMPETITOR\"}");
        }
        return r.domain();
    }

    private static CampaignService.CampaignInput input(CampaignRequest r) {
        return r == null ? null : new CampaignService.CampaignInput(r.name(), r.contentTitle(), r.contentText(),
                r.contentUrl(), r.targetDomain());
    }

    /**
     * Who made a change, for the status history: the authenticated user. The body field {@code changedBy} and the
     * {@code X-Changed-By} header are ignored (kept in the request shapes so that older clients are not refused).
     */
    private String by(String body, String header) {
        return changedBy(identity);
    }

    /** The authenticated user's name, or "api" for an anonymous caller (only possible without security). */
    static String changedBy(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "api" : identity.getPrincipal().getName();
    }

    /** The version from the body, else from If-Match ("3", W/"3" or 3); both given and different is a 400. */
    static Long version(Long body, String ifMatch) {
        Long header = null;
        if (ifMatch != null && !ifMatch.isBlank()) {
            String s = ifMatch.strip();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            s = s.replace("\"", "").strip();
            try {
                header = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new UserException("If-Match must be the prospect's version, e.g. If-Match: \"3\" (got "
                        + ifMatch + ")");
            }
        }
        if (body != null && header != null && !body.equals(header)) {
            throw new UserException("version " + body + " in the body and If-Match " + header + " disagree: send one");
        }
        return body != null ? body : header;
    }
}
