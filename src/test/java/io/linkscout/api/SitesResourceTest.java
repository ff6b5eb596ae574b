package io.linkscout.api;

import org.junit.jupiter.api.BeforeEach;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sites/{domain}} on the {@link ApiFixture} index (no trust seed among its four domains). */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class SitesResourceTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    @Test
    void aSiteWithItsAuthorityTrustSpamTopicsAndReferrers() {
        // domain graph: kelpdiver.com <-> oceanwatch.org, cyclenews.io -> breadclub.net
        // PageRank by hand: every node gets u = (0.15 + 0.85*r_bread)/4 by jump (breadclub.net is dangling);
        // r_cycle = u, r_bread = 1.85u, r_kelp = r_ocean = u + 0.85 r_other = u/0.15; the four sum to 1
        double u = 1 / (1 + 1.85 + 2 / 0.15);
        double ocean = u / 0.15;
        double authority = 100 * Math.log1p(4 * ocean) / Math.log1p(10); // max rank * n = 1.65 < 10
        given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .get("/api/sites/oceanwatch.org").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("domain", equalTo("oceanwatch.org"))
                .body("pageRank", closeTo(ocean, 1e-6))
                .body("graphAuthority", closeTo(authority, 1e-4))
                .body("authority", closeTo(authority, 1e-4))
                .body("trust", equalTo(0.0))
                .body("harmonicCentrality", closeTo(1.0, 1e-9))
                // its three fixture pages are all under 250 characters: THIN_CONTENT, weight 0.2, strength 3/3
                .body("spamScore", closeTo(20.0, 1e-9))
                .body("spamFlags.code", equalTo(List.of("THIN_CONTENT")))
                .body("spamFlags[0].message", equalTo("3 of 3 pages have under 250 characters of text"))
                .body("spamFlags[0].evidence", equalTo(List.of(ApiFixture.OCEAN_NEWS, ApiFixture.OTTERS,
                        ApiFixture.URCHINS)))
                .body("spamFlags[0].weight", equalTo(0.2))
                .body("topicalAuthority", hasKey("Nature"))
                .body("referringDomains.count", equalTo(1))
                .body("referringDomains.top", equalTo(List.of("kelpdiver.com")))
                // majestic rank 5000: 100 * (1 - ln 5000 / ln 10^6), mixed with weight 0
                .body("externalPrior.value", closeTo(100 * (1 - Math.log(5000) / Math.log(1e6)), 1e-6))
                .body("externalPrior.weight", equalTo(0.0))
                .body("externalPrior.formula", containsString("weight * prior"));
    }

    @Test
    void aHostOrUrlIsReducedToItsRegistrableDomain() {
        given().get("/api/sites/www.breadclub.net").then()
                .statusCode(200)
                .body("domain", equalTo("breadclub.net"))
                .body("referringDomains.top", equalTo(List.of("cyclenews.io")))
                .body("externalPrior.value", nullValue());
    }

    @Test
    void unknownDomainIs404AndMalformedIs400() {
        given().get("/api/sites/example.com").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("status", equalTo(404))
                .body("message", containsString("no site example.com"));
        given().get("/api/sites/not a domain!").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("message", containsString("is not a domain"));
        given().get("/api/sites/com").then().statusCode(400);
    }
}
