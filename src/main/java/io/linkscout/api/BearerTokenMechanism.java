package io.linkscout.api;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <personal API token>} (README "Users, logins and tokens"); checked by
 * {@link AuthIdentityProviders.TokenProvider}. Without the header the form login's session cookie is tried next.
 * An unauthenticated call under {@code /api/} is answered 401 with {@code WWW-Authenticate: Bearer} (not the
 * login-page redirect pages get).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final String SCHEME = "Bearer";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String token = header.substring(SCHEME.length() + 1).strip();
        AuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.normalizedPath().startsWith("/api/")) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate",
                    SCHEME + " realm=\"linkscout\""));
        }
        return Uni.createFrom().nullItem();
    }

    /** The 401 of an API call carries the same JSON error body as every other error ({@link ErrorMapper}). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/api/")) {
            return HttpAuthenticationMechanism.super.sendChallenge(context);
        }
        if (!context.response().ended()) {
            context.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", SCHEME + " realm=\"linkscout\"")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(UNAUTHORIZED_BODY);
        }
        return Uni.createFrom().item(true);
    }

    static final String UNAUTHORIZED_BODY = "{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"authentication"
            + " required: send a valid API token as 'Authorization: Bearer ls_...' (an admin creates one with"
            + " 'linkscout user token create' or POST /api/users/{name}/tokens), or log in at /login\"}";

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
