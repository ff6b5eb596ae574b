package io.linkscout.api.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.linkscout.api.ApiFixture;
import io.linkscout.api.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The thin endpoints the web app added, and its pages, over the {@link WebUiFixture} index. */
@QuarkusTest
@TestProfile(WebUiFixture.Profile.class)
class WebApiTest {

    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    /** The pages need a login: anonymous visitors are sent to the login page; its styles are open. */
    @Test
    void pagesRedirectAnonymousVisitorsToTheLoginPage() {
        TestAuth.anonymous();
        given().redirects().follow(false).get("/campaigns").then().statusCode(302)
                .header("Location", containsString("/login"));
        given().get("/web/app.css").then().statusCode(200);
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
        given().get("/api/campaigns").then().statusCode(401);
    }

    @Test
    void theBundledExamples() {
        given().get("/api/examples").then().statusCode(200).body("", hasSize(2))
                .body("[0].title", startsWith("From cargo new to a First Release"))
                .body("[1].file", equalTo("example-article.md"));
        given().get("/api/examples/2").then().statusCode(200).body("contentType", equalTo("markdown"))
                .body("content", startsWith("# "));
        given().get("/api/examples/3").then().statusCode(404).contentType(ContentType.JSON)
                .body("message", equalTo("no example 3: there are examples 1 to 2"));
    }

    @Test
    void aSitesPagesBestAuthorityFirst() {
        given().get("/api/sites/www.oceanwatch.org/pages?limit=2").then().statusCode(200)
                .body("domain", equalTo("oceanwatch.org")).body("total", equalTo(3)).body("pages", hasSize(2))
                .body("pages[0].url", equalTo(ApiFixture.OTTERS)).body("pages[0].title", equalTo("Sea otters"))
                .body("pages[0].guestPostKind", equalTo("NONE"));
        given().get("/api/sites/oceanwatch.org/pages?limit=0").then().statusCode(400)
                .body("message", equalTo("limit must be between 1 and 1000, got 0"));
        given().get("/api/sites/com/pages").then().statusCode(400).body("message", containsString("is not a domain"));
        given().get("/api/sites/nowhere-at-all.org/pages").then().statusCode(404)
                .body("message", startsWith("no site nowhere-at-all.org in the index"));
    }

    @Test
    void aSitesContacts() {
        given().get("/api/sites/seaforest.blog/profile").then().statusCode(200)
                .body("emails", equalTo(List.of("editor@seaforest.blog"))).body("guestPostKind", equalTo("NONE"));
    }

    @Test
    void anIndexedPagesText() {
        given().queryParam("url", WebUiFixture.REVIEW).get("/api/pages").then().statusCode(200)
                .body("title", equalTo("Review: The Kelp Forest Atlas")).body("domain", equalTo("seaforest.blog"))
                .body("text", startsWith("We spent a week"));
        given().queryParam("url", "https://seaforest.blog/missing").get("/api/pages").then().statusCode(404)
                .body("message", startsWith("no page https://seaforest.blog/missing in the index"));
        given().get("/api/pages").then().statusCode(400);
    }

    @Test
    void thePagesAreHtmlWithEscapedValues() {
        given().get("/").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<title>Recommend · LinkScout</title>")).body(containsString("id=\"user-area\""));
        given().urlEncodingEnabled(true).get("/sites/{d}", "<script>alert(1)</script>").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(org.hamcrest.Matchers.not(containsString("<script>alert(1)")));
        given().get("/campaigns/7").then().statusCode(200).body(containsString("data-campaign-id=\"7\""));
        given().get("/campaigns/x").then().statusCode(404);
        for (String p : List.of("/campaigns", "/jobs", "/index", "/web/app.js", "/web/app.css")) {
            given().get(p).then().statusCode(200);
        }
    }
}
