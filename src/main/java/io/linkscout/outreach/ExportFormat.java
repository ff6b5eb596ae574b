package io.linkscout.outreach;

import io.linkscout.error.UserException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats a campaign's prospects export to: LinkScout's own CSV, the import layouts of BuzzStream, Pitchbox and
 * Hunter, and Google's disavow file for the domains marked toxic. See {@link OutreachExports} for the layouts.
 */
public enum ExportFormat {

    /** LinkScout's own CSV ({@link ProspectCsv}): UTF-8 with BOM, CRLF. */
    LINKSCOUT("text/csv; charset=UTF-8", "prospects.csv"),
    /** BuzzStream "Import Link Partners" template, columns 1-15: UTF-8, CRLF. */
    BUZZSTREAM("text/csv; charset=UTF-8", "buzzstream.csv"),
    /** Pitchbox Partner CRM import, layout 2 (one row per partner and contact): UTF-8, LF. */
    PITCHBOX("text/csv; charset=UTF-8", "pitchbox.csv"),
    /** Hunter Leads import (one row per e-mail address): UTF-8, LF. */
    HUNTER("text/csv; charset=UTF-8", "hunter.csv"),
    /** Google's disavow file: {@code domain:} lines for the toxic domains, {@code #} comments, UTF-8, LF. */
    DISAVOW("text/plain; charset=UTF-8", "disavow.txt");

    private final String contentType;
    private final String suffix;

    ExportFormat(String contentType, String suffix) {
        this.contentType = contentType;
        this.suffix = suffix;
    }

    /** The name users give ({@code buzzstream}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP Content-Type of the file. */
    public String contentType() {
        return contentType;
    }

    /** The file name offered for a campaign's export, e.g. {@code campaign-3-buzzstream.csv}. */
    public String fileName(long campaignId) {
        return "campaign-" + campaignId + "-" + suffix;
    }

    /** The valid names, comma-separated, in declaration order. */
    public static String names() {
        return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
    }

    /** The format named (case-insensitive; null or blank: {@link #LINKSCOUT}); a 400 listing the valid ones otherwise. */
    public static ExportFormat parse(String name) {
        if (name == null || name.isBlank()) {
            return LINKSCOUT;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.id().equals(n)) {
                return f;
            }
        }
        throw new UserException("unknown export format \"" + name + "\": use one of " + names());
    }
}
