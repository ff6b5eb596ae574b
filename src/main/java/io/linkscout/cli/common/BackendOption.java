package io.linkscout.cli.common;

import io.linkscout.search.BackendResolver;
import picocli.CommandLine.Option;

/**
 * {@code --backend lucene|opensearch}, {@code --opensearch-url}, {@code --index-name}: the options of every command
 * that reads or writes the index on OpenSearch; {@link #resolve} hands them to the one {@link BackendResolver}
 * (which falls back to {@code linkscout.backend} and {@code linkscout.opensearch.*}).
 */
public class BackendOption {

    @Option(names = "--backend", paramLabel = "lucene|opensearch", description = "lucene: the embedded index only "
            + "(default: linkscout.backend, i.e. lucene); opensearch: the index on the OpenSearch cluster at "
            + "--opensearch-url, alias --index-name, beside the embedded one (README \"Distributed engines\").")
    String backend;

    @Option(names = "--opensearch-url", paramLabel = "URL[,URL...]", description = "OpenSearch node URLs "
            + "(default: linkscout.opensearch.url).")
    String opensearchUrl;

    @Option(names = "--index-name", paramLabel = "NAME", description = "OpenSearch alias (default: "
            + "linkscout.opensearch.index-name, i.e. linkscout).")
    String indexName;

    /** The backend these options (else the configuration) choose; bad values are a {@code UserException}. */
    public BackendResolver.Choice resolve(BackendResolver resolver) {
        return resolver.resolve(backend, opensearchUrl, indexName);
    }
}
