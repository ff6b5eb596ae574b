package io.linkscout.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the outreach database ({@code GET /q/health/ready}, check {@code linkscout-outreach}): UP with
 * {@code configured=false} when no database is configured (outreach is optional; its endpoints answer 503 then),
 * UP with the number of campaigns when it answers, DOWN when it is configured but cannot be queried.
 */
@Readiness
@ApplicationScoped
public class OutreachHealthCheck implements HealthCheck {

    @Inject
    OutreachDatabase db;

    @Inject
    CampaignService campaigns;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("linkscout-outreach");
        if (!db.configured()) {
            return b.up().withData("configured", false)
                    .withData("message", "outreach disabled (no database): " + OutreachDatabase.HOW_TO_CONFIGURE)
                    .build();
        }
        try {
            return b.up().withData("configured", true).withData("campaigns", campaigns.count()).build();
        } catch (RuntimeException e) {
            return b.down().withData("configured", true)
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
