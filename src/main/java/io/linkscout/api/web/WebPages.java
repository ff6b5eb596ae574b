package io.linkscout.api.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The web app's pages (README "The web app"): a Qute layout per page; the data comes from the JSON API under
 * {@code /api}, called by the page's script in {@code META-INF/resources/web/}. Qute escapes every value.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class WebPages {

    @Inject
    @Location("web/recommend.html")
    Template recommend;

    @Inject
    @Location("web/campaigns.html")
    Template campaigns;

    @Inject
    @Location("web/campaign.html")
    Template campaign;

    @Inject
    @Location("web/site.html")
    Template site;

    @Inject
    @Location("web/jobs.html")
    Template jobs;

    @Inject
    @Location("web/index.html")
    Template index;

    @GET
    @Operation(hidden = true)
    public String home() {
        return recommend.data("nav", "recommend").render();
    }

    @GET
    @Path("campaigns")
    @Operation(hidden = true)
    public String campaigns() {
        return campaigns.data("nav", "campaigns").render();
    }

    @GET
    @Path("campaigns/{id}")
    @Operation(hidden = true)
    public String campaign(@PathParam("id") String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw new NotFoundException();
        }
        return campaign.data("nav", "campaigns").data("campaignId", Long.parseLong(id)).render();
    }

    @GET
    @Path("sites/{domain}")
    @Operation(hidden = true)
    public String site(@PathParam("domain") String domain) {
        return site.data("nav", "").data("domain", domain).render();
    }

    @GET
    @Path("jobs")
    @Operation(hidden = true)
    public String jobs() {
        return jobs.data("nav", "jobs").render();
    }

    @GET
    @Path("index")
    @Operation(hidden = true)
    public String index() {
        return index.data("nav", "index").render();
    }
}
