package io.linkscout.api;

import static io.linkscout.api.RequestLimits.BETWEEN_1_AND_TOP;
import static io.linkscout.api.RequestLimits.ENUM_CHARS;
import static io.linkscout.api.RequestLimits.AT_MOST_CHARS;
import static io.linkscout.api.RequestLimits.TOP;

import io.linkscout.monitor.LinkMonitor;
import io.linkscout.monitor.MonitorViews;
import io.linkscout.outreach.OutreachDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Won links, watched: runs the monitor ({@link LinkMonitor}) and lists its checks. A run is not one transaction on
 * purpose: each check is committed as soon as it is made, so a run cut short keeps its checks and the next continues.
 */
@Path("/api")
@ApplicationScoped
@Tag(name = "outreach", description = "Campaigns and prospects (needs PostgreSQL)")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {

    @Inject
    LinkMonitor monitor;
    @Inject
    OutreachDatabase db;

    @Schema(name = "MonitorRequest")
    public record MonitorRequest(
            @Schema(description = "Pages fetched in this run at most (default linkscout.monitor.max-pages)")
            @Min(value = 1, message = BETWEEN_1_AND_TOP) @Max(value = TOP, message = BETWEEN_1_AND_TOP)
            Integer maxPages,
            @Schema(description = "Skip links checked more recently than this (30m, 1h, PT1H; 0 = all; default"
                    + " linkscout.monitor.min-age)") @Size(max = ENUM_CHARS, message = AT_MOST_CHARS) String minAge) {
    }

    @POST
    @Path("/campaigns/{id}/monitor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-check the campaign's won links now",
            description = "Fetches each due won link's page politely (robots.txt, delays, address guard) and records a"
                    + " check; oldest checks first, at most maxPages; the answer lists the checks and the flags.")
    public MonitorViews.RunReport runCampaign(@PathParam("id") long id, @Valid MonitorRequest r) {
        return run(id, r);
    }

    @POST
    @Path("/monitor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-check the won links of every campaign now")
    public MonitorViews.RunReport runAll(@Valid MonitorRequest r) {
        return run(null, r);
    }

    private MonitorViews.RunReport run(Long campaign, MonitorRequest r) {
        db.require();
        return monitor.run(new LinkMonitor.RunOptions(campaign, r == null ? null : r.maxPages(),
                r == null || r.minAge() == null ? null : LinkMonitor.duration("minAge", r.minAge()), null), c -> { });
    }

    @GET
    @Path("/campaigns/{id}/won-links")
    @Operation(summary = "The campaign's won links with their latest check")
    public List<MonitorViews.WonLinkView> wonLinks(@PathParam("id") long id) {
        db.require();
        return monitor.wonLinks(id);
    }

    @GET
    @Path("/prospects/{id}/checks")
    @Operation(summary = "Every check of a prospect's won link, oldest first")
    public List<MonitorViews.CheckView> checks(@PathParam("id") long id) {
        db.require();
        return monitor.checks(id);
    }
}
