package io.linkscout.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainAnalysisTest {

    /** Two trusted universities, an editorial web, and a five-domain link farm pushing shop.com. */
    static LinkGraph fixture() {
        LinkGraphBuilder b = new LinkGraphBuilder();
        b.edge("uni-a.edu", "news.com", true).edge("uni-b.edu", "news.com", true).edge("uni-a.edu", "uni-b.edu", true)
                .edge("news.com", "blog.net", true).edge("blog.net", "news.com", true)
                .edge("blog.net", "uni-a.edu", true).node("lonely.org");
        String[] farm = {"farm1.biz", "farm2.biz", "farm3.biz", "farm4.biz", "farm5.biz"};
        for (String f : farm) {
            for (String g : farm) {
                b.edge(f, g, true);
            }
            for (int k = 0; k < 4; k++) {
                b.edge(f, "shop.com", true); // four links from every farm page: edge weight 4
            }
        }
        return b.build();
    }

    static DomainAnalysis analyse(LinkGraph g) {
        return DomainAnalysis.compute(g, List.of("uni-a.edu", "uni-b.edu"),
                Map.of("news.com", Set.of("News"), "blog.net", Set.of("Tech")), Map.of(), AuthorityConfig.DEFAULTS);
    }

    static List<String> codes(DomainAnalysis a, String domain) {
        return a.flags.get(a.graph.node(domain)).stream().map(SpamFlag::code).toList();
    }

    @Test
    void linkFarmIsFlaggedAndItsAuthorityDoesNotLeak() {
        LinkGraph g = fixture();
        DomainAnalysis a = analyse(g);
        for (int i = 1; i <= 5; i++) {
            String f = "farm" + i + ".biz";
            assertTrue(codes(a, f).contains(SpamFlag.LINK_FARM), f + " " + codes(a, f));
            assertTrue(a.demoted[g.node(f)]);
            assertEquals(1.0, a.spamMass[g.node(f)], 1e-12);
            assertEquals(0.0, a.trust[g.node(f)]);
        }
        int shop = g.node("shop.com");
        int lonely = g.node("lonely.org");
        // before demotion the farm lifts shop.com far above a page nobody links to ...
        assertTrue(a.pageRank[shop] > 3 * a.pageRank[lonely]);
        // ... after it shop.com gets exactly what an unlinked domain gets
        assertEquals(a.finalRank[lonely], a.finalRank[shop], 1e-12);
        assertEquals(a.graphAuthority[lonely], a.graphAuthority[shop], 1e-9);
        // the farm's target: its PageRank comes entirely from outside the trusted core, and from flagged sites
        assertEquals(List.of(SpamFlag.HIGH_SPAM_MASS, SpamFlag.LINKED_FROM_SPAM), codes(a, "shop.com"));
        assertEquals(1.0, a.spamMass[shop], 1e-12);
        assertEquals(List.of(), codes(a, "news.com"));
        assertFalse(a.demoted[g.node("news.com")]);
        assertTrue(a.trust[g.node("news.com")] > 50);
        assertEquals(5, a.refDomains[shop]);
        assertEquals(List.of("farm1.biz", "farm2.biz", "farm3.biz", "farm4.biz", "farm5.biz"),
                a.topReferrers.get(shop));
        // topical authority: news.com is strongest in News, blog.net in Tech
        double newsInNews = a.topical.get(g.node("news.com")).get("News");
        for (int x = 0; x < g.nodeCount(); x++) {
            if (x != g.node("news.com")) {
                assertTrue(a.topical.get(x).getOrDefault("News", 0.0) < newsInNews, g.name(x));
            }
        }
        assertTrue(a.topical.get(g.node("blog.net")).containsKey("Tech"));
        assertFalse(a.topical.get(g.node("shop.com")).containsKey("News"));
    }

    @Test
    void sameNumbersOnEveryRun() {
        DomainAnalysis a = analyse(fixture());
        DomainAnalysis b = analyse(fixture());
        assertEquals(java.util.Arrays.toString(a.authority), java.util.Arrays.toString(b.authority));
        assertEquals(a.flags, b.flags);
        assertEquals(a.topical, b.topical);
    }

    @Test
    void priorIsMixedWithTheConfiguredWeight() {
        LinkGraph g = fixture();
        AuthorityConfig cfg = new AuthorityConfig(0.85, false, 0.25, 50, 0.8, "none");
        DomainAnalysis a = DomainAnalysis.compute(g, List.of(), Map.of(), Map.of("news.com", 80.0), cfg);
        int x = g.node("news.com");
        assertEquals(0.75 * a.graphAuthority[x] + 0.25 * 80, a.authority[x], 1e-12);
        assertEquals(a.graphAuthority[g.node("blog.net")], a.authority[g.node("blog.net")], 0.0);
        assertEquals(0, a.seedsInGraph);
        assertFalse(codes(a, "farm1.biz").contains(SpamFlag.HIGH_SPAM_MASS), "no seeds: spam mass says nothing");
        assertEquals(92.0, DomainAnalysis.prior(Map.of("moz_domain_authority", 92.0)), 1e-12);
        assertEquals(50.0, DomainAnalysis.prior(Map.of("majestic_rank", 1000.0)), 1e-9);
    }

    @Test
    void spamScoreCombinesFlagsLikeIndependentProbabilities() {
        SpamFlag a = new SpamFlag("X", "", List.of(), 0.5, 1.0);
        SpamFlag b = new SpamFlag("Y", "", List.of(), 0.4, 0.5);
        assertEquals(60.0, SpamFlag.score(List.of(a, b)), 1e-12); // 100*(1 - 0.5*0.8)
        assertEquals(50.0, SpamFlag.score(List.of(a)), 1e-12);
        assertEquals(0.0, SpamFlag.score(List.of()), 0.0);
    }

    @Test
    void vocabularyMatchesWholeWordsWithSnippets() {
        SpamVocabulary v = new SpamVocabulary(List.of("# comment", "casino", "online casino", "payday loans"));
        SpamVocabulary.Hits h = v.find("Best Online  Casino bonuses! Casinos are fun. Need PAYDAY LOANS? casino.", 2);
        assertEquals(3, h.count());
        assertEquals(Map.of("casino", 1, "online casino", 1, "payday loans", 1), h.perTerm());
        assertEquals(List.of("Best Online Casino bonuses! Casinos are fun. Need PAYDAY L…",
                "…Casino bonuses! Casinos are fun. Need PAYDAY LOANS? casino."), h.snippets());
        assertTrue(SpamVocabulary.bundled().terms().contains("payday loans"));
    }

    /**
     * The link-farm density's count of followed edges inside a referrer set, by marks (sparse members) and by pairwise
     * look-ups (hub members), equals a count over every ordered pair on random graphs with unfollowed edges and
     * parallel links. Seed printed.
     */
    @Test
    void followedEdgesInsideEqualsThePairwiseCount() {
        long seed = 14_401;
        System.out.println("followedEdgesInsideEqualsThePairwiseCount: seed " + seed);
        java.util.Random rnd = new java.util.Random(seed);
        int marked = 0;
        int pairwise = 0;
        for (int round = 0; round < 60; round++) {
            int n = 5 + rnd.nextInt(40);
            LinkGraphBuilder b = new LinkGraphBuilder();
            for (int i = 0; i < n; i++) {
                b.node("d" + i);
            }
            int hub = round % 2 == 0 ? rnd.nextInt(n) : -1; // a hub: links to nearly everyone
            int links = rnd.nextInt(n * 4);
            for (int k = 0; k < links; k++) {
                b.edge("d" + rnd.nextInt(n), "d" + rnd.nextInt(n), rnd.nextInt(4) != 0);
            }
            for (int i = 0; hub >= 0 && i < n; i++) {
                b.edge("d" + hub, "d" + i, rnd.nextBoolean());
            }
            LinkGraph g = b.build();
            int size = 2 + rnd.nextInt(Math.min(n - 1, 6));
            java.util.TreeSet<Integer> members = new java.util.TreeSet<>();
            if (hub >= 0) {
                members.add(g.node("d" + hub));
            }
            while (members.size() < size) {
                members.add(rnd.nextInt(n));
            }
            int[] set = members.stream().mapToInt(Integer::intValue).toArray();
            long expected = 0;
            for (int y : set) {
                for (int z : set) {
                    for (int e = g.edgeStart(y); y != z && e < g.edgeEnd(y); e++) {
                        if (g.target(e) == z && g.followed(e)) {
                            expected++;
                        }
                    }
                }
            }
            long degrees = 0;
            for (int y : set) {
                degrees += g.outDegree(y);
            }
            if (degrees > (long) set.length * set.length) {
                pairwise++;
            } else {
                marked++;
            }
            int[] marks = new int[n];
            assertEquals(expected, DomainAnalysis.followedEdgesInside(g, set, marks, 1), "round " + round);
            // marks left by an earlier member set with another tag do not count
            assertEquals(expected, DomainAnalysis.followedEdgesInside(g, set, marks, 2), "round " + round);
        }
        assertTrue(marked > 0 && pairwise > 0, "both counts exercised: marked " + marked + ", pairwise " + pairwise);
    }
}
