package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code linkscout.spark.*}: the Spark engine of {@code graph --engine spark} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.spark")
public interface SparkSettings {

    /** {@code linkscout.spark.master}: {@code local[N]} or a standalone cluster {@code spark://host:port}. */
    @WithDefault("local[2]")
    String master();

    /** {@code linkscout.spark.home}: the built job (default: the {@code target/spark/} that {@code ./mvnw package} makes). */
    Optional<String> home();

    /** {@code linkscout.spark.timeout}: the longest one Spark job may run before it is killed. */
    @WithDefault("2h")
    Duration timeout();

    /** {@code linkscout.spark.driver-memory}: the driver JVM's heap. */
    @WithDefault("2g")
    String driverMemory();

    /** {@code linkscout.spark.partitions}: partitions of the edge list (0: Spark's default parallelism). */
    @WithDefault("0")
    int partitions();

    /** {@code linkscout.spark.work-dir}: job directories (shared storage on a multi-machine cluster). */
    Optional<String> workDir();
}
