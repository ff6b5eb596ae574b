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

        // "floating wind turbines" is a phrase of its own (a participle modifier), so the singular is the commoner form
        assertEquals(List.of("offshore wind farms", "wind turbine", "foundation", "Ørsted", "floating wind turbines"),
                r.keyphrases().stream().limit(5).map(Topic::phrase).toList());
        // the 3-class CRF's answers, including its one mistake (Hull, a city, as PERSON)
        assertEquals(List.of("Britain/LOCATION", "Denmark/LOCATION", "Hornsea/LOCATION", "North Sea/LOCATION",
                        "Hull/PERSON", "Europe/LOCATION", "Germany/LOCATION", "Netherlands/LOCATION",
                        "Boris Johnson/PERSON", "England/LOCATION", "Esbjerg/LOCATION", "Hywind Scotland/LOCATION"),
                r.entities().stream().limit(12).map(TopicExtractorTest::describe).toList());
        assertEquals(List.of("offshore wind farms/keyphrase", "wind turbine/keyphrase", "Britain/LOCATION",
                        "Denmark/LOCATION", "Hornsea/LOCATION"),
                r.topics().stream().limit(5).map(TopicExtractorTest::describe).toList());

        Topic top = r.topics().get(0);
        assertEquals(4, top.count());
        // (1 + ln 4 + title 1.0 + lead 0.5) * mean(idf offshore, wind, farms)
        double idf = (TopicFixtures.STATS.idf("offshore") + TopicFixtures.STATS.idf("wind")
                + TopicFixtures.STATS.idf("farms")) / 3;
        assertEquals(TopicExtractor.round((1 + Math.log(4) + 1.5) * idf), top.weight(), 1e-9);
        Mention first = top.mentions().get(0);
        assertEquals(new Mention(0, 0, 19, "Offshore wind farms"), first);
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

    @Test
    void withoutStatisticsRankingFollowsFrequency() {
        TopicResult r = extractor.extract(article.title(), article.text(), TermStatistics.NONE, 3);
        assertEquals(List.of("North Sea/LOCATION", "offshore wind farms/keyphrase", "wind turbine/keyphrase"),
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
