package io.linkscout.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.api.TestAuth;
import io.linkscout.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops while the server runs (a real PostgreSQL, the embedded one, stopped and restarted on the same port
 * and data): outreach answers a 503 JSON error with no stack trace, recommendations and site lookups keep working
 * (the caller's token was verified before the outage), and once PostgreSQL is back outreach works again without a
 * restart of the server. Every request must be answered within 30 s (RestAssured's socket timeout here), well above
 * the configured 5 s connect and acquisition timeouts.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Profile.class)
class DatabaseOutageTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Database.class));
        }
    }

    /** Its own embedded PostgreSQL on a fixed free port, and the fixture index. */
    public static class Database implements QuarkusTestResourceLifecycleManager {
        static final Path DIR = Path.of("target", "test-outage-pg").toAbsolutePath();
        static volatile EmbeddedDatabase db;
        static int port;

        @Override
        public Map<String, String> start() {
            try {
                org.apache.lucene.util.IOUtils.rm(DIR);
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            db = EmbeddedDatabase.start(DIR, port);
            return Map.of("linkscout.index.dir", ApiFixture.build(Path.of("target", "test-index-outage")).toString(),
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(), "quarkus.datasource.username", EmbeddedDatabase.USER,
                    "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            if (db != null) {
                db.close();
            }
        }
    }

    @BeforeEach
    void auth() {
        TestAuth.asDefaultUser();
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 30_000));
    }

    @AfterEach
    void anonymous() {
        TestAuth.anonymous();
    }

    private static ExtractableResponse<Response> recommend() {
        return given().contentType(ContentType.JSON).body(Map.of("content", ApiFixture.ARTICLE, "top", 3))
                .when().post("/api/recommendations").then().extract();
    }

    private static void assertUnavailable(ExtractableResponse<Response> r) {
        assertEquals(503, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(503, r.jsonPath().getInt("status"));
        String m = r.jsonPath().getString("message");
        assertTrue(m.startsWith("the outreach database (PostgreSQL) cannot be reached"), m);
        assertFalse(r.asString().contains("\tat ") || r.asString().contains(".java:"), r.asString());
        assertEquals("5", r.header("Retry-After"));
    }

    @Test
    void outreachAnswers503WhileDatabaseIsDownAndRecoversWithoutRestart() {
        int id = given().contentType(ContentType.JSON).body(Map.of("name", "outage", "targetDomain", "mysite.com",
                "contentText", "Kelp forests and sea otters."))
                .when().post("/api/campaigns").then().statusCode(201).extract().path("id");
        assertEquals(200, recommend().statusCode());

        Database.db.close(); // PostgreSQL stops (fast shutdown): pooled connections die, new ones are refused
        try {
            assertUnavailable(given().when().get("/api/campaigns/" + id).then().extract());
            assertUnavailable(given().contentType(ContentType.JSON).body(Map.of("name", "during", "targetDomain",
                    "mysite.com", "contentText", "Kelp forests and sea otters.")).when().post("/api/campaigns").then()
                    .extract());
            assertUnavailable(given().when().get("/api/campaigns/" + id + "/prospects").then().extract());
            ExtractableResponse<Response> rec = recommend();
            assertEquals(200, rec.statusCode(), rec.asString());
            assertFalse(rec.jsonPath().getList("results").isEmpty());
            assertEquals(200, given().when().get("/api/sites/oceanwatch.org").then().extract().statusCode());
        } finally {
            Database.db = EmbeddedDatabase.start(Database.DIR, Database.port);
        }

        ExtractableResponse<Response> back = given().when().get("/api/campaigns/" + id).then().extract();
        assertEquals(200, back.statusCode(), back.asString());
        assertEquals("outage", back.jsonPath().getString("name"));
        given().contentType(ContentType.JSON).body(Map.of("name", "after", "targetDomain", "mysite.com",
                "contentText", "Kelp forests and sea otters."))
                .when().post("/api/campaigns").then().statusCode(201);
    }
}
