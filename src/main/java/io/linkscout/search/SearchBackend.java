package io.linkscout.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of an index backend: what ranking needs first, answered the same way by the embedded Lucene index
 * ({@link LuceneSearchBackend}) and by an OpenSearch cluster ({@link OpenSearchBackend}). Scores are Lucene BM25
 * with k1=0.9, b=0.4 over exact corpus-wide statistics; ties are broken by the document id, ascending, so both
 * backends return the same list.
 */
public interface SearchBackend extends Closeable {

    /** A document and its score. */
    record Hit(String id, float score) {
    }

    /**
     * Statistics of one analysed term in a field, over every document of the index.
     *
     * @param term          the term as indexed (after the field's analyzer: lower-cased, stemmed)
     * @param docFreq       documents containing it
     * @param totalTermFreq its occurrences in all documents
     * @param docCount      documents with at least one term in the field
     */
    record TermStats(String term, long docFreq, long totalTermFreq, long docCount) {
    }

    /**
     * How a score was computed (Lucene's {@code Explanation} tree). The descriptions leave out what differs between
     * backends without changing the computation: the internal document number ({@code weight(body:kelp in 17)} is
     * {@code weight(body:kelp)}) and the similarity's class name.
     */
    record Explanation(float value, String description, List<Explanation> details) {

        /** A description without the internal document number and the similarity class name. */
        static String normalize(String description) {
            return description.replaceAll(" in -?\\d+\\)", ")").replaceAll(" \\[[A-Za-z0-9]*Similarity\\]", "");
        }
    }

    /** e.g. {@code lucene index/} or {@code opensearch http://host:9200 index linkscout}. */
    String describe();

    /**
     * The top {@code k} documents of type {@code type} ({@code page}, {@code site}) for {@code text} over one text
     * field: the text analysed like the field, any term may match (BM25 sum), by score descending, then id
     * ascending. Empty when the text has no searchable term (only stop words, say).
     */
    default List<Hit> topK(String type, String field, String text, int k) throws IOException {
        return topK(type, field, text, k, 0);
    }

    /**
     * As {@link #topK(String, String, String, int)}, with the ranking's first-stage authority clause when
     * {@code authorityBoost > 0}: the document's static authority ({@code features} {@code FeatureField} /
     * {@code rank_features}) added with a saturation function, {@code authorityBoost · S / (S + 10)} (as
     * {@code rank.Recommender} adds it).
     */
    List<Hit> topK(String type, String field, String text, int k, double authorityBoost) throws IOException;

    /**
     * The stored fields of the document {@code type}/{@code id}: every value as text (numbers in Java's
     * {@code toString} form, binary JSON records as UTF-8), multi-valued fields in order; empty when there is none.
     */
    Optional<Map<String, List<String>>> storedFields(String type, String id) throws IOException;

    /** Term statistics of every term {@code text} analyses to in {@code field}, in order of first occurrence. */
    List<TermStats> termStatistics(String field, String text) throws IOException;

    /**
     * The explanation of the score {@link #topK} gives document {@code type}/{@code id} for {@code text} over
     * {@code field}; empty when the document does not match.
     */
    Optional<Explanation> explain(String type, String field, String text, String id) throws IOException;

    /** Documents of a type. */
    long count(String type) throws IOException;

    /**
     * A number kept per document beside its stored fields (a Lucene doc value, which an incremental ingest or
     * {@code graph} updates in place), for {@link #documents} to read.
     *
     * @param asDouble whether the doc value holds a double's bits (a {@code DoubleDocValuesField}), else a long
     */
    record DocValue(String field, boolean asDouble) {
    }

    /**
     * Every document of type {@code type} whose keyword {@code field} holds {@code value} ({@code id}: the one
     * document; {@code domain}: a site's pages), by id ascending, as stored Lucene fields — numbers as numbers,
     * texts as texts, the JSON record ({@code record}) as binary — plus the {@code docValues} a document has no
     * stored value of (on OpenSearch every value is in {@code _source}, already partially updated in place).
     */
    List<org.apache.lucene.document.Document> documents(String type, String field, String value,
            List<DocValue> docValues) throws IOException;

    /** The document {@code type}/{@code id} as {@link #documents} gives it, if there is one. */
    default Optional<org.apache.lucene.document.Document> document(String type, String id) throws IOException {
        List<org.apache.lucene.document.Document> one = documents(type, io.linkscout.index.IndexFields.ID, id,
                List.of());
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /**
     * The top {@code k} documents of {@code query}, by score descending, then id ascending (every document tied
     * with the k-th score is considered); only positive scores unless {@code allowZero}. Empty when the query
     * cannot match ({@link QuerySpec#toLucene} is null).
     */
    List<Hit> search(QuerySpec query, int k, boolean allowZero) throws IOException;

    /**
     * The score of {@code query} for each of the documents {@code type}/{@code ids} it matches (id to score); the
     * ones it does not match are absent.
     */
    Map<String, Float> scores(QuerySpec query, String type, Collection<String> ids) throws IOException;

    /** Documents {@code query} matches (0 when it cannot match). */
    long count(QuerySpec query) throws IOException;

    /**
     * The positions of {@code terms} (analysed, as indexed) in {@code field} of each document {@code type}/{@code ids}:
     * id to term to its positions, ascending, as the index holds them (stop words leave gaps). Terms a document
     * lacks, and documents that do not exist, are absent.
     */
    Map<String, Map<String, int[]>> positions(String type, Collection<String> ids, String field,
            Collection<String> terms) throws IOException;

    /** Documents (of every type) containing each analysed term in {@code field}: term to document frequency. */
    Map<String, Long> docFreqs(String field, Collection<String> terms) throws IOException;

    /** Documents of every type in the index. */
    long numDocs() throws IOException;

    /**
     * The generation searches read now, as the ingest that wrote it recorded it in the embedded index's commit
     * ({@code linkscout.mirror}: on OpenSearch the physical index behind the alias); empty for the embedded index
     * itself.
     */
    default Optional<String> generation() throws IOException {
        return Optional.empty();
    }
}
