package io.linkscout.ingest;

/**
 * Limits on what one ingest input may hold (README "Input formats"; {@code linkscout.ingest.*}): a JSON Lines line
 * (one page) longer than {@code maxLineBytes} is skipped without being held in memory, a page with more than
 * {@code maxLinksPerPage} links is skipped, and a CSV file (catalog, authority list, backlink export) is read up to
 * {@code maxCsvRows} data rows. Each is reported as {@code file:line} with the key to raise.
 */
public record IngestLimits(long maxLineBytes, long maxCsvRows, int maxLinksPerPage) {

    public static final IngestLimits DEFAULTS = new IngestLimits(64L << 20, 5_000_000, 10_000);

    public static final String LINE_BYTES_KEY = "linkscout.ingest.max-line-bytes";
    public static final String CSV_ROWS_KEY = "linkscout.ingest.max-csv-rows";
    public static final String LINKS_KEY = "linkscout.ingest.max-links-per-page";

    public IngestLimits {
        if (maxLineBytes < 1 || maxCsvRows < 1 || maxLinksPerPage < 1) {
            throw new IllegalArgumentException("ingest limits must be at least 1");
        }
    }
}
