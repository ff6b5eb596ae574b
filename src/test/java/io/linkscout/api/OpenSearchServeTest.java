package io.linkscout.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.JobsFixture;
import io.linkscout.jobs.guestpost.GuestPostFinder;
import io.linkscout.search.OpenSearchHttp;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.search.TestCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code serve} with {@code linkscout.backend=opensearch}: the {@link JobsFixture} pages ingested once into the
 * embedded index and a real 1-node OpenSearch cluster (2 shards); {@code POST /api/recommendations} and
 * {@code POST /api/guest-posts} read their text signals from the cluster and answer as the embedded index does;
 * with the cluster's index gone both answer a clear error, not a ranking of the embedded index.
 */
@QuarkusTest
@TestProfile(OpenSearchServeTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchServeTest {

    static final String ALIAS = "serve";
    static final Path DIR = Path.of("target", "test-index-opensearch-serve").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Cluster.class));
        }
    }

    /** Starts the cluster and ingests the fixture into both; the application is configured to read the cluster. */
    public static class Cluster implements QuarkusTestResourceLifecycleManager {
        static TestCluster cluster;

        @Override
        public Map<String, String> start() {
            try {
                cluster = TestCluster.start(1, "512m");
                ApiFixture.deleteRecursively(DIR);
                IndexBuilder b = new IndexBuilder(new IndexLayout(DIR), 1, null);
                b.setMirror(new OpenSearchIndexWriter(cluster.http(), ALIAS, 2, 0));
                b.ingest((sink, report) -> JobsFixture.pages().forEach(p -> {
                    sink.page(p);
                    report.pageRead();
                }));
                return Map.of("linkscout.index.dir", DIR.toString(), "linkscout.backend", "opensearch",
                        "linkscout.opensearch.url", cluster.urls(), "linkscout.opensearch.index-name", ALIAS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            try {
                TestCluster.close(cluster);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeEach
    void authenticate() {
        TestAuth.asDefaultUser();
    }

    static JsonPath post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    @Order(1)
    void guestPostsAnswerAsTheEmbeddedIndex() throws Exception {
        JsonPath r = post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE));
        GuestPostFinder.Response expected;
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(DIR))) {
            expected = new GuestPostFinder(idx).find(JobsContent.of(idx, JobsFixture.ARTICLE, null, null, false),
                    new GuestPostFinder.Options(20, 0, 100, Set.of()));
        }
        // the fixture's two guest-post sites (as JobsResourceTest finds them on the embedded index)
        assertEquals(List.of("r1.org", "r5.dev"), r.getList("results.domain"));
        assertEquals(expected.results().stream().map(GuestPostFinder.Result::domain).toList(),
                r.getList("results.domain"));
        for (int i = 0; i < expected.results().size(); i++) {
            GuestPostFinder.Result e = expected.results().get(i);
            assertEquals(e.score(), r.getDouble("results[" + i + "].score"), 1e-9, e.domain());
            assertEquals(e.topicFit(), r.getDouble("results[" + i + "].topicFit"), 1e-9, e.domain());
            assertEquals(e.matchedTerms(), r.getList("results[" + i + "].matchedTerms"), e.domain());
        }
        assertEquals(expected.contentTerms(), r.getList("contentTerms"));
    }

    @Test
    @Order(2)
    void recommendationsAnswerAsTheEmbeddedIndex() throws Exception {
        JsonPath r = post("/api/recommendations", Map.of("content", JobsFixture.ARTICLE, "top", 10));
        List<String> urls = r.getList("results.url");
        assertFalse(urls.isEmpty(), "the fixture has pages about sea otters and kelp");
        // the same request ranked by a recommender reading the embedded index only
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(DIR))) {
            io.linkscout.rank.Recommender embedded = new io.linkscout.rank.Recommender(idx,
                    io.linkscout.rank.RankerModel.bundled());
            List<String> topics = r.getList("topics.phrase");
            io.linkscout.rank.ContentQuery q = embedded.prepare(r.getString("title"),
                    io.linkscout.nlp.ContentText.convert(JobsFixture.ARTICLE, io.linkscout.nlp.ContentType.AUTO,
                            io.linkscout.nlp.ContentText.Options.defaults()).text(), topics);
            List<io.linkscout.rank.Recommendation> e = embedded.recommend(q, new io.linkscout.rank.Recommender.Options(
                    10, io.linkscout.rank.Recommender.Unit.PAGE, 0, Set.of(), true));
            assertEquals(e.stream().map(io.linkscout.rank.Recommendation::url).toList(), urls);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i).score(), r.getDouble("results[" + i + "].score"), 1e-4, e.get(i).url());
            }
        }
    }

    /**
     * Every read endpoint of the site profile and the page loader — {@code GET /api/sites/{domain}},
     * {@code /api/sites/{domain}/pages}, {@code /api/sites/{domain}/profile} and {@code /api/pages?url=} — for every
     * site and page of the fixture: the same JSON as the answer built from the embedded index.
     */
    @Test
    @Order(3)
    void siteAndPageEndpointsAnswerAsTheEmbeddedIndex() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int pages = 0;
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(DIR));
                io.linkscout.search.LuceneSearchBackend lucene = new io.linkscout.search.LuceneSearchBackend(idx,
                        false)) {
            List<String> domains = List.copyOf(new io.linkscout.site.SiteRepository(idx)
                    .sites(null, Set.of(io.linkscout.index.IndexFields.ID)).keySet());
            assertEquals(JobsFixture.pages().stream().map(p -> io.linkscout.url.Domains.registrableDomain(p.url()))
                    .distinct().sorted().toList(), domains);
            for (String d : domains) {
                assertEquals(json.valueToTree(SitesResource.of(io.linkscout.site.SiteRepository.document(lucene, d)
                        .orElseThrow())), get("/api/sites/" + d), d);
                io.linkscout.profile.SiteProfiles.Pages expected = io.linkscout.profile.SiteProfiles.pages(lucene, d,
                        1000);
                assertFalse(expected.pages().isEmpty(), d);
                assertEquals(json.valueToTree(expected), get("/api/sites/" + d + "/pages?limit=1000"), d);
                assertEquals(json.valueToTree(io.linkscout.profile.SiteProfiles.profile(lucene, d)),
                        get("/api/sites/" + d + "/profile"), d);
                for (io.linkscout.profile.SiteProfiles.Page p : expected.pages()) {
                    assertEquals(json.valueToTree(io.linkscout.profile.SiteProfiles.page(lucene, p.url())),
                            read(given().queryParam("url", p.url()).when().get("/api/pages")), p.url());
                    pages++;
                }
            }
        }
        assertEquals(JobsFixture.pages().size(), pages);
    }

    @jakarta.inject.Inject
    io.linkscout.nlp.TopicService topicService;

    /**
     * {@code POST /api/topics} weighs its topics with the cluster's document frequencies: the same topics and
     * weights as with the embedded index's (the idf read from the cluster is shown by the missing index's 4xx below).
     */
    @Test
    @Order(3)
    void topicsWeighAsTheEmbeddedIndex() throws Exception {
        JsonPath r = post("/api/topics", Map.of("content", JobsFixture.ARTICLE, "top", 10));
        io.linkscout.nlp.TopicResult expected;
        try (LinkScoutIndex idx = LinkScoutIndex.open(new IndexLayout(DIR))) {
            io.linkscout.nlp.ContentText.Converted c = topicService.convert(JobsFixture.ARTICLE,
                    io.linkscout.nlp.ContentType.AUTO, false);
            expected = topicService.extractor().extract(r.getString("title"), c.text(),
                    io.linkscout.search.BackendTermStatistics.of(idx), 10);
        }
        assertFalse(expected.topics().isEmpty());
        assertEquals(expected.topics().stream().map(io.linkscout.nlp.Topic::phrase).toList(),
                r.getList("topics.phrase"));
        for (int i = 0; i < expected.topics().size(); i++) {
            assertEquals(expected.topics().get(i).weight(), r.getDouble("topics[" + i + "].weight"), 1e-6,
                    expected.topics().get(i).phrase());
        }
    }

    /** {@code GET /api/index/stats}: the embedded figures plus the cluster's section, of the same ingest. */
    @Test
    @Order(3)
    void statsShowTheCluster() throws Exception {
        com.fasterxml.jackson.databind.JsonNode s = get("/api/index/stats");
        com.fasterxml.jackson.databind.JsonNode b = s.path("backend");
        assertTrue(b.path("sameIngest").asBoolean(), s.toString());
        assertTrue(b.path("backend").asText().endsWith(" index " + ALIAS), s.toString());
        assertTrue(b.path("generation").asText().startsWith(ALIAS + "-"), s.toString());
        for (String f : List.of("pages", "sites", "catalogRows", "authorityRows")) {
            assertEquals(s.path(f).asLong(), b.path(f).asLong(), f);
        }
        assertEquals(JobsFixture.pages().size(), b.path("pages").asLong());
        assertTrue(b.path("sizeBytes").asLong() > 0, s.toString());
    }

    /** "Send to campaign": the job on the cluster, its sites added to the campaign (contacts read there too). */
    @Test
    @Order(3)
    void guestPostsSentToACampaign() {
        long c = given().contentType(ContentType.JSON).body(Map.of("name", "Kelp", "targetDomain", "mine.com",
                "contentText", JobsFixture.ARTICLE)).post("/api/campaigns").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        JsonPath r = post("/api/guest-posts", Map.of("content", JobsFixture.ARTICLE, "campaignId", c));
        assertEquals(List.of("r1.org", "r5.dev"), r.getList("results.domain"));
        assertEquals(List.of("r1.org", "r5.dev"), r.getList("campaign.added.domain"));
        assertEquals(List.of("guest-posts", "guest-posts"), r.getList("campaign.added.source"));
    }

    static com.fasterxml.jackson.databind.JsonNode get(String path) throws Exception {
        return read(given().when().get(path));
    }

    static com.fasterxml.jackson.databind.JsonNode read(io.restassured.response.Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.asString());
    }

    /** Without the cluster's index the endpoints say so (no answer from the embedded index alone). */
    @Test
    @Order(4)
    void aMissingClusterIndexIsAClearError() throws Exception {
        OpenSearchHttp http = Cluster.cluster.http();
        List<String> physical = new java.util.ArrayList<>();
        http.call("GET", "/_alias/" + ALIAS, null).fieldNames().forEachRemaining(physical::add);
        assertEquals(1, physical.size(), physical.toString());
        http.call("DELETE", "/" + physical.get(0), null);
        given().contentType(ContentType.JSON).body(Map.of("content", JobsFixture.ARTICLE)).when()
                .post("/api/guest-posts").then().statusCode(404)
                .body("message", containsString("has no index '" + ALIAS + "'"));
        String site = JobsFixture.pages().get(0).url();
        given().when().get("/api/sites/" + io.linkscout.url.Domains.registrableDomain(site)).then().statusCode(404)
                .body("message", containsString("has no index '" + ALIAS + "'"));
        given().queryParam("url", site).when().get("/api/pages").then().statusCode(404)
                .body("message", containsString("has no index '" + ALIAS + "'"));
        given().when().get("/api/index/stats").then().statusCode(404)
                .body("message", containsString("has no index '" + ALIAS + "'"));
        // the topics' idf comes from the cluster (the generation the embedded commit names): no weights from the
        // embedded index alone
        given().contentType(ContentType.JSON).body(Map.of("content", JobsFixture.ARTICLE)).when()
                .post("/api/topics").then().statusCode(404)
                .body("message", containsString("OpenSearch at " + Cluster.cluster.urls() + " answered 404"));
        // the shared recommender reads the cluster too: its searches now fail with OpenSearch's answer
        given().contentType(ContentType.JSON).body(Map.of("content", JobsFixture.ARTICLE)).when()
                .post("/api/recommendations").then().statusCode(404)
                .body("message", containsString("OpenSearch at " + Cluster.cluster.urls() + " answered 404"));
    }
}
