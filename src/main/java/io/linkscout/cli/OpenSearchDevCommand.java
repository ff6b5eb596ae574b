package io.linkscout.cli;

import io.linkscout.search.OpenSearchLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opensearch-dev [--nodes N]}: a real local OpenSearch cluster for trying the OpenSearch backend (the
 * launcher {@code ./mvnw package} builds into {@code target/opensearch/}); prints its URL and runs until stopped.
 */
@Command(name = "opensearch-dev", mixinStandardHelpOptions = true,
        description = "Start a local OpenSearch 3.9.0 cluster (N nodes in one child JVM on 127.0.0.1, free ports, "
                + "data in a temporary directory) for development and tests; prints the URL for --opensearch-url "
                + "and runs until Ctrl-C (then stops the nodes and removes the data).")
public class OpenSearchDevCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "2", description = "Nodes (default: 2).")
    int nodes;

    @Option(names = "--heap", defaultValue = "1g", description = "Heap of the cluster's JVM, all nodes together "
            + "(default: 1g).")
    String heap;

    @Option(names = "--home", paramLabel = "DIR", description = "The built launcher (default: target/opensearch "
            + "beside the application).")
    String home;

    @Override
    public Integer call() throws Exception {
        OpenSearchLauncher.Cluster c = OpenSearchLauncher.start(OpenSearchLauncher.locateHome(home), nodes, heap,
                null);
        Runtime.getRuntime().addShutdownHook(new Thread(c::close, "opensearch-dev-stop"));
        System.out.println("OpenSearch " + nodes + "-node cluster green at " + c.urls());
        System.out.println("use it with: linkscout ingest --backend opensearch --opensearch-url " + c.urls()
                + " --index-name linkscout INPUT...");
        System.out.println("Ctrl-C stops it");
        System.out.flush();
        return c.waitFor() == 0 ? 0 : 1;
    }
}
