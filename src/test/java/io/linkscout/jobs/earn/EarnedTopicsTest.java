package io.linkscout.jobs.earn;

import static io.linkscout.jobs.JobsFixture.A1;
import static io.linkscout.jobs.JobsFixture.A2;
import static io.linkscout.jobs.JobsFixture.B1;
import static io.linkscout.jobs.JobsFixture.C1;
import static io.linkscout.jobs.JobsFixture.M1;
import static io.linkscout.jobs.JobsFixture.M2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.api.ApiFixture;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.JobsFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clusters, order and the content gap of {@code topics-that-earn} on the {@link JobsFixture} graph with page topics
 * given by hand (an enrichment that stores them in place of the extractor's), so every figure is worked out here.
 */
class EarnedTopicsTest {

    /** The stored topics of each page (best first). */
    static final Map<String, List<String>> TOPICS = Map.of(
            A1, List.of("Sea otters", "Pacific coast", "urchins"),
            A2, List.of("kelp forests", "giant kelp"),
            B1, List.of("sea otter", "otters", "dense fur"),
            C1, List.of("urchin barrens", "urchins"),
            M1, List.of("kelp forests", "giant kelp", "maps"),
            M2, List.of("Kelp Atlas", "purple urchins"));

    static LinkScoutIndex idx;

    @BeforeAll
    static void build() throws Exception {
        Path dir = Path.of("target", "test-index-earn");
        ApiFixture.deleteRecursively(dir);
        IndexBuilder b = new IndexBuilder(new IndexLayout(dir), 1, null);
        List<IndexEnrichment> es = new ArrayList<>(IndexEnrichment.installed().stream()
                .filter(e -> !(e instanceof PageTopicsIndexing)).toList());
        es.add(new IndexEnrichment() {
            @Override
            public String name() {
                return "fixed-topics";
            }

            @Override
            public Pass start(Corpus corpus) {
                return new Pass() {
                    @Override
                    public void page(Document doc, IndexedPage page) {
                        PageTopicsIndexing.write(doc, TOPICS.getOrDefault(page.url(), List.of()));
                    }

                    @Override
                    public void site(Document doc, String domain) {
                    }
                };
            }
        });
        b.setEnrichments(es);
        b.ingest((sink, report) -> JobsFixture.pages().forEach(sink::page));
        idx = LinkScoutIndex.open(new IndexLayout(dir));
    }

    @AfterAll
    static void close() throws Exception {
        idx.close();
    }

    static EarnedTopics.Response run(String domain) {
        EarnedTopics et = new EarnedTopics(idx);
        return et.run(et.keywordTerms(List.of("otters", "kelp")), Map.of(), new EarnedTopics.Options(20, 5, 10,
                domain));
    }

    @Test
    void clustersRankedByDistinctReferringDomains() {
        EarnedTopics.Response r = run(null);
        // candidates: the pages naming otters or kelp with a referring domain: A1 A2 B1 C1 M1
        assertEquals(5, r.candidatePages());
        // "sea otter" (A1, B1) takes in "otters" (B1: its suffix); "kelp forests" and "giant kelp" are on the same
        // pages (A2, M1): one cluster, labelled by the better-ranked; "urchins" is on A1 and C1. The one-page topics
        // ("Pacific coast", "dense fur", "urchin barrens", "maps") name no niche term: dropped.
        assertEquals(List.of("Sea otters", "kelp forests", "urchins"), r.ideas().stream()
                .map(EarnedTopics.Idea::topic).toList());
        // referring domains: A1 r1 r2 r3 + B1 comp-a r1 r2 r3 r5 -> 5; A2 r4 r5 + M1 r3 -> 3; A1 + C1 r1 -> 3 (tie
        // of domains and pages: by label)
        assertEquals(List.of(5, 3, 3), r.ideas().stream().map(EarnedTopics.Idea::distinctRefDomains).toList());
        assertEquals(List.of(1, 2, 3), r.ideas().stream().map(EarnedTopics.Idea::rank).toList());
        EarnedTopics.Idea sea = r.ideas().get(0);
        assertEquals(List.of("Sea otters", "otters"), sea.topics());
        assertEquals(2, sea.pages());
        assertEquals(4.0, sea.meanRefDomains());
        assertEquals(List.of(B1, A1), sea.examples().stream().map(EarnedTopics.EarningPage::url).toList());
        assertEquals(List.of(List.of("sea otter", "otters"), List.of("Sea otters")), sea.examples().stream()
                .map(EarnedTopics.EarningPage::topics).toList());
        assertEquals("Sea otter facts", sea.examples().get(0).title());
        assertEquals(5, sea.examples().get(0).refDomains());
        // who linked: comp-a.com has the highest authority; then by pages linked (2), then domain
        assertEquals(List.of("comp-a.com", "r1.org", "r2.net", "r3.io", "r5.dev"), sea.linkingSites().stream()
                .map(EarnedTopics.LinkingSite::domain).toList());
        assertEquals(List.of("kelp forests", "giant kelp"), r.ideas().get(1).topics());
        assertFalse(sea.gap());
    }

    @Test
    void functionWordsAreNotNicheTerms() {
        EarnedTopics et = new EarnedTopics(idx);
        // "what", "you" and "does" (analysed "doe") would match pages about anything
        List<String> terms = et.keywordTerms(List.of("what", "otters", "you", "does", "kelp"));
        assertEquals(List.of("what", "otter", "you", "doe", "kelp"), terms);
        assertEquals(List.of("otter", "kelp"), et.withoutFunctionWords(terms));
        EarnedTopics.Response r = et.run(terms, Map.of(), new EarnedTopics.Options(20, 5, 10, null));
        assertEquals(List.of("otter", "kelp"), r.niche());
        assertEquals(run(null), r);
        UserException e = assertThrows(UserException.class, () -> et.run(et.keywordTerms(List.of("what you")),
                Map.of(), new EarnedTopics.Options(20, 5, 10, null)));
        assertTrue(e.getMessage().contains("only function words (what, you)"), e.getMessage());
    }

    @Test
    void contentGapDropsWhatTheDomainsPagesCarry() {
        EarnedTopics.Response r = run("mine.com");
        // mine.com's pages are not candidates; its topics "kelp forests" (M1) and "purple urchins" (M2, which
        // contains "urchins") cover those clusters
        assertEquals(4, r.candidatePages());
        assertEquals(List.of("Sea otters"), r.ideas().stream().map(EarnedTopics.Idea::topic).toList());
        assertTrue(r.ideas().get(0).gap());
    }

    @Test
    void coveredMeansAUserTopicContainsAClusterTopic() {
        assertTrue(EarnedTopics.covered(Set.of("giant kelp forest"), Set.of("kelp forest")));
        assertTrue(EarnedTopics.covered(Set.of("kelp forest"), Set.of("kelp forest")));
        assertFalse(EarnedTopics.covered(Set.of("kelp"), Set.of("kelp forest")));
        assertFalse(EarnedTopics.covered(Set.of("kelp forestri"), Set.of("kelp forest")));
    }

    @Test
    void anIndexWithoutPageTopicsSaysToIngestAgain() throws Exception {
        Path dir = Path.of("target", "test-index-earn-old");
        ApiFixture.deleteRecursively(dir);
        IndexBuilder b = new IndexBuilder(new IndexLayout(dir), 1, null);
        b.setEnrichments(List.of());
        b.ingest((sink, report) -> JobsFixture.pages().forEach(sink::page));
        try (LinkScoutIndex old = LinkScoutIndex.open(new IndexLayout(dir))) {
            EarnedTopics et = new EarnedTopics(old);
            UserException e = assertThrows(UserException.class, () -> et.run(List.of("kelp"), Map.of(),
                    new EarnedTopics.Options(20, 5, 10, null)));
            assertTrue(e.getMessage().startsWith("index: its pages have no stored topics"), e.getMessage());
        }
    }
}
