package io.linkscout.nlp;

import java.util.List;

/**
 * JSON answer of {@code POST /api/topics} and {@code topics --format json}.
 *
 * @param title         the title used (given, or found in the content), or null
 * @param contentType   the content type used: plain, markdown or html
 * @param textLength    characters of plain text analysed (mention offsets refer to that text)
 * @param tokens        tokens in the text
 * @param sentences     sentences in the text
 * @param nerTokens     tokens named-entity recognition ran on (a prefix of the text)
 * @param millis        extraction time in milliseconds
 * @param topics        ranked topics
 * @param terms         ranked single terms (as many as topics requested)
 */
public record TopicsResponse(String title, String contentType, int textLength, int tokens, int sentences,
                             int nerTokens, long millis, List<Topic> topics, List<WeightedTerm> terms) {

    public static TopicsResponse of(TopicService.Topics t, int top) {
        TopicResult r = t.result();
        return new TopicsResponse(t.title(), t.content().type().label(), t.content().text().length(),
                r.tokenCount(), r.sentenceCount(), r.nerTokenCount(), r.totalMillis(), r.topics(), r.terms(top));
    }
}
