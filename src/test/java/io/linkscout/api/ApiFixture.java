package io.linkscout.api;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small hand-made corpus for the API and CLI tests: nine pages on four sites about three topics (kelp forests and
 * sea otters, sourdough baking, e-bikes), with links between them. Two pages name the test article's title,
 * "The Kelp Forest Atlas".
 */
public final class ApiFixture {

    private ApiFixture() {
    }

    public static final String KELP_LIST = "https://www.kelpdiver.com/reading-list";
    public static final String KELP_DIVE = "https://www.kelpdiver.com/diving-monterey";
    public static final String OTTERS = "https://oceanwatch.org/sea-otters";
    public static final String URCHINS = "https://oceanwatch.org/urchin-barrens";
    public static final String OCEAN_NEWS = "https://oceanwatch.org/news/kelp-recovery";
    public static final String STARTER = "https://breadclub.net/sourdough-starter";
    public static final String RYE = "https://breadclub.net/rye-bread";
    public static final String BATTERIES = "https://cyclenews.io/ebike-batteries";
    public static final String COMMUTE = "https://cyclenews.io/commuting";

    /** The test article (Markdown): its title is named by two pages of the corpus. */
    public static final String ARTICLE = """
            # The Kelp Forest Atlas

            The Kelp Forest Atlas maps the giant kelp forests of the Pacific coast, from Monterey Bay to Alaska.
            Kelp forests shelter fish, seals and sea otters. Where sea otters disappeared, sea urchins multiplied
            and grazed the kelp down to bare urchin barrens.

            The atlas combines satellite images with survey dives to show where kelp is recovering and where
            marine heatwaves are still killing it. Divers, scientists and fishermen can download the maps.
            """;

    public static List<PageRecord> pages() {
        return List.of(
                page(KELP_LIST, "Reading list: kelp forests",
                        "Our favourite book this year is The Kelp Forest Atlas, which maps kelp forests along the "
                                + "Pacific coast. We also recommend field guides to sea otters and urchins.",
                        link(OTTERS, "sea otters"), link(URCHINS, "urchin barrens"), link(KELP_DIVE, "our dives")),
                page(KELP_DIVE, "Diving in Monterey",
                        "Diving in the kelp forests of Monterey Bay is unforgettable. Giant kelp grows fast and "
                                + "the forest is full of fish, seals and the occasional sea otter.",
                        link(OTTERS, "sea otter"), link(KELP_LIST, "reading list")),
                page(OTTERS, "Sea otters",
                        "Sea otters protect kelp forests by eating sea urchins. Without otters, urchins graze "
                                + "kelp down to barrens.",
                        link(URCHINS, "urchin barrens"), link(OCEAN_NEWS, "kelp recovery")),
                page(URCHINS, "Urchin barrens",
                        "Urchin barrens are rocky reefs where sea urchins ate the kelp forest. Marine heatwaves "
                                + "made them spread along the Pacific coast.",
                        link(OTTERS, "sea otters")),
                page(OCEAN_NEWS, "Kelp is recovering in Monterey Bay",
                        "New maps from The Kelp Forest Atlas show giant kelp recovering in Monterey Bay after the "
                                + "marine heatwave. Survey dives confirm the satellite images.",
                        link(OTTERS, "sea otters"), link(KELP_DIVE, "diving in Monterey")),
                page(STARTER, "Sourdough starter basics",
                        "A sourdough starter is flour and water fermented by wild yeast. Feed the starter daily "
                                + "and keep it warm.",
                        link(RYE, "rye bread")),
                page(RYE, "Baking rye bread",
                        "Rye bread needs a strong sourdough starter and a long proof. Rye flour holds water.",
                        link(STARTER, "starter basics")),
                page(BATTERIES, "E-bike batteries explained",
                        "An e-bike battery stores energy in lithium cells. Range depends on capacity and hills.",
                        link(COMMUTE, "commuting")),
                page(COMMUTE, "Commuting by e-bike",
                        "Commuting by e-bike saves time. Charge the battery at work and bring a lock.",
                        link(BATTERIES, "batteries"), link(STARTER, "a bakery stop")));
    }

    public static List<SiteRecord> catalog() {
        return List.of(new SiteRecord("oceanwatch.org", "https://oceanwatch.org/", "Ocean Watch",
                "Marine conservation news", "Nature", "US", Map.of(), "catalog:2"));
    }

    public static List<AuthorityRecord> authority() {
        return List.of(new AuthorityRecord("oceanwatch.org", "majestic",
                Map.of("majestic_rank", 5000.0, "majestic_ref_subnets", 900.0), "authority:2"));
    }

    private static PageRecord page(String url, String title, String text, Link... links) {
        return new PageRecord(url, title, text, List.of(links), List.of(), "2024-05-01T00:00:00Z", url);
    }

    private static Link link(String url, String anchor) {
        return new Link(url, anchor, "");
    }

    /** Builds the fixture index into {@code dir} (removing whatever was there) and returns it. */
    public static Path build(Path dir) {
        try {
            deleteRecursively(dir);
            new IndexBuilder(new IndexLayout(dir), 1, null).ingest((sink, report) -> {
                pages().forEach(p -> {
                    sink.page(p);
                    report.pageRead();
                });
                catalog().forEach(s -> {
                    sink.site(s);
                    report.siteRead();
                });
                authority().forEach(a -> {
                    sink.authority(a);
                    report.authorityRead();
                });
            });
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
