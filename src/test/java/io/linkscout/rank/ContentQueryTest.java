package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.index.IndexFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link ContentQuery} makes of a content's text: the lead and the lead generator's rarest terms. */
class ContentQueryTest {

    /** 26 distinct words (none a stop word, none changed by the English analyzer's stemmer). */
    private static final List<String> WORDS = List.of("alpha", "bravo", "charli", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliet", "kilo", "lima", "mike", "novemb", "oscar", "papa", "quebec", "romeo",
            "sierra", "tango", "uniform", "victor", "whiskei", "xrai", "yank", "zulu");

    private static ContentQuery of(String title, String text, Map<String, Long> df) {
        return ContentQuery.of(title, text, List.of(), IndexFields.analyzer(), 1_000, terms -> {
            Map<String, Long> out = new HashMap<>();
            for (String t : terms) {
                out.put(t, df.getOrDefault(t, 0L));
            }
            return out;
        });
    }

    @Test
    void theLeadGeneratorReadsTheLeadsTwentyRarestTermsRarestFirstTiesByTerm() {
        String lead = String.join(" ", WORDS);
        // df: zulu 1, yank 2, ..., alpha 26; but golf, hotel and india all 5 (a tie), and kilo in no document
        Map<String, Long> df = new HashMap<>();
        for (int i = 0; i < WORDS.size(); i++) {
            df.put(WORDS.get(i), (long) (WORDS.size() - i));
        }
        df.put("golf", 5L);
        df.put("hotel", 5L);
        df.put("india", 5L);
        df.put("kilo", 0L);
        ContentQuery q = of("Alpha", lead, df);
        assertEquals(WORDS, q.lead(), "the lead keeps every distinct term, in text order");
        // rarest first: zulu 1, yank 2, xrai 3, whiskei 4, then the df-5 tie golf, hotel, india, victor (by term),
        // uniform 6, ...; kilo (in no document) is left out
        assertEquals(List.of("zulu", "yank", "xrai", "whiskei", "golf", "hotel", "india", "victor", "uniform",
                "tango", "sierra", "romeo", "quebec", "papa", "oscar", "novemb", "mike", "lima", "juliet", "foxtrot"),
                q.leadRarest());
        assertEquals(ContentQuery.LEAD_GENERATOR_TERMS, q.leadRarest().size());
    }

    @Test
    void aShortLeadIsReadWholeRarestFirstAndShortWordsAndNumbersCount() {
        // a lead needs 20 analysed terms and a title word; "x" and "1999" are lead terms the tf-idf terms skip
        String lead = "alpha bravo charli delta echo foxtrot golf hotel india juliet kilo lima mike novemb oscar "
                + "papa quebec romeo sierra x 1999";
        Map<String, Long> df = new HashMap<>();
        for (String w : WORDS) {
            df.put(w, 100L);
        }
        df.put("x", 7L);
        df.put("1999", 3L);
        ContentQuery q = of("Alpha", lead, df);
        assertEquals(21, q.lead().size());
        assertEquals(List.of("1999", "x", "alpha", "bravo", "charli", "delta", "echo", "foxtrot", "golf", "hotel",
                "india", "juliet", "kilo", "lima", "mike", "novemb", "oscar", "papa", "quebec", "romeo"),
                q.leadRarest());
        // no lead paragraph (it shares no word with the title): no lead generator either
        assertEquals(List.of(), of("Zulu", lead, df).leadRarest());
    }
}
