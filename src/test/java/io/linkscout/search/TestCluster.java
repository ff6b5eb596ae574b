package io.linkscout.search;

import java.io.IOException;

/**
 * A real OpenSearch cluster for a test class (nodes in one child JVM, {@link OpenSearchLauncher}, from the node
 * jars {@code ./mvnw} builds into {@code target/opensearch/}) and one HTTP client to it. Start it in
 * {@code @BeforeAll}, close it in {@code @AfterAll}: the client first, then the nodes (their data directory is
 * removed).
 */
public final class TestCluster implements AutoCloseable {

    private final OpenSearchLauncher.Cluster nodes;
    private final OpenSearchHttp http;

    private TestCluster(OpenSearchLauncher.Cluster nodes) {
        this.nodes = nodes;
        this.http = new OpenSearchHttp(nodes.urls());
    }

    /** Starts {@code nodes} nodes with {@code heap} each (e.g. {@code 512m}) and waits until they are green. */
    public static TestCluster start(int nodes, String heap) throws IOException {
        return new TestCluster(OpenSearchLauncher.start(OpenSearchLauncher.locateHome(null), nodes, heap, null));
    }

    /** The client (closed by {@link #close}). */
    public OpenSearchHttp http() {
        return http;
    }

    /** Every node's URL, comma-separated, as {@code --opensearch-url} takes them. */
    public String urls() {
        return nodes.urls();
    }

    /** Stops node {@code i} (0-based) and leaves the others running. */
    public void stopNode(int i) {
        nodes.stopNode(i);
    }

    /** Null-safe close for {@code @AfterAll} (the start may have failed). */
    public static void close(TestCluster c) throws IOException {
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            nodes.close();
        }
    }
}
