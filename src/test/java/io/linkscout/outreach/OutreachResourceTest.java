package io.linkscout.outreach;

import io.linkscout.api.TestAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.linkscout.api.ApiFixture;
import io.linkscout.api.FixtureIndexProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outreach over REST against the real PostgreSQL of the test profile and the {@link ApiFixture} index: campaigns,
 * the shortlist and its rules, status transitions, optimistic locking, exclusions and the CSV export.
 */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class OutreachResourceTest {

    /** Every call authenticates as the admin "api" (real user and token, {@link TestAuth}). */
    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void clean() {
        OutreachDb.clean(ds);
    }

    static long campaign(String name, String target) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "targetDomain", target, "contentText", ApiFixture.ARTICLE))
                .post("/api/campaigns").then().statusCode(201).body("name", equalTo(name))
                .body("targetDomain", equalTo(target.replaceFirst("^www\\.", ""))).extract().jsonPath().getLong("id");
    }

    static JsonPath add(long campaign, Object... domains) {
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Object d : domains) {
            ps.add(d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("domain", d));
        }
        return given().contentType(ContentType.JSON).body(Map.of("prospects", ps))
                .post("/api/campaigns/" + campaign + "/prospects").then().statusCode(200).extract().jsonPath();
    }

    static ValidatableResponse status(long prospect, String status, long version, String by) {
        // the history records the authenticated user; X-Changed-By is ignored
        return given().contentType(ContentType.JSON).header("Authorization", TestAuth.as(by))
                .header("X-Changed-By", "someone-else")
                .body(Map.of("status", status, "version", version))
                .post("/api/prospects/" + prospect + "/status").then();
    }

    static void assertError(ValidatableResponse r, int status, String message) {
        r.statusCode(status).contentType(ContentType.JSON).body("status", equalTo(status))
                .body("message", equalTo(message)).body("size()", equalTo(3));
    }

    /** What the recommender ranks for the article, as sites, without the given domains. */
    static List<String> recommendedSites(List<String> exclude) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("content", ApiFixture.ARTICLE, "unit", "site", "top", 300, "excludeDomains", exclude))
                .post("/api/recommendations").then().statusCode(200).extract().jsonPath()
                .getList("results.domain", String.class);
    }

    @Test
    void shortlistAddsTheRecommendedSitesWithoutExclusionsAndRerunningAddsNothing() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        List<String> all = recommendedSites(List.of("kelpforestatlas.org"));
        assertEquals(List.of("kelpdiver.com", "oceanwatch.org"), all.stream().sorted().toList());
        // the best site is excluded for this campaign
        given().contentType(ContentType.JSON).body(Map.of("domain", "https://" + all.get(0) + "/x", "reason",
                "competitor")).post("/api/campaigns/" + c + "/exclusions").then().statusCode(200)
                .body("domain", equalTo(all.get(0))).body("reason", equalTo("COMPETITOR"));
        List<String> expected = List.of(all.get(1));

        JsonPath r = given().contentType(ContentType.JSON).header("Authorization", TestAuth.as("maria"))
                .post("/api/campaigns/" + c + "/shortlist").then().statusCode(200).extract().jsonPath();
        assertEquals(expected, r.getList("added.domain", String.class));
        assertEquals(List.of(), r.getList("skipped"));
        // score and explanation saved as they were: the evidence page is the explanation's URL
        assertEquals(r.getString("added[0].pageUrl"), r.getString("added[0].explanation.url"));
        assertEquals(r.getDouble("added[0].score"), r.getDouble("added[0].explanation.score"), 1e-9);
        assertFalse(r.getList("added[0].explanation.contributions").isEmpty());
        assertEquals("shortlist", r.getString("added[0].source"));
        assertEquals("NEW", r.getString("added[0].status"));
        given().get("/api/prospects/" + r.getLong("added[0].id") + "/history").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].to", equalTo("NEW")).body("[0].changedBy", equalTo("maria"));

        // re-running adds only what is new: nothing
        JsonPath again = given().contentType(ContentType.JSON).post("/api/campaigns/" + c + "/shortlist").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of(), again.getList("added"));
        assertEquals(expected, again.getList("skipped.domain", String.class));
        assertEquals(expected.stream().map(d -> "ALREADY_IN_CAMPAIGN").toList(),
                again.getList("skipped.reason", String.class));
        given().get("/api/campaigns/" + c + "/prospects").then().statusCode(200).body("total", equalTo(expected.size()));

        // a global exclusion applies to another campaign: only the best site is left there
        given().contentType(ContentType.JSON).body(Map.of("domain", all.get(1), "reason", "blocklist"))
                .post("/api/exclusions").then().statusCode(200).body("campaignId", equalTo(null));
        long other = campaign("Other", "kelpforestatlas.org");
        JsonPath o = given().contentType(ContentType.JSON).post("/api/campaigns/" + other + "/shortlist").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(all.get(0)), o.getList("added.domain", String.class));
        // and the campaign's own domain is never suggested: with it as the target, only the other site is left
        long own = campaign("Own", all.get(0));
        given().delete("/api/exclusions/" + all.get(1)).then().statusCode(204);
        assertEquals(List.of(all.get(1)), given().contentType(ContentType.JSON)
                .post("/api/campaigns/" + own + "/shortlist").then().statusCode(200).extract().jsonPath()
                .getList("added.domain", String.class));
    }

    @Test
    void shortlistSizeLimitCountsProspectsAlreadyThere() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        List<String> all = recommendedSites(List.of("kelpforestatlas.org"));
        JsonPath one = given().contentType(ContentType.JSON).body(Map.of("size", 1))
                .post("/api/campaigns/" + c + "/shortlist").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(all.get(0)), one.getList("added.domain", String.class));
        assertEquals(all.subList(1, all.size()), one.getList("skipped.domain", String.class));
        assertTrue(one.getList("skipped.reason", String.class).stream().allMatch("LIMIT_REACHED"::equals));
        JsonPath two = given().contentType(ContentType.JSON).body(Map.of("size", 2))
                .post("/api/campaigns/" + c + "/shortlist").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(all.get(1)), two.getList("added.domain", String.class));
        assertEquals("ALREADY_IN_CAMPAIGN", two.getString("skipped[0].reason"));
        assertError(given().contentType(ContentType.JSON).body(Map.of("size", 0))
                .post("/api/campaigns/" + c + "/shortlist").then(), 400, "size must be between 1 and 1000 (got 0)");
    }

    @Test
    void oneProspectPerRegistrableDomainAndTheOwnSiteNever() {
        long c = campaign("Kelp atlas", "www.kelpforestatlas.org");
        JsonPath r = add(c, "https://www.kelpdiver.com/reading-list", "kelpdiver.com", "blog.kelpdiver.com",
                "kelpforestatlas.org", "no such thing", Map.of("url", "https://oceanwatch.org/sea-otters", "score", 2.5,
                        "reasons", "names your title"));
        assertEquals(List.of("kelpdiver.com", "oceanwatch.org"), r.getList("added.domain", String.class));
        assertEquals("https://www.kelpdiver.com/reading-list", r.getString("added[0].pageUrl"));
        assertEquals(2.5, r.getDouble("added[1].score"), 0);
        assertEquals(List.of("DUPLICATE", "DUPLICATE", "OWN_SITE", "INVALID"), r.getList("skipped.reason"));
        assertEquals(List.of("kelpdiver.com", "blog.kelpdiver.com", "kelpforestatlas.org", "no such thing"),
                r.getList("skipped.input"));
        // and again: already there
        JsonPath again = add(c, "oceanwatch.org");
        assertEquals(List.of(), again.getList("added"));
        assertEquals("ALREADY_IN_CAMPAIGN", again.getString("skipped[0].reason"));
    }

    @Test
    void transitionsAllowedAndRefusedWithHistory() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        long p = add(c, "oceanwatch.org").getLong("added[0].id");
        assertError(status(p, "WON", 0, "ann"), 409,
                "prospect " + p + " cannot move from NEW to WON: allowed next statuses from NEW are QUALIFIED, REJECTED");
        assertError(status(p, "DONE", 0, "ann"), 400,
                "unknown status \"DONE\": use one of NEW, QUALIFIED, CONTACTED, REPLIED, WON, LOST, REJECTED");
        status(p, "qualified", 0, "ann").statusCode(200).body("status", equalTo("QUALIFIED")).body("version", equalTo(1))
                .body("nextStatuses", equalTo(List.of("CONTACTED", "REJECTED")));
        status(p, "CONTACTED", 1, "bob").statusCode(200).body("contactedAt", org.hamcrest.Matchers.notNullValue());
        assertError(status(p, "QUALIFIED", 2, "bob"), 409, "prospect " + p
                + " cannot move from CONTACTED to QUALIFIED: allowed next statuses from CONTACTED are REPLIED, WON, LOST");
        status(p, "REPLIED", 2, "bob").statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body(Map.of("status", "WON", "wonUrl", "https://oceanwatch.org/resources#kelp"))
                .post("/api/prospects/" + p + "/status").then().statusCode(200).body("status", equalTo("WON"))
                .body("wonUrl", equalTo("https://oceanwatch.org/resources"));
        assertError(status(p, "NEW", 4, "bob"), 409,
                "prospect " + p + " cannot move from WON to NEW: allowed next statuses from WON are LOST");
        JsonPath h = given().get("/api/prospects/" + p + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.Arrays.asList(null, "NEW", "QUALIFIED", "CONTACTED", "REPLIED"), h.getList("from"));
        assertEquals(List.of("NEW", "QUALIFIED", "CONTACTED", "REPLIED", "WON"), h.getList("to"));
        assertEquals(List.of("api", "ann", "bob", "bob", "api"), h.getList("changedBy"));
        // counts per status on the campaign
        given().get("/api/campaigns/" + c).then().statusCode(200).body("prospects.WON", equalTo(1))
                .body("prospects.NEW", equalTo(0));
    }

    @Test
    void staleVersionIs409AndMissingVersionIs400() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        long p = add(c, "oceanwatch.org").getLong("added[0].id");
        given().contentType(ContentType.JSON).body(Map.of("notes", "first", "version", 0))
                .patch("/api/prospects/" + p).then().statusCode(200).body("version", equalTo(1));
        assertError(given().contentType(ContentType.JSON).body(Map.of("notes", "second", "version", 0))
                .patch("/api/prospects/" + p).then(), 409, "prospect " + p + " was changed by someone else since you"
                        + " read it (your version 0, current version 1): reload it and apply your change again");
        assertError(status(p, "QUALIFIED", 0, "x"), 409, "prospect " + p + " was changed by someone else since you"
                + " read it (your version 0, current version 1): reload it and apply your change again");
        assertError(given().contentType(ContentType.JSON).body(Map.of("status", "QUALIFIED"))
                .post("/api/prospects/" + p + "/status").then(), 400, "version is required to change prospect " + p
                        + ": send the version you last read (body field \"version\" or header If-Match); the current"
                        + " one is 1");
        given().get("/api/prospects/" + p).then().body("notes", equalTo("first"));
    }

    @Test
    void concurrentUpdatesOfOneProspectOneWinsTheOtherGets409() throws Exception {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        long p = add(c, "oceanwatch.org").getLong("added[0].id");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                long v = given().get("/api/prospects/" + p).then().extract().jsonPath().getLong("version");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<int[]>> fs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int who = t;
                    fs.add(pool.submit(() -> {
                        start.await();
                        int code = given().contentType(ContentType.JSON)
                                .body(Map.of("notes", "round " + v + " by writer " + who, "version", v))
                                .patch("/api/prospects/" + p).then().extract().statusCode();
                        return new int[] {who, code};
                    }));
                }
                start.countDown();
                Map<Integer, Integer> codes = new HashMap<>();
                for (Future<int[]> f : fs) {
                    int[] r = f.get();
                    codes.put(r[0], r[1]);
                }
                assertEquals(List.of(200, 409), codes.values().stream().sorted().toList(), "round " + round);
                int winner = codes.get(0) == 200 ? 0 : 1;
                given().get("/api/prospects/" + p).then().body("notes", equalTo("round " + v + " by writer " + winner))
                        .body("version", equalTo((int) v + 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contactedInAnotherCampaignRecentlyIsSkippedUntilTheWindowPasses() {
        long a = campaign("Campaign A", "kelpforestatlas.org");
        long b = campaign("Campaign B", "kelpforestatlas.org");
        long p = add(a, "oceanwatch.org").getLong("added[0].id");
        // not contacted yet: B may add it
        long inB = add(b, "oceanwatch.org").getLong("added[0].id");
        given().delete("/api/prospects/" + inB).then().statusCode(204);
        status(p, "QUALIFIED", 0, "x").statusCode(200);
        status(p, "CONTACTED", 1, "x").statusCode(200);
        JsonPath r = add(b, "oceanwatch.org", "kelpdiver.com");
        assertEquals(List.of("kelpdiver.com"), r.getList("added.domain"));
        assertEquals("CONTACTED_RECENTLY", r.getString("skipped[0].reason"));
        assertTrue(r.getString("skipped[0].detail").contains("in campaign " + a + " (\"Campaign A\")"),
                r.getString("skipped[0].detail"));
        // 91 days ago is outside the 90-day window
        OutreachDb.sql(ds, "update prospect set contacted_at = now() - interval '91 days' where id = " + p);
        assertEquals(List.of("oceanwatch.org"), add(b, "oceanwatch.org").getList("added.domain"));
    }

    @Test
    void exclusionsImportedFromCsvApplyToEveryCampaign() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        given().contentType("text/csv").body("domain,reason,note\r\nhttps://www.oceanwatch.org/a,already_linking,"
                + "\"links to us, since 2023\"\r\nkelpdiver.com,,\r\n").queryParam("reason", "blocklist")
                .post("/api/exclusions.csv").then().statusCode(200).body("imported", equalTo(2));
        given().get("/api/exclusions").then().statusCode(200).body("domain", equalTo(List.of("kelpdiver.com",
                "oceanwatch.org"))).body("reason", equalTo(List.of("BLOCKLIST", "ALREADY_LINKING")))
                .body("[1].note", equalTo("links to us, since 2023"));
        JsonPath r = add(c, "oceanwatch.org", "kelpdiver.com", "breadclub.net");
        assertEquals(List.of("breadclub.net"), r.getList("added.domain"));
        assertEquals(List.of("EXCLUDED", "EXCLUDED"), r.getList("skipped.reason"));
        assertEquals("global exclusion list: ALREADY_LINKING (links to us, since 2023)", r.getString("skipped[0].detail"));
        // a bad row rejects the file, naming line and field
        assertError(given().contentType("text/csv").body("domain\nok.com\nnot a domain\n")
                .post("/api/campaigns/" + c + "/exclusions.csv").then(), 422,
                "1 bad row, nothing imported: request body:3: field 'domain': \"not a domain\" is not a valid domain,"
                        + " host or URL");
        given().get("/api/campaigns/" + c + "/exclusions").then().body("$", hasSize(0));
    }

    @Test
    void csvExportParsesBackToTheSameRows() throws Exception {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        JsonPath added = add(c, Map.of("url", "https://oceanwatch.org/sea-otters", "score", 2.5, "authority", 40.25,
                "reasons", "Names \"The Kelp Forest Atlas\", twice; cites otters", "emails", List.of("ed@oceanwatch.org",
                        "info@oceanwatch.org"), "contactUrl", "https://oceanwatch.org/contact"),
                Map.of("domain", "kelpdiver.com", "score", 1.0), Map.of("domain", "café-über.de"));
        long p = added.getLong("added[0].id");
        String notes = "Spoke to Zoë — \"maybe\", call back,\nafter June 😀";
        given().contentType(ContentType.JSON).body(Map.of("notes", notes, "version", 0)).patch("/api/prospects/" + p)
                .then().statusCode(200);
        var resp = given().get("/api/campaigns/" + c + "/prospects.csv").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"campaign-" + c + "-prospects.csv\"")
                .extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(resp[0], resp[1], resp[2]));
        String text = new String(resp, 3, resp.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("domain,page,score,top_reasons,authority,contacts,status,notes\r\n"), text);
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            for (CSVRecord rec : parser) {
                rows.add(rec.toList());
            }
        }
        assertEquals(List.of(
                ProspectCsv.HEADER,
                List.of("oceanwatch.org", "https://oceanwatch.org/sea-otters", "2.5",
                        "Names \"The Kelp Forest Atlas\", twice; cites otters", "40.25",
                        "ed@oceanwatch.org; info@oceanwatch.org; https://oceanwatch.org/contact", "NEW", notes),
                List.of("kelpdiver.com", "", "1", "", "", "", "NEW", ""),
                List.of(java.net.IDN.toASCII("café-über.de"), "", "", "", "", "", "NEW", "")), rows);
    }

    static List<List<String>> csvRows(String text) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            for (CSVRecord rec : parser) {
                rows.add(rec.toList());
            }
        }
        return rows;
    }

    static ValidatableResponse toxic(long campaign, long prospect, Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/api/campaigns/" + campaign + "/prospects/" + prospect + "/toxic").then();
    }

    @Test
    void markToxicFollowsOptimisticLockingAndChecksTheCampaign() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        long other = campaign("Other", "kelpforestatlas.org");
        long p = add(c, "spam.example.com").getLong("added[0].id");
        given().get("/api/prospects/" + p).then().body("toxic", equalTo(false));
        toxic(c, p, Map.of("toxic", true, "version", 0)).statusCode(200).body("toxic", equalTo(true))
                .body("version", equalTo(1));
        given().get("/api/prospects/" + p).then().body("toxic", equalTo(true));
        assertError(toxic(c, p, Map.of("toxic", false, "version", 0)), 409, "prospect " + p + " was changed by"
                + " someone else since you read it (your version 0, current version 1): reload it and apply your change"
                + " again");
        assertError(toxic(c, p, Map.of("version", 1)), 400, "toxic is required: send {\"toxic\": true, \"version\":"
                + " N} to mark the domain as toxic (false unmarks it)");
        assertError(toxic(c, p, Map.of("toxic", true)), 400, "version is required to change prospect " + p + ": send"
                + " the version you last read (body field \"version\" or header If-Match); the current one is 1");
        assertError(toxic(other, p, Map.of("toxic", true, "version", 1)), 404, "prospect " + p + " is not in campaign "
                + other + " (it belongs to campaign " + c + ")");
        assertError(toxic(999, p, Map.of("toxic", true, "version", 1)), 404,
                "campaign 999 does not exist (GET /api/campaigns lists them)");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("toxic", false))
                .put("/api/campaigns/" + c + "/prospects/" + p + "/toxic").then().statusCode(200)
                .body("toxic", equalTo(false)).body("version", equalTo(2));
    }

    @Test
    void exportsForOutreachToolsAndTheDisavowFile() throws Exception {
        long c = campaign("Kelp \"atlas\", 🌊", "kelpforestatlas.org");
        String idn = java.net.IDN.toASCII("café-über.de");
        JsonPath added = add(c, Map.of("url", "https://blog.oceanwatch.org/sea-otters", "score", 3.0, "emails",
                        List.of("zoë@oceanwatch.org", "info@oceanwatch.org")),
                Map.of("domain", "café-über.de", "score", 2.0, "emails", List.of("redaktion@" + idn)),
                Map.of("domain", "spam-links.example", "score", 1.0, "emails", List.of("x@spam-links.example")),
                Map.of("domain", "aaa-spam.example"));
        long ocean = added.getLong("added[0].id");
        long spam = added.getLong("added[2].id");
        long spam2 = added.getLong("added[3].id");
        toxic(c, spam, Map.of("toxic", true, "version", 0)).statusCode(200);
        toxic(c, spam2, Map.of("toxic", true, "version", 0)).statusCode(200);
        status(ocean, "QUALIFIED", 0, "maria").statusCode(200);
        status(ocean, "CONTACTED", 1, "maria").statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("status", "WON", "version", 2,
                "wonUrl", "https://blog.oceanwatch.org/kelp,links?a=\"b\"")).post("/api/prospects/" + ocean + "/status")
                .then().statusCode(200);

        byte[] hunter = given().get("/api/campaigns/" + c + "/export?format=hunter").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"campaign-" + c + "-hunter.csv\"")
                .extract().asByteArray();
        String h = new String(hunter, StandardCharsets.UTF_8);
        assertEquals(List.of(OutreachExports.HUNTER_HEADER,
                List.of("zoë@oceanwatch.org", "", "", "", "oceanwatch.org", ""),
                List.of("info@oceanwatch.org", "", "", "", "oceanwatch.org", ""),
                List.of("redaktion@" + idn, "", "", "", idn, "")), csvRows(h));
        assertFalse(h.contains("\r"), h);

        String pb = given().get("/api/campaigns/" + c + "/export?format=PitchBox").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"campaign-" + c + "-pitchbox.csv\"")
                .extract().asString();
        assertEquals(List.of(OutreachExports.PITCHBOX_HEADER,
                List.of("https://blog.oceanwatch.org", "", "zoë@oceanwatch.org", "", ""),
                List.of("https://blog.oceanwatch.org", "", "info@oceanwatch.org", "", ""),
                List.of("https://" + idn, "", "redaktion@" + idn, "", "")), csvRows(pb));

        String bz = given().get("/api/campaigns/" + c + "/export?format=buzzstream").then().statusCode(200)
                .extract().asString();
        List<List<String>> bzRows = csvRows(bz);
        assertEquals(OutreachExports.BUZZSTREAM_HEADER, bzRows.get(0));
        assertEquals(3, bzRows.size(), bz);
        assertEquals(List.of("oceanwatch.org", "oceanwatch.org"), bzRows.get(1).subList(0, 2));
        assertTrue(bzRows.get(1).get(2).startsWith("https://blog.oceanwatch.org/kelp,links?a="), bz);
        assertEquals(List.of(idn, idn, "", ""), bzRows.get(2).subList(0, 4));
        assertTrue(bz.contains("\r\n"));

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String d = given().get("/api/campaigns/" + c + "/export?format=disavow").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/plain"))
                .header("Content-Disposition", "attachment; filename=\"campaign-" + c + "-disavow.txt\"")
                .extract().asString();
        assertEquals("# LinkScout disavow file for campaign " + c + ": Kelp \"atlas\", 🌊 (target kelpforestatlas.org)\n"
                + "# generated " + today + " (UTC): 2 domains marked toxic\n"
                + "# upload in Google Search Console: https://search.google.com/search-console/disavow-links\n"
                + "domain:aaa-spam.example\ndomain:spam-links.example\n", d);

        byte[] own = given().get("/api/campaigns/" + c + "/export").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"campaign-" + c + "-prospects.csv\"")
                .extract().asByteArray();
        assertEquals(new String(given().get("/api/campaigns/" + c + "/prospects.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8), new String(own, StandardCharsets.UTF_8));
        assertTrue(new String(own, StandardCharsets.UTF_8).contains("spam-links.example"));

        assertError(given().get("/api/campaigns/" + c + "/export?format=ahrefs").then(), 400,
                "unknown export format \"ahrefs\": use one of linkscout, buzzstream, pitchbox, hunter, disavow");
        assertError(given().get("/api/campaigns/999/export?format=disavow").then(), 404,
                "campaign 999 does not exist (GET /api/campaigns lists them)");
    }

    @Test
    void listsFilterSortAndPage() {
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        add(c, Map.of("domain", "a.com", "score", 1.0), Map.of("domain", "b.com", "score", 3.0),
                Map.of("domain", "c.com", "score", 2.0), Map.of("domain", "d.com"));
        long b = given().get("/api/campaigns/" + c + "/prospects?q=b.c").then().extract().jsonPath()
                .getLong("items[0].id");
        status(b, "QUALIFIED", 0, "x").statusCode(200);
        given().get("/api/campaigns/" + c + "/prospects").then().body("items.domain",
                equalTo(List.of("b.com", "c.com", "a.com", "d.com")));
        given().get("/api/campaigns/" + c + "/prospects?sort=domain&page=1&size=3").then().body("total", equalTo(4))
                .body("items.domain", equalTo(List.of("d.com")));
        given().get("/api/campaigns/" + c + "/prospects?status=NEW&minScore=1.5").then()
                .body("items.domain", equalTo(List.of("c.com")));
        given().get("/api/campaigns/" + c + "/prospects?status=new,qualified&sort=-domain").then()
                .body("items.domain", equalTo(List.of("d.com", "c.com", "b.com", "a.com")));
        assertError(given().get("/api/campaigns/" + c + "/prospects?sort=rank").then(), 400,
                "sort must be one of authority, created, domain, id, score, status, updated (prefix with - for"
                        + " descending), got \"rank\"");
        assertError(given().get("/api/campaigns/" + c + "/prospects?size=0").then(), 400,
                "size must be between 1 and 500 (got 0)");
    }

    @Test
    void badInputAndUnknownIds() {
        assertError(given().contentType(ContentType.JSON).body(Map.of("name", "x", "contentText", "y"))
                .post("/api/campaigns").then(), 400, "targetDomain is required: the registrable domain of your own"
                        + " site, e.g. mysite.com (it is never suggested as a prospect)");
        assertError(given().contentType(ContentType.JSON).body(Map.of("name", "x", "targetDomain", "mysite.com"))
                .post("/api/campaigns").then(), 400, "the campaign needs the content it promotes: give contentText"
                        + " (plain text, Markdown or HTML) or contentUrl (a page in the index)");
        assertError(given().contentType(ContentType.JSON).body(Map.of("name", "x", "targetDomain", "my site"))
                .post("/api/campaigns").then(), 400, "targetDomain: \"my site\" is not a domain (give a"
                        + " registrable domain, host or URL such as example.com)");
        assertError(given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"colour\": 1}")
                .post("/api/campaigns").then(), 400, "invalid JSON request body: unknown field \"colour\" (known"
                        + " fields: contentText, contentTitle, contentUrl, name, targetDomain, version)");
        assertError(given().get("/api/campaigns/999").then(), 404,
                "campaign 999 does not exist (GET /api/campaigns lists them)");
        assertError(given().get("/api/prospects/999").then(), 404, "prospect 999 does not exist");
        assertError(given().contentType(ContentType.JSON).post("/api/campaigns/999/shortlist").then(), 404,
                "campaign 999 does not exist (GET /api/campaigns lists them)");
        long c = campaign("Kelp atlas", "kelpforestatlas.org");
        assertError(given().contentType(ContentType.JSON).body(Map.of("prospects", List.of()))
                .post("/api/campaigns/" + c + "/prospects").then(), 400,
                "prospects is required: send {\"prospects\": [{\"domain\": \"example.com\"}]}");
        // campaign update needs the version, and a stale one is a 409
        given().contentType(ContentType.JSON).body(Map.of("name", "Renamed", "version", 0))
                .patch("/api/campaigns/" + c).then().statusCode(200).body("name", equalTo("Renamed"))
                .body("version", equalTo(1));
        assertError(given().contentType(ContentType.JSON).body(Map.of("name", "Again", "version", 0))
                .patch("/api/campaigns/" + c).then(), 409, "campaign " + c + " was changed by someone else since you"
                        + " read it (your version 0, current version 1): reload it and apply your change again");
    }

    @Test
    void contentGivenOnlyAsAUrlIsReadFromTheIndex() {
        long c = given().contentType(ContentType.JSON).body(Map.of("name", "By URL", "targetDomain",
                "kelpforestatlas.org", "contentUrl", "https://OceanWatch.org/sea-otters#top"))
                .post("/api/campaigns").then().statusCode(201).body("contentUrl", equalTo(ApiFixture.OTTERS))
                .extract().jsonPath().getLong("id");
        JsonPath r = given().contentType(ContentType.JSON).post("/api/campaigns/" + c + "/shortlist").then()
                .statusCode(200).extract().jsonPath();
        assertFalse(r.getList("added").isEmpty());
        long missing = given().contentType(ContentType.JSON).body(Map.of("name", "Missing", "targetDomain",
                "kelpforestatlas.org", "contentUrl", "https://kelpforestatlas.org/not-indexed"))
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        assertError(given().contentType(ContentType.JSON).post("/api/campaigns/" + missing + "/shortlist").then(), 422,
                "campaign " + missing + " has only a content URL (https://kelpforestatlas.org/not-indexed) and that"
                        + " page is not in the index: add the content text to the campaign (contentText) or ingest"
                        + " the page");
    }

    @Test
    void openApiDocumentsTheOutreachEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/campaigns/{id}/shortlist'.post.summary",
                        equalTo("Run the shortlist for the campaign's content"))
                .body("paths.'/api/campaigns/{id}/prospects.csv'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/campaigns/{id}/export'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/campaigns/{id}/prospects/{pid}/toxic'.put", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/prospects/{id}/status'.post", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void healthReportsTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'linkscout-outreach' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'linkscout-outreach' }.data.configured", equalTo(true))
                .body("checks.find { it.name == 'linkscout-outreach' }.data.campaigns", equalTo(0));
    }
}
