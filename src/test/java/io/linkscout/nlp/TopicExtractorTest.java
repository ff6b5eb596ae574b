package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.linkscout.nlp.TopicFixtures.w;

import io.linkscout.nlp.TopicExtractor.Feature;

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

        // the shorter phrases inside chunks are candidates and count the chunks they end ("wind farms" counts
        // "offshore wind farms") but take no slot after the longer one; the one-word prior ranks the single word
        // "foundation(s)", specific and spread through the article, below these phrases
        assertEquals(List.of("offshore wind farms", "wind turbines", "northern Europe", "Natural Gas", "large cities"),
                r.keyphrases().stream().limit(5).map(Topic::phrase).toList());
        // the 3-class CRF's answers, including its one mistake (Hull, a city, as PERSON); places get the kind bonus
        // (one-word names weigh less than two-word ones by the one-word prior: "Hywind Scotland" and "Siemens Gamesa"
        // enter the first 12, "Europe" leaves them)
        assertEquals(List.of("North Sea/LOCATION", "Britain/LOCATION", "Hornsea/LOCATION", "Denmark/LOCATION",
                        "Hywind Scotland/LOCATION", "Germany/LOCATION", "Netherlands/LOCATION", "England/LOCATION",
                        "Yorkshire/LOCATION", "Siemens Gamesa/ORGANIZATION", "Esbjerg/LOCATION", "Hull/PERSON"),
                r.entities().stream().limit(12).map(TopicExtractorTest::describe).toList());
        assertEquals(List.of("North Sea/LOCATION", "offshore wind farms/keyphrase", "wind turbines/keyphrase",
                        "Britain/LOCATION", "Hornsea/LOCATION"),
                r.topics().stream().limit(5).map(TopicExtractorTest::describe).toList());

        Topic top = r.topics().get(0);
        assertEquals(4, top.count());
        // the parts (each computed by hand in partsOfTheWeightByHand): "North Sea" is in the title, a place
        double l = Math.log(r.tokenCount()) - TopicExtractor.LENGTH_CENTRE;
        assertEquals(TopicExtractor.round(w(Feature.TITLE, l)), top.parts().title(), 1e-9);
        assertEquals(TopicExtractor.round(w(Feature.LOCATION, l)), top.parts().kind(), 1e-9);
        assertEquals(0.0, top.parts().allCaps());
        assertEquals(TopicExtractor.round(top.parts().sum()), top.weight(), 1e-9);
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

    /**
     * A hyphenated compound is one word of a chunk whatever its parts' tags (a number, an ordinal, a participle); a
     * chunk never starts or ends inside one, and one that ends in no noun is not a phrase; the abstract databases'
     * "/sub i/" subscript markup is not a word.
     */
    @Test
    void compoundsOfAnyPartsAndSubscriptMarkup() {
        TopicResult r = extractor.extract(null, "Robust two-stage Kalman filters drive a knowledge-based system. "
                + "The first-order theory of x/sub i/ values holds. The network is self-organizing.",
                TermStatistics.NONE, 100);
        List<String> phrases = r.keyphrases().stream().map(Topic::phrase).toList();
        for (String expected : List.of("two-stage Kalman filters", "knowledge-based system", "first-order theory")) {
            assertTrue(phrases.contains(expected), expected + " in " + phrases);
        }
        for (String p : phrases) {
            assertTrue(!p.startsWith("stage ") && !p.startsWith("order ") && !p.startsWith("based ")
                    && !p.equals("self") && !p.matches("(?i).*\\b(sub|sup)\\b.*"), p + " in " + phrases);
        }
    }

    /** Days and times of the news are neither topics nor parts of one; the words around them still are. */
    @Test
    void daysAndTimesAreNotTopics() {
        TopicResult r = extractor.extract(null, "The singer was arrested Friday after a car chase. She faces a plea "
                + "hearing Monday at 9 a.m. Tuesday's court session was moved. Police said the car chase began "
                + "yesterday.", TermStatistics.NONE, 100);
        List<String> phrases = r.topics().stream().map(Topic::phrase).toList();
        assertTrue(phrases.contains("car chase"), phrases.toString());
        assertTrue(phrases.contains("plea hearing"), phrases.toString());
        assertTrue(phrases.contains("court session"), phrases.toString());
        for (String p : phrases) {
            assertTrue(!p.matches("(?i).*\\b(friday|monday|tuesday|yesterday|a\\.m\\.)(\\b|$).*"), p + " in " + phrases);
        }
    }

    /**
     * A line break ends a phrase and a name (a headline and its dateline are not one topic) unless the line goes
     * on in lower case, as running text wrapped at a fixed width does.
     */
    @Test
    void aLineBreakEndsAPhraseUnlessTheTextRunsOn() {
        TopicResult r = extractor.extract(null, "Cruz gets Hollywood Walk of Fame star\nLOS ANGELES (Reuters) - "
                + "Penelope Cruz got her star on the Walk of Fame. The offshore wind\nfarms of the North Sea grow.",
                TermStatistics.NONE, 100);
        List<String> phrases = r.topics().stream().map(Topic::phrase).toList();
        assertTrue(phrases.contains("offshore wind farms"), phrases.toString());
        assertTrue(phrases.contains("LOS ANGELES"), phrases.toString());
        for (String p : phrases) {
            assertTrue(!p.contains("\n") && !p.matches("(?i).*\\bstar los\\b.*"), p + " in " + phrases);
        }
    }

    /** Without an index, specificity comes from the bundled background table. */
    @Test
    void withoutStatisticsTheBackgroundTableWeighs() {
        TopicResult r = extractor.extract(article.title(), article.text(), TermStatistics.NONE, 3);
        assertEquals(List.of("Hornsea/LOCATION", "North Sea/LOCATION", "offshore wind farms/keyphrase"),
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
        double l = Math.log(caps.tokenCount()) - TopicExtractor.LENGTH_CENTRE;
        for (Topic t : caps.topics()) {
            assertEquals(TopicExtractor.round(w(Feature.ALL_CAPS, l)), t.parts().allCaps(), 1e-9, t.toString());
        }
    }

    /**
     * A chunk and each shorter phrase that keeps its head are candidates; none starts inside a hyphenated compound or
     * with a determiner or possessive.
     */
    @Test
    void subPhrasesOfChunksAreCandidates() {
        List<TopicExtractor.Candidate> seen = new java.util.ArrayList<>();
        TopicResult r = extractor.withCandidateSink(seen::addAll).extract(null,
                "The safe ship control of his single-engine airplane failed.", TermStatistics.NONE, 100);
        List<Topic> candidates = seen.stream().map(TopicExtractor.Candidate::topic).toList();
        assertEquals(List.of("airplane", "control", "safe ship control", "ship control", "single-engine airplane"),
                candidates.stream().map(Topic::phrase).sorted().toList());
        Topic whole = candidates.stream().filter(t -> t.phrase().equals("safe ship control")).findFirst()
                .orElseThrow();
        assertEquals(List.of(new Mention(0, 4, 21, "safe ship control")), whole.mentions());
        Topic head = candidates.stream().filter(t -> t.phrase().equals("control")).findFirst().orElseThrow();
        assertEquals(List.of(new Mention(0, 14, 21, "control")), head.mentions());
        // the whole chunks weigh more than their sub-phrases here, so the sub-phrases take no slot of the topics
        assertEquals(List.of("safe ship control", "single-engine airplane"),
                r.keyphrases().stream().map(Topic::phrase).sorted().toList());
    }

    private static TopicExtractor.Candidate candidate(String phrase, String kind, double weight) {
        List<String> words = java.util.Arrays.stream(phrase.split(" ")).map(TopicExtractor::lower).toList();
        Topic.Parts parts = new Topic.Parts(weight, 0, 0, 0, 0, 0, 0);
        return new TopicExtractor.Candidate(new Topic(phrase, kind, weight, 1, List.of(), parts),
                new TopicExtractor.Features(1, 1, 0, 1.0, false, words, kind, false, 1, true), 100, List.of());
    }

    /**
     * Selection: best weight first (ties by phrase); a topic whose Porter stems lie inside a better topic already
     * chosen takes no slot (so the next one gets it), a longer topic after a shorter one still does, and a topic of
     * the same length with the same stems is not "inside".
     */
    @Test
    void aSubPhraseOfABetterChosenTopicTakesNoSlot() {
        List<TopicExtractor.Candidate> cs = List.of(
                candidate("airplane", Topic.KEYPHRASE, 0.5),
                candidate("Arafat", "PERSON", 2.4),
                candidate("ship control", Topic.KEYPHRASE, 2.0),
                candidate("control", Topic.KEYPHRASE, 3.0),
                candidate("Yasser Arafat", "PERSON", 2.5),
                candidate("safe ship controls", Topic.KEYPHRASE, 1.0),
                candidate("ship controls", Topic.KEYPHRASE, 1.5),
                candidate("controlling", Topic.KEYPHRASE, 0.9),
                candidate("fuel", Topic.KEYPHRASE, 0.1));
        assertEquals(List.of("control", "Yasser Arafat", "ship control", "ship controls", "safe ship controls"),
                TopicExtractor.select(cs, 5, true).stream().map(Topic::phrase).toList());
        // "Arafat" lies inside "Yasser Arafat", "controlling" (Porter stem "control") inside "ship control"
        assertEquals(List.of("control", "Yasser Arafat", "ship control", "ship controls", "safe ship controls",
                        "airplane", "fuel"),
                TopicExtractor.select(cs, 10, true).stream().map(Topic::phrase).toList());
        assertEquals(List.of(), TopicExtractor.select(cs, 0, true));
        // page topics keep every key: only the weights decide
        assertEquals(List.of("control", "Yasser Arafat", "Arafat", "ship control", "ship controls"),
                TopicExtractor.select(cs, 5, false).stream().map(Topic::phrase).toList());
    }

    /** The parts of a weight, by hand, for a two-word phrase in a 1,000-token text of 50 sentences. */
    @Test
    void partsOfTheWeightByHand() {
        TermStatistics words = TermStatistics.of(1000, java.util.Map.of("ship", 100, "control", 300));
        BackgroundFrequencies pairs = new BackgroundFrequencies(2000, java.util.Map.of("ship control", 9), "test");
        // the most frequent candidate of the text occurs 4 times
        TopicExtractor.Scorer scorer = new TopicExtractor.Scorer(TopicExtractor.WEIGHTS, words, pairs,
                java.util.Map.of("ship", 3, "control", 7), 1000, 50, 4);
        // 2 occurrences in 2 sentences (not the first), 1 of them a whole chunk, first at token 10, in the title
        TopicExtractor.Features x = new TopicExtractor.Features(2, 1, 10, 1.0 / 11 + 1.0 / 101, true,
                List.of("ship", "control"), Topic.KEYPHRASE, false, 2, false);
        Topic.Parts p = scorer.parts(x);
        double l = Math.log(1000) - 5.5;
        double idfShip = Math.log(1 + 900.5 / 100.5) / Math.log(1000);
        double idfControl = Math.log(1 + 700.5 / 300.5) / Math.log(1000);
        double pairIdf = Math.log(1 + 1991.5 / 9.5) / Math.log(2000);
        double tfidf = Math.log(4) * idfShip + Math.log(8) * idfControl;
        double tf = 1 + Math.log(2);
        assertEquals(TopicExtractor.round(w(Feature.TF, l) * tf + w(Feature.WHOLE, l) * Math.log(2)
                + w(Feature.WHOLE_SHARE, l) * 0.5 + w(Feature.SPREAD, l) * 2 / 50.0
                + w(Feature.RELATIVE_COUNT, l) * 2 / 4.0), p.frequency(), 1e-9);
        assertEquals(TopicExtractor.round(w(Feature.FIRST, l) * 10 / 1000.0
                + w(Feature.POSITION_SUM, l) * (1.0 / 11 + 1.0 / 101)), p.position(), 1e-9);
        assertEquals(TopicExtractor.round(w(Feature.TITLE, l)), p.title(), 1e-9);
        assertEquals(TopicExtractor.round(w(Feature.WORD_IDF, l) * (idfShip + idfControl) / 2
                + w(Feature.WORD_IDF_MIN, l) * idfControl + w(Feature.WORD_IDF_MAX, l) * idfShip
                + w(Feature.HEAD_IDF, l) * idfControl + w(Feature.PHRASE_IDF, l) * pairIdf
                + w(Feature.COUNT_PHRASE_IDF, l) * tf * pairIdf + w(Feature.WORD_TFIDF_SUM, l) * tfidf
                + w(Feature.WORD_TFIDF_MEAN, l) * tfidf / 2), p.specificity(), 1e-9);
        assertEquals(TopicExtractor.round(2 * w(Feature.WORDS, l)), p.length(), 1e-9);
        assertEquals(0.0, p.kind());
        assertEquals(0.0, p.allCaps());
        assertEquals(p.frequency() + p.position() + p.title() + p.specificity() + p.length(), p.sum(), 1e-12);
        // the first sentence and a place add their coefficients to position and kind
        Topic.Parts place = scorer.parts(new TopicExtractor.Features(2, 1, 10, 1.0 / 11 + 1.0 / 101, true,
                List.of("ship", "control"), "LOCATION", false, 2, true));
        assertEquals(TopicExtractor.round(p.position() + w(Feature.FIRST_SENTENCE, l)), place.position(), 1e-3);
        assertEquals(TopicExtractor.round(w(Feature.LOCATION, l)), place.kind(), 1e-9);
    }

    /** Longer texts weigh frequency more: the same counts outrank the same specificity by more. */
    @Test
    void frequencyCountsMoreInLongTexts() {
        // 8 occurrences, all whole chunks, in 4 sentences; the most frequent candidate of either text
        TopicExtractor.Features frequent = new TopicExtractor.Features(8, 8, 0, 1, false, List.of("wind"),
                Topic.KEYPHRASE, false, 4, true);
        TopicExtractor.Scorer shortText = new TopicExtractor.Scorer(TopicExtractor.WEIGHTS, TermStatistics.NONE,
                BackgroundFrequencies.bundled(), java.util.Map.of(), 150, 8, 8);
        TopicExtractor.Scorer longText = new TopicExtractor.Scorer(TopicExtractor.WEIGHTS, TermStatistics.NONE,
                BackgroundFrequencies.bundled(), java.util.Map.of(), 2000, 100, 8);
        assertTrue(longText.parts(frequent).frequency() > shortText.parts(frequent).frequency());
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
