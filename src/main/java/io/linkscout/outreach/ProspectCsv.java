package io.linkscout.outreach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The shortlist as CSV for spreadsheets: RFC 4180 (commas, CRLF line ends, cells with commas, quotes or line
 * breaks quoted, quotes doubled), UTF-8 with a byte-order mark so that Excel reads non-ASCII text correctly
 * (LibreOffice, Google Sheets and commons-csv with a BOM-aware reader ignore it).
 *
 * <p>Columns: {@link #HEADER}.
 */
public final class ProspectCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("domain", "page", "score", "top_reasons", "authority",
            "contacts", "status", "notes");

    /** The UTF-8 byte-order mark written first. */
    public static final String BOM = "\uFEFF";

    private ProspectCsv() {
    }

    /** The CSV text (starting with {@link #BOM}); encode it as UTF-8. */
    public static String write(List<Views.ProspectView> prospects) {
        StringBuilder sb = new StringBuilder(BOM);
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180.builder()
                .setHeader(HEADER.toArray(String[]::new)).get())) {
            for (Views.ProspectView v : prospects) {
                p.printRecord(row(v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** One row's cells, as written. */
    public static List<String> row(Views.ProspectView v) {
        List<String> contacts = new ArrayList<>(v.contactEmails());
        if (v.contactUrl() != null) {
            contacts.add(v.contactUrl());
        }
        return List.of(v.domain(), nz(v.pageUrl()), number(v.score()), nz(v.reasons()), number(v.authority()),
                String.join("; ", contacts), v.status().name(), nz(v.notes()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String number(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
