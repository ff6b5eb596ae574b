package io.linkscout.outreach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A campaign's prospects in the import layouts of outreach tools, and the disavow file. Pure functions of the
 * campaign and its prospects (in the order given: {@link ProspectService#all} sorts by score descending, then
 * domain), so the same data always gives the same bytes.
 *
 * <p>Layouts (see {@code ../shared/data/tool-exports/FORMATS.md} section 8; copies of the fixtures are under
 * {@code src/test/resources/tool-exports}):
 * <ul>
 * <li>BuzzStream: the 15 columns of the "Import Link Partners" template ({@link #BUZZSTREAM_HEADER}, en dashes in the
 * names), one row per prospect, UTF-8 without BOM, comma, CRLF (as Excel's "Save as CSV"), minimal RFC 4180 quoting.
 * <li>Pitchbox: Partner CRM import layout 2 ({@link #PITCHBOX_HEADER}), one row per prospect and contact e-mail (a
 * prospect without e-mail gets one row without contact), UTF-8 without BOM, comma, LF.
 * <li>Hunter: Leads import ({@link #HUNTER_HEADER}), one row per contact e-mail; prospects without e-mail are left
 * out (Hunter needs an e-mail, or a person's name and a company, and LinkScout knows no names); UTF-8, comma, LF.
 * <li>Disavow: Google's format, {@code #} comment lines naming the campaign and the date, then one
 * {@code domain:example.com} line per toxic domain (IDN in ASCII/punycode), sorted, UTF-8, LF.
 * </ul>
 * Prospects marked toxic are left out of the three outreach-tool exports (nobody should be pitched a site you
 * disavow); LinkScout's own CSV keeps every prospect.
 */
public final class OutreachExports {

    /** BuzzStream "Import Link Partners", columns 1-15 (the names use an en dash, U+2013). */
    public static final List<String> BUZZSTREAM_HEADER = List.of("Link Partner \u2013 Name",
            "Link Partner \u2013 Domain", "Linking from", "Linking To", "Anchor Text", "Sitewide Link?",
            "Sitewide \u2013 # of links", "Acquisition Method", "Payment Date", "Payment \u2013 Amount",
            "Payment \u2013 Method", "Payment \u2013 Reference ID", "Payment \u2013 Type", "Payment \u2013 Term",
            "Payment \u2013 Start date");

    /** Pitchbox Partner CRM import, layout 2 (one row per partner and contact). */
    public static final List<String> PITCHBOX_HEADER = List.of("Partner URL", "Partner Category", "Contact Email",
            "Contact First Name", "Contact Last Name");

    /** Hunter Leads import (Hunter maps the columns on import; these names map onto its attributes as they are). */
    public static final List<String> HUNTER_HEADER = List.of("Email", "First name", "Last name", "Company", "Website",
            "Position");

    private OutreachExports() {
    }

    /** The file's text in the given format (the caller encodes it as UTF-8). */
    public static String write(ExportFormat format, Views.CampaignView campaign, List<Views.ProspectView> prospects,
            LocalDate date) {
        return switch (format) {
            case LINKSCOUT -> ProspectCsv.write(prospects);
            case BUZZSTREAM -> buzzstream(campaign, prospects);
            case PITCHBOX -> pitchbox(prospects);
            case HUNTER -> hunter(prospects);
            case DISAVOW -> disavow(campaign, prospects, date);
        };
    }

    /**
     * BuzzStream link partners: name and domain = the prospect's domain (LinkScout knows no site name); for a WON
     * prospect with a won link, "Linking from" = that page and "Linking To" = the campaign's content URL; every other
     * column (anchor, sitewide, acquisition, payment) is empty because LinkScout does not record it.
     */
    public static String buzzstream(Views.CampaignView campaign, List<Views.ProspectView> prospects) {
        List<List<String>> rows = new ArrayList<>();
        for (Views.ProspectView p : outreach(prospects)) {
            boolean won = p.status() == ProspectStatus.WON && p.wonUrl() != null;
            List<String> row = new ArrayList<>(Collections.nCopies(BUZZSTREAM_HEADER.size(), ""));
            row.set(0, p.domain());
            row.set(1, p.domain());
            if (won) {
                row.set(2, p.wonUrl());
                row.set(3, nz(campaign.contentUrl()));
            }
            rows.add(row);
        }
        return csv(BUZZSTREAM_HEADER, rows, "\r\n");
    }

    /**
     * Pitchbox partners: Partner URL = scheme and host of the evidence page (else {@code https://domain}), one row per
     * contact e-mail (one row with empty contact columns when there is none); category and the contact's names are
     * empty (not known to LinkScout).
     */
    public static String pitchbox(List<Views.ProspectView> prospects) {
        List<List<String>> rows = new ArrayList<>();
        for (Views.ProspectView p : outreach(prospects)) {
            String partner = partnerUrl(p);
            List<String> emails = p.contactEmails().isEmpty() ? List.of("") : p.contactEmails();
            for (String e : emails) {
                rows.add(List.of(partner, "", e, "", ""));
            }
        }
        return csv(PITCHBOX_HEADER, rows, "\n");
    }

    /** Hunter leads: one row per contact e-mail with the prospect's domain as Website; names, company, position empty. */
    public static String hunter(List<Views.ProspectView> prospects) {
        List<List<String>> rows = new ArrayList<>();
        for (Views.ProspectView p : outreach(prospects)) {
            for (String e : p.contactEmails()) {
                rows.add(List.of(e, "", "", "", p.domain(), ""));
            }
        }
        return csv(HUNTER_HEADER, rows, "\n");
    }

    /**
     * Google's disavow file for the prospects marked toxic: comment lines naming the campaign, its target and the
     * date, then {@code domain:} lines sorted by domain. With no toxic domain it holds only the comments (a valid,
     * empty disavow file).
     */
    public static String disavow(Views.CampaignView campaign, List<Views.ProspectView> prospects, LocalDate date) {
        TreeSet<String> domains = new TreeSet<>();
        for (Views.ProspectView p : prospects) {
            if (p.toxic()) {
                domains.add(p.domain());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# LinkScout disavow file for campaign ").append(campaign.id()).append(": ")
                .append(oneLine(campaign.name())).append(" (target ").append(campaign.targetDomain()).append(")\n");
        sb.append("# generated ").append(date).append(" (UTC): ").append(domains.size())
                .append(domains.size() == 1 ? " domain" : " domains").append(" marked toxic\n");
        sb.append("# upload in Google Search Console: https://search.google.com/search-console/disavow-links\n");
        for (String d : domains) {
            sb.append("domain:").append(d).append('\n');
        }
        return sb.toString();
    }

    /** The prospects that go to outreach tools: all but those marked toxic. */
    private static List<Views.ProspectView> outreach(List<Views.ProspectView> prospects) {
        return prospects.stream().filter(p -> !p.toxic()).toList();
    }

    static String partnerUrl(Views.ProspectView p) {
        if (p.pageUrl() != null) {
            try {
                URI u = URI.create(p.pageUrl());
                if (u.getScheme() != null && u.getRawAuthority() != null) {
                    return u.getScheme() + "://" + u.getRawAuthority();
                }
            } catch (IllegalArgumentException e) {
                // fall through to the domain
            }
        }
        return "https://" + p.domain();
    }

    /** A campaign name on one comment line: line breaks and other control characters become spaces. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String csv(List<String> header, List<List<String>> rows, String lineEnd) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setRecordSeparator(lineEnd)
                .setHeader(header.toArray(String[]::new)).get())) {
            for (List<String> r : rows) {
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
