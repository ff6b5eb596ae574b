package io.linkscout.ingest;

/**
 * Limits on what one ingest input may hold (README "Input formats"; {@code linkscout.ingest.*}): a JSON Lines line
 * (one page) longer than {@code maxLineBytes} is skipped without being held in memory, a page with more than
 * {@code maxLinksPerPage} links is skipped, and a CSV file (catalog, authority list, backlink export) is read up to
 * {@code maxCsvRows} data rows, and a {@code .zip} entry is unpacked up to {@code maxZipEntryBytes} (a zip inside a
 * zip is not opened). Each is reported as {@code file:line} with the key to raise.
 */
public record IngestLimits(long maxLineBytes, long maxCsvRows, int maxLinksPerPage, long maxZipEntryBytes) {

    public static final IngestLimits DEFAULTS = new IngestLimits(64L << 20, 5_000_000, 10_000, 4L << 30);

    public static final String LINE_BYTES_KEY = "linkscout.ingest.max-line-bytes";
    public static final String CSV_ROWS_KEY = "linkscout.ingest.max-csv-rows";
    public static final String LINKS_KEY = "linkscout.ingest.max-links-per-page";
    public static final String ZIP_ENTRY_KEY = "linkscout.ingest.max-zip-entry-bytes";

    public IngestLimits {
        if (maxLineBytes < 1 || maxCsvRows < 1 || maxLinksPerPage < 1 || maxZipEntryBytes < 1) {
            throw new IllegalArgumentException("ingest limits must be at least 1");
        }
    }
}
