package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Publication dates from dated permalinks and {@code fetched_at}, by hand. */
class PublicationDateTest {

    static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void aDatedPermalinkGivesItsDayWhateverTheFetchSays() {
        assertEquals(day("2020-05-30"), PublicationDate.of("https://blog.example/2020/05/30/slug/", null));
        assertEquals(day("2020-05-30"), PublicationDate.of("https://blog.example/2020/05/30/slug/", "2024-01-02"));
        assertEquals(day("2021-11-03"), PublicationDate.of("https://alex.github.io/2021-11-03-writing-a-db", null));
        assertEquals(day("2019-12-31"), PublicationDate.of("http://x.example/posts/2019/12/31", null));
    }

    @Test
    void aMonthPermalinkTakesTheFetchDayInThatMonthElseTheFirst() {
        assertEquals(day("2020-05-17"), PublicationDate.of("https://blog.example/2020/05/slug/", "2020-05-17T08:00:00Z"));
        assertEquals(day("2020-05-01"), PublicationDate.of("https://blog.example/2020/05/slug/", "2022-03-01"));
        assertEquals(day("2020-05-01"), PublicationDate.ofUrl("https://blog.example/2020/05/slug/"));
    }

    @Test
    void withoutADatedPathTheFetchDayCounts() {
        assertEquals(day("2023-07-09"), PublicationDate.of("https://blog.example/posts/hello/", "2023-07-09"));
        assertEquals(day("2023-07-09"), PublicationDate.of("https://blog.example/", "2023-07-09T23:30:00+02:00"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.of("https://blog.example/posts/hello/", null));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.of("https://blog.example/posts/hello/", "  "));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.of("https://blog.example/posts/hello/", "yesterday"));
    }

    @Test
    void numbersThatAreNotDatesAreIgnored() {
        // the host's digits, an impossible day, a year out of range, a longer number, a version
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://2020-05-30.example/post/"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://blog.example/2020/02/31/x/"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://blog.example/1850/05/30/x/"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://blog.example/issue/120201/05/x/"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://blog.example/release-2020-13-01/"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.ofUrl("https://en.wikipedia.org/wiki/Hanoi"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.fetchedDay("2020-13-45"));
        assertEquals(PublicationDate.UNKNOWN, PublicationDate.fetchedDay("1200-01-01"));
    }
}
