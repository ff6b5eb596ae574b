package io.linkscout.api;

import io.linkscout.search.IndexService;
import io.linkscout.index.IndexFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the index ({@code GET /q/health/ready}): its path, whether one exists and its page count. UP even
 * without an index (the API still serves topics); {@code recommendations} and {@code index/stats} answer 404 then.
 * DOWN only when an index exists but cannot be opened.
 */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    @Inject
    IndexService index;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("linkscout-index")
                .withData("path", index.layout().root().toString());
        if (!index.layout().exists()) {
            return b.up().withData("exists", false).withData("pages", 0L)
                    .withData("message", "no index yet: create one with `ingest`; recommendations answer 404 until"
                            + " then")
                    .build();
        }
        try (IndexService.Lease lease = index.acquire()) {
            return b.up().withData("exists", true).withData("pages", lease.index().count(IndexFields.TYPE_PAGE))
                    .build();
        } catch (Exception e) {
            return b.down().withData("exists", true)
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
