package io.linkscout.nlp;

import java.util.List;

/**
 * What {@link TopicExtractor#extract} found.
 *
 * @param topics         ranked topics, best first (at most the requested number)
 * @param terms          ranked single content words, best first (at most {@link TopicExtractor#MAX_TERMS})
 * @param tokenCount     tokens in the text
 * @param sentenceCount  sentences in the text
 * @param nerTokenCount  tokens that named-entity recognition ran on (a prefix of the text, see
 *                       {@link NlpPipeline.Options#nerMaxTokens()})
 * @param nlpMillis      time spent in CoreNLP (tokenize, ssplit, pos, lemma, ner)
 * @param totalMillis    total extraction time, including {@code nlpMillis}
 */
public record TopicResult(List<Topic> topics, List<WeightedTerm> terms, int tokenCount, int sentenceCount,
                          int nerTokenCount, long nlpMillis, long totalMillis) {

    /** The {@code n} best single terms (fewer if the text has fewer). */
    public List<WeightedTerm> terms(int n) {
        return terms.subList(0, Math.min(Math.max(0, n), terms.size()));
    }

    /** Only the keyphrases, in rank order. */
    public List<Topic> keyphrases() {
        return topics.stream().filter(t -> !t.isEntity()).toList();
    }

    /** Only the named entities, in rank order. */
    public List<Topic> entities() {
        return topics.stream().filter(Topic::isEntity).toList();
    }
}
