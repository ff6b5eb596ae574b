package io.linkscout.api;

import io.linkscout.search.IndexService;
import io.linkscout.error.UserException;
import io.linkscout.profile.SiteProfiles;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A site's pages in the index and its site document (contacts, guest-post detection): what the web app's site
 * profile shows beside {@code GET /api/sites/{domain}}. The domain is checked (400/404) exactly as there.
 */
@Path("/api/sites/{domain}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
public class SiteDetailsResource {

    @Inject
    IndexService index;

    @Inject
    SitesResource sites;

    @GET
    @Path("/pages")
    @Operation(summary = "A site's pages in the index", description = "Best page authority first, then URL: "
            + "title, authority, spam score, in-links, referring domains, text length and guest-post label. "
            + "limit 1-1000 (default 100); total is the number of pages the site has.")
    public SiteProfiles.Pages pages(@PathParam("domain") String domain,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new UserException("limit must be between 1 and 1000, got " + limit);
        }
        String reg = sites.site(domain).domain();
        return index.withBackend((idx, b) -> SiteProfiles.pages(b, reg, limit));
    }

    @GET
    @Path("/profile")
    @Operation(summary = "A site's contacts and guest-post detection", description = "E-mail addresses, contact "
            + "page and social profiles found on the site, and its best guest-post detection (kind ACCEPTS, SELLS "
            + "or NONE, the page, guidelines and contact URLs, how many pages detect).")
    public SiteProfiles.Profile profile(@PathParam("domain") String domain) {
        String reg = sites.site(domain).domain();
        SiteProfiles.Profile p = index.withBackend((idx, b) -> SiteProfiles.profile(b, reg));
        return p != null ? p : new SiteProfiles.Profile(reg, java.util.List.of(), null, java.util.List.of(), "NONE",
                0, null, null, null, 0, 0);
    }
}
