package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bigram tagger distilled from CoreNLP's: decoding on hand-built counts, its file, and the bundled lexicon. */
class PosLexiconTest {

    private static List<CoreLabel> sentence(String words, String tags) {
        String[] w = words.split(" ");
        String[] t = tags == null ? null : tags.split(" ");
        List<CoreLabel> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            CoreLabel l = new CoreLabel();
            l.setWord(w[i]);
            if (t != null) {
                l.setTag(t[i]);
            }
            out.add(l);
        }
        return out;
    }

    private static List<String> tags(PosLexicon lexicon, String words) {
        List<CoreLabel> s = sentence(words, null);
        lexicon.tag(s);
        return s.stream().map(CoreLabel::tag).toList();
    }

    /**
     * "run" is a noun twice and a verb twice; what comes before it decides: after "the" (DT, always followed by NN in
     * the counts) it is a noun, after "they" (PRP, always followed by VBP) a verb — a unigram tagger could not do both.
     */
    private static PosLexicon toy() {
        PosLexicon.Builder b = new PosLexicon.Builder();
        b.add(sentence("the run ended", "DT NN VBD"));
        b.add(sentence("the run ended", "DT NN VBD"));
        b.add(sentence("they run fast", "PRP VBP RB"));
        b.add(sentence("they run fast", "PRP VBP RB"));
        return b.build("toy");
    }

    @Test
    void theContextDecidesAnAmbiguousWord() {
        PosLexicon lexicon = toy();
        assertEquals(List.of("DT", "NN", "VBD"), tags(lexicon, "the run ended"));
        assertEquals(List.of("PRP", "VBP", "RB"), tags(lexicon, "they run fast"));
    }

    @Test
    void unseenWordsGoByTheSuffixOfRareWordsOfTheSameShape() {
        PosLexicon.Builder b = new PosLexicon.Builder();
        b.add(sentence("the walking dead walked", "DT VBG NN VBD"));
        b.add(sentence("a talking parrot talked", "DT VBG NN VBD"));
        PosLexicon lexicon = b.build("toy");
        // "jumping" and "jumped" were never seen: -ing / -ed of lower-case rare words
        assertEquals("VBG", tags(lexicon, "jumping").get(0));
        assertEquals("VBD", tags(lexicon, "jumped").get(0));
    }

    @Test
    void shapes() {
        assertEquals("L", PosLexicon.shape("otter"));
        assertEquals("C", PosLexicon.shape("Otter"));
        assertEquals("U", PosLexicon.shape("NASA"));
        assertEquals("C", PosLexicon.shape("A"));
        assertEquals("D", PosLexicon.shape("ggplot2"));
        assertEquals("O", PosLexicon.shape("--"));
    }

    @Test
    void theFileRoundTripsAndABadFileSaysWhere() throws IOException {
        PosLexicon.Builder b = new PosLexicon.Builder();
        b.add(sentence("the run ended", "DT NN VBD"));
        b.add(sentence("the run ended", "DT NN VBD"));
        b.add(sentence("they run fast", "PRP VBP RB"));
        b.add(sentence("they run fast", "PRP VBP RB"));
        StringWriter w = new StringWriter();
        assertEquals(5, b.write(w, "source=toy"));
        String file = w.toString();
        assertTrue(file.startsWith(PosLexicon.HEADER + " tokens=12 words=5"), file);
        assertTrue(file.contains("\nW\trun\tNN 2 VBP 2\n"), file);
        assertTrue(file.contains("\nT\t<s>\tDT\t2\n"), file);
        assertTrue(file.contains("\nP\tNN\t2\n"), file);
        PosLexicon read = PosLexicon.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("PRP", "VBP", "RB"), tags(read, "they run fast"));
        assertEquals(List.of("DT", "NN", "VBD"), tags(read, "the run ended"));
        IOException bad = assertThrows(IOException.class, () -> PosLexicon.read(new ByteArrayInputStream(
                (PosLexicon.HEADER + "\nW\trun\tNN x\n").getBytes(StandardCharsets.UTF_8))));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        assertThrows(IOException.class, () -> PosLexicon.read(new ByteArrayInputStream(
                "no header\n".getBytes(StandardCharsets.UTF_8))));
        IOException missing = assertThrows(IOException.class, () -> PosLexicon.read(new ByteArrayInputStream(
                (PosLexicon.HEADER + "\nP\tNN\t3\nW\trun\tNN 2 VBP 1\n").getBytes(StandardCharsets.UTF_8))));
        assertTrue(missing.getMessage().contains("tags [VBP] are used but have no P line"), missing.getMessage());
    }

    @Test
    void theBundledLexiconTagsLikeCoreNlpOnAPlainSentence() {
        String text = "Sea otters eat sea urchins along the rocky Pacific coast.";
        NlpPipeline nlp = NlpPipeline.shared();
        Annotation fast = nlp.annotateLexical(text, PosLexicon.bundled());
        Annotation slow = nlp.annotate(text, false);
        assertEquals(tagsOf(slow), tagsOf(fast));
        List<String> lemmas = fast.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::lemma).toList();
        assertEquals("otter", lemmas.get(1));
        assertEquals("urchin", lemmas.get(4));
        PosLexicon.Agreement a = PosLexicon.bundled().agreement(nlp, text);
        assertEquals(11, a.tokens());
        assertEquals(11, a.same());
    }

    private static List<String> tagsOf(Annotation a) {
        List<String> out = new ArrayList<>();
        for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
            s.get(CoreAnnotations.TokensAnnotation.class).forEach(t -> out.add(t.tag()));
        }
        return out;
    }
}
