package io.linkscout.outreach;

import org.junit.jupiter.api.BeforeEach;
import io.linkscout.api.TestAuth;
import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import io.linkscout.api.ApiFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a database: recommendations work, outreach endpoints answer a JSON 503 saying what to set, health is UP. */
@QuarkusTest
@TestProfile(NoDatabaseProfile.class)
@TestSecurity(user = "api", roles = {"viewer", "editor", "admin"})
class NoDatabaseTest {

    /** No database, so no users: the identity comes from @TestSecurity (no token header sent). */
    @BeforeEach
    void noTokenHeader() {
        TestAuth.anonymous();
    }

    static final String MESSAGE = "outreach (campaigns and prospects) needs a PostgreSQL database, and none is"
            + " configured: " + OutreachDatabase.HOW_TO_CONFIGURE;

    @Test
    void recommendationsStillWork() {
        given().contentType(ContentType.JSON).body(Map.of("content", ApiFixture.ARTICLE, "unit", "site"))
                .post("/api/recommendations").then().statusCode(200).body("results", not(empty()));
    }

    @Test
    void outreachEndpointsAre503WithHowToConfigure() {
        OutreachResourceTest.assertError(given().get("/api/campaigns").then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "targetDomain", "a.com", "contentText", "t")).post("/api/campaigns").then(),
                503, MESSAGE);
        OutreachResourceTest.assertError(given().contentType(ContentType.JSON).post("/api/campaigns/1/shortlist")
                .then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().get("/api/campaigns/1/prospects.csv").then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().get("/api/campaigns/1/export?format=disavow").then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().contentType("application/json").body("{\"toxic\": true, \"version\": 0}")
                .put("/api/campaigns/1/prospects/1/toxic").then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().get("/api/exclusions").then(), 503, MESSAGE);
    }

    @Test
    void jobsAnswerWithoutCampaignIdAnd503WithIt() {
        Map<String, Object> mentions = Map.of("brand", "Kelp", "domain", "kelpforestatlas.org");
        given().contentType(ContentType.JSON).body(mentions).post("/api/mentions").then().statusCode(200)
                .body("domain", equalTo("kelpforestatlas.org"));
        OutreachResourceTest.assertError(given().contentType(ContentType.JSON)
                .body(Map.of("brand", "Kelp", "domain", "kelpforestatlas.org", "campaignId", 1))
                .post("/api/mentions").then(), 503, MESSAGE);
        OutreachResourceTest.assertError(given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE, "campaignId", 1, "sendTop", 5))
                .post("/api/guest-posts").then(), 503, MESSAGE);
    }

    @Test
    void healthIsUpAndSaysOutreachIsOff() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'linkscout-outreach' }.data.configured", equalTo(false));
    }
}
