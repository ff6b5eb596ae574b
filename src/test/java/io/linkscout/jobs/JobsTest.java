package io.linkscout.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.earn.EarnedTopics;
import io.linkscout.jobs.gap.IntersectCheck;
import io.linkscout.jobs.gap.LinkIntersect;
import io.linkscout.jobs.gap.Mentions;
import io.linkscout.jobs.guestpost.GuestPostFinder;
import io.linkscout.nlp.PageTopics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three jobs on the hand-built {@link JobsFixture} graph, with the answers worked out by hand. */
class JobsTest {

    static LinkScoutIndex idx;

    @BeforeAll
    static void build() throws Exception {
        idx = LinkScoutIndex.open(new IndexLayout(JobsFixture.build(Path.of("target", "test-index-jobs"))));
    }

    @AfterAll
    static void close() throws Exception {
        idx.close();
    }

    static final List<String> COMPS = List.of("comp-a.com", "https://www.comp-b.com/", "comp-c.com");

    @Test
    void linkIntersectAtTwo() {
        LinkIntersect.Response r = new LinkIntersect(idx).run(LinkIntersect.validate(COMPS, "mine.com", 2, null,
                null), null);
        // r3.io links to a and b but also to mine.com; r4.com links to one competitor only
        assertEquals(List.of("r1.org", "r2.net", "r5.dev"), r.results().stream().map(LinkIntersect.Result::domain)
                .toList());
        assertEquals(List.of(3, 2, 2), r.results().stream().map(LinkIntersect.Result::overlap).toList());
        LinkIntersect.Result r2 = r.results().get(1);
        assertEquals(List.of(new LinkIntersect.LinkingPage(JobsFixture.R2A, JobsFixture.A1, "otters", "nofollow")),
                r2.pages().get("comp-a.com"));
        assertEquals(List.of(new LinkIntersect.LinkingPage(JobsFixture.R2B, JobsFixture.B1, "sea otter facts", "")),
                r2.pages().get("comp-b.com"));
        assertEquals(5, r.referringDomainsSeen()); // r1 r2 r3 r4 r5 (comp-a -> comp-b is not counted)
        IntersectCheck.Figures f = IntersectCheck.check(idx, r);
        assertEquals(3, f.explainable());
        assertEquals(1.0, f.share());
    }

    @Test
    void linkIntersectAtOneAddsSingleCompetitorReferrers() {
        LinkIntersect.Response r = new LinkIntersect(idx).run(LinkIntersect.validate(COMPS, "mine.com", 1, null,
                null), null);
        assertEquals(List.of("r1.org", "r2.net", "r5.dev", "r4.com"), r.results().stream()
                .map(LinkIntersect.Result::domain).toList());
        assertEquals("link-intersect", r.results().get(0).toProspect().job());
        assertEquals(JobsFixture.R1, r.results().get(0).toProspect().url());
    }

    @Test
    void linkIntersectWithContentRanksByFitWithinOverlap() {
        LinkIntersect.Response r = new LinkIntersect(idx).run(LinkIntersect.validate(COMPS, "mine.com", 2, null,
                null), JobsContent.of(idx, JobsFixture.ARTICLE, "markdown", null, false));
        // within overlap 2, r2.net and r5.dev have the same authority: topic fit decides (r2.net's pages name
        // otters and the Kelp Atlas, r5.dev's only otters); r1.org's write-for-us page fits best
        assertEquals(List.of("r1.org", "r2.net", "r5.dev"), r.results().stream().map(LinkIntersect.Result::domain)
                .toList());
        assertEquals(List.of(List.of("sea", "otter", "forest", "kelp", "coast", "pacif"), List.of("otter", "kelp"),
                List.of("otter")), r.results().stream().map(LinkIntersect.Result::matchedTerms).toList());
        assertEquals(1.0, r.results().get(0).topicFit());
        assertTrue(r.results().get(1).topicFit() > r.results().get(2).topicFit());
        assertTrue(r.results().get(1).score() > r.results().get(2).score());
    }

    @Test
    void linkIntersectValidation() {
        assertEquals("minOverlap must be between 1 and the number of competitors (3), got 4",
                assertThrows(UserException.class, () -> LinkIntersect.validate(COMPS, "mine.com", 4, null, null))
                        .getMessage());
        assertEquals("competitors[0]: \"not a domain\" is not a domain (give a registrable domain, host or URL such as"
                + " example.com)",
                assertThrows(UserException.class, () -> LinkIntersect.validate(List.of("not a domain"), "mine.com",
                        1, null, null)).getMessage());
        assertEquals("competitors: give at least one competitor other than your own domain",
                assertThrows(UserException.class, () -> LinkIntersect.validate(List.of("mine.com"), "mine.com",
                        1, null, null)).getMessage());
        LinkIntersect.Response r = new LinkIntersect(idx).run(LinkIntersect.validate(List.of("comp-a.com",
                "nobody.example"), "mine.com", 1, null, null), null);
        assertEquals(List.of("no indexed page links to competitor nobody.example"), r.warnings());
    }

    /**
     * With the real ingest-time topics (the exact clusters on hand-given topics are in {@code EarnedTopicsTest}):
     * the sea-otter pages lead, as A1 and B1 together earn links from 5 domains.
     */
    @Test
    void topicsThatEarnFromKeywords() {
        EarnedTopics et = new EarnedTopics(idx);
        EarnedTopics.Response r = et.run(et.keywordTerms(List.of("otters", "kelp")), Map.of(),
                new EarnedTopics.Options(20, 5, 10, null));
        assertEquals(List.of("otter", "kelp"), r.niche());
        EarnedTopics.Idea sea = r.ideas().get(0);
        assertEquals("sea otter", PageTopics.key(sea.topic()));
        assertEquals(5, sea.distinctRefDomains());
        assertEquals(List.of(JobsFixture.B1, JobsFixture.A1), sea.examples().stream()
                .map(EarnedTopics.EarningPage::url).toList());
        // who linked: comp-a.com has the highest authority; then by pages linked (2), then domain
        assertEquals(List.of("comp-a.com", "r1.org", "r2.net", "r3.io", "r5.dev"), sea.linkingSites().stream()
                .map(EarnedTopics.LinkingSite::domain).toList());
        assertEquals(List.of(1, 2, 2, 2, 1), sea.linkingSites().stream()
                .map(EarnedTopics.LinkingSite::pagesLinked).toList());
        assertEquals(5, sea.linkingSiteProspects().size());
        assertTrue(r.ideas().stream().anyMatch(i -> PageTopics.key(i.topic()).equals("kelp forest")),
                r.ideas().toString());
        // ranked by distinct referring domains, then pages
        for (int k = 1; k < r.ideas().size(); k++) {
            EarnedTopics.Idea a = r.ideas().get(k - 1);
            EarnedTopics.Idea b = r.ideas().get(k);
            assertTrue(a.distinctRefDomains() > b.distinctRefDomains() || (a.distinctRefDomains()
                    == b.distinctRefDomains() && a.pages() >= b.pages()), r.ideas().toString());
        }
    }

    @Test
    void topicsThatEarnContentGap() {
        EarnedTopics et = new EarnedTopics(idx);
        EarnedTopics.Response r = et.run(et.keywordTerms(List.of("otters", "kelp")), Map.of(),
                new EarnedTopics.Options(20, 5, 10, "mine.com"));
        // mine.com has a page on kelp forests: that topic is covered; its own pages are not candidates
        assertEquals("sea otter", PageTopics.key(r.ideas().get(0).topic()));
        assertTrue(r.ideas().stream().noneMatch(i -> i.topics().stream()
                .anyMatch(t -> PageTopics.contains(PageTopics.key(t), "kelp forest"))), r.ideas().toString());
        assertTrue(r.ideas().stream().allMatch(EarnedTopics.Idea::gap));
        assertEquals(4, r.candidatePages());
    }

    @Test
    void unlinkedMentions() {
        Mentions.Response r = new Mentions(idx).run(Mentions.validate("Kelp Atlas", "mine.com", null, null, null));
        // r3.io names the brand but links to mine.com; mine.com/about is the user's own page
        assertEquals(4, r.pagesNaming());
        assertEquals(2, r.linkedOrOwn());
        assertEquals(List.of(JobsFixture.R2B, JobsFixture.R4), r.results().stream().map(Mentions.Result::url)
                .toList());
        assertEquals("We loved the Kelp Atlas maps.", r.results().get(0).snippet());
        assertEquals("Source: mine.com survey of bakeries.", r.results().get(1).snippet());
        assertEquals(List.of("domain \"mine.com\""), r.results().get(1).matched());
    }

    @Test
    void guestPostTargetsForTheArticle() {
        GuestPostFinder.Response r = new GuestPostFinder(idx).find(JobsContent.of(idx, JobsFixture.ARTICLE,
                "markdown", null, false), new GuestPostFinder.Options(20, 0, 100, Set.of()));
        // three sites detect (r1 accepts, r4 accepts but writes about bread, r5 sells); comp-c's open-source page
        // does not
        assertEquals(3, r.candidates());
        assertEquals(List.of("r1.org", "r5.dev"), r.results().stream().map(GuestPostFinder.Result::domain).toList());
        GuestPostFinder.Result r1 = r.results().get(0);
        assertEquals("ACCEPTS", r1.kind());
        assertEquals(JobsFixture.R1_WFU, r1.guidelinesUrl());
        assertEquals(1.0, r1.topicFit());
        assertEquals(List.of("title", "url", "text", "guideline-words"), r1.reasons().stream()
                .map(x -> x.signal()).toList());
        GuestPostFinder.Result r5 = r.results().get(1);
        assertEquals("SELLS", r5.kind());
        assertEquals(List.of("sells-posts"), r5.flags());
        assertEquals(List.of("otter"), r5.matchedTerms());
        assertEquals("guest-posts", r5.toProspect().job());
        assertEquals(JobsFixture.R5_ADS, r5.toProspect().url());
        // excluded domains and authority filter
        assertEquals(List.of("r5.dev"), new GuestPostFinder(idx).find(JobsContent.of(idx, JobsFixture.ARTICLE,
                "markdown", null, false), new GuestPostFinder.Options(20, 0, 100, Set.of("r1.org"))).results()
                .stream().map(GuestPostFinder.Result::domain).toList());
        assertEquals(List.of(), new GuestPostFinder(idx).find(JobsContent.of(idx, JobsFixture.ARTICLE,
                "markdown", null, false), new GuestPostFinder.Options(20, 50, 100, Set.of())).results());
        assertEquals("", r.note());
    }

    @Test
    void guestPostsOnAnIndexWithoutDetectionsSaysWhy() throws Exception {
        Path dir = io.linkscout.api.ApiFixture.build(Path.of("target", "test-index-jobs-nogp"));
        try (LinkScoutIndex other = LinkScoutIndex.open(new IndexLayout(dir))) {
            GuestPostFinder.Response r = new GuestPostFinder(other).find(JobsContent.of(other,
                    io.linkscout.api.ApiFixture.ARTICLE, "markdown", null, false),
                    new GuestPostFinder.Options(20, 0, 100, Set.of()));
            assertEquals(0, r.candidates());
            assertEquals(List.of(), r.results());
            assertTrue(r.note().startsWith("no site in the index shows that it takes guest posts"), r.note());
        }
    }
}
