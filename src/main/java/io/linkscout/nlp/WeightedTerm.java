package io.linkscout.nlp;

/**
 * A single content word of the text with its tf-idf style weight, for building search queries.
 *
 * @param term   lower-cased surface word (the most frequent inflection of its lemma, e.g. {@code "turbines"})
 * @param weight weight, computed like a topic's (see {@link TopicExtractor})
 * @param count  occurrences of the lemma in the text
 */
public record WeightedTerm(String term, double weight, int count) {
}
