package io.linkscout.api;

import org.junit.jupiter.api.BeforeEach;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.linkscout.nlp.BackgroundFrequencies;
import io.linkscout.nlp.TopicFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an index: recommendations and stats are 404 with the fix in the message; health and topics still work. */
@QuarkusTest
@TestProfile(NoIndexProfile.class)
class NoIndexTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    static final String MESSAGE = "no LinkScout index at " + NoIndexProfile.DIR + " (create one with: ingest --index "
            + NoIndexProfile.DIR + " FILE...; or run `demo` for the bundled sample)";

    @Test
    void recommendationsAre404() {
        RecommendationsResourceTest.assertError(given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE)).post("/api/recommendations").then(), 404, MESSAGE);
    }

    @Test
    void requestErrorsComeFirst() {
        RecommendationsResourceTest.assertError(given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE, "top", 0)).post("/api/recommendations").then(), 400,
                "top must be between 1 and 1000 (got 0)");
    }

    @Test
    void statsAre404() {
        RecommendationsResourceTest.assertError(given().get("/api/index/stats").then(), 404, MESSAGE);
    }

    @Test
    void healthIsUpAndSaysThereIsNoIndex() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'linkscout-index' }.data.path", equalTo(NoIndexProfile.DIR))
                .body("checks.find { it.name == 'linkscout-index' }.data.exists", equalTo(false))
                .body("checks.find { it.name == 'linkscout-index' }.data.pages", equalTo(0))
                .body("checks.find { it.name == 'linkscout-index' }.data.message", startsWith("no index yet"));
    }

    @Test
    void topicsWorkWithNeutralIdf() {
        io.restassured.path.json.JsonPath json = given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE, "top", 40))
                .post("/api/topics").then()
                .statusCode(200)
                .extract().jsonPath();
        // no index: the word's specificity comes from the bundled background table alone
        BackgroundFrequencies bg = BackgroundFrequencies.bundled();
        assertEquals(TopicFixtures.oneWordSpecificity("divers", bg.idf("divers") / Math.log(bg.numDocs()),
                        json.getInt("topics.find { it.phrase == 'divers' }.count"), json.getInt("tokens")),
                json.getDouble("topics.find { it.phrase == 'divers' }.parts.specificity"), 1e-4);
    }
}
