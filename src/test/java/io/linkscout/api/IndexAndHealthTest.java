package io.linkscout.api;

import org.junit.jupiter.api.BeforeEach;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.linkscout.nlp.TopicFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Index statistics, health, OpenAPI and topics (idf from the index) with the {@link ApiFixture} index. */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class IndexAndHealthTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    static final String DIR = FixtureIndexResource.DIR.toAbsolutePath().normalize().toString();

    @Test
    void statsCountTheFixture() {
        given().get("/api/index/stats").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("path", equalTo(DIR))
                .body("pages", equalTo(9))
                .body("sites", equalTo(4))
                .body("catalogRows", equalTo(1))
                .body("authorityRows", equalTo(1))
                .body("links", equalTo(15))
                .body("internalLinks", equalTo(10))
                .body("externalLinks", equalTo(5))
                .body("unfollowedLinks", equalTo(0))
                .body("pageEdges", equalTo(15))
                .body("domains", equalTo(4))
                .body("domainEdges", equalTo(3))
                .body("terms", greaterThan(50))
                .body("builtAt", startsWith("20"))
                .body("sizeBytes", greaterThan(0));
    }

    @Test
    void healthIsUpWithTheIndex() {
        given().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'linkscout-index' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'linkscout-index' }.data.path", equalTo(DIR))
                .body("checks.find { it.name == 'linkscout-index' }.data.exists", equalTo(true))
                .body("checks.find { it.name == 'linkscout-index' }.data.pages", equalTo(9));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey("/api/recommendations"))
                .body("paths", hasKey("/api/topics"))
                .body("paths", hasKey("/api/index/stats"))
                .body("paths.'/api/recommendations'.post.tags", hasItem("recommendations"))
                .body("paths.'/api/recommendations'.post.responses", hasKey("400"))
                .body("components.schemas", hasKey("RecommendationRequest"))
                .body("components.schemas.RecommendationRequest.required", hasItem("content"));
    }

    @Test
    void topicsWeighWithTheIndex() {
        // 9 pages, none contains "divers": idf = ln(1 + 9.5 / 0.5) = ln 20
        io.restassured.path.json.JsonPath json = given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE, "top", 40))
                .post("/api/topics").then()
                .statusCode(200)
                .body("title", equalTo("The Kelp Forest Atlas"))
                .extract().jsonPath();
        // word idf ln 20 from the index (of 9 documents), phrase idf from the bundled background table
        assertEquals(TopicFixtures.oneWordSpecificity("divers", Math.log(20) / Math.log(9),
                        json.getInt("topics.find { it.phrase == 'divers' }.count"), json.getInt("tokens")),
                json.getDouble("topics.find { it.phrase == 'divers' }.parts.specificity"), 1e-4);
    }

    @Test
    void topicsErrorsAreJson() {
        RecommendationsResourceTest.assertError(given().contentType(ContentType.JSON).body(Map.of("content", " "))
                .post("/api/topics").then(), 400,
                "content is empty: the input is blank (give the text of your article)");
        RecommendationsResourceTest.assertError(given().contentType(ContentType.JSON).body(Map.of("title", "x"))
                .post("/api/topics").then(), 400,
                "content is required: send the text of your article in the \"content\" field");
    }
}
