package io.linkscout.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.jobs.guestpost.GuestPostDetector;
import io.linkscout.jobs.guestpost.GuestPostDetector.Kind;
import io.linkscout.jobs.guestpost.GuestPostEval;
import io.linkscout.jobs.guestpost.GuestPostSignals;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guest-post detection on the hand-written fixture pages: exact labels, reasons, and the P/R figures. */
class GuestPostDetectorTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "guestpost");

    /** The gold labels, repeated here so that an edit of labels.tsv cannot silently change what is tested. */
    static final Map<String, Kind> EXPECTED = new LinkedHashMap<>();

    static {
        for (String f : List.of("write-for-us", "guest-post-guidelines", "become-a-contributor", "submit-an-article",
                "contribute-blog", "guest-byline-article", "pitch-us", "writers-wanted", "contributor-guidelines",
                "share-your-story", "welcome-heading", "published-intro", "published-editors-note",
                "published-comes-from", "published-feature", "published-contributed", "published-guest-authors",
                "published-title", "published-tag", "published-paren", "invitation")) {
            EXPECTED.put(f + ".html", Kind.ACCEPTS);
        }
        for (String f : List.of("sponsored-post-pricing", "write-for-us-paid", "link-insertion",
                "guest-posts-accepted-paid", "sponsored-content-rates", "guest-posting-service")) {
            EXPECTED.put(f + ".html", Kind.SELLS);
        }
        for (String f : List.of("oss-contribute", "oss-contributing-docs", "careers", "donate", "plain-article",
                "contact", "guest-posting-seo-article", "submit-event", "saas-pricing", "contributors-masthead",
                "near-guest-lecture", "near-podcast-guest", "near-guest-os", "near-guest-role",
                "near-guest-post-elsewhere", "near-changelog-contributed", "near-refusing-guest-posts",
                "near-price-in-passing")) {
            EXPECTED.put(f + ".html", Kind.NONE);
        }
    }

    /**
     * Pages the detector gets wrong, with the label it gives: phrasings its vocabulary does not know ("share your
     * story", "email your draft"; a "guest posting service" with a price but no sponsored-post wording). Kept to
     * measure, not tuned away.
     */
    static final Map<String, Kind> KNOWN_MISSES = Map.of("share-your-story.html", Kind.NONE,
            "guest-posting-service.html", Kind.NONE);

    /**
     * Pages only the HTML path gets right: the heading "We welcome guest posts!" ends in "!", so plain text cannot
     * tell it is a heading (ingest of an HTML page sees the real headings, see GuestPostIngestTest).
     */
    static final Map<String, Kind> TEXT_ONLY_MISSES = Map.of("welcome-heading.html", Kind.NONE);

    @Test
    void everyFixtureGetsItsExactLabelOnBothPaths() {
        List<GuestPostEval.Row> rows = GuestPostEval.run(FIXTURES);
        Map<String, Kind> html = new LinkedHashMap<>();
        Map<String, Kind> textOnly = new LinkedHashMap<>();
        for (GuestPostEval.Row r : rows) {
            assertEquals(EXPECTED.get(r.file()), r.expected(), "labels.tsv disagrees for " + r.file());
            html.put(r.file(), r.html().kind());
            textOnly.put(r.file(), r.textOnly().kind());
        }
        Map<String, Kind> detected = new LinkedHashMap<>(EXPECTED);
        detected.putAll(KNOWN_MISSES);
        assertEquals(detected, html);
        detected.putAll(TEXT_ONLY_MISSES);
        assertEquals(detected, textOnly);
        // 45 pages: 21 accept (10 of them published guest posts or an invitation), 6 sell, 18 neither (8 of them
        // "guest" in other senses); misses: one accepting and one selling page labelled NONE
        // detection: 25 of 27 positives found, no false positive -> P 1.0, R 25/27 = 0.926
        // sells: 5 of 6 found, none wrong -> P 1.0, R 5/6 = 0.833
        assertEquals(new GuestPostEval.Figures(45, 43, 1.0, 0.926, 1.0, 0.833), GuestPostEval.figures(rows, true));
        // text only: also misses welcome-heading -> 42 exact, R 24/27 = 0.889
        assertEquals(new GuestPostEval.Figures(45, 42, 1.0, 0.889, 1.0, 0.833), GuestPostEval.figures(rows, false));
    }

    @Test
    void classicWriteForUsPageReasonsAndScore() {
        GuestPostDetector.Detection d = new GuestPostDetector().detect(GuestPostSignals.fromHtml(
                "https://greenthumb.example/write-for-us", read("write-for-us.html")));
        assertEquals(Kind.ACCEPTS, d.kind());
        // title 3 + url 2.5 + heading 2 + two text phrases 2 x 1 + guideline words capped at 1.6
        assertEquals(11.1, d.score());
        assertEquals(List.of("title", "url", "heading", "text", "text", "guideline-words"), d.reasons().stream()
                .map(GuestPostDetector.Reason::signal).toList());
        assertEquals("https://greenthumb.example/write-for-us", d.guidelinesUrl());
        assertEquals("https://greenthumb.example/contact", d.contactUrl());
    }

    @Test
    void bylineArticlePointsToTheGuidelinesPage() {
        GuestPostDetector.Detection d = new GuestPostDetector().detect(GuestPostSignals.fromHtml(
                "https://greenthumb.example/blog/basil-indoors", read("guest-byline-article.html")));
        assertEquals(Kind.ACCEPTS, d.kind());
        assertEquals(4.0, d.score()); // published guest post 3 + link to "Write for us" 1
        assertEquals(new GuestPostDetector.Reason("guest-post", 3.0, "Guest post by Maria Lopez, a balcony gardener "
                + "from Valencia."), d.reasons().get(1));
        assertEquals("https://greenthumb.example/write-for-us", d.guidelinesUrl());
    }

    @Test
    void formOnlyCountsWhenThePageHasMarkup() {
        GuestPostEval.Row row = GuestPostEval.run(FIXTURES).stream()
                .filter(r -> r.file().equals("become-a-contributor.html")).findFirst().orElseThrow();
        assertEquals(4.5, row.html().score()); // heading 2 + text 1 + form 1.5
        assertEquals(3.0, row.textOnly().score()); // plain text has no forms: heading-like line 2 + text 1
    }

    @Test
    void nearMissesCarryTheirNegativeEvidence() {
        GuestPostDetector.Detection oss = new GuestPostDetector().detect(GuestPostSignals.fromHtml(
                "https://mapline.example/contribute", read("oss-contribute.html")));
        assertEquals(List.of("url-weak", "open-source"), oss.reasons().stream()
                .map(GuestPostDetector.Reason::signal).toList());
        assertEquals(-3.0, oss.score());
        GuestPostDetector.Detection paid = new GuestPostDetector().detect(GuestPostSignals.fromText(
                "https://x.example/p", "Guest post", "Link insertion: 50 USD per link.", List.of()));
        assertEquals(Kind.SELLS, paid.kind());
        assertEquals(4.5, paid.paidScore()); // "link insertion" 1.5 + "per link" 1.5 + price "50 usd" 1.5
    }

    static String read(String f) {
        try {
            return java.nio.file.Files.readString(FIXTURES.resolve(f));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
