package io.linkscout.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscout.error.UserException;
import io.linkscout.index.DocumentSink;
import io.linkscout.index.IndexFields;
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
 * Writes one ingest generation into OpenSearch atomically, into a new physical index ({@code NAME-yyyyMMddHHmmssSSS})
 * that searches do not see until it is published:
 * <ul>
 * <li>a <b>full generation</b> ({@link #begin} with no previous one, or one the alias no longer serves): the index is
 * created with {@link OpenSearchSchema}'s settings and mappings and every document goes in through the bulk API;</li>
 * <li>an <b>incremental</b> one ({@link #begin} with the generation the alias serves): the published index is cloned
 * ({@code _clone}: its segments hard-linked, after a write block on it, which stays: a published generation is never
 * written again) and only what the ingest changes is sent — the documents written again ({@code index}, replacing
 * the copy's) and the kept pages' moved values ({@code update} with just those fields: graph scores, in-links,
 * referring domains, spam score and flags).</li>
 * </ul>
 * While the documents go in, the new index is in <b>bulk-load mode</b> ({@link #BULK_LOAD}): no replicas, no periodic
 * refresh, the translog synced in the background rather than per request — one copy of each shard indexes every
 * document once, and nobody searches it yet. {@link #prepareCommit} refreshes and flushes it, restores the
 * configured replicas, refresh interval and translog durability (the replicas then copy the finished segments
 * instead of indexing every document again), waits for its shards and checks that it holds every document
 * (the copy's plus the ones created); {@link #commit} then moves the alias {@code NAME} to it in one
 * {@code _aliases} request (readers switch at once) and deletes the generations before the one it replaces (that
 * one stays until the next publication, for readers of the previous embedded commit). Until then
 * searches through the alias see the previous generation; {@link #abort} deletes the new index.
 */
public final class OpenSearchIndexWriter implements DocumentSink, java.io.Closeable {

    /** Documents per bulk request, and bytes (roughly: characters) after which a bulk is sent earlier. */
    static final int BULK_DOCS = 500;
    static final int BULK_CHARS = 8 << 20;

    /**
     * Index settings while a new generation is loaded; {@link #prepareCommit} sets them back ({@link #published}).
     * A generation is only published after its refresh, flush and document count, so a load interrupted with
     * unsynced translog entries is never published: the count fails, or the index is deleted by {@link #abort}.
     */
    static final Map<String, Object> BULK_LOAD = Map.of("index.number_of_replicas", 0, "index.refresh_interval", "-1",
            "index.translog.durability", "async");

    private final OpenSearchHttp http;
    private final String alias;
    private final String physical;
    private final Map<String, OpenSearchSchema.Kind> mapped = new HashMap<>(OpenSearchSchema.knownFields());
    private final StringBuilder bulk = new StringBuilder();
    private final int shards;
    private final int replicas;
    private final boolean owned;
    private int bulkDocs;
    private long added;
    private long updated;
    /** Documents the bulk responses said were new (not replacing one of the copy's). */
    private long createdDocs;
    /** Documents of the copied generation (0 for a full one). */
    private long baseCount;
    private String basedOn;
    private boolean created;

    /**
     * Creates the new physical index at once (so a bad name or an unreachable cluster fails before any work).
     *
     * @param alias    the index name searches use ({@code --index-name}); lower case letters, digits, {@code -_.}
     * @param shards   primary shards of the new index
     * @param replicas replicas of each shard
     */
    public OpenSearchIndexWriter(OpenSearchHttp http, String alias, int shards, int replicas) {
        this(http, alias, shards, replicas, false);
    }

    /** As {@link #OpenSearchIndexWriter(OpenSearchHttp, String, int, int)}; {@code owned}: {@link #close} closes http. */
    OpenSearchIndexWriter(OpenSearchHttp http, String alias, int shards, int replicas, boolean owned) {
        this.http = http;
        this.owned = owned;
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
        this.shards = shards;
        this.replicas = replicas;
    }

    /**
     * Whether {@code physical} is a name this writer gives a generation published behind {@code alias}
     * ({@code ALIAS-yyyyMMddHHmmssSSS}).
     */
    public static boolean isGenerationOf(String alias, String physical) {
        return physical.length() == alias.length() + 18 && physical.startsWith(alias + "-")
                && physical.substring(alias.length() + 1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Creates the new index: a clone of {@code previous} when the alias serves exactly that generation (then only
     * changes follow; true), else an empty one with LinkScout's settings and mappings (false).
     */
    @Override
    public boolean begin(String previous) {
        if (created) {
            throw new IllegalStateException("begin was called twice");
        }
        if (previous != null && aliasTargets(http, alias).equals(List.of(previous))) {
            // a clone needs its source read-only; the published generation is never written again anyway
            http.call("PUT", "/" + previous + "/_settings", Map.of("index.blocks.write", true));
            created = true;
            Map<String, Object> settings = new LinkedHashMap<>(BULK_LOAD);
            settings.put("index.blocks.write", false);
            // expunging deletes merges every segment that has any (see prepareCommit)
            settings.put("index.merge.policy.expunge_deletes_allowed", 0);
            http.call("POST", "/" + previous + "/_clone/" + physical, Map.of("settings", settings),
                    Map.of("wait_for_active_shards", "1"));
            basedOn = previous;
            baseCount = http.call("GET", "/" + physical + "/_count", null).path("count").asLong(-1);
            return true;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> settings = OpenSearchSchema.settings(shards, replicas);
        BULK_LOAD.forEach((k, v) -> settings.put(k.substring("index.".length()), v));
        body.put("settings", settings);
        body.put("mappings", Map.of("dynamic", "strict", "properties", OpenSearchSchema.properties(mapped)));
        created = true;
        http.call("PUT", "/" + physical, body);
        return false;
    }

    /** The generation this one was cloned from; null for a full generation. */
    public String basedOn() {
        return basedOn;
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

    /** A partial update of a copied document: the given fields only, as {@link OpenSearchSchema#source} writes them. */
    @Override
    public void update(String type, String id, List<org.apache.lucene.index.IndexableField> values)
            throws IOException {
        if (basedOn == null) {
            throw new IllegalStateException("an in-place update needs a generation started from a copy");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        for (org.apache.lucene.index.IndexableField f : values) {
            doc.put(f.name(), OpenSearchSchema.value(f));
        }
        String action = OpenSearchHttp.JSON.writeValueAsString(Map.of("update",
                Map.of("_id", OpenSearchSchema.documentId(IndexFields.uid(type, id)))));
        String source = OpenSearchHttp.JSON.writeValueAsString(Map.of("doc", doc));
        synchronized (this) {
            bulk.append(action).append('\n').append(source).append('\n');
            bulkDocs++;
            updated++;
            if (bulkDocs >= BULK_DOCS || bulk.length() >= BULK_CHARS) {
                String toSend = bulk.toString();
                bulk.setLength(0);
                bulkDocs = 0;
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
        for (JsonNode item : r.path("items")) {
            JsonNode a = item.has("update") ? item.path("update") : item.path("index");
            JsonNode e = a.path("error");
            if (!e.isMissingNode()) {
                throw new UserException("OpenSearch at " + http.urls() + " refused document '"
                        + a.path("_id").asText() + "': " + e.path("type").asText() + ": "
                        + e.path("reason").asText() + "; nothing was published");
            }
            if ("created".equals(a.path("result").asText())) {
                createdDocs++;
            }
        }
        if (r.path("errors").asBoolean(false)) {
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
        if (basedOn != null) {
            expungeDeletes();
        }
        http.call("POST", "/" + physical + "/_flush", null);
        http.call("PUT", "/" + physical + "/_settings", published());
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
        long expected = baseCount + createdDocs;
        if (count != expected || basedOn == null && createdDocs != added) {
            throw new UserException("OpenSearch index " + physical + " holds " + count + " documents, "
                    + (basedOn == null ? added + " were sent" : baseCount + " were copied from " + basedOn + " and "
                    + createdDocs + " added") + "; nothing was published");
        }
    }

    /**
     * The settings a published generation has, after {@link #BULK_LOAD}: the configured replicas (a clone: the
     * configured ones too), and the refresh interval and translog durability back to OpenSearch's defaults (null
     * resets a setting).
     */
    private Map<String, Object> published() {
        Map<String, Object> s = new HashMap<>();
        BULK_LOAD.keySet().forEach(k -> s.put(k, null));
        s.put("index.number_of_replicas", replicas);
        return s;
    }

    /**
     * Merges away the copy's documents that were replaced or updated: Lucene's term statistics count deleted
     * documents until a merge drops them, so without this BM25 would score the copy differently from a full
     * publish (and from the embedded index, which expunges them too when it mirrors an incremental ingest).
     */
    private void expungeDeletes() {
        for (int attempt = 0; ; attempt++) {
            http.call("POST", "/" + physical + "/_forcemerge", null, Map.of("only_expunge_deletes", "true"));
            http.call("POST", "/" + physical + "/_refresh", null);
            long deleted = http.call("GET", "/" + physical + "/_stats/docs", null).path("_all").path("total")
                    .path("docs").path("deleted").asLong(0);
            if (deleted == 0) {
                return;
            }
            if (attempt == 20) {
                throw new UserException("OpenSearch index " + physical + " still holds " + deleted + " replaced "
                        + "documents after 20 merges; nothing was published");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("interrupted while merging OpenSearch index " + physical);
            }
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
        // the generation just replaced stays until the next one is published: a reader that acquired the previous
        // embedded commit reads that commit's own generation (BackendResolver.Choice#open(LinkScoutIndex)) and
        // must not find it deleted mid-request; the ones before it go
        List<String> older = new ArrayList<>();
        try {
            for (JsonNode i : http.call("GET", "/_cat/indices/" + alias + "-*", null,
                    Map.of("format", "json", "h", "index", "expand_wildcards", "all"))) {
                String name = i.path("index").asText();
                if (isGenerationOf(alias, name) && !name.equals(physical) && !before.contains(name)) {
                    older.add(name);
                }
            }
        } catch (UserException e) { // published: what is left over is only disk, removed by the next ingest
            System.err.println("warning: could not list the older OpenSearch indices of " + alias + ": "
                    + e.getMessage());
        }
        java.util.Collections.sort(older);
        for (String b : older) {
            try {
                http.call("DELETE", "/" + b, null);
            } catch (UserException e) {
                System.err.println("warning: could not delete the older OpenSearch index " + b + ": "
                        + e.getMessage());
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

    /** Closes the client when this writer owns it ({@link BackendResolver.Choice#openWriter}). */
    @Override
    public void close() throws IOException {
        if (owned) {
            http.close();
        }
    }

    /** Whole documents sent so far. */
    public synchronized long added() {
        return added;
    }

    /** Partial updates (kept documents' moved values) sent so far. */
    public synchronized long updated() {
        return updated;
    }

    /** What was published, for the commands' summaries. */
    public synchronized String summary() {
        return basedOn == null ? "published " + added + " document(s) as " + physical + " behind the alias"
                : "published " + physical + " behind the alias: a copy of " + basedOn + " with " + added
                + " document(s) written again and " + updated + " updated in place";
    }
}
