package io.linkscout.jobs;

import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A hand-built link graph for the three jobs. Competitors comp-a.com, comp-b.com, comp-c.com; the user is
 * mine.com (brand "Kelp Atlas"). Referring sites r1.org … r5.dev:
 *
 * <pre>
 * r1.org/links      -> A1 (comp-a), B1 (comp-b), C1 (comp-c)           overlap 3
 * r2.net/p1         -> A1 [nofollow];  r2.net/p2 -> B1                  overlap 2 (p2 names "Kelp Atlas")
 * r3.io/page        -> A1, B1, M1 (mine.com)                            links to the user: excluded
 * r4.com/post       -> A2 (comp-a)                                      overlap 1 (names "mine.com")
 * r5.dev/list       -> A2, B1                                           overlap 2
 * A1                -> B1 (competitor to competitor: not a referrer)
 * </pre>
 *
 * Referring domains per page: A1 3 (r1 r2 r3), A2 2 (r4 r5), B1 5 (comp-a r1 r2 r3 r5), C1 1, M1 1 (r3).
 * Guest posts: r1.org/write-for-us accepts (about otters and kelp), r5.dev/advertise sells, r4.com/write-for-us
 * accepts but is about bread, comp-c.com/contribute is an open-source page.
 */
public final class JobsFixture {

    private JobsFixture() {
    }

    public static final String A1 = "https://comp-a.com/sea-otters";
    public static final String A2 = "https://comp-a.com/kelp-forests";
    public static final String B1 = "https://comp-b.com/sea-otter-facts";
    public static final String C1 = "https://comp-c.com/urchin-barrens";
    public static final String M1 = "https://mine.com/kelp-forests";
    public static final String M2 = "https://mine.com/about";
    public static final String R1 = "https://r1.org/links";
    public static final String R1_WFU = "https://r1.org/write-for-us";
    public static final String R2A = "https://r2.net/p1";
    public static final String R2B = "https://r2.net/p2";
    public static final String R3 = "https://r3.io/page";
    public static final String R4 = "https://r4.com/post";
    public static final String R4_WFU = "https://r4.com/write-for-us";
    public static final String R5 = "https://r5.dev/list";
    public static final String R5_ADS = "https://r5.dev/advertise";
    public static final String C_OSS = "https://comp-c.com/contribute";

    /** The user's content: an article about sea otters and kelp forests. */
    public static final String ARTICLE = """
            # Why sea otters matter for kelp forests

            Sea otters eat sea urchins. Where otters vanish, urchins graze the kelp forests down to barrens.
            Protecting sea otters lets kelp forests recover along the Pacific coast.
            """;

    public static List<PageRecord> pages() {
        return List.of(
                page(A1, "Sea otters of the Pacific", "Sea otters live along the Pacific coast and eat urchins.",
                        link(B1, "otter facts", "")),
                page(A2, "Kelp forests explained", "Kelp forests are underwater forests of giant kelp."),
                page(B1, "Sea otter facts", "A sea otter has the densest fur of any animal."),
                page(C1, "Urchin barrens", "Urchins eat kelp until nothing is left."),
                page(M1, "Kelp forests", "Our maps of kelp forests."),
                page(M2, "About the Kelp Atlas", "The Kelp Atlas maps kelp."),
                page(R1, "Links we like", "A list of good reading.", link(A1, "sea otters", ""),
                        link(B1, "otter facts", ""), link(C1, "urchin barrens", "")),
                page(R1_WFU, "Write for us", "We accept guest posts about sea otters, kelp forests and the Pacific"
                        + " coast. Send an original pitch to our editors."),
                page(R2A, "Weekend notes", "Notes from the weekend.", link(A1, "otters", "nofollow")),
                page(R2B, "Ocean reading", "We loved the Kelp Atlas maps. Also this page on otters.",
                        link(B1, "sea otter facts", "")),
                page(R3, "Resources", "The Kelp Atlas is great.", link(A1, "a", ""), link(B1, "b", ""),
                        link(M1, "kelp forests", "")),
                page(R4, "Bakery survey", "Source: mine.com survey of bakeries.", link(A2, "forests", "")),
                page(R4_WFU, "Write for us", "We accept guest posts about sourdough bread and baking."),
                page(R5, "Reading list", "Things to read.", link(A2, "kelp", ""), link(B1, "otters", "")),
                page(R5_ADS, "Advertise", "Sponsored post price: $100 for articles about otters, with a do-follow"
                        + " link."),
                page(C_OSS, "Contribute to Urchin Tracker", "Urchin Tracker is open source: fork the repository "
                        + "on GitHub and open a pull request."));
    }

    private static PageRecord page(String url, String title, String text, Link... links) {
        return new PageRecord(url, title, text, List.of(links), List.of(), "2026-01-01T00:00:00Z", url);
    }

    private static Link link(String url, String anchor, String rel) {
        return new Link(url, anchor, rel);
    }

    public static Path build(Path dir) {
        try {
            ApiFixture.deleteRecursively(dir);
            new IndexBuilder(new IndexLayout(dir), 1, null).ingest((sink, report) -> pages().forEach(p -> {
                sink.page(p);
                report.pageRead();
            }));
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
