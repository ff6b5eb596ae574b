package io.linkscout.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a site catalog: CSV with a header row, or JSON Lines (one object per line); gzip accepted.
 *
 * <p>Columns (case-insensitive): {@code domain} or a URL ({@code url}; also {@code host}, {@code site},
 * {@code website}; for JSONL also {@code feed_url}), at least one of them filled; {@code name};
 * {@code description}; {@code topic} (or {@code category}); {@code country}. The domain is
 * {@link Domains#registrableDomain} of the first filled of {@code domain host site website url feed_url}. Every other
 * column whose value is a number becomes a metric under its (lower-case) name; empty values, nulls, booleans,
 * non-numbers and id columns ({@code id}, {@code *_id}) are not metrics. A row without a usable domain is reported as
 * a problem {@code file:line} with the field, and skipped.
 */
public final class CatalogReader implements InputReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> DOMAIN_FIELDS = List.of("domain", "host", "site", "website", "url", "feed_url");
    private static final Set<String> TEXT_FIELDS = Set.of("domain", "host", "site", "website", "url", "feed_url",
            "name", "description", "topic", "category", "country", "source");

    private final IngestLimits limits;

    public CatalogReader() {
        this(IngestLimits.DEFAULTS);
    }

    public CatalogReader(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public void read(Path file, IngestSink sink, IngestReport report) throws IOException {
        if (isJsonl(file, limits)) {
            readJsonl(file, sink, report);
        } else {
            String name = IngestFiles.name(file);
            CsvRows.read(file, report, limits, row -> {
                Map<String, Object> values = new LinkedHashMap<>();
                row.cells().forEach((k, v) -> values.put(k, v == null || v.isEmpty() ? null : v));
                site(values, name + ":" + row.line(), file, row.line(), sink, report);
            });
        }
        report.bytesRead(Files.size(file));
    }

    /** True when the first non-blank line starts with '{'. */
    static boolean isJsonl(Path file, IngestLimits limits) throws IOException {
        try (BufferedReader in = IngestFiles.reader(file)) {
            String line;
            while ((line = firstLineOf(file, in, limits)) != null) {
                if (!line.isBlank()) {
                    return line.stripLeading().startsWith("{");
                }
            }
        }
        return false;
    }

    private static String firstLineOf(Path file, BufferedReader in, IngestLimits limits) throws IOException {
        try {
            return IngestFiles.line(in, limits.maxLineBytes());
        } catch (IngestFiles.LineTooLong e) {
            throw new UserException(file + ": a " + e.getMessage() + " before the first record: not a catalog (or"
                    + " raise " + IngestLimits.LINE_BYTES_KEY + ")");
        }
    }

    private void readJsonl(Path file, IngestSink sink, IngestReport report) throws IOException {
        String name = IngestFiles.name(file);
        try (BufferedReader in = IngestFiles.reader(file)) {
            String line;
            long lineNo = 0;
            while (true) {
                lineNo++;
                try {
                    line = IngestFiles.line(in, limits.maxLineBytes());
                } catch (IngestFiles.LineTooLong e) {
                    report.problem(file.toString(), String.valueOf(lineNo), "", e.getMessage() + ": skipped (each"
                            + " line holds one site)", "raise " + IngestLimits.LINE_BYTES_KEY + " (now "
                            + limits.maxLineBytes() + ")");
                    continue;
                }
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    String m = e.getOriginalMessage();
                    int nl = m.indexOf('\n');
                    report.problem(file.toString(), String.valueOf(lineNo), "",
                            "invalid JSON: " + (nl >= 0 ? m.substring(0, nl) : m),
                            "each line must be one complete JSON object");
                    continue;
                }
                if (node == null || !node.isObject()) {
                    report.problem(file.toString(), String.valueOf(lineNo), "", "not a JSON object",
                            "each line must be one JSON object like {\"domain\": ...}");
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                boolean bad = false;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String key = f.getKey().strip().toLowerCase(Locale.ROOT);
                    JsonNode v = f.getValue();
                    if (v.isNull()) {
                        values.putIfAbsent(key, null);
                    } else if (v.isNumber()) {
                        values.putIfAbsent(key, v.doubleValue());
                    } else if (v.isTextual()) {
                        values.putIfAbsent(key, v.textValue().strip().isEmpty() ? null : v.textValue().strip());
                    } else if (v.isBoolean()) {
                        values.putIfAbsent(key, v.booleanValue());
                    } else if (TEXT_FIELDS.contains(key)) {
                        report.problem(file.toString(), String.valueOf(lineNo), key,
                                "must be a string, got " + (v.isArray() ? "an array" : "an object"), null);
                        bad = true;
                        break;
                    }
                }
                if (!bad) {
                    site(values, name + ":" + lineNo, file, lineNo, sink, report);
                }
            }
        }
    }

    private static void site(Map<String, Object> values, String source, Path file, long line, IngestSink sink,
            IngestReport report) {
        String domain = null;
        String domainField = null;
        for (String f : DOMAIN_FIELDS) {
            Object v = values.get(f);
            if (v != null) {
                domainField = f;
                String s = String.valueOf(v instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : v);
                domain = Domains.registrableDomain(s);
                if (domain == null || !UrlNormalizer.isValidHost(domain) || !s.contains("://")
                        && s.contains(" ")) {
                    report.problem(file.toString(), String.valueOf(line), f,
                            "not a domain or http(s) URL: '" + abbreviate(s) + "'",
                            "give a domain like example.com or a URL like https://example.com/");
                    return;
                }
                break;
            }
        }
        if (domainField == null) {
            report.problem(file.toString(), String.valueOf(line), "domain", "missing: the row has no domain or url",
                    "fill the domain column (example.com) or the url column (https://example.com/)");
            return;
        }
        String url = "";
        for (String f : List.of("url", "website", "site")) {
            Object v = values.get(f);
            if (v instanceof String s && s.contains("://")) {
                String n = UrlNormalizer.normalize(s);
                if (n != null) {
                    url = n;
                    break;
                }
            }
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String k = e.getKey();
            if (TEXT_FIELDS.contains(k) || k.equals("id") || k.endsWith("_id") || k.isEmpty()) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    metrics.put(k, d);
                }
            } else if (v instanceof String s) {
                Double d = number(s);
                if (d != null) {
                    metrics.put(k, d);
                }
            }
        }
        String topic = str(values.get("topic"));
        if (topic.isEmpty()) {
            topic = str(values.get("category"));
        }
        sink.site(new SiteRecord(domain, url, str(values.get("name")), str(values.get("description")), topic,
                str(values.get("country")), metrics, source));
        report.siteRead();
    }

    /** A finite number written in plain or scientific notation (thousands separators not accepted), or null. */
    static Double number(String s) {
        String t = s.strip();
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' || t.charAt(0) == '+'
                || t.charAt(0) == '.')) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String str(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return HtmlExtractor.collapse(String.valueOf(o));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
