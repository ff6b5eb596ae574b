package io.linkscout.cli.common;

import io.linkscout.config.SparkSettings;
import io.linkscout.error.UserException;
import io.linkscout.graph.RankEngine;
import io.linkscout.spark.SparkRankEngine;
import picocli.CommandLine.Option;

/** {@code --engine in-process|spark} and {@code --master}: where the PageRank family of a command runs. */
public class RankEngineOption {

    @Option(names = "--engine", defaultValue = "in-process", description = "Where PageRank and the other rankings "
            + "run (for graph also referring domains and spam mass): in-process or spark (default: "
            + "${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", description = "With --engine spark: local[N] or spark://host:port "
            + "(default: linkscout.spark.master, local[2]).")
    String master;

    /** The engine chosen; bad values are a {@link UserException}. */
    public RankEngine engine(SparkSettings spark) {
        return switch (engine) {
            case "in-process" -> {
                if (master != null) {
                    throw new UserException("--master needs --engine spark");
                }
                yield RankEngine.IN_PROCESS;
            }
            case "spark" -> SparkRankEngine.of(spark, master);
            default -> throw new UserException("--engine must be in-process or spark, got " + engine);
        };
    }
}
