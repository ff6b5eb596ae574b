package io.linkscout.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.linkscout.api.ApiFixture;
import io.linkscout.api.FixtureIndexProfile;
import io.linkscout.api.TestAuth;
import io.linkscout.crawl.FixtureWeb;
import io.linkscout.outreach.OutreachDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Won links over REST on the real PostgreSQL: a WON prospect records its link (validated), the monitor re-checks
 * the linking pages on a loopback fixture site, flags the changes, keeps every check in the prospect's history and
 * continues an unfinished run with the links it had not checked.
 */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class MonitorResourceTest {

    static final String HOST = "127.0.0.1";

    @Inject
    AgroalDataSource ds;

    FixtureWeb web;

    @BeforeEach
    void setUp() throws Exception {
        TestAuth.asDefaultUser();
        OutreachDb.clean(ds);
        web = new FixtureWeb();
        web.page(HOST, "/kelp", "<html><body><a href=\"https://kelpforestatlas.org/guide\">Kelp atlas</a></body></html>");
        web.page(HOST, "/otters", "<html><body><a rel=\"nofollow\" href=\"https://kelpforestatlas.org/\">atlas</a>"
                + "</body></html>");
        web.add(HOST, "/reef", 410, "text/html", "<html>gone</html>", Map.of());
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    static long campaign() {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Kelp atlas", "targetDomain",
                "kelpforestatlas.org", "contentText", ApiFixture.ARTICLE)).post("/api/campaigns").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    static long prospect(long campaign, String domain) {
        return given().contentType(ContentType.JSON).body(Map.of("prospects", List.of(Map.of("domain", domain))))
                .post("/api/campaigns/" + campaign + "/prospects").then().statusCode(200).extract().jsonPath()
                .getLong("added[0].id");
    }

    static JsonPath move(long prospect, String status, Map<String, Object> extra, int expect) {
        long version = given().get("/api/prospects/" + prospect).then().statusCode(200).extract().jsonPath()
                .getLong("version");
        Map<String, Object> body = new HashMap<>(extra);
        body.put("status", status);
        body.put("version", version);
        return given().contentType(ContentType.JSON).body(body).post("/api/prospects/" + prospect + "/status").then()
                .statusCode(expect).extract().jsonPath();
    }

    /** A prospect moved NEW -> QUALIFIED -> CONTACTED -> WON with the given won link. */
    long won(long campaign, String domain, String path, String target) {
        long p = prospect(campaign, domain);
        move(p, "QUALIFIED", Map.of(), 200);
        move(p, "CONTACTED", Map.of(), 200);
        Map<String, Object> w = new HashMap<>(Map.of("wonUrl", web.url(HOST, path)));
        if (target != null) {
            w.put("wonTarget", target);
        }
        JsonPath j = move(p, "WON", w, 200);
        assertEquals(web.url(HOST, path), j.getString("wonUrl"));
        return p;
    }

    static JsonPath monitor(long campaign, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/campaigns/" + campaign + "/monitor").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void wonLinkIsValidated() {
        long c = campaign();
        long p = prospect(c, "oceanwatch.org");
        move(p, "QUALIFIED", Map.of(), 200);
        JsonPath bad = move(p, "QUALIFIED", Map.of("wonUrl", "https://oceanwatch.org/a"), 409);
        move(p, "CONTACTED", Map.of(), 200);
        assertEquals("wonUrl: \"oceanwatch.org/kelp\" is not a usable http(s) URL (give the full address of the page,"
                + " such as https://blog.example.org/post)",
                move(p, "WON", Map.of("wonUrl", "oceanwatch.org/kelp"), 400).getString("message"));
        assertEquals("wonUrl: \"ftp://oceanwatch.org/kelp\" is not a usable http(s) URL (give the full address of the"
                + " page, such as https://blog.example.org/post)",
                move(p, "WON", Map.of("wonUrl", "ftp://oceanwatch.org/kelp"), 400).getString("message"));
        assertEquals("wonTarget: \"com\" is not a domain (give a registrable domain, host or URL such as example.com)",
                move(p, "WON", Map.of("wonUrl", "https://oceanwatch.org/kelp", "wonTarget", "com"), 400)
                        .getString("message"));
        assertEquals("wonTarget: \"kelpforestatlas.org/guide\" is neither a URL nor a domain (give the page the link"
                + " must point to, such as https://mysite.com/guide, or a domain such as mysite.com)",
                move(p, "WON", Map.of("wonUrl", "https://oceanwatch.org/kelp", "wonTarget",
                        "kelpforestatlas.org/guide"), 400).getString("message"));
        assertEquals("wonTarget needs wonUrl: give the page that links to you as well",
                move(p, "WON", Map.of("wonTarget", "kelpforestatlas.org"), 400).getString("message"));
        assertEquals("wonTarget can only be given with status WON (the page that now links to you, and where its link"
                + " points)", move(p, "LOST", Map.of("wonTarget", "kelpforestatlas.org"), 400).getString("message"));
        // nothing was stored by the refused changes
        given().get("/api/prospects/" + p).then().body("status", equalTo("CONTACTED")).body("wonUrl", nullValue())
                .body("wonTarget", nullValue());
        // without a target: the campaign's target domain; a URL target is normalised
        JsonPath ok = move(p, "WON", Map.of("wonUrl", "https://OceanWatch.org/kelp#top"), 200);
        assertEquals("https://oceanwatch.org/kelp", ok.getString("wonUrl"));
        assertEquals("kelpforestatlas.org", ok.getString("wonTarget"));
        JsonPath patched = given().contentType(ContentType.JSON).body(Map.of("wonTarget",
                "https://www.KelpForestAtlas.org/guide#x", "version", ok.getLong("version")))
                .patch("/api/prospects/" + p).then().statusCode(200).extract().jsonPath();
        assertEquals("https://www.kelpforestatlas.org/guide", patched.getString("wonTarget"));
        assertEquals(409, bad.getInt("status"));
    }

    @Test
    void monitorFlagsEachChangeAndTheHistoryKeepsEveryCheck() {
        long c = campaign();
        long kelp = won(c, "kelpdiver.com", "/kelp", "https://kelpforestatlas.org/guide");
        long otters = won(c, "oceanwatch.org", "/otters", null);
        long reef = won(c, "reefnews.org", "/reef", null);
        given().get("/api/campaigns/" + c + "/won-links").then().statusCode(200).body("$", hasSize(3))
                .body("[0].latest", nullValue()).body("[0].checks", equalTo(0));

        JsonPath first = monitor(c, Map.of());
        assertEquals(3, first.getInt("due"));
        assertEquals(3, first.getInt("checked"));
        assertEquals(0, first.getInt("remaining"));
        assertEquals(List.of(kelp, otters, reef), first.getList("checks.prospectId", Long.class));
        assertEquals(java.util.Arrays.asList(null, "LINK_NOFOLLOW", "PAGE_GONE"), first.getList("checks.flag"));
        assertEquals(Map.of("LINK_NOFOLLOW", 1, "PAGE_GONE", 1), first.getMap("flagged"));
        assertEquals("follow", first.getString("checks[0].rel"));
        assertEquals("Kelp atlas", first.getString("checks[0].anchor"));
        assertEquals(true, first.getBoolean("checks[0].live"));
        assertEquals(200, first.getInt("checks[0].httpStatus"));
        assertEquals("nofollow", first.getString("checks[1].rel"));
        assertEquals(410, first.getInt("checks[2].httpStatus"));
        assertEquals("HTTP 410 Gone at " + web.url(HOST, "/reef"), first.getString("checks[2].evidence"));

        // checked within the minimum age (1h): nothing is due
        assertEquals(0, monitor(c, Map.of()).getInt("due"));

        // the link is removed and the page moves: LINK_LOST, with the redirect recorded
        web.redirect(HOST, "/kelp", "/kelp-2");
        web.page(HOST, "/kelp-2", "<html><body><meta name=\"robots\" content=\"noindex\"><p>No links here.</p>"
                + "<a href=\"/about\">about</a></body></html>");
        JsonPath second = monitor(c, Map.of("minAge", "0", "maxPages", 1));
        assertEquals(1, second.getInt("checked"));
        assertEquals(2, second.getInt("remaining"));
        assertEquals("LINK_LOST", second.getString("checks[0].flag"));
        assertEquals(web.url(HOST, "/kelp-2"), second.getString("checks[0].redirectUrl"));
        assertEquals(true, second.getBoolean("checks[0].noindex"));
        assertEquals("no link to https://kelpforestatlas.org/guide among the 1 links of " + web.url(HOST, "/kelp-2")
                + " (HTTP 200) (redirected from " + web.url(HOST, "/kelp") + ")", second.getString("checks[0].evidence"));

        given().get("/api/prospects/" + kelp + "/checks").then().statusCode(200).body("$", hasSize(2))
                .body("[0].flag", nullValue()).body("[1].flag", equalTo("LINK_LOST"))
                .body("[1].target", equalTo("https://kelpforestatlas.org/guide"));
        given().get("/api/campaigns/" + c + "/won-links").then().statusCode(200)
                .body("[0].prospectId", equalTo((int) kelp)).body("[0].checks", equalTo(2))
                .body("[0].latest.flag", equalTo("LINK_LOST")).body("[2].latest.flag", equalTo("PAGE_GONE"));
        given().get("/api/prospects/999999/checks").then().statusCode(404);
    }

    @Test
    void anUnfinishedRunContinuesWithTheLinksNotCheckedYet() {
        long c = campaign();
        long a = won(c, "kelpdiver.com", "/kelp", null);
        long b = won(c, "oceanwatch.org", "/otters", null);
        long d = won(c, "reefnews.org", "/reef", null);
        JsonPath first = monitor(c, Map.of("maxPages", 2));
        assertEquals(List.of(a, b), first.getList("checks.prospectId", Long.class));
        assertEquals(1, first.getInt("remaining"));
        JsonPath second = monitor(c, Map.of());
        assertEquals(1, second.getInt("due"));
        assertEquals(List.of(d), second.getList("checks.prospectId", Long.class));
        assertEquals(0, monitor(c, Map.of()).getInt("due"));
        // with every link checked, the oldest check comes first again
        assertEquals(List.of(a), monitor(c, Map.of("minAge", "0", "maxPages", 1)).getList("checks.prospectId",
                Long.class));
        // each page was fetched once per check
        assertEquals(2, web.paths(HOST).stream().filter(p -> p.equals("/kelp")).count());
    }

    @Test
    void badMonitorRequests() {
        long c = campaign();
        given().contentType(ContentType.JSON).body(Map.of("maxPages", 0)).post("/api/campaigns/" + c + "/monitor")
                .then().statusCode(400).body("message", equalTo("maxPages must be between 1 and 1000 (got 0)"));
        given().contentType(ContentType.JSON).body(Map.of("minAge", "soon")).post("/api/campaigns/" + c + "/monitor")
                .then().statusCode(400).body("message", equalTo("minAge: \"soon\" is not a duration (give 30m, 1h,"
                        + " 2d or PT1H)"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/campaigns/999999/monitor").then()
                .statusCode(404);
    }
}
