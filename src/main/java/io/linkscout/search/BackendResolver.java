package io.linkscout.search;

import io.linkscout.config.OpenSearchSettings;
import io.linkscout.error.UserException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which index backend a command or the server uses: {@code linkscout.backend} ({@code lucene|opensearch}) and
 * {@code linkscout.opensearch.*}, each overridable by an explicit value (the {@code --backend},
 * {@code --opensearch-url}, {@code --index-name} options of {@code cli.common.BackendOption}; null = configured).
 * The one place that reads these settings: {@code ingest}, {@code recommend}, the jobs, {@code bench scale} and
 * {@code serve} all resolve through it.
 */
@ApplicationScoped
public class BackendResolver {

    @ConfigProperty(name = "linkscout.backend", defaultValue = "lucene")
    String configured;

    @Inject
    OpenSearchSettings settings;

    /** For CDI. */
    public BackendResolver() {
    }

    /**
     * Outside CDI (tests of a command's own logic): {@code configured} as {@code linkscout.backend}, {@code settings}
     * as {@code linkscout.opensearch.*} (may be null with {@code lucene}).
     */
    public BackendResolver(String configured, OpenSearchSettings settings) {
        this.configured = configured;
        this.settings = settings;
    }

    /**
     * The backend chosen: the explicit values where given, else the configuration. A bad backend name, or OpenSearch
     * values with the Lucene backend, is a {@link UserException} (exit code 2 on the command line).
     *
     * @param backend   {@code lucene}, {@code opensearch} or null (configured)
     * @param url       node URLs, comma-separated, or null (configured)
     * @param indexName the alias, or null (configured)
     */
    public Choice resolve(String backend, String url, String indexName) {
        String chosen = backend == null ? configured : backend;
        return switch (chosen) {
            case "lucene" -> {
                if (url != null || indexName != null) {
                    throw new UserException("--opensearch-url and --index-name need --backend opensearch");
                }
                yield Choice.LUCENE;
            }
            case "opensearch" -> new Choice(true, url != null ? url : settings.url().orElse(null),
                    indexName != null ? indexName : settings.indexName(), settings.shards(), settings.replicas());
            default -> throw new UserException("--backend must be lucene or opensearch (or set linkscout.backend), "
                    + "got '" + chosen + "'");
        };
    }

    /** What {@code serve}'s options chose (null: the configuration). */
    private volatile Choice served;

    /**
     * The backend {@code serve --backend --opensearch-url --index-name} resolved: from now on {@link #configured()}
     * answers it, so every reader of the server (the shared recommender, the jobs, sites, pages, topics) uses it.
     */
    public void serve(Choice choice) {
        this.served = choice;
    }

    /** The backend of the server and the API: {@code serve}'s options ({@link #serve}), else the configuration. */
    public Choice configured() {
        Choice s = served;
        return s != null ? s : resolve(null, null, null);
    }

    /**
     * A resolved backend.
     *
     * @param opensearch whether the index is (also) on OpenSearch; false: the embedded index only
     * @param url        the cluster's node URLs (null until checked by {@link #http()})
     * @param indexName  the alias searches use and ingest publishes behind
     * @param shards     primary shards of each new index
     * @param replicas   replicas of each shard
     */
    public record Choice(boolean opensearch, String url, String indexName, int shards, int replicas) {

        /** The embedded index only. */
        public static final Choice LUCENE = new Choice(false, null, null, 0, 0);

        /** A client for the cluster (a missing or bad URL is a {@link UserException}). */
        public OpenSearchHttp http() {
            if (!opensearch) {
                throw new IllegalStateException("the Lucene backend has no OpenSearch client");
            }
            return new OpenSearchHttp(url);
        }

        /**
         * A writer publishing a new generation behind the alias with a client of its own, closed with it ({@code
         * ingest}, {@code graph}); null for {@code lucene}.
         */
        public OpenSearchIndexWriter openWriter() {
            if (!opensearch) {
                return null;
            }
            OpenSearchHttp http = http();
            try {
                return new OpenSearchIndexWriter(http, indexName, shards, replicas, true);
            } catch (RuntimeException e) {
                try {
                    http.close();
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
                throw e;
            }
        }

        /** A writer publishing a new generation behind the alias, on {@code http}. */
        public OpenSearchIndexWriter writer(OpenSearchHttp http, String alias) {
            return new OpenSearchIndexWriter(http, alias, shards, replicas);
        }

        /**
         * Runs {@code job} with the text signals of this backend for the embedded index {@code index}: the index
         * itself ({@link LuceneSearchBackend}) for {@code lucene}, else OpenSearch's index of {@code index}'s ingest
         * ({@link #open(io.linkscout.index.LinkScoutIndex)}, checked by {@link Generations#requireSame}); closed
         * afterwards.
         */
        public <R> R with(io.linkscout.index.LinkScoutIndex index, java.util.function.Function<SearchBackend, R> job) {
            try (SearchBackend b = opensearch ? open(index) : new LuceneSearchBackend(index, false)) {
                if (opensearch) {
                    Generations.requireSame(index, b);
                }
                return job.apply(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * The counts of {@code index} ({@code stats}, {@code GET /api/index/stats}); on OpenSearch with the alias's
         * section: its generation, whether it is the embedded index's ingest, its documents per type and its size on
         * the cluster. A generation that differs is reported, not refused: the counts are how one sees it.
         */
        public io.linkscout.index.IndexStats stats(io.linkscout.index.LinkScoutIndex index) throws IOException {
            io.linkscout.index.IndexStats s = index.stats();
            if (!opensearch) {
                return s;
            }
            try (OpenSearchBackend b = open()) {
                String generation = b.generation().orElse(null);
                return s.with(new io.linkscout.index.IndexStats.Backend(b.describe(), generation,
                        generation != null && generation.equals(index.commitData().get(
                                io.linkscout.index.IndexFields.COMMIT_MIRROR)),
                        b.count(io.linkscout.index.IndexFields.TYPE_PAGE),
                        b.count(io.linkscout.index.IndexFields.TYPE_SITE),
                        b.count(io.linkscout.index.IndexFields.TYPE_CATALOG),
                        b.count(io.linkscout.index.IndexFields.TYPE_AUTHORITY), b.storeBytes()));
            }
        }

        /**
         * The search backend: null for {@code lucene} (the embedded index), else the OpenSearch alias, its client
         * closed with it.
         */
        public OpenSearchBackend open() {
            return open((String) null);
        }

        /**
         * The search backend for reading with the embedded index {@code index}: null for {@code lucene}, else the
         * physical OpenSearch index its last commit was ingested with ({@link io.linkscout.index.IndexFields#COMMIT_MIRROR})
         * while the cluster still has it, else the alias. An ingest publishes its physical index complete and
         * refreshed, commits the embedded index naming it, and only then moves the alias: a reader of the new
         * embedded generation therefore finds its own ingest's documents in that window instead of being refused
         * for reading the alias's previous generation ({@link Generations#requireSame} still checks what is read).
         */
        public OpenSearchBackend open(io.linkscout.index.LinkScoutIndex index) {
            String physical = opensearch && index != null
                    ? index.commitData().get(io.linkscout.index.IndexFields.COMMIT_MIRROR) : null;
            return open(physical);
        }

        private OpenSearchBackend open(String physicalOrNull) {
            if (!opensearch) {
                return null;
            }
            OpenSearchHttp http = http();
            try {
                OpenSearchBackend own = physicalOrNull != null
                        && OpenSearchIndexWriter.isGenerationOf(indexName, physicalOrNull)
                        ? OpenSearchBackend.ifExists(http, physicalOrNull, true) : null;
                return own != null ? own : new OpenSearchBackend(http, indexName, true);
            } catch (RuntimeException e) {
                try {
                    http.close();
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
                throw e;
            }
        }
    }
}
