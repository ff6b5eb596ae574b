package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code linkscout.opensearch.*}: the OpenSearch backend of {@code ingest --backend opensearch} (README "Distributed
 * engines → OpenSearch"). The backend itself is {@code linkscout.backend} ({@code lucene} or {@code opensearch}).
 */
@ConfigMapping(prefix = "linkscout.opensearch")
public interface OpenSearchSettings {

    /** {@code linkscout.opensearch.url}: node URLs, comma-separated ({@code http://host:9200,...}). */
    Optional<String> url();

    /** {@code linkscout.opensearch.index-name}: the alias searches use; each ingest publishes a new index behind it. */
    @WithDefault("linkscout")
    String indexName();

    /** {@code linkscout.opensearch.shards}: primary shards of each new index. */
    @WithDefault("2")
    int shards();

    /** {@code linkscout.opensearch.replicas}: replicas of each shard. */
    @WithDefault("1")
    int replicas();
}
