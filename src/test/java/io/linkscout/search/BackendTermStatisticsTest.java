package io.linkscout.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.index.IndexFields;
import io.linkscout.nlp.ContentText;
import io.linkscout.nlp.ContentType;
import io.linkscout.nlp.NlpPipeline;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.TopicExtractor;
import io.linkscout.nlp.TopicFixtures;
import io.linkscout.nlp.TopicResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one word-statistics class over any {@link SearchBackend}: words analysed like the body field, and a whole
 * text's words looked up in one {@link SearchBackend#docFreqs} call (on OpenSearch: one request per shard per
 * content, not one per word).
 */
class BackendTermStatisticsTest {

    /** A backend of 1,000 pages with fixed body document frequencies (by analysed term); records its calls. */
    static final class FixedBackend implements SearchBackend {
        final Map<String, Long> df;
        final List<List<String>> calls = new ArrayList<>();

        FixedBackend(Map<String, Long> df) {
            this.df = df;
        }

        @Override
        public Map<String, Long> docFreqs(String field, Collection<String> terms) {
            assertEquals(IndexFields.BODY, field);
            calls.add(List.copyOf(terms));
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            for (String t : terms) {
                out.put(t, df.getOrDefault(t, 0L));
            }
            return out;
        }

        @Override
        public long count(String type) {
            assertEquals(IndexFields.TYPE_PAGE, type);
            return 1000;
        }

        @Override
        public List<org.apache.lucene.document.Document> documents(String type, String field, String value,
                List<DocValue> docValues) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "fixed";
        }

        @Override
        public List<Hit> topK(String type, String field, String text, int k, double authorityBoost) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Map<String, List<String>>> storedFields(String type, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TermStats> termStatistics(String field, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Explanation> explain(String type, String field, String text, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Hit> search(QuerySpec query, int k, boolean allowZero) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Float> scores(QuerySpec query, String type, Collection<String> ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(QuerySpec query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Map<String, int[]>> positions(String type, Collection<String> ids, String field,
                Collection<String> terms) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long numDocs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    static final Map<String, Long> DF = Map.of("turbin", 40L, "offshor", 60L, "wind", 300L, "farm", 200L,
            "sea", 250L, "energi", 450L);

    @Test
    void wordsAreAnalysedLikeTheBodyAndLookedUpInOneCall() {
        FixedBackend b = new FixedBackend(DF);
        BackendTermStatistics stats = new BackendTermStatistics(b, IndexFields.analyzer());
        assertEquals(1000, stats.numDocs());
        TermStatistics batch = stats.forWords(List.of("turbines", "offshore", "the", "turbine", "kelp"));
        // "the" is a stop word (no term); "turbines" and "turbine" stem to one term
        assertEquals(List.of(List.of("turbin", "offshor", "kelp")), b.calls);
        assertEquals(40, batch.docFreq("turbines"));
        assertEquals(40, batch.docFreq("turbine"));
        assertEquals(60, batch.docFreq("offshore"));
        assertEquals(0, batch.docFreq("the"));
        assertEquals(0, batch.docFreq("kelp"));
        assertEquals(1, b.calls.size(), "answered from the batch");
        // idf ln(1 + (N - df + 0.5) / (df + 0.5)) by hand: N = 1000, df = 40
        assertEquals(Math.log(1 + 960.5 / 40.5), batch.idf("turbines"), 1e-12);
        // a word outside the batch is still answered, by its own call
        assertEquals(300, batch.docFreq("winds"));
        assertEquals(List.of("wind"), b.calls.get(1));
        assertEquals(450, stats.docFreq("energy"));
        assertEquals(List.of("energi"), b.calls.get(2));
    }

    @Test
    void topicExtractionAsksForTheWholeTextOnceWithTheSameWeights() {
        ContentText.Converted article = ContentText.convert(TopicFixtures.resource("offshore-wind.md"),
                ContentType.AUTO, ContentText.Options.defaults());
        TopicExtractor extractor = new TopicExtractor(NlpPipeline.shared());
        FixedBackend b = new FixedBackend(DF);
        TopicResult batched = extractor.extract(article.title(), article.text(),
                new BackendTermStatistics(b, IndexFields.analyzer()), 20);
        assertEquals(1, b.calls.size(), "one docFreqs call for the whole content, got " + b.calls.size());
        // the same statistics asked word by word (no batch) give the same topics and weights
        FixedBackend perWord = new FixedBackend(DF);
        BackendTermStatistics plain = new BackendTermStatistics(perWord, IndexFields.analyzer());
        TermStatistics unbatched = new TermStatistics() {
            @Override
            public int numDocs() {
                return plain.numDocs();
            }

            @Override
            public int docFreq(String token) {
                return plain.docFreq(token);
            }
        };
        TopicResult expected = extractor.extract(article.title(), article.text(), unbatched, 20);
        assertEquals(expected.topics(), batched.topics());
        assertEquals(expected.terms(), batched.terms());
        assertEquals(true, perWord.calls.size() > 50, "word by word: " + perWord.calls.size() + " calls");
    }
}
