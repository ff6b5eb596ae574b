package io.linkscout.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.agroal.api.AgroalDataSource;
import io.linkscout.outreach.OutreachDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of the REST request bodies (Bean Validation on the request records, {@link RequestLimits}): a value at
 * the limit passes, one just over it is a 400 in the API's error shape naming the field, the limit and the value;
 * and OpenAPI shows the same limits.
 */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class RequestLimitsTest {

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void clean() {
        OutreachDb.clean(ds);
        TestAuth.asDefaultUser();
    }

    static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    static Map<String, Object> article(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("content", ApiFixture.ARTICLE);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static void assertBadRequest(ValidatableResponse r, String message) {
        r.statusCode(400).contentType(ContentType.JSON).body("status", equalTo(400))
                .body("error", equalTo("Bad Request")).body("message", equalTo(message)).body("size()", equalTo(3));
    }

    static List<String> domains(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("site" + i + ".com");
        }
        return out;
    }

    /** A URL of exactly {@code n} characters on example.com. */
    static String url(int n) {
        String prefix = "https://example.com/";
        return prefix + "a".repeat(n - prefix.length());
    }

    // ---- /api/recommendations ----

    @Test
    void recommendationsTop() {
        post("/api/recommendations", article("top", 1000)).statusCode(200);
        post("/api/recommendations", article("top", 1)).statusCode(200);
        assertBadRequest(post("/api/recommendations", article("top", 1001)), "top must be between 1 and 1000 (got 1001)");
        assertBadRequest(post("/api/recommendations", article("top", 0)), "top must be between 1 and 1000 (got 0)");
    }

    @Test
    void recommendationsAuthorityAndSpam() {
        post("/api/recommendations", article("minAuthority", 100, "maxSpam", 0)).statusCode(200);
        assertBadRequest(post("/api/recommendations", article("minAuthority", 100.5)),
                "minAuthority must be between 0 and 100 (got 100.5)");
        assertBadRequest(post("/api/recommendations", article("maxSpam", -0.5)),
                "maxSpam must be between 0 and 100 (got -0.5)");
    }

    @Test
    void recommendationsExcludeDomains() {
        post("/api/recommendations", article("excludeDomains", domains(1000))).statusCode(200);
        assertBadRequest(post("/api/recommendations", article("excludeDomains", domains(1001))),
                "excludeDomains must have at most 1000 entries: send fewer (split the request) (got 1001 entries)");
        post("/api/recommendations", article("excludeDomains", List.of(url(2048)))).statusCode(200);
        assertBadRequest(post("/api/recommendations", article("excludeDomains", List.of("a.com", url(2049)))),
                "excludeDomains[1] must be at most 2048 characters: shorten it (got 2049 characters)");
    }

    @Test
    void recommendationsSiteAndTitle() {
        post("/api/recommendations", article("site", url(2048), "title", "t".repeat(1000))).statusCode(200);
        assertBadRequest(post("/api/recommendations", article("site", url(2049))),
                "site must be at most 2048 characters: shorten it (got 2049 characters)");
        assertBadRequest(post("/api/recommendations", article("title", "t".repeat(1001))),
                "title must be at most 1000 characters: shorten it (got 1001 characters)");
    }

    @Test
    void recommendationsContent() {
        // at the raw limit the request passes validation; the converted text then meets linkscout.content.max-chars
        post("/api/recommendations", Map.of("content", "kelp ".repeat(RequestLimits.CONTENT_CHARS / 5)))
                .statusCode(413);
        assertBadRequest(post("/api/recommendations", Map.of("content", "x".repeat(RequestLimits.CONTENT_CHARS + 1))),
                "content must be at most 3000000 characters: shorten it (got 3000001 characters)");
        assertBadRequest(post("/api/recommendations", Map.of("content", " \n ")),
                "content is required: send the text of your article in the \"content\" field");
        assertBadRequest(post("/api/recommendations", Map.of("title", "x")),
                "content is required: send the text of your article in the \"content\" field");
    }

    @Test
    void severalViolationsAreAllNamed() {
        assertBadRequest(post("/api/recommendations", article("top", 0, "maxSpam", 101)),
                "maxSpam must be between 0 and 100 (got 101.0); top must be between 1 and 1000 (got 0)");
    }

    // ---- /api/topics and the jobs ----

    @Test
    void topicsTop() {
        post("/api/topics", article("top", 500)).statusCode(200);
        assertBadRequest(post("/api/topics", article("top", 501)), "top must be between 1 and 500 (got 501)");
    }

    @Test
    void linkIntersectCompetitors() {
        post("/api/link-intersect", Map.of("competitors", domains(50), "domain", "mine.com")).statusCode(200);
        assertBadRequest(post("/api/link-intersect", Map.of("competitors", domains(51), "domain", "mine.com")),
                "competitors must have at most 50 entries: send fewer (split the request) (got 51 entries)");
    }

    @Test
    void topicsThatEarnKeywords() {
        List<String> hundred = new ArrayList<>(domains(99));
        hundred.add("k".repeat(200));
        post("/api/topics-that-earn", Map.of("keywords", hundred)).statusCode(200);
        assertBadRequest(post("/api/topics-that-earn", Map.of("keywords", domains(101))),
                "keywords must have at most 100 entries: send fewer (split the request) (got 101 entries)");
        assertBadRequest(post("/api/topics-that-earn", Map.of("keywords", List.of("kelp", "k".repeat(201)))),
                "keywords[1] must be at most 200 characters: shorten it (got 201 characters)");
    }

    @Test
    void mentionsAndGuestPosts() {
        post("/api/mentions", Map.of("brand", "b".repeat(200), "domain", "mine.com")).statusCode(200);
        assertBadRequest(post("/api/mentions", Map.of("brand", "b".repeat(201), "domain", "mine.com")),
                "brand must be at most 200 characters: shorten it (got 201 characters)");
        post("/api/guest-posts", article("excludeDomains", domains(1000))).statusCode(200);
        assertBadRequest(post("/api/guest-posts", article("sendTop", 1001)),
                "sendTop must be between 1 and 1000 (got 1001)");
        assertBadRequest(post("/api/guest-posts", Map.of("content", "")),
                "content is required: send the text of your article in the \"content\" field");
    }

    // ---- outreach ----

    static long campaign() {
        return post("/api/campaigns", Map.of("name", "limits", "targetDomain", "mysite.com", "contentText",
                ApiFixture.ARTICLE)).statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void campaignContentText() {
        post("/api/campaigns", Map.of("name", "big", "targetDomain", "mysite.com", "contentText",
                "kelp ".repeat(RequestLimits.CONTENT_CHARS / 5))).statusCode(201);
        assertBadRequest(post("/api/campaigns", Map.of("name", "too big", "targetDomain", "mysite.com",
                "contentText", "x".repeat(RequestLimits.CONTENT_CHARS + 1))),
                "contentText must be at most 3000000 characters: shorten it (got 3000001 characters)");
        assertBadRequest(post("/api/campaigns", Map.of("name", "n".repeat(201), "targetDomain", "mysite.com",
                "contentText", "x")), "name must be at most 200 characters: shorten it (got 201 characters)");
    }

    @Test
    void prospectsPerPost() {
        long c = campaign();
        List<Map<String, Object>> ps = new ArrayList<>();
        for (String d : domains(1000)) {
            ps.add(Map.of("domain", d));
        }
        JsonPath r = post("/api/campaigns/" + c + "/prospects", Map.of("prospects", ps, "limit", 1000))
                .statusCode(200).extract().jsonPath();
        assertEquals(1000, r.getList("added").size());
        List<Map<String, Object>> over = new ArrayList<>(ps);
        over.add(Map.of("domain", "one-more.com"));
        assertBadRequest(post("/api/campaigns/" + c + "/prospects", Map.of("prospects", over)),
                "prospects must have at most 1000 entries: send fewer (split the request) (got 1001 entries)");
        assertBadRequest(post("/api/campaigns/" + c + "/prospects", Map.of("prospects",
                List.of(Map.of("domain", "ok.com"), Map.of("domain", url(2049))))),
                "prospects[1].domain must be at most 2048 characters: shorten it (got 2049 characters)");
        assertBadRequest(post("/api/campaigns/" + c + "/prospects", Map.of("prospects", ps, "limit", 1001)),
                "limit must be between 1 and 1000 (got 1001)");
    }

    @Test
    void exclusionsCsvBody() {
        int max = RequestLimits.EXCLUSIONS_CSV_CHARS;
        String head = "domain\nok.com\n";
        String atLimit = head + "\n".repeat(max - head.length());
        assertEquals(max, atLimit.length());
        ValidatableResponse ok = given().contentType("text/csv").body(atLimit).post("/api/exclusions.csv").then();
        ok.statusCode(200).body("imported", equalTo(1));
        assertBadRequest(given().contentType("text/csv").body(atLimit + "\n").post("/api/exclusions.csv").then(),
                "csv must be at most 1000000 characters: split the file into smaller imports (got 1000001"
                        + " characters)");
        long c = campaign();
        assertBadRequest(given().contentType("text/csv").body(atLimit + "\n")
                .post("/api/campaigns/" + c + "/exclusions.csv").then(),
                "csv must be at most 1000000 characters: split the file into smaller imports (got 1000001"
                        + " characters)");
    }

    @Test
    void exclusionsCsvRows() {
        // linkscout.outreach.max-import-rows = 10000: at the limit the rows are read (these are all bad: nothing is
        // written, and the answer says so); one more row and the whole file is refused before any is checked
        String atLimit = "domain\n" + "-\n".repeat(10_000);
        given().contentType("text/csv").body(atLimit).post("/api/exclusions.csv").then().statusCode(422)
                .body("message", org.hamcrest.Matchers.startsWith("10000 bad rows, nothing imported: "));
        given().contentType("text/csv").body(atLimit + "-\n").post("/api/exclusions.csv").then().statusCode(413)
                .body("message", equalTo("request body:10002: more than 10000 rows in one import; nothing"
                        + " imported: split the file into imports of at most 10000 rows, or raise"
                        + " linkscout.outreach.max-import-rows"));
    }

    @Test
    void shortlistSizeAndProspectPages() {
        long c = campaign();
        assertNotEquals(400, post("/api/campaigns/" + c + "/shortlist", Map.of("size", 1000)).extract().statusCode());
        assertBadRequest(post("/api/campaigns/" + c + "/shortlist", Map.of("size", 1001)),
                "size must be between 1 and 1000 (got 1001)");
        given().get("/api/campaigns/" + c + "/prospects?size=500").then().statusCode(200);
        assertBadRequest(given().get("/api/campaigns/" + c + "/prospects?size=501").then(),
                "size must be between 1 and 500 (got 501)");
    }

    // ---- one source: OpenAPI shows the enforced limits ----

    @Test
    void openApiShowsTheSameLimits() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String rec = "components.schemas.RecommendationRequest.";
        assertEquals(1, api.getInt(rec + "properties.top.minimum"));
        assertEquals(1000, api.getInt(rec + "properties.top.maximum"));
        assertEquals(100, api.getInt(rec + "properties.maxSpam.maximum"));
        assertEquals(1000, api.getInt(rec + "properties.excludeDomains.maxItems"));
        assertEquals(3_000_000, api.getInt(rec + "properties.content.maxLength"));
        assertEquals(List.of("content"), api.getList(rec + "required"));
        assertEquals(1000, api.getInt("components.schemas.AddProspectsRequest.properties.prospects.maxItems"));
        assertEquals(50, api.getInt("components.schemas.LinkIntersectRequest.properties.competitors.maxItems"));
        assertEquals(3_000_000, api.getInt("components.schemas.CampaignRequest.properties.contentText.maxLength"));
    }
}
