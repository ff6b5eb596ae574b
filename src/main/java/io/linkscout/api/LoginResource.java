package io.linkscout.api;

import io.linkscout.api.AuthIdentityProviders.Csrf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The login page ({@code GET /login}: a form posting to Quarkus' {@code /j_security_check} with the CSRF token) and
 * {@code POST /logout}. Plain server-rendered HTML; the web UI may style or replace it.
 */
@Path("/")
@ApplicationScoped
public class LoginResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response login(@QueryParam("error") String error) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Log in · LinkScout</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/web/app.css"></head>
                <body class="login"><main class="login-box">
                <h1>LinkScout</h1>
                %s<form method="post" action="/j_security_check">
                <input type="hidden" name="%s" value="%s">
                <p><label>User name <input name="j_username" autocomplete="username" required autofocus></label></p>
                <p><label>Password <input name="j_password" type="password" autocomplete="current-password" required></label></p>
                <p><button type="submit">Log in</button></p>
                </form></main></body></html>
                """.formatted(error == null ? "" : "<p role=\"alert\">Wrong user name or password, or too many"
                + " attempts: try again later.</p>\n", Csrf.FIELD, token);
        return Response.ok(html).cookie(csrfCookie(token, 3600)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("logout")
    @Operation(hidden = true)
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/login")).cookie(gone).build();
    }

    static NewCookie csrfCookie(String token, int maxAge) {
        return new NewCookie.Builder(Csrf.COOKIE).value(token).path("/").maxAge(maxAge)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
