package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys, containment, shared topics, and the ingest-time extraction over the real CoreNLP models. */
class PageTopicsTest {

    @Test
    void keysAreLowerCasedWordsWithPluralsFolded() {
        assertEquals("sea otter", PageTopics.key("Sea otters"));
        assertEquals("sea otter", PageTopics.key("sea  otter"));
        assertEquals("single engine airplane", PageTopics.key("single-engine airplanes"));
        assertEquals("rust crate", PageTopics.key("Rust crates"));
        assertEquals("policy", PageTopics.key("policies"));
        // only plurals: Porter would make each pair one key
        assertEquals(List.of("edition", "edit"), List.of(PageTopics.key("editions"), PageTopics.key("edit")));
        assertEquals(List.of("general", "generic"), List.of(PageTopics.key("general"), PageTopics.key("generic")));
        assertEquals("ggplot2 package", PageTopics.key("ggplot2 packages"));
        assertEquals("", PageTopics.key("--"));
        assertEquals(List.of("sea", "otter"), PageTopics.words("sea otter"));
        assertEquals(List.of(), PageTopics.words(""));
    }

    @Test
    void containmentIsByWholeWords() {
        assertTrue(PageTopics.contains("giant kelp forest", "kelp forest"));
        assertTrue(PageTopics.contains("kelp forest", "kelp forest"));
        assertTrue(PageTopics.contains("kelp forest", "kelp"));
        assertFalse(PageTopics.contains("kelp forest", "forest kelp"));
        assertFalse(PageTopics.contains("kelpie forest", "kelp"));
        assertFalse(PageTopics.contains("kelp forest", ""));
    }

    @Test
    void sharedTopicsAreTheContentsThatAPageTopicContains() {
        assertEquals(List.of("Kelp forests", "kelp", "otters"), PageTopics.shared(
                List.of("Kelp forests", "sea urchins", "kelp", "otters", "forest kelp"),
                List.of("giant kelp forest", "Otter", "barrens")));
        assertEquals(List.of(), PageTopics.shared(List.of("kelp"), List.of()));
    }

    @Test
    void prefixCutsAtASpace() {
        assertEquals("abc def", PageTopics.prefix("abc def", 10));
        assertEquals("abcd", PageTopics.prefix("abcd efgh ijkl", 6));
    }

    @Test
    void extractsDistinctTopicsFromTheTitleAndTheStartOfTheText() {
        PageTopics pt = new PageTopics();
        String title = "Sea otters of the Pacific";
        String text = "Sea otters live along the Pacific coast and eat sea urchins. A sea otter has dense fur. ";
        List<String> topics = pt.extract(title, text);
        assertTrue(topics.size() <= PageTopics.TOPICS && !topics.isEmpty(), topics.toString());
        List<String> keys = topics.stream().map(PageTopics::key).toList();
        assertTrue(keys.contains("sea otter"), topics.toString());
        assertEquals(keys.size(), keys.stream().distinct().count(), "one topic per key: " + topics);
        assertEquals(topics, pt.extract(title, text), "deterministic");
        // text past the first MAX_CHARS characters is not read
        String filler = "Words about nothing in particular fill this line again. ".repeat(
                PageTopics.MAX_CHARS / 50 + 1);
        List<String> late = pt.extract(null, filler + "Quantum chromodynamics explains quarks. "
                + "Quantum chromodynamics is hard.");
        assertFalse(late.stream().map(PageTopics::key).anyMatch(k -> k.contains("chromodynam")), late.toString());
        List<String> early = pt.extract(null, "Quantum chromodynamics explains quarks. "
                + "Quantum chromodynamics is hard. " + filler);
        assertTrue(early.stream().map(PageTopics::key).anyMatch(k -> k.contains("chromodynam")), early.toString());
        assertEquals(List.of(), pt.extract(null, "  "));
    }
}
