package io.linkscout.ingest;

import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads third-party authority lists (CSV with header, gzip accepted), recognised by their header:
 * <ul>
 * <li>Majestic Million ({@code GlobalRank,TldRank,Domain,TLD,RefSubNets,RefIPs,...}): list {@code majestic},
 * metrics {@code majestic_rank} (GlobalRank), {@code majestic_ref_subnets}, {@code majestic_ref_ips};</li>
 * <li>Moz top 500 ({@code rank,root_domain,[registrable_domain,]linking_root_domains,domain_authority}): list
 * {@code moz}, metrics {@code moz_rank}, {@code moz_domain_authority}, {@code moz_linking_root_domains};</li>
 * <li>merged ({@code domain} plus columns named {@code majestic_*} / {@code moz_*} / {@code cc_*}, the last
 * written by {@code cc-graph} from a Common Crawl web graph): list {@code merged}, each such column a metric under its
 * own name.</li>
 * </ul>
 * The domain always goes through {@link Domains#registrableDomain}. Empty cells are skipped; a non-numeric cell or a
 * row without a usable domain is a problem {@code file:line} naming the field.
 */
public final class AuthorityListReader implements InputReader {

    private final IngestLimits limits;

    public AuthorityListReader() {
        this(IngestLimits.DEFAULTS);
    }

    public AuthorityListReader(IngestLimits limits) {
        this.limits = limits;
    }

    /** The kinds of authority list. */
    public enum Kind {
        MAJESTIC, MOZ, MERGED
    }

    /** Which kind of list a header (lower-case names) describes, or {@code null}. */
    public static Kind kind(List<String> header) {
        if (header.contains("globalrank") && header.contains("domain")) {
            return Kind.MAJESTIC;
        }
        if (header.contains("root_domain") && header.contains("domain_authority")) {
            return Kind.MOZ;
        }
        if (header.contains("domain") && header.size() > 1 && header.stream()
                .allMatch(h -> h.equals("domain") || h.startsWith("majestic_") || h.startsWith("moz_")
                        || h.startsWith("cc_"))) {
            return Kind.MERGED;
        }
        return null;
    }

    @Override
    public void read(Path file, IngestSink sink, IngestReport report) throws IOException {
        String headerLine;
        try (BufferedReader in = IngestFiles.reader(file)) {
            headerLine = IngestFiles.line(in, limits.maxLineBytes());
        } catch (IngestFiles.LineTooLong e) {
            report.problem(file.toString(), "1", "", "header " + e.getMessage(), "an authority list is a CSV with a"
                    + " header row; or raise " + IngestLimits.LINE_BYTES_KEY);
            return;
        }
        if (headerLine == null) {
            report.problem(file.toString(), "1", "", "empty file", "an authority list is a CSV with a header row");
            return;
        }
        List<String> header = CsvRows.header(headerLine);
        Kind kind = kind(header);
        if (kind == null) {
            report.problem(file.toString(), "1", "", "unknown authority list header: " + headerLine.strip(),
                    "expected the Majestic Million header (GlobalRank,TldRank,Domain,...), the Moz top 500 header "
                            + "(rank,root_domain,linking_root_domains,domain_authority) or domain,majestic_*,moz_*,cc_*");
            return;
        }
        String name = IngestFiles.name(file);
        String list = kind.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> columns = switch (kind) {
            case MAJESTIC -> ordered("globalrank", "majestic_rank", "refsubnets", "majestic_ref_subnets", "refips",
                    "majestic_ref_ips");
            case MOZ -> ordered("rank", "moz_rank", "domain_authority", "moz_domain_authority",
                    "linking_root_domains", "moz_linking_root_domains");
            case MERGED -> {
                Map<String, String> m = new LinkedHashMap<>();
                header.stream().filter(h -> !h.equals("domain")).forEach(h -> m.put(h, h));
                yield m;
            }
        };
        String domainColumn = switch (kind) {
            case MAJESTIC, MERGED -> "domain";
            case MOZ -> header.contains("registrable_domain") ? "registrable_domain" : "root_domain";
        };
        CsvRows.read(file, report, limits, row -> {
            String where = String.valueOf(row.line());
            String raw = row.cells().get(domainColumn);
            if ((raw == null || raw.isEmpty()) && kind == Kind.MOZ) {
                raw = row.cells().get("root_domain");
            }
            if (raw == null || raw.isEmpty()) {
                report.problem(file.toString(), where, domainColumn, "missing", "every row needs its domain");
                return;
            }
            String domain = Domains.registrableDomain(raw);
            if (domain == null || !UrlNormalizer.isValidHost(domain) || raw.contains(" ")) {
                report.problem(file.toString(), where, domainColumn, "not a domain: '" + raw + "'",
                        "give a domain like example.com");
                return;
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Map.Entry<String, String> c : columns.entrySet()) {
                String v = row.cells().get(c.getKey());
                if (v == null || v.isEmpty()) {
                    continue;
                }
                Double d = CatalogReader.number(v);
                if (d == null) {
                    report.problem(file.toString(), where, c.getKey(), "not a number: '" + v + "'",
                            "leave the cell empty when the figure is unknown");
                    return;
                }
                metrics.put(c.getValue(), d);
            }
            sink.authority(new AuthorityRecord(domain, list, metrics, name + ":" + row.line()));
            report.authorityRead();
        });
        report.bytesRead(Files.size(file));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
