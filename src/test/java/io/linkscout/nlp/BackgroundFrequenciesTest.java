package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundFrequenciesTest {

    private static BackgroundFrequencies build(int minWord, int minPair, String... docs) throws IOException {
        BackgroundFrequencies.Builder b = new BackgroundFrequencies.Builder();
        for (String d : docs) {
            b.add(d);
        }
        StringWriter w = new StringWriter();
        b.write(w, "source=test", minWord, minPair);
        return BackgroundFrequencies.read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void countsStemmedWordsAndAdjacentPairsOncePerDocument() throws IOException {
        StringWriter w = new StringWriter();
        BackgroundFrequencies.Builder b = new BackgroundFrequencies.Builder();
        b.add("Wind turbines. Wind turbine farms");
        b.add("Offshore wind-turbine, wind");
        b.add("Solar farms");
        assertEquals(3, b.docs());
        b.write(w, "source=test", 2, 2);
        // stems: wind 2 docs, turbin 2, farm 2; pairs: "wind turbin" 2 (a hyphen joins, a full stop or comma breaks)
        assertEquals("# linkscout-background-df/1 docs=3 min-word-df=2 min-pair-df=2 source=test\n"
                + "farm\t2\nturbin\t2\nwind\t2\nwind turbin\t2\n", w.toString());
    }

    @Test
    void phraseFrequencyIsTheRarestAdjacentPair() throws IOException {
        BackgroundFrequencies bg = build(1, 1, "offshore wind farms", "wind farms", "wind farms", "offshore wind");
        assertEquals(4, bg.numDocs());
        assertEquals(4, bg.docFreq("Wind"));
        assertEquals(3, bg.phraseDocFreq(List.of("wind", "farm")));
        // "offshore wind" in 2 documents, "wind farms" in 3: the phrase is at most as common as its rarest pair
        assertEquals(2, bg.phraseDocFreq(List.of("offshore", "wind", "farms")));
        assertEquals(0, bg.phraseDocFreq(List.of("solar", "farms")));
        // idf = ln(1 + (4 - 2 + 0.5) / (2 + 0.5)) = ln 2
        assertEquals(Math.log(2), bg.phraseIdf(List.of("offshore", "wind", "farms")), 1e-12);
        assertEquals(Math.log(1 + 4.5 / 0.5), bg.phraseIdf(List.of("solar", "farms")), 1e-12);
    }

    @Test
    void badTableIsRefused() {
        IOException e = assertThrows(IOException.class, () -> BackgroundFrequencies.read(
                new ByteArrayInputStream("word\t3\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("# linkscout-background-df/1"), e.getMessage());
    }

    @Test
    void bundledTableIsLoaded() {
        BackgroundFrequencies bg = BackgroundFrequencies.bundled();
        assertEquals(6145, bg.numDocs());
        assertTrue(bg.docFreq("the") > 5000, "the: " + bg.docFreq("the"));
        assertTrue(bg.docFreq("volcano") > 0 && bg.docFreq("volcano") < 500, "volcano: " + bg.docFreq("volcano"));
    }

    /** {@code words} scans code points; it must give exactly the runs of {@code [\p{L}\p{N}]+}, lower-cased. */
    @Test
    void wordsAreTheRunsOfLettersAndNumbers() {
        assertEquals(List.of("sea", "otter", "s", "2nd", "ⅻ", "½", "𝐀b", "müller"),
                BackgroundFrequencies.words("Sea-otter's 2nd ⅻ ½ 𝐀B Müller!"));
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+");
        int[] alphabet = {'a', 'Z', '9', ' ', '-', '\'', '_', '\n', 'é', 'ß', 'Σ', 'ǅ', 'ʰ', '中', '٣', 'Ⅻ', '½', '̀',
                '€', 0x1D400, 0x1F600, 0xD800};
        java.util.Random random = new java.util.Random(20261207);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            List<String> expected = new java.util.ArrayList<>();
            java.util.regex.Matcher m = word.matcher(text);
            while (m.find()) {
                expected.add(m.group().toLowerCase(java.util.Locale.ROOT));
            }
            assertEquals(expected, BackgroundFrequencies.words(text), "round " + round + ": \"" + text + "\"");
        }
    }
}
