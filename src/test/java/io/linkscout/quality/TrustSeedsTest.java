package io.linkscout.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustSeedsTest {

    /**
     * A blog web: two blogs and a newsletter link to a reference site (a main seed that is only linked to) and to a
     * project site (a fallback seed) that links to the newsletter, which links to both blogs.
     */
    static LinkGraph blogs() {
        return new LinkGraphBuilder()
                .edge("blog-a.dev", "wikipedia.org", true).edge("blog-b.dev", "wikipedia.org", true)
                .edge("weekly.news", "wikipedia.org", true)
                .edge("blog-a.dev", "project.org", true).edge("project.org", "weekly.news", true)
                .edge("weekly.news", "blog-a.dev", true).edge("weekly.news", "blog-b.dev", true)
                .build();
    }

    @Test
    void fallbackOnlyWhenNoMainSeedLinksOut() {
        LinkGraph g = blogs();
        assertEquals(0, TrustSeeds.linkingOut(g, List.of("wikipedia.org", "w3.org")));
        assertEquals(List.of("project.org", "python.org", "w3.org", "wikipedia.org"),
                TrustSeeds.effective(g, List.of("wikipedia.org", "w3.org"), List.of("python.org", "project.org")));
        assertEquals(1, TrustSeeds.linkingOut(g, List.of("project.org", "python.org", "w3.org", "wikipedia.org")));
        // a main seed that links out keeps the main set alone
        assertEquals(List.of("blog-a.dev", "wikipedia.org"),
                TrustSeeds.effective(g, List.of("wikipedia.org", "blog-a.dev"), List.of("project.org")));
    }

    @Test
    void seedsThatOnlyReceiveLinksMakeNoSpamMassFlags() {
        LinkGraph g = blogs();
        DomainAnalysis before = DomainAnalysis.compute(g, List.of("wikipedia.org"), Map.of(), Map.of(),
                AuthorityConfig.DEFAULTS);
        assertEquals(0, before.seedsInGraph);
        for (int x = 0; x < g.nodeCount(); x++) {
            assertFalse(before.flags.get(x).stream().anyMatch(f -> f.code().equals(SpamFlag.HIGH_SPAM_MASS)),
                    g.name(x) + " " + before.flags.get(x));
            if (!g.name(x).equals("wikipedia.org")) {
                assertEquals(0.0, before.trust[x], 0.0, g.name(x));
            }
        }
        DomainAnalysis after = DomainAnalysis.compute(g,
                TrustSeeds.effective(g, List.of("wikipedia.org"), List.of("project.org")), Map.of(), Map.of(),
                AuthorityConfig.DEFAULTS);
        assertEquals(1, after.seedsInGraph);
        // trust flows project.org -> weekly.news -> both blogs
        for (String d : List.of("weekly.news", "blog-a.dev", "blog-b.dev")) {
            assertTrue(after.trust[g.node(d)] > 0, d);
        }
        assertTrue(after.trust[g.node("weekly.news")] > after.trust[g.node("blog-b.dev")]);
    }

    @Test
    void spamMassFlagsCanBeTurnedOffWithoutChangingSpamMass() {
        LinkGraph g = DomainAnalysisTest.fixture();
        DomainAnalysis on = DomainAnalysisTest.analyse(g);
        DomainAnalysis off = DomainAnalysis.compute(g, List.of("uni-a.edu", "uni-b.edu"),
                Map.of("news.com", java.util.Set.of("News"), "blog.net", java.util.Set.of("Tech")), Map.of(),
                AuthorityConfig.DEFAULTS, false);
        assertEquals(java.util.Arrays.toString(on.spamMass), java.util.Arrays.toString(off.spamMass));
        boolean anyOn = false;
        for (int x = 0; x < g.nodeCount(); x++) {
            anyOn |= on.flags.get(x).stream().anyMatch(f -> f.code().equals(SpamFlag.HIGH_SPAM_MASS));
            assertFalse(off.flags.get(x).stream().anyMatch(f -> f.code().equals(SpamFlag.HIGH_SPAM_MASS)));
        }
        assertTrue(anyOn, "the fixture has HIGH_SPAM_MASS flags when they are on");
    }
}
