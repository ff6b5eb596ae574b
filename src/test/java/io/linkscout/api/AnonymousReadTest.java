package io.linkscout.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code linkscout.security.anonymous-read=true}: anonymous GETs answer, writes and admin reads still do not. */
@QuarkusTest
@TestProfile(AnonymousReadTest.Profile.class)
class AnonymousReadTest {

    public static class Profile extends FixtureIndexProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linkscout.security.anonymous-read", "true");
        }
    }

    @BeforeEach
    void anonymous() {
        TestAuth.anonymous();
    }

    @Test
    void anonymousCallersReadButNeverWrite() {
        given().get("/api/index/stats").then().statusCode(200).body("pages", equalTo(9));
        given().get("/api/campaigns").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "targetDomain", "a.com", "contentText", "t"))
                .post("/api/campaigns").then().statusCode(401);
        given().get("/api/users").then().statusCode(401);
        given().get("/api/me").then().statusCode(401);
        // a viewer's token still works, and still cannot write
        String viewer = "Bearer " + TestAuth.token("vic", "viewer");
        given().header("Authorization", viewer).get("/api/me").then().statusCode(200).body("name", equalTo("vic"));
        given().header("Authorization", viewer).contentType(ContentType.JSON).body("{}").post("/api/campaigns")
                .then().statusCode(403);
    }
}
