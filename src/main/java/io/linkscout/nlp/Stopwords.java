package io.linkscout.nlp;

import java.util.Arrays;
import java.util.Set;

/**
 * English function words: the language check of {@link ContentText}, the term filter of {@link TopicExtractor}, and
 * the words {@code topics-that-earn} leaves out of a niche.
 */
public final class Stopwords {

    private Stopwords() {
    }

    static final Set<String> ENGLISH = Set.copyOf(Arrays.asList(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "etc", "even", "ever",
            "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
            "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
            "itself", "just", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "neither",
            "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others",
            "our", "ours", "ourselves", "out", "over", "own", "per", "rather", "same", "several", "shall", "she",
            "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
            "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "under",
            "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether",
            "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
            "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "don", "didn",
            "doesn", "isn", "wasn", "aren", "weren", "won", "wouldn", "shouldn", "couldn", "hasn", "haven", "hadn",
            "another", "any", "anyone", "anything", "everyone", "everything", "someone", "something", "nothing",
            "whatever", "whichever", "across", "along", "among", "around", "behind", "beside", "besides", "beyond",
            "despite", "inside", "near", "onto", "outside", "toward", "towards", "unlike", "like", "well", "still",
            "already", "almost", "although", "always", "never", "least", "less", "lot", "lots", "quite", "really",
            "certain", "various", "new", "two", "three", "first", "second", "get", "got", "make", "made", "use",
            "used", "using"));

    /** The list (lower case). */
    public static Set<String> english() {
        return ENGLISH;
    }

    static boolean isStopword(String lowerCaseWord) {
        return ENGLISH.contains(lowerCaseWord);
    }
}
