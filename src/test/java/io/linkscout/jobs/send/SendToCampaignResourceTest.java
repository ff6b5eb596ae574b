package io.linkscout.jobs.send;

import io.linkscout.api.TestAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.linkscout.jobs.JobsFixture;
import io.linkscout.jobs.JobsIndexProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sending job results to a campaign over REST, against the real PostgreSQL of the test profile and the
 * {@link JobsFixture} index: what is added, what is skipped and why, idempotence, sendTop, errors, OpenAPI.
 */
@QuarkusTest
@TestProfile(JobsIndexProfile.class)
class SendToCampaignResourceTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    static final Map<String, Object> INTERSECT = Map.of("competitors", List.of("comp-a.com", "comp-b.com",
            "comp-c.com"), "domain", "mine.com", "minOverlap", 2);

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate table prospect_status_change, prospect, exclusion, campaign restart identity cascade");
        }
    }

    static long campaign(String target) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Kelp atlas", "targetDomain", target, "contentText", JobsFixture.ARTICLE))
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse post(String path, Map<String, Object> body, Object... more) {
        Map<String, Object> b = new HashMap<>(body);
        for (int i = 0; i < more.length; i += 2) {
            b.put((String) more[i], more[i + 1]);
        }
        // the history records the authenticated user (maria); X-Changed-By is ignored
        return given().contentType(ContentType.JSON).header("Authorization", TestAuth.as("maria"))
                .header("X-Changed-By", "someone-else").body(b).post(path).then();
    }

    static List<String> skipped(JsonPath r) {
        List<String> out = new ArrayList<>();
        List<String> d = r.getList("campaign.skipped.domain", String.class);
        List<String> why = r.getList("campaign.skipped.reason", String.class);
        for (int i = 0; i < d.size(); i++) {
            out.add(d.get(i) + " " + why.get(i));
        }
        return out;
    }

    @Test
    void linkIntersectResultsGoToTheCampaignUnderItsRulesAndResendingAddsNothing() {
        // target r5.dev (own site), r2.net excluded: of r1.org, r2.net, r5.dev only r1.org is added
        long c = campaign("r5.dev");
        given().contentType(ContentType.JSON).body(Map.of("domain", "r2.net", "reason", "competitor"))
                .post("/api/campaigns/" + c + "/exclusions").then().statusCode(200);

        JsonPath r = post("/api/link-intersect", INTERSECT, "campaignId", c).statusCode(200).extract().jsonPath();
        // the job's answer is unchanged, with the campaign field added
        assertEquals(List.of("r1.org", "r2.net", "r5.dev"), r.getList("results.domain", String.class));
        assertEquals(c, r.getLong("campaign.campaignId"));
        assertEquals(List.of("r1.org"), r.getList("campaign.added.domain", String.class));
        assertEquals(List.of("r2.net EXCLUDED", "r5.dev OWN_SITE"), skipped(r));
        assertEquals("campaign exclusion list: COMPETITOR", r.getString("campaign.skipped[0].detail"));

        // the prospect as saved: evidence page, score, authority, reasons line and the evidence as explanation
        double authority = r.getDouble("results[0].authority");
        assertEquals(JobsFixture.R1, r.getString("campaign.added[0].pageUrl"));
        assertEquals(r.getDouble("results[0].score"), r.getDouble("campaign.added[0].score"), 1e-9);
        assertEquals(authority, r.getDouble("campaign.added[0].authority"), 1e-9);
        assertEquals("links to 3 competitor(s) (comp-a.com, comp-b.com, comp-c.com) but not to you; authority "
                + authority, r.getString("campaign.added[0].reasons"));
        assertEquals(r.getString("campaign.added[0].reasons"),
                r.getString("campaign.added[0].explanation.explanation"));
        assertEquals("link-intersect", r.getString("campaign.added[0].source"));
        assertEquals("link-intersect", r.getString("campaign.added[0].explanation.job"));
        assertEquals(JobsFixture.R1, r.getString("campaign.added[0].explanation.url"));
        assertEquals(3, r.getInt("campaign.added[0].explanation.evidence.overlap"));
        assertEquals(List.of("comp-a.com", "comp-b.com", "comp-c.com"),
                r.getList("campaign.added[0].explanation.evidence.competitorsLinked", String.class));
        assertEquals(List.of(JobsFixture.R1),
                r.getList("campaign.added[0].explanation.evidence.pages.'comp-a.com'.page", String.class));
        assertEquals("NEW", r.getString("campaign.added[0].status"));
        given().get("/api/prospects/" + r.getLong("campaign.added[0].id") + "/history").then().statusCode(200)
                .body("[0].changedBy", equalTo("maria"));

        // sending again adds nothing
        JsonPath again = post("/api/link-intersect", INTERSECT, "campaignId", c).statusCode(200).extract().jsonPath();
        assertEquals(List.of(), again.getList("campaign.added"));
        assertEquals(List.of("r1.org ALREADY_IN_CAMPAIGN", "r2.net EXCLUDED", "r5.dev OWN_SITE"), skipped(again));

        // mentions into the same campaign: r2.net/p2 is excluded, r4.com/post is added with its page and title
        JsonPath m = post("/api/mentions", Map.of("brand", "Kelp Atlas", "domain", "mine.com"), "campaignId", c)
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(JobsFixture.R2B, JobsFixture.R4), m.getList("results.url", String.class));
        assertEquals(List.of("r4.com"), m.getList("campaign.added.domain", String.class));
        assertEquals(JobsFixture.R4, m.getString("campaign.added[0].pageUrl"));
        assertEquals("Bakery survey", m.getString("campaign.added[0].pageTitle"));
        assertEquals(m.getDouble("results[1].siteAuthority"), m.getDouble("campaign.added[0].authority"), 1e-9);
        assertEquals("mentions", m.getString("campaign.added[0].source"));
        assertEquals(List.of("r2.net EXCLUDED"), skipped(m));

        // guest posts: r1.org is already there (from link-intersect), r5.dev is the campaign's own site
        JsonPath g = post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE), "campaignId", c)
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(), g.getList("campaign.added"));
        assertEquals(List.of("r1.org ALREADY_IN_CAMPAIGN", "r5.dev OWN_SITE"), skipped(g));

        // the campaign holds exactly the two prospects, each with its job as the source
        JsonPath list = given().get("/api/campaigns/" + c + "/prospects?sort=domain").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("r1.org", "r4.com"), list.getList("items.domain", String.class));
        assertEquals(List.of("link-intersect", "mentions"), list.getList("items.source", String.class));
    }

    @Test
    void sendTopSendsOnlyTheFirstResults() {
        long c = campaign("mine.com");
        JsonPath r = post("/api/link-intersect", INTERSECT, "campaignId", c, "sendTop", 2).statusCode(200).extract()
                .jsonPath();
        assertEquals(3, r.getList("results").size());
        assertEquals(List.of("r1.org", "r2.net"), r.getList("campaign.added.domain", String.class));
        assertEquals(List.of(), r.getList("campaign.skipped"));
        // the third is sent later without sendTop: the first two are already there
        JsonPath all = post("/api/link-intersect", INTERSECT, "campaignId", c).statusCode(200).extract().jsonPath();
        assertEquals(List.of("r5.dev"), all.getList("campaign.added.domain", String.class));
        assertEquals(List.of("r1.org ALREADY_IN_CAMPAIGN", "r2.net ALREADY_IN_CAMPAIGN"), skipped(all));
    }

    @Test
    void topicsThatEarnSendsTheLinkingSitesOncePerDomain() {
        long c = campaign("mine.com");
        JsonPath r = post("/api/topics-that-earn", Map.of("keywords", List.of("otters", "kelp")), "campaignId", c)
                .statusCode(200).extract().jsonPath();
        // every linking site of every idea is sent, idea by idea; a site under several ideas is added once
        List<String> sent = new ArrayList<>();
        int ideas = r.getList("ideas").size();
        for (int i = 0; i < ideas; i++) {
            sent.addAll(r.getList("ideas[" + i + "].linkingSites.domain", String.class));
        }
        Set<String> distinct = new LinkedHashSet<>(sent);
        assertTrue(sent.size() > distinct.size(), "the fixture has a site linking under several topics: " + sent);
        // r3.io links to A1, B1 and M1; mine.com itself links nowhere, so no OWN_SITE here
        assertTrue(distinct.containsAll(List.of("r1.org", "r2.net", "r3.io", "r5.dev")), distinct.toString());
        assertEquals(new ArrayList<>(distinct), r.getList("campaign.added.domain", String.class));
        assertEquals(sent.size() - distinct.size(), r.getList("campaign.skipped").size());
        assertEquals(Set.of("DUPLICATE"), Set.copyOf(r.getList("campaign.skipped.reason", String.class)));
        // the linked page is on another site: it is kept in the explanation, not as the prospect's page
        for (int i = 0; i < distinct.size(); i++) {
            assertNull(r.get("campaign.added[" + i + "].pageUrl"));
            assertEquals("topics-that-earn", r.getString("campaign.added[" + i + "].source"));
            assertFalse(r.getString("campaign.added[" + i + "].explanation.url").contains(
                    r.getString("campaign.added[" + i + "].domain")));
        }
    }

    @Test
    void aJobThatFindsNothingAddsNothing() {
        long c = campaign("mine.com");
        post("/api/mentions", Map.of("brand", "Zebra Quartz", "domain", "nobody-here.com"), "campaignId", c)
                .statusCode(200).body("results", equalTo(List.of()))
                .body("campaign.campaignId", equalTo((int) c))
                .body("campaign.added", equalTo(List.of())).body("campaign.skipped", equalTo(List.of()));
    }

    @Test
    void withoutCampaignIdTheAnswerHasNoCampaignField() {
        post("/api/link-intersect", INTERSECT).statusCode(200).body("containsKey('campaign')", equalTo(false));
    }

    static void error(ValidatableResponse r, int status, String message) {
        r.statusCode(status).contentType(ContentType.JSON).body("status", equalTo(status))
                .body("message", equalTo(message));
    }

    @Test
    void errors() {
        error(post("/api/link-intersect", INTERSECT, "campaignId", 999), 404,
                "campaign 999 does not exist (GET /api/campaigns lists them)");
        long c = campaign("mine.com");
        error(post("/api/mentions", Map.of("brand", "Kelp Atlas", "domain", "mine.com"), "campaignId", c,
                "sendTop", 0), 400, "sendTop must be between 1 and 1000 (got 0)");
        error(post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE), "sendTop", 3), 400,
                "sendTop needs campaignId: give the campaign to send the results to");
        post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE), "campaignId", "first").statusCode(400);
        // the job's own validation still comes first
        error(post("/api/topics-that-earn", Map.of("top", 3), "campaignId", 999), 422,
                "give exactly one of content or keywords (got neither)");
        given().get("/api/campaigns/" + c + "/prospects").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void openApiDocumentsCampaignIdSendTopAndTheCampaignField() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        for (String req : List.of("GuestPostsRequest", "TopicsThatEarnRequest", "LinkIntersectRequest",
                "MentionsRequest")) {
            assertEquals("integer", api.getString("components.schemas." + req + ".properties.campaignId.type"), req);
            assertEquals("integer", api.getString("components.schemas." + req + ".properties.sendTop.type"), req);
        }
        for (String path : List.of("/api/guest-posts", "/api/topics-that-earn", "/api/link-intersect",
                "/api/mentions")) {
            String op = "paths.'" + path + "'.post.responses";
            assertEquals("#/components/schemas/SentToCampaign",
                    api.getString(op + ".'200'.content.'application/json'.schema.allOf[1].'$ref'"), path);
            assertTrue(api.getString(op + ".'503'.description").startsWith("campaignId given but no database"), path);
            assertTrue(api.getString(op + ".'404'.description").startsWith("campaignId names no campaign"), path);
        }
        assertEquals("#/components/schemas/IntakeResult",
                api.getString("components.schemas.SentToCampaign.properties.campaign.'$ref'"));
    }
}
