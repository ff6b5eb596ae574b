package io.linkscout.ingest;

import io.linkscout.error.UserException;
import io.linkscout.ingest.ToolExports.Level;
import io.linkscout.ingest.ToolExports.Metric;
import io.linkscout.ingest.ToolExports.Report;
import io.linkscout.ingest.ToolExports.Role;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one backlink tool export (any report of {@link ToolExports#REPORTS}; encoding and delimiter from the bytes,
 * columns by name) into {@link ExportLink}s. A bad cell is reported as {@code file:line: column 'X': problem (hint)};
 * a row without a usable source (or, for link reports, target) is skipped, a bad optional cell (a date, a flag, a
 * metric) only loses that value. Rows whose export names no target (referring domains, Search Console links) link to
 * the {@code target} domain given to the reader ({@code ingest --target}), else to the domain the tool's file name
 * names ({@code example.com-refdomains-subdomains_….csv}, {@code example.com-backlinks_refdomains.csv}); without
 * either they only make their sources known.
 */
public final class ToolExportReader implements InputReader {

    /** Search Console writes this date for "never crawled". */
    private static final String UNKNOWN_DATE = "1970-01-01";
    private static final Pattern TARGET_IN_NAME = Pattern.compile(
            "^((?:[a-z0-9-]+\\.)+[a-z]{2,})-(?:refdomains|backlinks_refdomains|backlinks)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private final String target;

    /** @param target the registrable domain the exports are about, or {@code null} */
    public ToolExportReader(String target) {
        this(target, IngestLimits.DEFAULTS);
    }

    /** @param target as above; {@code limits}: the rows read from one file */
    public ToolExportReader(String target, IngestLimits limits) {
        this.target = target;
        this.limits = limits;
    }

    private final IngestLimits limits;

    @Override
    public void read(Path file, IngestSink sink, IngestReport report) throws IOException {
        String first;
        try (BufferedReader in = IngestFiles.reader(file)) {
            first = IngestFiles.line(in, limits.maxLineBytes());
        } catch (IngestFiles.LineTooLong e) {
            throw new UserException(file + ":1: header " + e.getMessage() + ": not a backlink export LinkScout"
                    + " knows (or raise " + IngestLimits.LINE_BYTES_KEY + ")");
        }
        List<String> raw = first == null ? List.of() : CsvRows.rawHeader(first);
        Report r = ToolExports.detect(raw);
        if (r == null) {
            throw new UserException("not a backlink export LinkScout knows (header: "
                    + (first == null ? "none" : abbreviate(String.join(", ", raw))) + "); see README \"Input "
                    + "formats\" for the exports of Ahrefs, Semrush, Majestic and Search Console");
        }
        String name = IngestFiles.name(file);
        if (r.level() == Level.OWN_PAGES) {
            CsvRows.read(file, report, limits, row -> report.skipped(r.id() + ": your own pages (not link sources)"));
            return;
        }
        String to = target != null ? target : targetFromName(name);
        if (r.level() != Level.PAGE_LINK && to == null) {
            report.problem(file.toString(), "1", "", r.tool().label() + " " + r.title()
                    + " names no target: its rows only make their sources known, without links",
                    "give the site the export is about with --target DOMAIN");
        }
        List<String> lower = raw.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        List<String> canonical = ToolExports.canonical(raw);
        Map<Role, Integer> col = new TreeMap<>();
        for (Role role : Role.values()) {
            int i = r.column(role, canonical);
            if (i >= 0) {
                col.put(role, i);
            }
        }
        CsvRows.read(file, report, limits, row -> {
            Cells c = new Cells(file, row, lower, raw, report);
            ExportLink link = row(r, c, col, to, name + ":" + row.line());
            if (link != null) {
                report.exportRowRead();
                sink.exportLink(link);
            }
        });
    }

    /** The domain a tool's file name names ({@code example.com-refdomains-…}), or {@code null}. */
    static String targetFromName(String fileName) {
        Matcher m = TARGET_IN_NAME.matcher(fileName);
        return m.matches() ? Domains.registrableDomain(m.group(1)) : null;
    }

    private ExportLink row(Report r, Cells c, Map<Role, Integer> col, String to, String source) {
        String sourceUrl = null;
        String sourceDomain;
        String targetUrl = null;
        String targetDomain = to;
        if (r.level() == Level.DOMAIN) {
            sourceDomain = c.domain(col.get(Role.SOURCE_DOMAIN));
            if (sourceDomain == null) {
                return null;
            }
        } else {
            sourceUrl = c.url(col.get(Role.SOURCE_URL), "the linking page");
            if (sourceUrl == null) {
                return null;
            }
            sourceDomain = Domains.registrableDomain(UrlNormalizer.host(sourceUrl));
        }
        if (r.level() == Level.PAGE_LINK) {
            targetUrl = c.url(col.get(Role.TARGET_URL), "the linked page");
            if (targetUrl == null) {
                return null;
            }
            targetDomain = Domains.registrableDomain(UrlNormalizer.host(targetUrl));
        }
        StringBuilder rel = new StringBuilder();
        for (Role flag : List.of(Role.NOFOLLOW, Role.UGC, Role.SPONSORED)) {
            if (Boolean.TRUE.equals(c.bool(col.get(flag)))) {
                rel.append(flag.name().toLowerCase(Locale.ROOT)).append(' ');
            }
        }
        String type = c.text(col.get(Role.LINK_TYPE));
        if (type.toLowerCase(Locale.ROOT).contains("nofollow")) {
            rel.append("nofollow ");
        }
        Double dofollow = c.number(col.get(Role.DOFOLLOW_LINKS));
        if (dofollow != null && dofollow == 0) {
            rel.append("nofollow ");
        }
        String firstSeen = c.date(col.get(Role.FIRST_SEEN));
        String lastSeen = c.date(col.get(Role.LAST_SEEN));
        String lost = c.date(col.get(Role.LOST_DATE));
        if (lost != null && lastSeen != null && lastSeen.compareTo(lost) > 0) {
            lost = null; // seen again after it was lost: restored
        }
        if (lost == null && Boolean.TRUE.equals(c.bool(col.get(Role.LOST_FLAG)))) {
            lost = "lost";
        }
        Map<String, Double> page = new TreeMap<>();
        Map<String, Double> domain = new TreeMap<>();
        for (Metric m : r.metrics()) {
            int i = -1;
            for (String n : m.names()) {
                i = c.lower.indexOf(n);
                if (i >= 0) {
                    break;
                }
            }
            Double v = c.number(i < 0 ? null : i);
            if (v != null) {
                (m.page() ? page : domain).put(m.metric(), v);
            }
        }
        return new ExportLink(r.tool().key(), r.id(), sourceUrl, sourceDomain, c.text(col.get(Role.TITLE)),
                targetUrl, targetDomain, c.text(col.get(Role.ANCHOR)), rel.toString(), firstSeen, lastSeen, lost,
                page, domain, source);
    }

    /** The cells of one row, with the problems their values have. */
    private static final class Cells {
        final Path file;
        final CsvRows.Row row;
        final List<String> lower;
        final List<String> raw;
        final IngestReport report;

        Cells(Path file, CsvRows.Row row, List<String> lower, List<String> raw, IngestReport report) {
            this.file = file;
            this.row = row;
            this.lower = lower;
            this.raw = raw;
            this.report = report;
        }

        String text(Integer i) {
            if (i == null) {
                return "";
            }
            String v = row.cells().get(lower.get(i));
            return v == null ? "" : v.strip();
        }

        void problem(Integer i, String message, String hint) {
            report.columnProblem(file.toString(), String.valueOf(row.line()), raw.get(i), message, hint);
        }

        String url(Integer i, String what) {
            String v = text(i);
            if (v.isEmpty()) {
                problem(i, "empty", "every row needs " + what + "'s absolute http(s) URL; the row is skipped");
                return null;
            }
            String u = UrlNormalizer.normalize(v);
            if (u == null) {
                problem(i, "not an absolute http(s) URL: '" + abbreviate(v) + "'",
                        "give " + what + "'s URL with http:// or https://; the row is skipped");
            }
            return u;
        }

        String domain(Integer i) {
            String v = text(i);
            try {
                return Domains.requireDomain("domain", v);
            } catch (UserException e) {
                problem(i, v.isEmpty() ? "empty" : "not a domain: '" + abbreviate(v) + "'",
                        "give a host name such as blog.example.org; the row is skipped");
                return null;
            }
        }

        Boolean bool(Integer i) {
            String v = text(i).toLowerCase(Locale.ROOT);
            switch (v) {
                case "" -> {
                    return null;
                }
                case "true", "1", "yes", "y" -> {
                    return true;
                }
                case "false", "0", "no", "n" -> {
                    return false;
                }
                default -> {
                    problem(i, "not true or false: '" + abbreviate(text(i)) + "'", "write true or false; ignored");
                    return null;
                }
            }
        }

        /** An ISO date ({@code 2026-02-06}) or date-time ({@code 2026-02-06T04:08:05}); {@code null} when empty. */
        String date(Integer i) {
            String v = text(i);
            if (v.isEmpty() || v.equals(UNKNOWN_DATE) || v.startsWith(UNKNOWN_DATE + " ")) {
                return null;
            }
            try {
                if (v.length() <= 10) {
                    return LocalDate.parse(v).toString();
                }
                return LocalDateTime.parse(v.replace('T', ' '), DATE_TIME).toString();
            } catch (DateTimeParseException e) {
                problem(i, "not a date: '" + abbreviate(v) + "'", "write yyyy-MM-dd or yyyy-MM-dd HH:mm:ss; ignored");
                return null;
            }
        }

        /** A number; thousands separators ({@code "1,240"}) are dropped. {@code null} when empty. */
        Double number(Integer i) {
            String v = text(i).replace(",", "");
            if (v.isEmpty()) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(i, "not a number: '" + abbreviate(text(i)) + "'", "write a number such as 42 or 3.7; ignored");
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
