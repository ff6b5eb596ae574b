package io.linkscout.api;

import io.linkscout.search.IndexService;
import io.linkscout.error.UserException;
import io.linkscout.profile.SiteProfiles;
import io.linkscout.url.UrlNormalizer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One indexed page's title and text, so that content already in the index can be recommended for by URL. */
@Path("/api/pages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "index")
public class PagesResource {

    @Inject
    IndexService index;

    @GET
    @Operation(summary = "An indexed page's title and text", description = "url is normalised as at ingest; 404 "
            + "when the index has no such page, 400 without a url.")
    public SiteProfiles.PageText page(@QueryParam("url") String url) {
        if (url == null || url.isBlank()) {
            throw new UserException("url is required: give the address of a page in the index");
        }
        String norm = UrlNormalizer.normalize(url.strip());
        SiteProfiles.PageText p = norm == null ? null : index.withBackend((idx, b) -> SiteProfiles.page(b, norm));
        if (p == null) {
            throw new UserException("no page " + url.strip() + " in the index: paste its text instead, or ingest it"
                    + " first", 404);
        }
        return p;
    }
}
