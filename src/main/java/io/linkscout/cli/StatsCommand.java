package io.linkscout.cli;

import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.IndexOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.index.IndexStats;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.search.BackendResolver;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stats}: counts of an index. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print index counts: pages, sites, links, terms (with --backend opensearch also the "
                + "cluster's documents, generation and size).")
public class StatsCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        BackendResolver.Choice chosen = backend.resolve(backends);
        IndexStats s;
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
            s = chosen.stats(idx);
        }
        if ("json".equalsIgnoreCase(format)) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        } else {
            System.out.println(s.toText());
        }
        return 0;
    }
}
