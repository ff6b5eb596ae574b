package io.linkscout.cli;

import io.linkscout.cli.common.IndexOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.index.IndexStats;
import io.linkscout.index.LinkScoutIndex;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stats}: counts of an index. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print index counts: pages, sites, links, terms.")
public class StatsCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        IndexStats s;
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
            s = idx.stats();
        }
        if ("json".equalsIgnoreCase(format)) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        } else {
            System.out.println(s.toText());
        }
        return 0;
    }
}
