package io.linkscout.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.index.DocumentSink;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;

/**
 * Writes one ingest generation into OpenSearch atomically: every document goes into a new physical index
 * ({@code NAME-yyyyMMddHHmmssSSS}, created with {@link OpenSearchSchema}'s settings and mappings) through the bulk
 * API; {@link #prepareCommit} refreshes and flushes it, waits for its shards and checks that it holds every
 * document; {@link #commit} then moves the alias {@code NAME} to it in one {@code _aliases} request (readers
 * switch at once) and deletes the indices the alias named before. Until then searches through the alias see the
 * previous generation; {@link #abort} deletes the new index.
 */
public final class OpenSearchIndexWriter implements DocumentSink {

    /** Documents per bulk request, and bytes (roughly: characters) after which a bulk is sent earlier. */
    static final int BULK_DOCS = 500;
    static final int BULK_CHARS = 8 << 20;

    private final OpenSearchHttp http;
    private final String alias;
    private final String physical;
    private final Map<String, OpenSearchSchema.Kind> mapped = new HashMap<>(OpenSearchSchema.knownFields());
    private final StringBuilder bulk = new StringBuilder();
    private int bulkDocs;
    private long added;
    private boolean created;

    /**
     * Creates the new physical index at once (so a bad name or an unreachable cluster fails before any work).
     *
     * @param alias    the index name searches use ({@code --index-name}); lower case letters, digits, {@code -_.}
     * @param shards   primary shards of the new index
     * @param replicas replicas of each shard
     */
    public OpenSearchIndexWriter(OpenSearchHttp http, String alias, int shards, int replicas) {
        this.http = http;
        this.alias = requireName(alias);
        if (shards < 1 || replicas < 0) {
            throw new UserException("OpenSearch shards must be at least 1 and replicas at least 0 (got " + shards
                    + " and " + replicas + ")");
        }
        if (aliasTargets(http, alias).isEmpty() && http.exists("/" + alias)) {
            throw new UserException("OpenSearch at " + http.urls() + " has an index named '" + alias + "' that is not "
                    + "an alias; LinkScout publishes each ingest as a new index behind the alias '" + alias
                    + "': choose another --index-name or delete that index");
        }
        this.physical = alias + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settings", OpenSearchSchema.settings(shards, replicas));
        body.put("mappings", Map.of("dynamic", "strict", "properties", OpenSearchSchema.properties(mapped)));
        http.call("PUT", "/" + physical, body);
        created = true;
    }

    /** Index names OpenSearch accepts (and LinkScout's suffix keeps): checked before anything is sent. */
    public static String requireName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,200}") || name.equals(".") || name.equals("..")) {
            throw new UserException("bad OpenSearch index name '" + name + "' (--index-name / "
                    + "linkscout.opensearch.index-name): use lower-case letters, digits, '-', '_' or '.', starting "
                    + "with a letter or digit");
        }
        return name;
    }

    /** The physical index this generation is written to. */
    public String physicalIndex() {
        return physical;
    }

    @Override
    public String generation() {
        return physical;
    }

    @Override
    public void add(Document doc) throws IOException {
        OpenSearchSchema.Source s = OpenSearchSchema.source(doc);
        String action = OpenSearchHttp.JSON.writeValueAsString(Map.of("index", Map.of("_id", s.id())));
        String source = OpenSearchHttp.JSON.writeValueAsString(s.source());
        String toSend = null;
        synchronized (this) {
            mapNewFields(s.kinds());
            bulk.append(action).append('\n').append(source).append('\n');
            bulkDocs++;
            added++;
            if (bulkDocs >= BULK_DOCS || bulk.length() >= BULK_CHARS) {
                toSend = bulk.toString();
                bulk.setLength(0);
                bulkDocs = 0;
            }
            if (toSend != null) {
                // sent while holding the lock: bulks stay in order and memory stays bounded
                send(toSend);
            }
        }
    }

    /** Fields not mapped yet (an enrichment's): added to the mapping before the first document that has them. */
    private void mapNewFields(Map<String, OpenSearchSchema.Kind> kinds) {
        Map<String, OpenSearchSchema.Kind> fresh = new LinkedHashMap<>();
        kinds.forEach((name, k) -> {
            OpenSearchSchema.Kind existing = mapped.get(name);
            if (existing == null) {
                fresh.put(name, k);
            } else {
                OpenSearchSchema.checkCompatible(name, existing, k);
            }
        });
        if (!fresh.isEmpty()) {
            if (bulkDocs > 0) {
                send(bulk.toString());
                bulk.setLength(0);
                bulkDocs = 0;
            }
            http.call("PUT", "/" + physical + "/_mapping", Map.of("properties", OpenSearchSchema.properties(fresh)));
            mapped.putAll(fresh);
        }
    }

    private void send(String ndjson) {
        JsonNode r = http.call("POST", "/" + physical + "/_bulk", ndjson);
        if (r.path("errors").asBoolean(false)) {
            for (JsonNode item : r.path("items")) {
                JsonNode e = item.path("index").path("error");
                if (!e.isMissingNode()) {
                    throw new UserException("OpenSearch at " + http.urls() + " refused document '"
                            + item.path("index").path("_id").asText() + "': " + e.path("type").asText() + ": "
                            + e.path("reason").asText() + "; nothing was published");
                }
            }
            throw new UserException("OpenSearch at " + http.urls() + " refused part of a bulk request; nothing was "
                    + "published");
        }
    }

    @Override
    public void prepareCommit() throws IOException {
        synchronized (this) {
            if (bulkDocs > 0) {
                send(bulk.toString());
                bulk.setLength(0);
                bulkDocs = 0;
            }
        }
        http.call("POST", "/" + physical + "/_refresh", null);
        http.call("POST", "/" + physical + "/_flush", null);
        int replicas = http.call("GET", "/" + physical + "/_settings", null).path(physical).path("settings").path("index").path("number_of_replicas").asInt(0);
        int dataNodes = http.call("GET", "/_cluster/health", null).path("number_of_data_nodes").asInt(1);
        // every copy when the cluster can hold them all, else at least every primary
        String status = replicas < dataNodes ? "green" : "yellow";
        JsonNode h = http.call("GET", "/_cluster/health/" + physical, null,
                Map.of("wait_for_status", status, "timeout", "120s"));
        if (h.path("timed_out").asBoolean(false)) {
            throw new UserException("OpenSearch index " + physical + " did not become " + status + " within 120 s ("
                    + h.path("status").asText() + "); nothing was published");
        }
        long count = http.call("GET", "/" + physical + "/_count", null).path("count").asLong(-1);
        if (count != added) {
            throw new UserException("OpenSearch index " + physical + " holds " + count + " documents, " + added
                    + " were sent; nothing was published");
        }
    }

    @Override
    public void commit() {
        List<Object> actions = new ArrayList<>();
        List<String> before = aliasTargets(http, alias);
        for (String b : before) {
            actions.add(Map.of("remove", Map.of("index", b, "alias", alias)));
        }
        actions.add(Map.of("add", Map.of("index", physical, "alias", alias)));
        try {
            http.call("POST", "/_aliases", Map.of("actions", actions));
        } catch (UserException e) {
            abort(); // the alias still names the previous generation: the new index would only be left over
            throw new UserException(e.getMessage() + "; the embedded index is committed, OpenSearch keeps the "
                    + "previous generation of '" + alias + "': run the ingest again to publish it", e.status());
        }
        for (String b : before) {
            if (!b.equals(physical)) {
                try {
                    http.call("DELETE", "/" + b, null);
                } catch (UserException e) {
                    System.err.println("warning: could not delete the previous OpenSearch index " + b + ": "
                            + e.getMessage());
                }
            }
        }
    }

    @Override
    public void abort() {
        if (!created) {
            return;
        }
        try {
            http.call("DELETE", "/" + physical, null);
        } catch (RuntimeException e) {
            System.err.println("warning: could not delete the unpublished OpenSearch index " + physical + ": "
                    + e.getMessage());
        }
    }

    /** The indices the alias names now (none when it does not exist). */
    static List<String> aliasTargets(OpenSearchHttp http, String alias) {
        List<String> out = new ArrayList<>();
        try {
            http.call("GET", "/_alias/" + alias, null).fieldNames().forEachRemaining(out::add);
        } catch (UserException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        return out;
    }

    /** Documents sent so far. */
    public synchronized long added() {
        return added;
    }
}
