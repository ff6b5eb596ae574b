package io.linkscout.nlp;

import java.util.List;

/**
 * A topic of the user's content.
 *
 * @param phrase   display form: the most frequent surface form of the group (the first seen on a tie)
 * @param kind     {@code "keyphrase"} for a noun phrase, or the entity type {@code PERSON}, {@code ORGANIZATION},
 *                 {@code LOCATION} or {@code MISC} for a named entity
 * @param weight   tf-idf style weight (see {@link TopicExtractor}); comparable across topics of one text
 * @param count    number of occurrences in the text
 * @param mentions the occurrences, in text order
 */
public record Topic(String phrase, String kind, double weight, int count, List<Mention> mentions) {

    public static final String KEYPHRASE = "keyphrase";

    public boolean isEntity() {
        return !KEYPHRASE.equals(kind);
    }
}
