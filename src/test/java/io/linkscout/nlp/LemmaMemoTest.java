package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.MorphaAnnotator;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page topics' lemmas come from a memo of (word, tag) pairs: the same lemmas as CoreNLP's annotator gives. */
class LemmaMemoTest {

    private static final String TEXT = "She saw the saw. The leaves fell as he leaves. Sea otters were eating urchins; "
            + "the otters had eaten. Better boxes, best foxes, worse mice and geese were running.";

    private static List<CoreLabel> tokens(Annotation a) {
        List<CoreLabel> out = new ArrayList<>();
        for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
            out.addAll(s.get(CoreAnnotations.TokensAnnotation.class));
        }
        return out;
    }

    /** CoreNLP's own lemmas of copies of the tokens (word and tag only), in one call of its annotator. */
    private static List<String> coreNlpLemmas(List<CoreLabel> tokens) {
        List<CoreLabel> copies = new ArrayList<>();
        for (CoreLabel t : tokens) {
            CoreLabel c = new CoreLabel();
            c.setWord(t.word());
            c.setValue(t.word());
            c.setTag(t.tag());
            copies.add(c);
        }
        CoreMap s = new ArrayCoreMap();
        s.set(CoreAnnotations.TokensAnnotation.class, copies);
        Annotation a = new Annotation("");
        a.set(CoreAnnotations.SentencesAnnotation.class, List.of(s));
        new MorphaAnnotator(false).annotate(a);
        return copies.stream().map(CoreLabel::lemma).toList();
    }

    @Test
    void memoisedLemmasAreCoreNlpsAndEachPairIsLemmatisedOnce() {
        NlpPipeline nlp = NlpPipeline.shared();
        List<CoreLabel> first = tokens(nlp.annotateLexical(TEXT, PosLexicon.bundled()));
        int size = nlp.lemmaMemoSize();
        List<CoreLabel> second = tokens(nlp.annotateLexical(TEXT, PosLexicon.bundled()));
        assertEquals(size, nlp.lemmaMemoSize(), "a second pass over the same words adds no pair");
        List<String> expected = coreNlpLemmas(first);
        assertEquals(expected, first.stream().map(CoreLabel::lemma).toList());
        assertEquals(expected, second.stream().map(CoreLabel::lemma).toList());
        // the tag is part of the key: "saw" the verb and "saw" the noun, "leaves" the noun and the verb
        List<String> words = first.stream().map(CoreLabel::word).toList();
        assertEquals("see", first.get(words.indexOf("saw")).lemma());
        assertEquals("saw", first.get(words.lastIndexOf("saw")).lemma());
        assertEquals("leaf", first.get(words.indexOf("leaves")).lemma());
        assertEquals("leave", first.get(words.lastIndexOf("leaves")).lemma());
        assertTrue(expected.containsAll(List.of("otter", "eat", "urchin", "mouse", "goose", "run")), expected.toString());
    }
}
