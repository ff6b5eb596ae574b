package io.linkscout.nlp;

import java.util.List;

/**
 * A topic of the user's content.
 *
 * @param phrase   display form: the most frequent surface form of the group (the first seen on a tie)
 * @param kind     {@code "keyphrase"} for a noun phrase, or the entity type {@code PERSON}, {@code ORGANIZATION},
 *                 {@code LOCATION} or {@code MISC} for a named entity
 * @param weight   the sum of {@code parts} (see {@link TopicExtractor}); comparable across topics of one text
 * @param count    number of occurrences in the text
 * @param mentions the occurrences, in text order
 * @param parts    what the weight is made of, so each rank can be explained
 */
public record Topic(String phrase, String kind, double weight, int count, List<Mention> mentions, Parts parts) {

    public static final String KEYPHRASE = "keyphrase";

    public boolean isEntity() {
        return !KEYPHRASE.equals(kind);
    }

    /**
     * The parts of a topic's weight ({@link TopicExtractor} gives the formula and where each coefficient comes from).
     *
     * @param frequency   from the number of occurrences, as a whole chunk and inside longer chunks
     * @param position    from where the occurrences are (early ones count more)
     * @param title       when the phrase occurs in the title, else 0
     * @param specificity from the idf of the phrase's words (index or background table), of the phrase itself
     *                    (background table of word pairs) and the frequency of its words in the text
     * @param length      the prior of one-word and longer phrases
     * @param kind        the bonus or malus of the topic's kind (places up, people down)
     * @param allCaps     a malus when every written form is in capitals (headlines, shouted text, bare acronyms)
     */
    public record Parts(double frequency, double position, double title, double specificity, double length,
                        double kind, double allCaps) {

        /** The weight: the sum of the parts. */
        public double sum() {
            return frequency + position + title + specificity + length + kind + allCaps;
        }
    }
}
