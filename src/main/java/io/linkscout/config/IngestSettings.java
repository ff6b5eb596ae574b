package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linkscout.ingest.*}: limits on one input (README "Input formats" and "Configuration"). */
@ConfigMapping(prefix = "linkscout.ingest")
public interface IngestSettings {

    /** {@code linkscout.ingest.max-line-bytes}: a JSON Lines line (one page) longer than this is skipped. */
    @WithDefault("67108864")
    long maxLineBytes();

    /** {@code linkscout.ingest.max-csv-rows}: data rows read from one CSV file; the rest is not read. */
    @WithDefault("5000000")
    long maxCsvRows();

    /** {@code linkscout.ingest.max-links-per-page}: a JSON Lines page with more links is skipped. */
    @WithDefault("10000")
    int maxLinksPerPage();

    /** {@code linkscout.ingest.max-zip-entry-bytes}: a {@code .zip} entry larger than this unpacked is not read. */
    @WithDefault("4294967296")
    long maxZipEntryBytes();

    /**
     * {@code linkscout.ingest.graph}: when {@code ingest} runs the graph step without {@code --graph}: {@code now}
     * (with the ingest) or {@code later} (pending until {@code graph}).
     */
    @WithDefault("now")
    String graph();
}
