package io.linkscout.api;

import org.junit.jupiter.api.BeforeEach;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/recommendations} over the {@link ApiFixture} index: ranking, explanations, filters, errors. */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class RecommendationsResourceTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    /**
     * The ranking of the fixture for {@link ApiFixture#ARTICLE}: the two pages naming its title first, then the two
     * pages whose titles the article names ("Sea otters", "Urchin barrens"), then the page that shares topics and
     * links to the otters page. Bread and e-bike pages are not candidates at all. (Moved deliberately when the
     * bundled model became linear + boosted trees: the linear model alone put the citing page before "Urchin
     * barrens"; both orders are defensible, the pages named by the content now come first.)
     */
    static final List<String> RANKED = List.of(ApiFixture.OCEAN_NEWS, ApiFixture.KELP_LIST, ApiFixture.OTTERS,
            ApiFixture.URCHINS, ApiFixture.KELP_DIVE);

    static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/recommendations").then();
    }

    static Map<String, Object> article(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("content", ApiFixture.ARTICLE);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void ranksThePagesNamingTheTitleFirstWithExplanations() {
        post(article())
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("title", equalTo("The Kelp Forest Atlas"))
                .body("unit", equalTo("page"))
                .body("model", equalTo("linear+lambdamart"))
                .body("topics.phrase", hasItem("Kelp Forest Atlas"))
                .body("topics.phrase", hasItem("sea otters"))
                .body("results.url", equalTo(RANKED))
                .body("results.rank", contains(1, 2, 3, 4, 5))
                .body("results.domain", contains("oceanwatch.org", "kelpdiver.com", "oceanwatch.org",
                        "oceanwatch.org", "kelpdiver.com"))
                .body("results.pages", everyItem(equalTo(1)))
                .body("results.contributions", everyItem(not(empty())))
                .body("results.evidence", everyItem(not(empty())))
                .body("results[0].contributions.feature", hasItem("free_mention"))
                .body("results[0].contributions.find { it.feature == 'free_mention' }.contribution", org.hamcrest.Matchers.greaterThan(0.0f))
                .body("results[0].evidence[0].kind", equalTo("mention"))
                .body("results[1].evidence[0].kind", equalTo("mention"))
                .body("results[1].evidence[0].text", equalTo("Our favourite book this year is The Kelp Forest Atlas,"
                        + " which maps kelp forests along the Pacific coast."))
                .body("results[1].evidence[0].url", equalTo(ApiFixture.KELP_LIST))
                .body("results[1].matchedTopics", hasItem("Kelp Forest Atlas"))
                .body("results[2].evidence.kind", hasItem("named-by-content"))
                .body("results[3].evidence.kind", hasItem("named-by-content"))
                .body("results[4].evidence.kind", contains("cites"))
                .body("results[4].evidence[0].url", equalTo(ApiFixture.OTTERS))
                .body("published", org.hamcrest.Matchers.nullValue())
                .body("topicMillis", notNullValue())
                .body("rankMillis", notNullValue());
    }

    @Test
    void topLimitsTheResults() {
        post(article("top", 2)).statusCode(200).body("results.url", equalTo(RANKED.subList(0, 2)));
    }

    @Test
    void siteUnitGivesOneResultPerDomain() {
        post(article("unit", "site"))
                .statusCode(200)
                .body("unit", equalTo("site"))
                .body("results.domain", contains("oceanwatch.org", "kelpdiver.com"))
                .body("results.url", contains(ApiFixture.OCEAN_NEWS, ApiFixture.KELP_LIST))
                .body("results.pages", contains(3, 2))
                .body("results[0].evidence.kind", hasItem("supporting-page"));
    }

    @Test
    void excludeDomainsDropsThem() {
        post(article("excludeDomains", List.of("oceanwatch.org")))
                .statusCode(200)
                .body("results.url", contains(ApiFixture.KELP_LIST, ApiFixture.KELP_DIVE))
                .body("results.rank", contains(1, 2));
        // hosts and URLs count as their registrable domain
        post(article("excludeDomains", List.of("https://WWW.KelpDiver.com/about", "news.oceanwatch.org")))
                .statusCode(200)
                .body("results", empty());
    }

    @Test
    void theContentsOwnSiteIsNeverReturned() {
        post(article("site", "https://www.oceanwatch.org/about"))
                .statusCode(200)
                .body("results.url", contains(ApiFixture.KELP_LIST, ApiFixture.KELP_DIVE));
    }

    @Test
    void minAuthorityFilters() {
        List<Float> all = post(article()).statusCode(200).extract().jsonPath().getList("results.authority",
                Float.class);
        assertEquals(5, all.size());
        // page authorities (nine-page graph, top rank 1.87x uniform < 10x, so the scale tops out at ln 11):
        // otters 44.0, urchins 30.3, ocean news 27.8, kelp dive 21.5, kelp list 15.1
        post(article("minAuthority", 27))
                .statusCode(200)
                .body("results.url", contains(ApiFixture.OCEAN_NEWS, ApiFixture.OTTERS, ApiFixture.URCHINS))
                .body("results.authority", everyItem(greaterThanOrEqualTo(27f)));
        post(article("minAuthority", 40)).statusCode(200).body("results.url", contains(ApiFixture.OTTERS));
    }

    @Test
    void spamFlagsAreListedAndMaxSpamFilters() {
        // every fixture page has under 250 characters of text: THIN_CONTENT fires with strength 1 - length/250
        post(article())
                .statusCode(200)
                .body("results[0].url", equalTo(ApiFixture.OCEAN_NEWS))
                .body("results[0].flags[0]", startsWith("THIN_CONTENT (weight 0.20, strength 0."))
                .body("results[0].flags[0]", org.hamcrest.Matchers.containsString(
                        "characters of text [" + ApiFixture.OCEAN_NEWS + "]"));
        post(article("maxSpam", 0)).statusCode(200).body("results", empty());
        post(article("maxSpam", 100)).statusCode(200).body("results.url", contains(RANKED.toArray()));
        assertError(post(article("maxSpam", 101)), 400, "maxSpam must be between 0 and 100 (got 101.0)");
    }

    @Test
    void badRequestsAre400WithThePreciseMessage() {
        assertError(post(Map.of("title", "No content")), 400,
                "content is required: send the text of your article in the \"content\" field");
        assertError(post(Map.of("content", "  \n ")), 400,
                "content is required: send the text of your article in the \"content\" field");
        assertError(post(article("unit", "domain")), 400, "unit must be one of page, site (got \"domain\")");
        assertError(post(article("contentType", "pdf")), 400,
                "contentType must be one of auto, plain, markdown, html (got \"pdf\")");
        assertError(post(article("top", 0)), 400, "top must be between 1 and 1000 (got 0)");
        assertError(post(article("top", 1001)), 400, "top must be between 1 and 1000 (got 1001)");
        assertError(post(article("minAuthority", 100.5)), 400, "minAuthority must be between 0 and 100 (got 100.5)");
        assertError(post(article("minAuthority", -1)), 400, "minAuthority must be between 0 and 100 (got -1.0)");
        assertError(post(article("excludeDomains", List.of(" "))), 400,
                "excludeDomains[0]: \" \" is not a domain (give a registrable domain, host or URL such as example.com)");
        assertError(post(article("site", "-")), 400,
                "site: \"-\" is not a domain (give a registrable domain, host or URL such as example.com)");
        assertError(post(article("published", "last spring")), 400, "published: not a date: \"last spring\" (give an"
                + " ISO-8601 date such as 2024-05-30, or the content's dated address such as"
                + " https://example.com/2024/05/30/post/)");
        post(article("published", "2024-05-30")).statusCode(200).body("published", equalTo("2024-05-30"));
        post(article("published", "https://example.com/2021/03/04/post/")).statusCode(200)
                .body("published", equalTo("2021-03-04"));
        assertError(post(article("top", "many")), 400, "invalid JSON request body: \"top\" must be an integer");
        assertError(post(article("exclude_domains", List.of("x.com"))), 400,
                "invalid JSON request body: unknown field \"exclude_domains\" (known fields: allowNonEnglish, content,"
                        + " contentType, excludeDomains, maxSpam, minAuthority, published, site, title, top, unit)");
        assertError(post(article("excludeDomains", "x.com")), 400,
                "invalid JSON request body: \"excludeDomains\" must be an array");
    }

    @Test
    void malformedOrMissingBodiesAre400() {
        assertError(given().contentType(ContentType.JSON).body("{\"content\": ").post("/api/recommendations")
                .then(), 400, "malformed JSON request body: Unexpected end-of-input within/between Object entries"
                + " (line 1, column 13)");
        assertError(given().contentType(ContentType.JSON).body("[\"a\"]").post("/api/recommendations").then(), 400,
                "invalid JSON request body: it must be a JSON object such as {\"content\": \"...\"}");
        assertError(given().contentType(ContentType.JSON).post("/api/recommendations").then(), 400,
                "request body is missing: send a JSON object such as {\"content\": \"...\"}");
        assertError(given().contentType(ContentType.TEXT).body("hello").post("/api/recommendations").then(), 415,
                "send the request body as JSON with the header Content-Type: application/json");
    }

    @Test
    void contentLimitsKeepTheirStatus() {
        String german = "Der Kelpwald ist ein Lebensraum für viele Tiere und Pflanzen an der Küste, die dort "
                + "wachsen und leben, weil das Wasser kalt und reich an Nährstoffen ist und die Sonne scheint.";
        ValidatableResponse r = post(Map.of("content", german)).statusCode(422).contentType(ContentType.JSON)
                .body("status", equalTo(422))
                .body("message", startsWith("content does not look like English"));
        r.body("error", equalTo("Unprocessable Content"));
    }

    @Test
    void unknownPathsAndMethodsAreJson() {
        assertError(given().get("/api/nope").then(), 404,
                "no such endpoint: GET /api/nope (see /q/openapi or /q/swagger-ui for the API)");
        assertError(given().get("/nope").then(), 404,
                "no such endpoint: GET /nope (see /q/openapi or /q/swagger-ui for the API)");
        assertError(given().get("/api/recommendations").then(), 405,
                "method not allowed: GET /api/recommendations (see /q/openapi or /q/swagger-ui for the API)");
    }

    static void assertError(ValidatableResponse r, int status, String message) {
        r.statusCode(status)
                .contentType(ContentType.JSON)
                .body("status", equalTo(status))
                .body("error", notNullValue())
                .body("message", equalTo(message))
                .body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")))
                .body("size()", equalTo(3));
    }
}
