package io.linkscout.api.web;

import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link ApiFixture} corpus plus two more sites on kelp forests (one names the article's title and has a
 * contact address), so that a site ranking for the article has at least three sites to pick from.
 */
public final class WebUiFixture {

    public static final String REVIEW = "https://seaforest.blog/kelp-atlas-review";
    public static final String LAB = "https://marinelab.edu/kelp-monitoring";

    private WebUiFixture() {
    }

    static List<PageRecord> pages() {
        List<PageRecord> pages = new ArrayList<>(ApiFixture.pages());
        pages.add(new PageRecord(REVIEW, "Review: The Kelp Forest Atlas",
                "We spent a week with The Kelp Forest Atlas and its maps of giant kelp forests. The atlas shows urchin "
                        + "barrens spreading where sea otters vanished, and kelp recovering in Monterey Bay.",
                List.of(new Link(ApiFixture.OTTERS, "sea otters", ""), new Link(LAB, "kelp monitoring", "")),
                List.of("editor@seaforest.blog"), "2024-05-01T00:00:00Z", REVIEW));
        pages.add(new PageRecord(LAB, "Monitoring kelp forests",
                "The lab monitors giant kelp forests along the Pacific coast with survey dives and satellite images, "
                        + "counting sea urchins and sea otters after each marine heatwave.",
                List.of(new Link(ApiFixture.URCHINS, "urchin barrens", "")), List.of(), "2024-05-01T00:00:00Z", LAB));
        return pages;
    }

    static Path build(Path dir) {
        try {
            ApiFixture.deleteRecursively(dir);
            new IndexBuilder(new IndexLayout(dir), 1, null).ingest((sink, report) -> {
                pages().forEach(p -> {
                    sink.page(p);
                    report.pageRead();
                });
                ApiFixture.catalog().forEach(s -> {
                    sink.site(s);
                    report.siteRead();
                });
                ApiFixture.authority().forEach(a -> {
                    sink.authority(a);
                    report.authorityRead();
                });
            });
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the index before the application starts and points {@code linkscout.index.dir} at it. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("linkscout.index.dir", build(Path.of("target", "test-index-webui")).toString());
        }

        @Override
        public void stop() {
        }
    }

    /** The application served from this index. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }
    }
}
