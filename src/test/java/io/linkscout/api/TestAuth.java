package io.linkscout.api;

import io.linkscout.error.UserException;
import io.linkscout.security.UserService;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Real users and personal API tokens for REST tests (in the test database, through {@link UserService}): by default
 * every RestAssured call authenticates as the admin "api"; {@link #as(String)} gives the header of another user.
 */
public final class TestAuth {

    /** Password of every test user (bcrypt cost 4 in the test profile). */
    public static final String PASSWORD = "test-password-1";
    private static final Map<String, String> TOKENS = new HashMap<>();

    private TestAuth() {
    }

    /** A token of {@code user} (created with {@code role} when absent; the role is set when it differs). */
    public static synchronized String token(String user, String role) {
        String key = user + "/" + role;
        String t = TOKENS.get(key);
        if (t != null && users().authenticateToken(t).isPresent()) {
            return t;
        }
        try {
            users().add(user, role, PASSWORD);
        } catch (UserException e) {
            if (e.status() != 409) {
                throw e;
            }
            users().setRole(user, role);
        }
        t = users().createToken(user, "test").token();
        TOKENS.put(key, t);
        return t;
    }

    /** {@code Authorization} header value of an editor (and admin) named {@code user}. */
    public static String as(String user) {
        return "Bearer " + token(user, "admin");
    }

    /** From now on RestAssured calls carry the admin "api"'s token unless they set their own Authorization. */
    public static void asDefaultUser() {
        RestAssured.config = RestAssured.config().headerConfig(HeaderConfig.headerConfig()
                .overwriteHeadersWithName("Authorization", "Content-Type", "Accept"));
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", as("api")).build();
    }

    /** RestAssured calls are anonymous again. */
    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }

    private static UserService users() {
        return Arc.container().instance(UserService.class).get();
    }
}
