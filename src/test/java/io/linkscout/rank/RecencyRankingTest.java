package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import io.linkscout.url.PublicationDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Feature#DATED_AFTER} on a small fixture: four pages with the same text, published before, on and after the
 * content, and one with no date. A page can only have linked to content that existed when it was written.
 */
class RecencyRankingTest {

    @TempDir
    static Path dir;
    static LinkScoutIndex index;

    static final String BEFORE = "https://a.example/2019/03/01/sourdough/"; // dated by its permalink
    static final String SAME_DAY = "https://b.example/posts/sourdough/";    // by fetched_at
    static final String AFTER = "https://c.example/2022/sourdough/";        // no day in the path: fetched_at
    static final String UNDATED = "https://d.example/sourdough/";

    static PageRecord page(String url, String fetchedAt) {
        return new PageRecord(url, "Sourdough notes", "Sourdough notes\n\nSourdough starter, flour and water.",
                List.of(), List.of(), fetchedAt, "test");
    }

    @BeforeAll
    static void build() throws Exception {
        index = RecommenderTest.index(dir, List.of(page(BEFORE, "2024-01-01"), page(SAME_DAY, "2021-06-01T10:00:00Z"),
                page(AFTER, "2023-02-02"), page(UNDATED, null)));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static RankerModel model() {
        return new RankerModel("test", List.of(new RankerModel.Term(Feature.DATED_AFTER, false, 0, 1, 1.0)), 300,
                Map.of());
    }

    static List<String> ranked(int published) {
        Recommender rec = new Recommender(index, model());
        ContentQuery q = rec.prepare("Sourdough", "Sourdough starter with flour and water.", List.of())
                .withPublished(published);
        return rec.recommend(q, new Recommender.Options(10, Recommender.Unit.PAGE, 0, Set.of(), true)).stream()
                .map(Recommendation::url).toList();
    }

    static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void pagesPublishedOnOrAfterTheContentComeFirstThenUndatedThenEarlier() {
        // scores 1, 1, 0, -1; ties by URL
        assertEquals(List.of(SAME_DAY, AFTER, UNDATED, BEFORE), ranked(day("2021-06-01")));
        assertEquals(List.of(AFTER, UNDATED, BEFORE, SAME_DAY), ranked(day("2021-06-02")));
    }

    @Test
    void newContentLeavesTheOrderToTheOtherSignals() {
        // every value 0: ties by URL
        assertEquals(List.of(BEFORE, SAME_DAY, AFTER, UNDATED), ranked(PublicationDate.UNKNOWN));
        // content dated after every page (e.g. today): no page is "after" it, so the feature is 0 for all, as above
        assertEquals(List.of(BEFORE, SAME_DAY, AFTER, UNDATED), ranked(day("2030-01-01")));
        double[][] f = new double[2][Feature.values().length];
        f[0][Feature.DATED_AFTER.ordinal()] = -1;
        Recommender.noneAfter(f);
        assertEquals(0, f[0][Feature.DATED_AFTER.ordinal()]);
        f[0][Feature.DATED_AFTER.ordinal()] = -1;
        f[1][Feature.DATED_AFTER.ordinal()] = 1;
        Recommender.noneAfter(f);
        assertEquals(-1, f[0][Feature.DATED_AFTER.ordinal()]);
    }

    @Test
    void theFeatureValuesAreOneMinusOneOrZero() {
        assertEquals(1, Recommender.datedAfter(day("2021-06-01"), day("2021-06-01")));
        assertEquals(-1, Recommender.datedAfter(day("2021-06-01"), day("2021-05-31")));
        assertEquals(0, Recommender.datedAfter(PublicationDate.UNKNOWN, day("2021-05-31")));
        assertEquals(0, Recommender.datedAfter(day("2021-06-01"), PublicationDate.UNKNOWN));
    }

    @Test
    void batchQueriesTakeTheirDateFromPublishedElseFromTheirId(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("queries.jsonl");
        Files.writeString(f, """
                {"id": "https://me.example/2021/06/01/bread/", "title": "Bread", "text": "Bread."}
                {"id": "q2", "title": "Bread", "text": "Bread.", "published": "2020-02-29"}
                {"id": "q3", "title": "Bread", "text": "Bread."}
                """);
        List<QueryFile.Query> qs = QueryFile.read(f);
        assertEquals(day("2021-06-01"), qs.get(0).published());
        assertEquals(day("2020-02-29"), qs.get(1).published());
        assertEquals(PublicationDate.UNKNOWN, qs.get(2).published());
        Files.writeString(f, """
                {"id": "q1", "title": "Bread", "text": "Bread."}
                {"id": "q2", "title": "Bread", "text": "Bread.", "published": "last spring"}
                """);
        UserException e = assertThrows(UserException.class, () -> QueryFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: field 'published': not a date: \"last spring\""), e.getMessage());
    }

    @Test
    void aRequestsPublishedIsADateOrADatedAddress() {
        assertEquals(day("2024-05-30"), RecommendService.publishedDay("2024-05-30"));
        assertEquals(day("2024-05-30"), RecommendService.publishedDay("https://me.example/2024/05/30/post/"));
        assertEquals(PublicationDate.UNKNOWN, RecommendService.publishedDay(null));
        UserException e = assertThrows(UserException.class, () -> RecommendService.publishedDay("soon"));
        assertTrue(e.getMessage().startsWith("published: not a date: \"soon\""), e.getMessage());
    }
}
