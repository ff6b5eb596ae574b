package io.linkscout.api;

import io.linkscout.api.AuthIdentityProviders.Csrf;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Double-submit CSRF check for HTML form posts to the REST endpoints (the web UI's forms): a request whose body is
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data} must carry the cookie
 * {@value Csrf#COOKIE}'s value in the form field {@value Csrf#FIELD} (urlencoded) or the header {@value Csrf#HEADER};
 * otherwise 403. JSON and CSV bodies (which a cross-site form cannot send) and Bearer-token calls are not checked.
 */
@Provider
public class CsrfFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (SAFE.contains(request.getMethod()) || type == null
                || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return;
        }
        String auth = request.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        Cookie cookie = request.getCookies().get(Csrf.COOKIE);
        String sent = request.getHeaderString(Csrf.HEADER);
        if (sent == null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            sent = field(new String(body, StandardCharsets.UTF_8), Csrf.FIELD);
        }
        if (cookie == null || !Csrf.equal(cookie.getValue(), sent)) {
            request.abortWith(ErrorMapper.json(403, "this form was sent without its CSRF token: reload the page and"
                    + " send it again (forms need the field " + Csrf.FIELD + " or the header " + Csrf.HEADER
                    + " equal to the cookie " + Csrf.COOKIE + ")"));
        }
    }

    static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
