package io.linkscout.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.security.LoginThrottle;
import io.linkscout.security.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, table-driven over the OpenAPI document: every operation refuses an anonymous call (401), every
 * write a viewer (403) and accepts an editor; admin-only operations (users, tokens, exclusions) refuse an editor.
 * Also: tokens (revocable, hashed), form login with its CSRF token and cookie flags, throttled failed logins.
 */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class SecurityTest {

    static final Pattern ADMIN_ONLY = Pattern.compile("^/api/(users|tokens)(/.*)?$|/exclusions");

    @Inject
    UserService users;

    @Inject
    LoginThrottle throttle;

    record Operation(String method, String path) {
        String concretePath() {
            return path.replaceAll("\\{domain}", "example.com").replaceAll("\\{name}", "nobody-here")
                    .replaceAll("\\{[^}]+}", "999999");
        }

        boolean adminOnly() {
            return ADMIN_ONLY.matcher(path).find() && !"GET".equals(method) || path.startsWith("/api/users")
                    || path.startsWith("/api/tokens");
        }
    }

    @BeforeEach
    void anonymous() {
        TestAuth.anonymous();
        throttle.clear();
    }

    static List<Operation> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> ops = new ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> ops.add(new Operation(m.toUpperCase(), path))));
        return ops;
    }

    static Response call(Operation op, String authorization) {
        RequestSpecification r = given().redirects().follow(false);
        if (authorization != null) {
            r = r.header("Authorization", authorization);
        }
        if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            r = op.path().endsWith(".csv") ? r.contentType("text/csv").body("domain\n")
                    : r.contentType(ContentType.JSON).body("{}");
        }
        return r.request(op.method(), op.concretePath());
    }

    @Test
    void everyOperationIsGuardedByRole() {
        List<Operation> ops = operations();
        assertTrue(ops.size() > 30, "the OpenAPI document lists the API: " + ops);
        assertTrue(ops.contains(new Operation("POST", "/api/campaigns")));
        assertTrue(ops.contains(new Operation("GET", "/api/me")));
        String viewer = "Bearer " + TestAuth.token("vera", "viewer");
        String editor = "Bearer " + TestAuth.token("eddie", "editor");
        String admin = "Bearer " + TestAuth.token("ada", "admin");
        List<String> wrong = new ArrayList<>();
        for (Operation op : ops) {
            int anonymous = call(op, null).statusCode();
            if (anonymous != 401) {
                wrong.add(op + " anonymous: " + anonymous);
            }
            int asViewer = call(op, viewer).statusCode();
            boolean viewerAllowed = op.method().equals("GET") && !op.adminOnly();
            if (viewerAllowed ? asViewer == 401 || asViewer == 403 : asViewer != 403) {
                wrong.add(op + " viewer: " + asViewer);
            }
            int asEditor = call(op, editor).statusCode();
            if (op.adminOnly() ? asEditor != 403 : asEditor == 401 || asEditor == 403) {
                wrong.add(op + " editor: " + asEditor);
            }
            if (op.adminOnly()) {
                int asAdmin = call(op, admin).statusCode();
                if (asAdmin == 401 || asAdmin == 403) {
                    wrong.add(op + " admin: " + asAdmin);
                }
            }
        }
        assertEquals(List.of(), wrong);
        // open: health and the OpenAPI document
        given().get("/q/health/live").then().statusCode(200);
        given().get("/login").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void unauthenticatedApiCallsGet401WithBearerChallengeNotALoginRedirect() {
        given().redirects().follow(false).get("/api/campaigns").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer ls_not-a-real-token").get("/api/campaigns").then().statusCode(401);
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        String admin = TestAuth.as("ada2");
        String created = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "tina", "role", "editor", "password", "a-long-password")).post("/api/users")
                .then().statusCode(201).body("role", equalTo("editor")).extract().asString();
        assertFalse(created.contains("a-long-password"));
        assertFalse(created.contains("$2"), "no hash in the answer: " + created);
        var t = given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("label", "ci"))
                .post("/api/users/tina/tokens").then().statusCode(201).extract().jsonPath();
        String token = t.getString("token");
        assertTrue(token.startsWith("ls_") && token.length() > 40, token);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200)
                .body("name", equalTo("tina")).body("role", equalTo("editor")).body("authenticatedBy", equalTo("token"));
        given().header("Authorization", admin).get("/api/users/tina/tokens").then().statusCode(200)
                .body("[0].label", equalTo("ci")).body("[0].token", org.hamcrest.Matchers.nullValue())
                .body("[0].lastUsedAt", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", admin).delete("/api/tokens/" + t.getLong("id")).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);
        // an editor cannot manage users; a duplicate is a 409 JSON error
        given().header("Authorization", TestAuth.as("ada2")).contentType(ContentType.JSON)
                .body(Map.of("name", "TINA", "role", "viewer", "password", "another-password")).post("/api/users")
                .then().statusCode(409).body("message", containsString("already exists"));
    }

    @Test
    void formLoginNeedsTheCsrfTokenAndSetsAStrictHttpOnlyCookie() {
        users.add("fiona", "viewer", "fiona-password");
        Response page = given().get("/login");
        String csrf = page.getCookie(AuthIdentityProviders.Csrf.COOKIE);
        assertNotNull(csrf);
        assertTrue(page.asString().contains("value=\"" + csrf + "\""), "the form carries the cookie's token");

        Response noToken = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "fiona").formParam("j_password", "fiona-password")
                .post("/j_security_check");
        assertEquals(302, noToken.statusCode());
        assertTrue(noToken.header("Location").contains("/login?error"), noToken.header("Location"));
        assertNull(noToken.getCookie("linkscout-session"));

        Response ok = login("fiona", "fiona-password", csrf);
        assertEquals(302, ok.statusCode());
        String setCookie = ok.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("linkscout-session="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        given().cookie("linkscout-session", ok.getCookie("linkscout-session")).get("/api/me").then().statusCode(200)
                .body("name", equalTo("fiona")).body("role", equalTo("viewer")).body("authenticatedBy", equalTo("form"));
        // a viewer's session cannot write
        given().cookie("linkscout-session", ok.getCookie("linkscout-session")).contentType(ContentType.JSON)
                .body("{}").post("/api/campaigns").then().statusCode(403);
        // the session names the user; once removed, it opens nothing: back to the login page
        users.remove("fiona");
        given().redirects().follow(false).cookie("linkscout-session", ok.getCookie("linkscout-session"))
                .get("/api/me").then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void failedLoginsAreThrottledAndNeverTellWhetherTheUserExists() {
        users.add("gina", "viewer", "gina-password");
        String csrf = given().get("/login").getCookie(AuthIdentityProviders.Csrf.COOKIE);
        Response unknown = login("nobody-at-all", "whatever-password", csrf);
        Response wrong = login("gina", "wrong-password", csrf);
        assertEquals(unknown.statusCode(), wrong.statusCode());
        assertEquals(unknown.header("Location"), wrong.header("Location"));
        for (int i = 0; i < 4; i++) {
            login("gina", "wrong-password-" + i, csrf);
        }
        Response locked = login("gina", "gina-password", csrf);
        assertTrue(locked.header("Location").contains("/login?error"), "locked out after 5 failures");
        assertNull(locked.getCookie("linkscout-session"));
        throttle.clear();
        assertNotNull(login("gina", "gina-password", csrf).getCookie("linkscout-session"), "lock over");
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefused() {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("x", "1").post("/logout").then()
                .statusCode(403).body("message", containsString("CSRF token"));
        given().redirects().follow(false).cookie(AuthIdentityProviders.Csrf.COOKIE, "abc")
                .contentType(ContentType.URLENC).formParam(AuthIdentityProviders.Csrf.FIELD, "abd").post("/logout")
                .then().statusCode(403);
        given().redirects().follow(false).cookie(AuthIdentityProviders.Csrf.COOKIE, "abc")
                .contentType(ContentType.URLENC).formParam(AuthIdentityProviders.Csrf.FIELD, "abc").post("/logout")
                .then().statusCode(303).header("Location", containsString("/login"));
    }

    private static Response login(String user, String password, String csrf) {
        return given().redirects().follow(false).cookie(AuthIdentityProviders.Csrf.COOKIE, csrf)
                .contentType(ContentType.URLENC).formParam("j_username", user).formParam("j_password", password)
                .formParam(AuthIdentityProviders.Csrf.FIELD, csrf).post("/j_security_check");
    }
}
