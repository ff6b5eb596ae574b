package io.linkscout.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 CSV with a header row, via commons-csv. The delimiter (comma, semicolon or tab) is taken from the header
 * line; header names are trimmed and lower-cased; cells are trimmed. Each row is handed over with the line it starts
 * on (quoted cells may span lines).
 */
final class CsvRows {

    /** One data row: cells by lower-case header name, and the 1-based line it starts on. */
    record Row(Map<String, String> cells, long line) {
    }

    interface RowHandler {
        void row(Row row);
    }

    private CsvRows() {
    }

    /** The lower-cased header names of a CSV header line. */
    static List<String> header(String headerLine) {
        return rawHeader(headerLine).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    static char delimiter(String headerLine) {
        long commas = headerLine.chars().filter(c -> c == ',').count();
        long semis = headerLine.chars().filter(c -> c == ';').count();
        long tabs = headerLine.chars().filter(c -> c == '\t').count();
        if (tabs > commas && tabs >= semis) {
            return '\t';
        }
        if (semis > commas) {
            return ';';
        }
        return ',';
    }

    private static String clean(String s) {
        return original(s).toLowerCase(Locale.ROOT);
    }

    /** A header name as written, without a BOM, trimmed, inner whitespace collapsed to one space. */
    static String original(String s) {
        String t = s.strip();
        if (t.startsWith("\ufeff")) {
            t = t.substring(1).strip();
        }
        return t.replaceAll("\\s+", " ");
    }

    /** The header names of a CSV header line as written (see {@link #original}), in order. */
    static List<String> rawHeader(String headerLine) {
        char d = delimiter(headerLine);
        List<String> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(headerLine, CSVFormat.RFC4180.builder().setDelimiter(d).get())) {
            for (CSVRecord r : p) {
                for (String s : r) {
                    out.add(original(s));
                }
                break;
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            for (String s : headerLine.split(String.valueOf(d))) {
                out.add(original(s));
            }
        }
        return out;
    }

    /**
     * Reads the file's rows. A row whose cell count differs from the header's is still handed over (missing cells
     * absent). A parse error (e.g. an unterminated quote) is reported as a problem at the line the broken record
     * starts on and ends reading (the rows before it have been handed over); an {@link IOException} means the file
     * itself could not be read.
     */
    static void read(Path file, IngestReport report, RowHandler handler) throws IOException {
        read(file, report, IngestLimits.DEFAULTS, handler);
    }

    /**
     * As {@link #read(Path, IngestReport, RowHandler)}, at most {@link IngestLimits#maxCsvRows} data rows: the next
     * one is a problem naming the file, its line and {@link IngestLimits#CSV_ROWS_KEY}, and the rest of the file is
     * not read; the same for a row longer than {@link IngestLimits#maxLineBytes} characters (an unclosed quote).
     */
    static void read(Path file, IngestReport report, IngestLimits limits, RowHandler handler) throws IOException {
        long maxRows = limits.maxCsvRows();
        String first;
        try (BufferedReader h = IngestFiles.reader(file)) {
            first = IngestFiles.line(h, limits.maxLineBytes());
        } catch (IngestFiles.LineTooLong e) {
            lineTooLong(file, 1, limits, report);
            return;
        }
        if (first == null) {
            return;
        }
        try (IngestFiles.Bounded in = new IngestFiles.Bounded(IngestFiles.reader(file), limits.maxLineBytes())) {
            char d = delimiter(first);
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(d).setIgnoreEmptyLines(true)
                    .setTrim(true).get();
            try (CSVParser parser = CSVParser.parse(in, format)) {
                List<String> header = null;
                long lastLine = 0;
                long rows = 0;
                var it = parser.iterator();
                while (true) {
                    CSVRecord r;
                    try {
                        if (!it.hasNext()) {
                            break;
                        }
                        r = it.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        if (e instanceof UncheckedIOException u && u.getCause() instanceof IngestFiles.LineTooLong) {
                            lineTooLong(file, lastLine + 1, limits, report);
                            return;
                        }
                        if (e instanceof UncheckedIOException u && !(u.getCause() instanceof CSVException)) {
                            throw u.getCause();
                        }
                        report.problem(file.toString(), String.valueOf(lastLine + 1), "",
                                "CSV syntax error, the rest of the file is not read: "
                                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                                "close the quoted cell that starts on this line (a quote inside a quoted cell is "
                                        + "written twice: \"\")");
                        return;
                    }
                    long startLine = lastLine + 1;
                    lastLine = parser.getCurrentLineNumber();
                    in.record();
                    if (header == null) {
                        header = new ArrayList<>();
                        for (String s : r) {
                            header.add(clean(s));
                        }
                        continue;
                    }
                    if (r.size() == 1 && r.get(0).isEmpty()) {
                        continue;
                    }
                    if (++rows > maxRows) {
                        report.problem(file.toString(), String.valueOf(startLine), "", "more than " + maxRows
                                + " data rows: the rest of the file is not read", "split the file, or raise "
                                + IngestLimits.CSV_ROWS_KEY + " (now " + maxRows + ")");
                        return;
                    }
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (int i = 0; i < r.size() && i < header.size(); i++) {
                        cells.putIfAbsent(header.get(i), r.get(i));
                    }
                    handler.row(new Row(cells, startLine));
                }
            }
        }
    }

    private static void lineTooLong(Path file, long line, IngestLimits limits, IngestReport report) {
        report.problem(file.toString(), String.valueOf(line), "", "a row longer than " + limits.maxLineBytes()
                + " characters: the rest of the file is not read", "close the quoted cell that starts here, or raise "
                + IngestLimits.LINE_BYTES_KEY + " (now " + limits.maxLineBytes() + ")");
    }
}
