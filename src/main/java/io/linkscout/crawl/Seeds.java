package io.linkscout.crawl;

import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a seed list: one domain ({@code example.com}) or URL ({@code https://example.com/blog/}) a line, blank
 * lines and {@code #} comments ignored; or a CSV file whose header has a column named {@code url},
 * {@code domain}, {@code website}, {@code site} or {@code host} (the first of these wins). A bare domain becomes
 * {@code https://domain/} (and {@code http://domain/} when https refuses the connection or its TLS fails). Every bad line is reported as {@code file:line} with what was wrong and how to fix it.
 */
public final class Seeds {

    /**
     * A start URL, the site (registrable domain) it belongs to, where it was written, and whether it was a bare
     * domain (then the crawler falls back to {@code http://} when nothing answers on https).
     */
    public record Seed(String url, String site, String where, boolean bare) {

        public Seed(String url, String site, String where) {
            this(url, site, where, false);
        }
    }

    private static final List<String> COLUMNS = List.of("url", "domain", "website", "site", "host");

    private Seeds() {
    }

    public static List<Seed> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserException("seed file not found: " + file + " (give a file with one domain or URL a line)");
        }
        String content = utf8(file);
        if (content.startsWith("\ufeff")) {
            content = content.substring(1);
        }
        List<String> lines = content.lines().toList();
        List<Seed> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int headerLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                headerLine = i;
                break;
            }
        }
        if (headerLine >= 0 && lines.get(headerLine).contains(",")) {
            readCsv(file, lines, headerLine, out, errors);
        } else {
            for (int i = 0; i < lines.size(); i++) {
                String l = stripComment(lines.get(i));
                if (l.isEmpty()) {
                    continue;
                }
                add(file + ":" + (i + 1), l, out, errors);
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder(errors.size() + " bad seed line(s):");
            for (int i = 0; i < Math.min(10, errors.size()); i++) {
                sb.append("\n  ").append(errors.get(i));
            }
            if (errors.size() > 10) {
                sb.append("\n  ... ").append(errors.size() - 10).append(" more");
            }
            sb.append("\nFix: one domain (example.com) or http(s) URL a line, # for comments, or a CSV with a "
                    + "url/domain column.");
            throw new UserException(sb.toString());
        }
        if (out.isEmpty()) {
            throw new UserException(file + ": no seeds found (write one domain or URL a line)");
        }
        return out;
    }

    /** The file as UTF-8 text; a byte sequence that is not UTF-8 is a {@link UserException} naming its line. */
    private static String utf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        break;
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new UserException("1 bad seed line(s):\n  " + file + ":" + line + ": not UTF-8 text"
                    + "\nFix: save the seed list as UTF-8: one domain (example.com) or http(s) URL a line.");
        }
    }

    private static String stripComment(String line) {
        String l = line.strip();
        if (l.startsWith("#")) {
            return "";
        }
        int c = l.indexOf(" #");
        return c >= 0 ? l.substring(0, c).strip() : l;
    }

    private static void readCsv(Path file, List<String> lines, int headerLine, List<Seed> out, List<String> errors)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            // comments and lines before the header are kept blank so that record numbers stay line numbers
            String l = lines.get(i);
            sb.append(i < headerLine || l.strip().startsWith("#") ? "" : l).append('\n');
        }
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        try (CSVParser p = CSVParser.parse(new StringReader(sb.toString()), fmt)) {
            int col = -1;
            String colName = null;
            var it = p.iterator();
            int lastLine = 0;
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    // the record after the last good one is broken (an unclosed or stray quote)
                    errors.add(file + ":" + (lastLine + 1) + ": not valid CSV, the rest of the file is not read: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                            + " (close the quoted cell; a quote inside one is written twice: \"\")");
                    return;
                }
                int line = (int) r.getRecordNumber();
                lastLine = line;
                if (line - 1 < headerLine || (r.size() == 1 && r.get(0).isEmpty())) {
                    continue;
                }
                if (col < 0) {
                    for (String want : COLUMNS) {
                        for (int c = 0; c < r.size() && col < 0; c++) {
                            if (r.get(c).strip().toLowerCase(Locale.ROOT).equals(want)) {
                                col = c;
                                colName = r.get(c);
                            }
                        }
                    }
                    if (col < 0) {
                        errors.add(file + ":" + line + ": the CSV header " + r.toList()
                                + " has no url/domain/website/site/host column");
                        return;
                    }
                    continue;
                }
                if (col >= r.size() || r.get(col).isBlank()) {
                    errors.add(file + ":" + line + ": column '" + colName + "' is empty");
                    continue;
                }
                add(file + ":" + line, r.get(col).strip(), out, errors);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            errors.add(file + ": not a valid CSV file: " + e.getMessage());
        }
    }

    private static void add(String where, String value, List<Seed> out, List<String> errors) {
        String v = value;
        boolean bare = !v.contains("://");
        if (bare) {
            if (v.contains(" ") || !v.contains(".") && !v.contains(":")) {
                errors.add(where + ": '" + value + "' is not a domain or URL");
                return;
            }
            v = "https://" + v;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            errors.add(where + ": '" + value + "' is not an http(s) URL");
            return;
        }
        String url = UrlNormalizer.normalize(v);
        String host = url == null ? null : UrlNormalizer.host(url);
        if (url == null || host == null || host.isEmpty() || value.contains(" ")) {
            errors.add(where + ": '" + value + "' is not a valid domain or URL");
            return;
        }
        out.add(new Seed(url, Domains.registrableDomain(host), where, bare));
    }
}
