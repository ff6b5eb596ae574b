package io.linkscout.cli.common;

import io.linkscout.config.OpenSearchSettings;
import io.linkscout.error.UserException;
import io.linkscout.search.OpenSearchBackend;
import io.linkscout.search.OpenSearchHttp;
import io.linkscout.search.SearchBackend;
import picocli.CommandLine.Option;

/**
 * {@code --backend lucene|opensearch}, {@code --opensearch-url}, {@code --index-name}: the options (and their
 * configuration keys {@code linkscout.backend}, {@code linkscout.opensearch.url}, {@code .index-name}) of every
 * command that reads or writes the index on OpenSearch.
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

    /**
     * Whether the OpenSearch backend is chosen (the option, else {@code configured}, i.e. {@code linkscout.backend});
     * a bad value, or OpenSearch options with the Lucene backend, is a {@link UserException}.
     */
    public boolean opensearch(String configured) {
        String chosen = backend == null ? configured : backend;
        return switch (chosen) {
            case "lucene" -> {
                if (opensearchUrl != null || indexName != null) {
                    throw new UserException("--opensearch-url and --index-name need --backend opensearch");
                }
                yield false;
            }
            case "opensearch" -> true;
            default -> throw new UserException("--backend must be lucene or opensearch (or set linkscout.backend), "
                    + "got '" + chosen + "'");
        };
    }

    /** A client for the cluster of {@code --opensearch-url}, else {@code linkscout.opensearch.url}. */
    public OpenSearchHttp http(OpenSearchSettings settings) {
        return new OpenSearchHttp(opensearchUrl != null ? opensearchUrl : settings.url().orElse(null));
    }

    /** {@code --index-name}, else {@code linkscout.opensearch.index-name}. */
    public String indexName(OpenSearchSettings settings) {
        return indexName != null ? indexName : settings.indexName();
    }

    /**
     * The search backend chosen: null for {@code lucene} (the embedded index), else the OpenSearch alias (its
     * client closed with it).
     */
    public SearchBackend open(String configured, OpenSearchSettings settings) {
        if (!opensearch(configured)) {
            return null;
        }
        OpenSearchHttp http = http(settings);
        try {
            return new OpenSearchBackend(http, indexName(settings), true);
        } catch (RuntimeException e) {
            try {
                http.close();
            } catch (java.io.IOException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
    }
}
