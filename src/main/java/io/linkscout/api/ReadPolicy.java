package io.linkscout.api;

import io.linkscout.security.Role;
import io.linkscout.security.SecurityConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@code linkscout-read} HTTP policy (application.properties: GET under {@code /api/}): a viewer (or more), or
 * anyone when {@code linkscout.security.anonymous-read=true}. Anonymous callers are denied with 401, others with 403.
 */
@ApplicationScoped
public class ReadPolicy implements HttpSecurityPolicy {

    @Inject
    SecurityConfig config;

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (config.anonymousRead()) {
            return CheckResult.permit();
        }
        return identity.map(id -> id.hasRole(Role.VIEWER_NAME) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "linkscout-read";
    }
}
