package io.linkscout.api;

import io.linkscout.security.LoginService;
import io.linkscout.security.UserService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Quarkus identity providers over {@link UserService}: personal API tokens (from {@link BearerTokenMechanism}) and
 * form-login passwords (Quarkus' form mechanism, {@code POST /j_security_check}) with {@link LoginService}'s
 * throttling per account and client address and the login form's CSRF token. Here in {@code api} because they read
 * the HTTP request (address, form field, cookie).
 */
public final class AuthIdentityProviders {

    /** Attribute of the identity: how it authenticated ({@code token} or {@code form}). */
    public static final String AUTH_METHOD = "linkscout.auth";

    private AuthIdentityProviders() {
    }

    static SecurityIdentity identity(UserService.Principal p, String method) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(p.name()))
                .addRoles(p.role().granted()).addAttribute(AUTH_METHOD, method).build();
    }

    @ApplicationScoped
    public static class TokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

        @Inject
        UserService users;

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                AuthenticationRequestContext context) {
            String token = request.getToken().getToken();
            return context.runBlocking(() -> identity(verify(token), "token"));
        }

        /**
         * The token's owner from the database; while the database cannot be reached, from the tokens verified there
         * within {@link #OUTAGE_GRACE} (so that recommendations and site lookups keep working through an outage; a
         * token revoked during the outage is refused once the database is back).
         */
        UserService.Principal verify(String token) {
            String key = io.linkscout.security.Tokens.hash(token == null ? "" : token);
            Optional<UserService.Principal> p;
            try {
                p = users.authenticateToken(token);
            } catch (RuntimeException e) {
                if (!DatabaseErrors.isUnreachable(e)) {
                    throw e;
                }
                Verified v = recent.get(key);
                if (v != null && v.at().plus(OUTAGE_GRACE).isAfter(java.time.Instant.now())) {
                    return v.principal();
                }
                throw new AuthenticationFailedException("the user database cannot be reached and this token was not"
                        + " verified in the last " + OUTAGE_GRACE.toMinutes() + " minutes");
            }
            if (p.isEmpty()) {
                recent.remove(key);
                throw new AuthenticationFailedException("unknown or revoked token");
            }
            if (recent.size() >= MAX_REMEMBERED) {
                recent.clear();
            }
            recent.put(key, new Verified(p.get(), java.time.Instant.now()));
            return p.get();
        }

        /** How long a verified token is still accepted while the database cannot be reached. */
        static final java.time.Duration OUTAGE_GRACE = java.time.Duration.ofMinutes(5);
        private static final int MAX_REMEMBERED = 10_000;

        private record Verified(UserService.Principal principal, java.time.Instant at) {
        }

        private final java.util.Map<String, Verified> recent = new java.util.concurrent.ConcurrentHashMap<>();
    }

    /** The session cookie of a form login names the user: their current role is read again (removed: no access). */
    @ApplicationScoped
    public static class SessionProvider implements IdentityProvider<TrustedAuthenticationRequest> {

        @Inject
        UserService users;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            String name = request.getPrincipal();
            return context.runBlocking(() -> users.principal(name).map(p -> identity(p, "form"))
                    .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists")));
        }
    }

    @ApplicationScoped
    public static class PasswordProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        LoginService logins;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
            String address = rc == null || rc.request().remoteAddress() == null ? null
                    : rc.request().remoteAddress().hostAddress();
            if (rc != null && !Csrf.formTokenMatches(rc)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("login form without a valid"
                        + " CSRF token"));
            }
            String name = request.getUsername();
            String password = new String(request.getPassword().getPassword());
            return context.runBlocking(() -> {
                Optional<UserService.Principal> p = logins.login(name, password, address);
                return p.map(x -> identity(x, "form"))
                        .orElseThrow(() -> new AuthenticationFailedException("wrong user name or password"));
            });
        }
    }

    /** The double-submit CSRF token of LinkScout's forms: cookie {@value #COOKIE} and form field {@value #FIELD}. */
    public static final class Csrf {

        public static final String COOKIE = "linkscout-csrf";
        public static final String FIELD = "csrf";
        public static final String HEADER = "X-CSRF-Token";

        private Csrf() {
        }

        static boolean formTokenMatches(RoutingContext rc) {
            Cookie c = rc.request().getCookie(COOKIE);
            String sent = rc.request().getFormAttribute(FIELD);
            return c != null && sent != null && equal(c.getValue(), sent);
        }

        static boolean equal(String a, String b) {
            return a != null && b != null && !a.isEmpty() && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
