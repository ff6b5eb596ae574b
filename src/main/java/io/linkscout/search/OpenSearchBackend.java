package io.linkscout.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
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
        this.http = http;
        this.index = OpenSearchIndexWriter.requireName(index);
        this.owned = owned;
        if (!http.exists("/" + index)) {
            throw new UserException("OpenSearch at " + http.urls() + " has no index '" + index + "': ingest into it "
                    + "first (linkscout ingest --backend opensearch --index-name " + index + " ...)", 404);
        }
    }

    @Override
    public String describe() {
        return "opensearch " + http.urls() + " index " + index;
    }

    private static Map<String, String> searchParams() {
        return Map.of("search_type", "dfs_query_then_fetch", "allow_partial_search_results", "false");
    }

    /** The query of {@link #topK}: the text must match, the type filters (no score). */
    private static Map<String, Object> typed(String type, String field, String text) {
        return Map.of("bool", Map.of(
                "must", Map.of("match", Map.of(field, Map.of("query", text))),
                "filter", Map.of("term", Map.of(IndexFields.TYPE, type))));
    }

    @Override
    public List<Hit> topK(String type, String field, String text, int k, double authorityBoost) {
        if (k <= 0) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", k);
        body.put("track_total_hits", false);
        body.put("_source", false);
        Map<String, Object> query = typed(type, field, text);
        if (authorityBoost > 0) {
            // rank_feature over the rank_features field: the same Lucene FeatureField saturation query
            query = Map.of("bool", Map.of("must", query, "should", Map.of("rank_feature", Map.of(
                    "field", IndexFields.FEATURES + "." + IndexFields.FEATURE_AUTHORITY,
                    "boost", authorityBoost, "saturation", Map.of("pivot", IndexFields.AUTHORITY_PIVOT)))));
        }
        body.put("query", query);
        body.put("sort", List.of(Map.of("_score", "desc"), Map.of(IndexFields.ID, "asc")));
        body.put("track_scores", true);
        JsonNode r = complete(http.call("POST", "/" + index + "/_search", body, searchParams()), "search");
        List<Hit> out = new ArrayList<>();
        for (JsonNode h : r.path("hits").path("hits")) {
            out.add(new Hit(h.path("sort").path(1).asText(), (float) h.path("_score").asDouble()));
        }
        return out;
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
        body.put("query", Map.of("bool", Map.of("must", typed(type, field, text),
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
