package io.linkscout.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class ExploreTest {

    void show(String label, io.restassured.response.Response r) {
        System.out.println("=== " + label + " -> " + r.statusCode() + " " + r.contentType() + "\n" + r.asPrettyString());
    }

    @Test
    void explore() {
        show("rec", given().contentType("application/json").body(Map.of("content", ApiFixture.ARTICLE)).post("/api/recommendations"));
        show("site", given().contentType("application/json").body(Map.of("content", ApiFixture.ARTICLE, "unit", "site")).post("/api/recommendations"));
        show("stats", given().get("/api/index/stats"));
        show("health", given().get("/q/health"));
        show("unknown", given().get("/api/nope"));
        show("unknown2", given().get("/nope"));
        show("405", given().get("/api/recommendations"));
        show("malformed", given().contentType("application/json").body("{\"content\": ").post("/api/recommendations"));
        show("wrongtype", given().contentType("application/json").body("{\"content\": \"x\", \"top\": \"abc\"}").post("/api/recommendations"));
        show("array", given().contentType("application/json").body("[1]").post("/api/recommendations"));
        show("empty", given().contentType("application/json").post("/api/recommendations"));
        show("noct", given().body("{}").post("/api/recommendations"));
        show("topics", given().contentType("application/json").body(Map.of("content", ApiFixture.ARTICLE, "top", 5)).post("/api/topics"));
        show("topicsbad", given().contentType("application/json").body(Map.of("content", "  ")).post("/api/topics"));
    }
}
