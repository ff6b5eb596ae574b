package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicExtractorTest {

    static ContentText.Converted article;
    static TopicExtractor extractor;

    @BeforeAll
    static void load() {
        article = ContentText.convert(TopicFixtures.resource("offshore-wind.md"), ContentType.AUTO,
                ContentText.Options.defaults());
        extractor = new TopicExtractor(NlpPipeline.shared());
    }

    private static String describe(Topic t) {
        return t.phrase() + "/" + t.kind();
    }

    @Test
    void topKeyphrasesAndEntitiesWithFixedStatistics() {
        assertEquals("Offshore wind farms in the North Sea", article.title());
        TopicResult r = extractor.extract(article.title(), article.text(), TopicFixtures.STATS, 100);

        // "floating wind turbines" is a phrase of its own (a participle modifier), so the singular is the commoner form;
        // specific multi-word phrases ("offshore wind energy") now outrank single generic nouns ("foundation")
        assertEquals(List.of("offshore wind farms", "wind turbine", "floating wind turbines", "Ørsted",
                        "offshore wind energy"),
                r.keyphrases().stream().limit(5).map(Topic::phrase).toList());
        // the 3-class CRF's answers, including its one mistake (Hull, a city, as PERSON); places get the kind bonus
        assertEquals(List.of("North Sea/LOCATION", "Hornsea/LOCATION", "Denmark/LOCATION", "Britain/LOCATION",
                        "Hull/PERSON", "Hywind Scotland/LOCATION", "Esbjerg/LOCATION", "Yorkshire/LOCATION",
                        "Netherlands/LOCATION", "Germany/LOCATION", "England/LOCATION", "Europe/LOCATION"),
                r.entities().stream().limit(12).map(TopicExtractorTest::describe).toList());
        assertEquals(List.of("North Sea/LOCATION", "offshore wind farms/keyphrase", "Hornsea/LOCATION",
                        "Denmark/LOCATION", "Britain/LOCATION"),
                r.topics().stream().limit(5).map(TopicExtractorTest::describe).toList());

        Topic top = r.topics().get(0);
        assertEquals(4, top.count());
        // the parts, by hand: frequency 1.90 × (1 + ln 4); "North Sea" is in the title; a place;
        // specificity 0.35 × mean(idf north, idf sea) / ln 1000 + 0.10 × background phrase idf / ln 6145
        double wordIdf = (TopicFixtures.STATS.idf("north") + TopicFixtures.STATS.idf("sea")) / 2;
        double spec = 0.35 * wordIdf / Math.log(1000)
                + 0.10 * BackgroundFrequencies.bundled().phraseIdf(List.of("north", "sea")) / Math.log(6145);
        Topic.Parts expected = new Topic.Parts(TopicExtractor.round(1.90 * (1 + Math.log(4))), 1.30,
                TopicExtractor.round(spec), 0.85, 0.0);
        assertEquals(expected, top.parts());
        assertEquals(TopicExtractor.round(expected.frequency() + expected.title() + expected.specificity()
                + expected.kind()), top.weight(), 1e-9);
        Mention first = top.mentions().get(0);
        assertEquals(new Mention(0, 27, 36, "North Sea"), first);
        for (Topic t : r.topics()) {
            for (Mention m : t.mentions()) {
                assertEquals(article.text().substring(m.charBegin(), m.charEnd()), m.surface());
            }
        }
        assertEquals(List.of("offshore", "turbines", "farms", "wind", "large"),
                r.terms(5).stream().map(WeightedTerm::term).toList());
        assertEquals(17, r.terms(5).get(3).count());
        assertTrue(r.tokenCount() > 300 && r.tokenCount() < 450, "tokens " + r.tokenCount());
        assertEquals(r.tokenCount(), r.nerTokenCount());
    }

    /** A glued hyphen joins two chunk words; an -ing/-ed participle before a chunk word is a modifier. */
    @Test
    void hyphenatedCompoundsAndParticipleModifiers() {
        TopicResult r = extractor.extract(null, "The single-engine airplane was flown with sliding mode control. "
                + "A hand - written note is not a compound.", TermStatistics.NONE, 20);
        List<String> phrases = r.keyphrases().stream().map(Topic::phrase).toList();
        assertTrue(phrases.contains("single-engine airplane"), phrases.toString());
        assertTrue(phrases.contains("sliding mode control"), phrases.toString());
        assertTrue(phrases.stream().noneMatch(p -> p.contains("hand - written") || p.equals("engine airplane")),
                phrases.toString());
    }

    /** Without an index, specificity comes from the bundled background table. */
    @Test
    void withoutStatisticsTheBackgroundTableWeighs() {
        TopicResult r = extractor.extract(article.title(), article.text(), TermStatistics.NONE, 3);
        assertEquals(List.of("North Sea/LOCATION", "offshore wind farms/keyphrase", "Hornsea/LOCATION"),
                r.topics().stream().map(TopicExtractorTest::describe).toList());
        assertEquals(3, r.topics().size());
    }

    @Test
    void boundedNerStillCountsLaterMentionsOfKnownEntities() {
        // NER only on the first sentences (<= 100 tokens): Denmark is found in sentence 3, its later mention is added
        NlpPipeline small = NlpPipeline.shared(new NlpPipeline.Options(false, 100));
        TopicResult r = new TopicExtractor(small).extract(article.title(), article.text(), TopicFixtures.STATS, 100);
        assertTrue(r.nerTokenCount() <= 100 && r.nerTokenCount() > 0, "ner tokens " + r.nerTokenCount());
        Topic denmark = r.entities().stream().filter(t -> t.phrase().equals("Denmark")).findFirst().orElseThrow();
        assertEquals(2, denmark.count());
    }

    @Test
    void sameResultFromTwoThreadsAtOnce() throws Exception {
        TopicResult expected = extractor.extract(article.title(), article.text(), TopicFixtures.STATS, 50);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<TopicResult> job = () -> extractor.extract(article.title(), article.text(),
                    TopicFixtures.STATS, 50);
            for (int round = 0; round < 3; round++) {
                Future<TopicResult> a = pool.submit(job);
                Future<TopicResult> b = pool.submit(job);
                TopicResult ra = a.get();
                TopicResult rb = b.get();
                assertEquals(expected.topics(), ra.topics());
                assertEquals(expected.topics(), rb.topics());
                assertEquals(expected.terms(), ra.terms());
                assertEquals(expected.terms(), rb.terms());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Topics written only in capitals (headlines, shouted text) get the all-caps malus; a mixed-case form lifts it. */
    @Test
    void allCapsFormsAreMarked() {
        TopicResult mixed = extractor.extract(null, "WIND POWER SURGES. Wind power grew.", TermStatistics.NONE, 20);
        Topic wind = mixed.topics().stream().filter(t -> t.phrase().equalsIgnoreCase("wind power")).findFirst()
                .orElseThrow();
        assertEquals(0.0, wind.parts().allCaps(), wind.toString());
        TopicResult caps = extractor.extract(null, "STORM CLOUDS GATHER OVER THE HILLS.", TermStatistics.NONE, 20);
        assertTrue(!caps.topics().isEmpty(), "no topics");
        for (Topic t : caps.topics()) {
            assertEquals(TopicExtractor.ALL_CAPS, t.parts().allCaps(), t.toString());
        }
    }

    @Test
    void emptyTextGivesNoTopics() {
        TopicResult r = extractor.extract(null, "", TermStatistics.NONE, 10);
        assertEquals(List.of(), r.topics());
        assertEquals(0, r.tokenCount());
    }

    @Test
    void idfOfStatistics() {
        assertEquals(1.0, TermStatistics.NONE.idf("anything"));
        TermStatistics s = TermStatistics.of(1000, java.util.Map.of("wind", 300));
        assertEquals(Math.log(1 + 700.5 / 300.5), s.idf("Wind"), 1e-12);
        assertEquals(Math.log(1 + 1000.5 / 0.5), s.idf("unknown"), 1e-12);
    }
}
