package io.linkscout.api;

import io.linkscout.index.IndexStats;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/index")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "index", description = "The on-disk index of candidate pages and sites")
public class IndexResource {

    @Inject
    IndexService index;

    @GET
    @Path("/stats")
    @Operation(summary = "Index counts", description = "Pages, sites, links (internal/external/unfollowed), "
            + "graph sizes, distinct body terms, size on disk. 404 when no index has been built yet.")
    public IndexStats stats() throws IOException {
        return index.current().stats();
    }
}
