package io.linkscout.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SearchBackend} over an OpenSearch index (the alias {@link OpenSearchIndexWriter} publishes), by HTTP.
 * Exact corpus-wide statistics: every search is {@code dfs_query_then_fetch} (else each shard would score with its
 * own document frequencies) and refuses partial results ({@code allow_partial_search_results=false}: a shard that
 * no copy answers for is an error, never a ranking of the other shards); ties are sorted by {@code id}. Term
 * statistics are summed over the shards, one copy of each ({@code _termvectors} of an artificial document with
 * {@code preference=_shards:N}), like Lucene's over its segments.
 */
public final class OpenSearchBackend implements SearchBackend {

    private final OpenSearchHttp http;
    private final String index;
    private final boolean owned;

    /**
     * @param index the index or alias ({@code --index-name})
     * @param owned whether {@link #close} closes the HTTP client
     */
    public OpenSearchBackend(OpenSearchHttp http, String index, boolean owned) {
        this(http, index, owned, null);
        if (!http.exists("/" + index)) {
            throw new UserException("OpenSearch at " + http.urls() + " has no index '" + index + "': ingest into it "
                    + "first (linkscout ingest --backend opensearch --index-name " + index + " ...)", 404);
        }
    }

    private OpenSearchBackend(OpenSearchHttp http, String index, boolean owned, Void existenceCheckedByCaller) {
        this.http = http;
        this.index = OpenSearchIndexWriter.requireName(index);
        this.owned = owned;
    }

    /** The backend over {@code index} when the cluster has it (one {@code HEAD}), else null. */
    static OpenSearchBackend ifExists(OpenSearchHttp http, String index, boolean owned) {
        return http.exists("/" + index) ? new OpenSearchBackend(http, index, owned, null) : null;
    }

    @Override
    public String describe() {
        return "opensearch " + http.urls() + " index " + index;
    }

    private static Map<String, String> searchParams() {
        return Map.of("search_type", "dfs_query_then_fetch", "allow_partial_search_results", "false");
    }

    /** LinkScout's analyzer, which the index settings express: it decides which clauses can match at all. */
    private static final org.apache.lucene.analysis.Analyzer ANALYZER = IndexFields.analyzer();

    @Override
    public List<Hit> topK(String type, String field, String text, int k, double authorityBoost) {
        return search(LuceneSearchBackend.topKQuery(type, field, text, authorityBoost), k, true);
    }

    @Override
    public List<Hit> search(QuerySpec query, int k, boolean allowZero) {
        QuerySpec q = query.pruned(ANALYZER);
        if (q == null || k <= 0) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("track_total_hits", false);
        body.put("_source", false);
        body.put("query", q.toOpenSearch());
        if (!allowZero) {
            body.put("min_score", Float.MIN_VALUE); // positive scores only
        }
        // pages of at most WINDOW hits (OpenSearch's index.max_result_window), each after the last one's sort values
        List<Hit> out = new ArrayList<>();
        JsonNode after = null;
        while (out.size() < k) {
            int size = Math.min(window, k - out.size());
            body.put("size", size);
            if (after != null) {
                body.put("search_after", after);
            }
            JsonNode hits = sortedPage(body);
            for (JsonNode h : hits) {
                out.add(hit(h));
            }
            if (hits.size() < size) {
                break;
            }
            after = hits.path(hits.size() - 1).path("sort");
        }
        return out;
    }

    /** The most hits one search request returns (OpenSearch's default {@code index.max_result_window}). */
    static final int WINDOW = 10_000;

    /** Hits per request of {@link #search}: {@link #WINDOW}; smaller in tests, to page on a small index. */
    int window = WINDOW;

    /** Runs a search sorted by score, then id (the tie-break); the hits with their ids and scores. */
    private List<Hit> sortedHits(Map<String, Object> body) {
        List<Hit> out = new ArrayList<>();
        for (JsonNode h : sortedPage(body)) {
            out.add(hit(h));
        }
        return out;
    }

    private static Hit hit(JsonNode h) {
        return new Hit(h.path("sort").path(1).asText(), (float) h.path("_score").asDouble());
    }

    /** The hits of one search sorted by score, then id. */
    private JsonNode sortedPage(Map<String, Object> body) {
        body.put("sort", List.of(Map.of("_score", "desc"), Map.of(IndexFields.ID, "asc")));
        body.put("track_scores", true);
        return complete(http.call("POST", "/" + index + "/_search", body, searchParams()), "search").path("hits")
                .path("hits");
    }

    /** Documents looked up by id per request. */
    private static final int IDS_PER_REQUEST = 1000;

    @Override
    public Map<String, Float> scores(QuerySpec query, String type, Collection<String> ids) {
        QuerySpec q = query.pruned(ANALYZER);
        Map<String, Float> out = new LinkedHashMap<>();
        if (q == null) {
            return out;
        }
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += IDS_PER_REQUEST) {
            List<String> uids = all.subList(from, Math.min(all.size(), from + IDS_PER_REQUEST)).stream()
                    .map(id -> IndexFields.uid(type, id)).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("size", uids.size());
            body.put("track_total_hits", false);
            body.put("_source", false);
            body.put("query", Map.of("bool", Map.of("must", q.toOpenSearch(),
                    "filter", Map.of("terms", Map.of(IndexFields.UID, uids)))));
            for (Hit h : sortedHits(body)) {
                out.put(h.id(), h.score());
            }
        }
        return out;
    }

    @Override
    public long count(QuerySpec query) {
        QuerySpec q = query.pruned(ANALYZER);
        if (q == null) {
            return 0;
        }
        return complete(http.call("POST", "/" + index + "/_count", Map.of("query", q.toOpenSearch())), "count")
                .path("count").asLong();
    }

    /**
     * From {@code _mtermvectors} with positions (computed from {@code _source} with the field's analyzer, as the
     * document was indexed; realtime, so the copy asked answers for its own document).
     */
    @Override
    public Map<String, Map<String, int[]>> positions(String type, Collection<String> ids, String field,
            Collection<String> terms) {
        Map<String, Map<String, int[]>> out = new LinkedHashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        Set<String> wanted = new LinkedHashSet<>(terms);
        for (int from = 0; from < all.size(); from += IDS_PER_REQUEST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IDS_PER_REQUEST));
            List<Map<String, Object>> docs = new ArrayList<>();
            for (String id : part) {
                docs.add(Map.of("_id", OpenSearchSchema.documentId(IndexFields.uid(type, id)), "fields", List.of(field),
                        "positions", true, "offsets", false, "payloads", false, "term_statistics", false,
                        "field_statistics", false));
            }
            JsonNode r = http.call("POST", "/" + index + "/_mtermvectors", Map.of("docs", docs));
            JsonNode answers = r.path("docs");
            for (int i = 0; i < part.size(); i++) {
                JsonNode d = answers.path(i);
                if (d.has("error")) {
                    throw new UserException("OpenSearch at " + http.urls() + " could not give the term positions of '"
                            + part.get(i) + "' in index '" + index + "': " + d.path("error").path("reason").asText()
                            + ". Check the cluster health (GET /_cluster/health) and retry", 503);
                }
                if (!d.path("found").asBoolean(false)) {
                    continue;
                }
                Map<String, int[]> byTerm = new LinkedHashMap<>();
                JsonNode tv = d.path("term_vectors").path(field).path("terms");
                for (String t : wanted) {
                    JsonNode tokens = tv.path(t).path("tokens");
                    if (tokens.isArray() && !tokens.isEmpty()) {
                        int[] pos = new int[tokens.size()];
                        for (int k = 0; k < pos.length; k++) {
                            pos[k] = tokens.path(k).path("position").asInt();
                        }
                        java.util.Arrays.sort(pos);
                        byTerm.put(t, pos);
                    }
                }
                out.put(part.get(i), byTerm);
            }
        }
        return out;
    }

    /**
     * Summed over one copy of each shard: {@code _termvectors} of an artificial document holding the terms,
     * split on white space (the terms are already analysed), with term statistics.
     */
    @Override
    public Map<String, Long> docFreqs(String field, Collection<String> terms) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : terms) {
            out.put(t, 0L);
        }
        if (terms.isEmpty()) {
            return out;
        }
        Map<String, Object> body = Map.of("doc", Map.of(field, String.join(" ", out.keySet())),
                "fields", List.of(field), "per_field_analyzer", Map.of(field, "whitespace"),
                "term_statistics", true, "field_statistics", false, "positions", false, "offsets", false);
        for (int shard = 0; shard < shards(); shard++) {
            JsonNode tv = http.call("POST", "/" + index + "/_termvectors", body,
                    Map.of("preference", "_shards:" + shard)).path("term_vectors").path(field).path("terms");
            for (Map.Entry<String, Long> e : out.entrySet()) {
                e.setValue(e.getValue() + tv.path(e.getKey()).path("doc_freq").asLong(0));
            }
        }
        return out;
    }

    /** The physical index behind the alias (the index itself when the name is not an alias). */
    @Override
    public Optional<String> generation() {
        List<String> targets = OpenSearchIndexWriter.aliasTargets(http, index);
        return Optional.of(targets.isEmpty() ? index : String.join(",", targets));
    }

    /** Bytes on disk of the index behind the alias, every copy (primaries and replicas). */
    public long storeBytes() {
        return http.call("GET", "/" + index + "/_stats/store", null).path("_all").path("total").path("store")
                .path("size_in_bytes").asLong();
    }

    @Override
    public long numDocs() {
        return complete(http.call("POST", "/" + index + "/_count", Map.of("query", Map.of("match_all", Map.of()))),
                "count").path("count").asLong();
    }

    /** The answer, unless a shard failed or it timed out (then a clear error: a partial answer is a wrong one). */
    private JsonNode complete(JsonNode r, String what) {
        JsonNode shards = r.path("_shards");
        int failed = shards.path("failed").asInt(0);
        if (failed > 0 || r.path("timed_out").asBoolean(false)) {
            String reason = shards.path("failures").path(0).path("reason").path("reason").asText("timed out");
            throw new UserException("OpenSearch at " + http.urls() + " answered the " + what + " on index '" + index
                    + "' for only " + shards.path("successful").asInt() + " of " + shards.path("total").asInt()
                    + " shards (" + reason + "); no result is given rather than a wrong one. Check the cluster "
                    + "health (GET /_cluster/health) and retry", 503);
        }
        return r;
    }

    /**
     * A search with {@code explain} under {@code dfs_query_then_fetch} (the {@code _explain} API would explain with
     * one shard's statistics), restricted to the document by a filter that does not score (the same query as
     * {@link LuceneSearchBackend#explain}'s, so the trees have the same shape).
     */
    @Override
    public Optional<Explanation> explain(String type, String field, String text, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 1);
        body.put("explain", true);
        body.put("_source", false);
        QuerySpec q = LuceneSearchBackend.topKQuery(type, field, text, 0).pruned(ANALYZER);
        if (q == null) {
            return Optional.empty();
        }
        body.put("query", Map.of("bool", Map.of("must", q.toOpenSearch(),
                "filter", Map.of("term", Map.of(IndexFields.UID, IndexFields.uid(type, id))))));
        JsonNode r = complete(http.call("POST", "/" + index + "/_search", body, searchParams()), "explanation");
        JsonNode hit = r.path("hits").path("hits").path(0);
        return hit.isMissingNode() ? Optional.empty() : Optional.of(convert(hit.path("_explanation")));
    }

    private static Explanation convert(JsonNode e) {
        List<Explanation> details = new ArrayList<>();
        for (JsonNode d : e.path("details")) {
            details.add(convert(d));
        }
        return new Explanation((float) e.path("value").asDouble(),
                Explanation.normalize(e.path("description").asText()), List.copyOf(details));
    }

    @Override
    public Optional<Map<String, List<String>>> storedFields(String type, String id) {
        Map<String, Object> body = Map.of("size", 1, "query",
                Map.of("term", Map.of(IndexFields.UID, IndexFields.uid(type, id))));
        JsonNode r = complete(http.call("POST", "/" + index + "/_search", body,
                Map.of("allow_partial_search_results", "false")), "lookup");
        JsonNode hit = r.path("hits").path("hits").path(0);
        if (hit.isMissingNode()) {
            return Optional.empty();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        hit.path("_source").fields().forEachRemaining(e -> {
            List<String> vs = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                v.forEach(x -> vs.add(text(x)));
            } else if (!v.isObject() && !v.isNull()) {
                vs.add(text(v));
            }
            if (!vs.isEmpty()) {
                out.put(e.getKey(), vs);
            }
        });
        return Optional.of(out);
    }

    /**
     * A filtered search sorted by id, paged with {@code search_after} ({@link #window} hits a request); each hit's
     * {@code _source} as stored Lucene fields ({@link #document(JsonNode)}).
     */
    @Override
    public List<org.apache.lucene.document.Document> documents(String type, String field, String value,
            List<DocValue> docValues) {
        List<org.apache.lucene.document.Document> out = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("track_total_hits", false);
        body.put("query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of(IndexFields.TYPE, type)),
                Map.of("term", Map.of(field, value))))));
        body.put("sort", List.of(Map.of(IndexFields.ID, "asc")));
        body.put("size", window);
        while (true) {
            JsonNode hits = complete(http.call("POST", "/" + index + "/_search", body,
                    Map.of("allow_partial_search_results", "false")), "lookup").path("hits").path("hits");
            for (JsonNode h : hits) {
                out.add(document(h.path("_source")));
            }
            if (hits.size() < window) {
                return out;
            }
            body.put("search_after", hits.path(hits.size() - 1).path("sort"));
        }
    }

    /**
     * A document's {@code _source} as the stored fields Lucene gives: numbers as numbers (whole ones as longs),
     * texts as texts, the JSON record as binary, arrays as repeated fields; the {@code rank_features} object is left
     * out (it is no stored field).
     */
    static org.apache.lucene.document.Document document(JsonNode source) {
        org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
        source.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            for (JsonNode x : v.isArray() ? v : List.of(v)) {
                String name = e.getKey();
                if (x.isObject() || x.isNull()) {
                    continue;
                }
                if (x.isIntegralNumber()) {
                    d.add(new org.apache.lucene.document.StoredField(name, x.asLong()));
                } else if (x.isNumber()) {
                    d.add(new org.apache.lucene.document.StoredField(name, x.asDouble()));
                } else if (name.equals(IndexFields.RECORD)) {
                    d.add(new org.apache.lucene.document.StoredField(name,
                            x.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } else {
                    d.add(new org.apache.lucene.document.StoredField(name, text(x)));
                }
            }
        });
        return d;
    }

    /** A JSON value as the text Lucene's stored value gives ({@link LuceneSearchBackend#text}). */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isFloatingPointNumber()) {
            return Double.toString(v.doubleValue());
        }
        return v.toString();
    }

    @Override
    public List<TermStats> termStatistics(String field, String text) {
        JsonNode tokens = http.call("POST", "/" + index + "/_analyze", Map.of("field", field, "text", text));
        Set<String> terms = new LinkedHashSet<>();
        for (JsonNode t : tokens.path("tokens")) {
            terms.add(t.path("token").asText());
        }
        if (terms.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (String t : terms) {
            sums.put(t, new long[2]);
        }
        long docCount = 0;
        Map<String, Object> body = Map.of("doc", Map.of(field, text), "fields", List.of(field),
                "term_statistics", true, "field_statistics", true, "positions", false, "offsets", false);
        for (int shard = 0; shard < shards(); shard++) {
            JsonNode r = http.call("POST", "/" + index + "/_termvectors", body,
                    Map.of("preference", "_shards:" + shard));
            JsonNode tv = r.path("term_vectors").path(field);
            docCount += tv.path("field_statistics").path("doc_count").asLong(0);
            for (Map.Entry<String, long[]> e : sums.entrySet()) {
                JsonNode s = tv.path("terms").path(e.getKey());
                e.getValue()[0] += s.path("doc_freq").asLong(0);
                e.getValue()[1] += s.path("ttf").asLong(0);
            }
        }
        List<TermStats> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            out.add(new TermStats(e.getKey(), e.getValue()[0], e.getValue()[1], docCount));
        }
        return out;
    }

    /** Primary shards of the index (behind the alias). */
    int shards() {
        JsonNode s = http.call("GET", "/" + index + "/_settings/index.number_of_shards", null);
        var it = s.fields();
        if (!it.hasNext()) {
            throw new UserException("OpenSearch at " + http.urls() + " gave no settings for index '" + index + "'");
        }
        return it.next().getValue().path("settings").path("index").path("number_of_shards").asInt(1);
    }

    @Override
    public long count(String type) {
        JsonNode r = complete(http.call("POST", "/" + index + "/_count",
                Map.of("query", Map.of("term", Map.of(IndexFields.TYPE, type)))), "count");
        return r.path("count").asLong();
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            http.close();
        }
    }
}
