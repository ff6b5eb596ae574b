package io.linkscout.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.api.ApiFixture;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import io.linkscout.jobs.guestpost.GuestPostFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sites that published guest posts are guest-post targets, with those posts as evidence (the shape of the blogs
 * corpus: no write-for-us page, only posts introduced as guest posts). Four sites:
 *
 * <pre>
 * otterblog.example  2 published guest posts (otters; sourdough), 1 own post      -> target, 2 posts, 1 on topic
 * breadnotes.example 1 published guest post about bread                            -> detected, no content term: left out
 * vmnotes.example    "guest OS" and "guest lecture" about otters                   -> not detected
 * podcast.example    "I wrote a guest post for …" about otters                     -> not detected
 * </pre>
 */
class GuestPostTargetsTest {

    static LinkScoutIndex idx;

    static final String OTTER_GUEST = "https://otterblog.example/2024/otters-and-urchins";
    static final String BREAD_GUEST = "https://otterblog.example/2023/sourdough";

    static List<PageRecord> pages() {
        return List.of(
                page(OTTER_GUEST, "Otters and urchins", "This is a guest post by Mara Lind, who counts sea otters "
                        + "on the Pacific coast. Sea otters eat urchins, and kelp forests recover."),
                page(BREAD_GUEST, "Sourdough at home", "Our guest post today comes from Ben Ode. Bake bread slowly."),
                page("https://otterblog.example/about", "About", "Notes on sea otters and kelp forests."),
                page("https://breadnotes.example/rye", "Rye bread", "This is a guest post by Ida Korn. Rye dough is "
                        + "sticky."),
                page("https://vmnotes.example/otter-vm", "Otter VM", "Install the tools in the guest OS. I gave a guest "
                        + "lecture about sea otters and kelp."),
                page("https://podcast.example/otters", "Otters", "I wrote a guest post for Kelp Weekly about sea "
                        + "otters and kelp forests."));
    }

    static PageRecord page(String url, String title, String text) {
        return new PageRecord(url, title, text, List.of(), List.of(), "2026-01-01T00:00:00Z", url);
    }

    @BeforeAll
    static void build() throws Exception {
        Path dir = Path.of("target", "test-index-guest-targets");
        ApiFixture.deleteRecursively(dir);
        new IndexBuilder(new IndexLayout(dir), 1, null).ingest((sink, report) -> pages().forEach(p -> {
            sink.page(p);
            report.pageRead();
        }));
        idx = LinkScoutIndex.open(new IndexLayout(dir.toAbsolutePath()));
    }

    @AfterAll
    static void close() throws Exception {
        idx.close();
    }

    @Test
    void sitesThatPublishedGuestPostsOnTheTopicAreTargets() {
        GuestPostFinder.Response r = new GuestPostFinder(idx).find(JobsContent.of(idx, JobsFixture.ARTICLE,
                "markdown", null, false), new GuestPostFinder.Options(20, 0, 100, Set.of()));
        assertEquals(2, r.candidates()); // otterblog and breadnotes detect; the other "guest" senses do not
        assertEquals(List.of("otterblog.example"), r.results().stream().map(GuestPostFinder.Result::domain)
                .toList());
        GuestPostFinder.Result o = r.results().get(0);
        assertEquals("ACCEPTS", o.kind());
        assertEquals(2, o.publishedGuestPosts());
        assertEquals(2, o.detectingPages());
        assertEquals(1, o.guestPostsOnTopic());
        // best match for the content first; the bread post has no content term (score 0) and comes last
        assertEquals(List.of(OTTER_GUEST, BREAD_GUEST), o.guestPosts().stream().map(GuestPostFinder.PublishedPost::url)
                .toList());
        GuestPostFinder.PublishedPost p = o.guestPosts().get(0);
        assertEquals("Otters and urchins", p.title());
        assertEquals("This is a guest post by Mara Lind, who counts sea otters on the Pacific coast.", p.sentence());
        assertEquals(0.0, o.guestPosts().get(1).fit());
        assertEquals("Our guest post today comes from Ben Ode.", o.guestPosts().get(1).sentence());
        assertEquals("has published 2 guest post(s), 1 on your topic; topic fit 1.0 on " + String.join(", ",
                o.matchedTerms()) + "; authority " + o.authority(), o.toProspect().explanation());
    }
}
