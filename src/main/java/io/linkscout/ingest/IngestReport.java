package io.linkscout.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an ingest run read, skipped and could not read. Thread-safe.
 *
 * <p>Every problem names where it happened ({@code file:line} for line formats, {@code file@offset} for WARC
 * and ARC), what was wrong and how to fix it. Skips that are expected (a WARC request record, a revisit, an
 * image) are only counted by reason.
 */
public final class IngestReport {

    /**
     * A record or file that could not be read.
     *
     * @param label what {@code field} names: {@code field} (a JSON field, a catalog column) or {@code column} (a
     *              tool export's column, by its header name)
     */
    public record Problem(String file, String position, String field, String message, String hint, String label) {

        public Problem(String file, String position, String field, String message, String hint) {
            this(file, position, field, message, hint, "field");
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(file);
            if (position != null && !position.isEmpty()) {
                sb.append(position.startsWith("@") ? "" : ":").append(position);
            }
            sb.append(": ");
            if (field != null && !field.isEmpty()) {
                sb.append(label == null ? "field" : label).append(" '").append(field).append("': ");
            }
            sb.append(message);
            if (hint != null && !hint.isEmpty()) {
                sb.append(" (").append(hint).append(')');
            }
            return sb.toString();
        }
    }

    /** How many problems are kept in full; the rest are only counted. */
    public static final int MAX_KEPT = 1000;

    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong sites = new AtomicLong();
    private final AtomicLong authorities = new AtomicLong();
    private final AtomicLong exportRows = new AtomicLong();
    private final AtomicLong problemCount = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Long> filesRead = new TreeMap<>();

    public void pageRead() {
        pages.incrementAndGet();
    }

    public void siteRead() {
        sites.incrementAndGet();
    }

    public void authorityRead() {
        authorities.incrementAndGet();
    }

    public void exportRowRead() {
        exportRows.incrementAndGet();
    }

    /** Rows of backlink tool exports read (see {@link ExportLink}). */
    public long exportRows() {
        return exportRows.get();
    }

    public void bytesRead(long n) {
        bytes.addAndGet(n);
    }

    /** Counts a record that was passed over on purpose, e.g. {@code "warc: revisit"}. */
    public synchronized void skipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** Records a record or file that could not be read. */
    public void problem(String file, String position, String field, String message, String hint) {
        add(new Problem(shown(file), position, field, message, hint));
    }

    /** Records a bad cell of a tool export: {@code file:line: column 'Target URL': message (hint)}. */
    public void columnProblem(String file, String position, String column, String message, String hint) {
        add(new Problem(shown(file), position, column, message, hint, "column"));
    }

    private void add(Problem p) {
        problemCount.incrementAndGet();
        synchronized (this) {
            if (problems.size() < MAX_KEPT) {
                problems.add(p);
            }
        }
    }

    private final Map<String, String> aliases = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Problems about {@code file} (a temporary copy, e.g. of a zip entry) name it {@code shown} instead
     * ({@code exports.zip!Latest links.csv}).
     */
    public void alias(String file, String shown) {
        aliases.put(file, shown);
    }

    private String shown(String file) {
        return file == null ? null : aliases.getOrDefault(file, file);
    }

    /** Notes that a file was opened, with the number of records it gave. */
    public synchronized void fileDone(String file, long records) {
        filesRead.merge(shown(file), records, Long::sum);
    }

    public long pages() {
        return pages.get();
    }

    public long sites() {
        return sites.get();
    }

    public long authorities() {
        return authorities.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long problemCount() {
        return problemCount.get();
    }

    public long recordsRead() {
        return pages() + sites() + authorities() + exportRows();
    }

    public synchronized Map<String, Long> skipped() {
        return Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    public synchronized long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    public synchronized Map<String, Long> files() {
        return Collections.unmodifiableMap(new TreeMap<>(filesRead));
    }
}
