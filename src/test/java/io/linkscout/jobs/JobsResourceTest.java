package io.linkscout.jobs;

import org.junit.jupiter.api.BeforeEach;
import io.linkscout.api.TestAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jobs' REST endpoints over the {@link JobsFixture} index: answers and errors. */
@QuarkusTest
@TestProfile(JobsIndexProfile.class)
class JobsResourceTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    @Test
    void guestPosts() {
        post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE))
                .statusCode(200)
                .body("candidates", equalTo(3))
                .body("results.domain", equalTo(List.of("r1.org", "r5.dev")))
                .body("results[1].flags", equalTo(List.of("sells-posts")))
                .body("results[0].guidelinesUrl", equalTo(JobsFixture.R1_WFU))
                .body("results[0].reasons[0].signal", equalTo("title"));
    }

    @Test
    void guestPostsErrorsNameTheField() {
        post("/api/guest-posts", Map.of("title", "x"))
                .statusCode(400).body("message", containsString("content is required"));
        post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE, "maxSpam", 101))
                .statusCode(400).body("message", equalTo("maxSpam must be between 0 and 100 (got 101.0)"));
        post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE, "colour", "red"))
                .statusCode(400).body("message", containsString("colour"));
    }

    @Test
    void topicsThatEarn() {
        post("/api/topics-that-earn", Map.of("keywords", List.of("otters", "kelp")))
                .statusCode(200)
                .body("ideas[0].topic", equalTo("Sea otters"))
                .body("ideas[0].distinctRefDomains", equalTo(5))
                .body("ideas[0].examples.url", equalTo(List.of(JobsFixture.B1, JobsFixture.A1)))
                .body("ideas.topic", hasItem("kelp forests"));
        post("/api/topics-that-earn", Map.of("keywords", List.of("otters", "kelp"), "domain", "mine.com"))
                .statusCode(200)
                .body("ideas[0].topic", equalTo("Sea otters"))
                .body("ideas.topic", not(hasItem("kelp forests")));
        post("/api/topics-that-earn", Map.of("top", 3))
                .statusCode(422).body("message", equalTo("give exactly one of content or keywords (got neither)"));
        post("/api/topics-that-earn", Map.of("keywords", List.of("kelp"), "domain", "not a domain"))
                .statusCode(400).body("message", containsString("domain: \"not a domain\""));
    }

    @Test
    void linkIntersect() {
        post("/api/link-intersect", Map.of("competitors", List.of("comp-a.com", "comp-b.com", "comp-c.com"),
                "domain", "mine.com", "minOverlap", 2))
                .statusCode(200)
                .body("results.domain", equalTo(List.of("r1.org", "r2.net", "r5.dev")))
                .body("results.overlap", equalTo(List.of(3, 2, 2)))
                .body("results[1].pages.'comp-a.com'[0].rel", equalTo("nofollow"));
        post("/api/link-intersect", Map.of("competitors", List.of("comp-a.com"), "domain", "mine.com",
                "minOverlap", 2))
                .statusCode(400).body("message", equalTo(
                        "minOverlap must be between 1 and the number of competitors (1), got 2"));
        post("/api/link-intersect", Map.of("domain", "mine.com"))
                .statusCode(400).body("message", containsString("competitors"));
    }

    @Test
    void openApiDocumentsTheFourEndpoints() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/api/guest-posts'.post.tags", equalTo(List.of("jobs")))
                .body("paths.'/api/topics-that-earn'.post.responses.'422'.description",
                        equalTo("Neither or both of content and keywords"))
                .body("paths.'/api/link-intersect'.post.summary",
                        equalTo("Domains linking to at least k competitors and not to you"))
                .body("paths.'/api/mentions'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/MentionsRequest"));
    }

    @Test
    void mentions() {
        post("/api/mentions", Map.of("brand", "Kelp Atlas", "domain", "mine.com"))
                .statusCode(200)
                .body("results.url", equalTo(List.of(JobsFixture.R2B, JobsFixture.R4)))
                .body("results[0].snippet", equalTo("We loved the Kelp Atlas maps."));
        post("/api/mentions", Map.of("brand", "Kelp Atlas"))
                .statusCode(400).body("message", containsString("domain: give your own domain"));
    }
}
