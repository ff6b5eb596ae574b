package io.linkscout.api;

import io.linkscout.search.IndexService;
import io.linkscout.index.IndexStats;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
            + "graph sizes, distinct body terms, size on disk; with linkscout.backend=opensearch also the cluster's "
            + "section (backend): its generation, whether it is the embedded index's ingest, documents per type, "
            + "bytes on the cluster. 404 when no index has been built yet.")
    @APIResponse(responseCode = "200", description = "Index counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndexStats.class)))
    @APIResponse(responseCode = "404", description = "No index has been built at linkscout.index.dir",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public IndexStats stats() throws IOException {
        try (IndexService.Lease lease = index.acquire()) {
            return index.backend().stats(lease.index());
        }
    }
}
