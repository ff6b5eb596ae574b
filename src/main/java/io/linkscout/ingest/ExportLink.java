package io.linkscout.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a backlink tool's export (Ahrefs, Semrush, Majestic, Search Console; see {@link ToolExports}), as
 * LinkScout keeps it: a link from a source page (or, for referring-domain exports, a source domain) to a target,
 * with the tool that reported it and the tool's own metrics, kept apart from LinkScout's authority.
 *
 * @param tool          the tool's key: {@code ahrefs}, {@code semrush}, {@code majestic} or {@code gsc}
 * @param report        the export's id, e.g. {@code ahrefs-backlinks} (see {@link ToolExports.Report})
 * @param sourceUrl     the linking page, normalised; {@code null} for a domain-level row
 * @param sourceDomain  the linking registrable domain (of {@code sourceUrl}, or the row's domain)
 * @param title         the linking page's title as the tool gives it, or empty
 * @param targetUrl     the linked page, normalised; {@code null} when the export names no target page
 * @param targetDomain  the linked registrable domain; {@code null} when the export names no target (then the row
 *                      only makes the source known)
 * @param anchor        anchor text, or empty
 * @param rel           {@code nofollow ugc sponsored} tokens as in {@link Link#rel()}; empty for a followed link
 * @param firstSeen     ISO date or date-time, or {@code null}
 * @param lastSeen      ISO date or date-time, or {@code null}
 * @param lost          {@code null} while the link is live; the lost date, or {@code "lost"} when the tool only
 *                      says it is lost
 * @param pageMetrics   the tool's page metrics, e.g. {@code ahrefs_ur}, {@code semrush_page_ascore}
 * @param domainMetrics the tool's metrics of the source domain, e.g. {@code ahrefs_dr}, {@code majestic_tf}
 * @param source        file and line the row came from
 */
public record ExportLink(String tool, String report, String sourceUrl, String sourceDomain, String title,
        String targetUrl, String targetDomain, String anchor, String rel, String firstSeen, String lastSeen,
        String lost, Map<String, Double> pageMetrics, Map<String, Double> domainMetrics, String source) {

    public ExportLink {
        title = title == null ? "" : title;
        anchor = anchor == null ? "" : anchor;
        rel = Link.normaliseRel(rel);
        pageMetrics = pageMetrics == null ? Map.of() : new TreeMap<>(pageMetrics);
        domainMetrics = domainMetrics == null ? Map.of() : new TreeMap<>(domainMetrics);
    }

    /** True for a link the tool reports as gone: kept and shown, never a live link of the graphs. */
    public boolean gone() {
        return lost != null;
    }

    /** True when the row names a linking page (not only a linking domain). */
    public boolean pageLevel() {
        return sourceUrl != null;
    }

    /** The link as a page's outlink (page-level rows with a target page). */
    public Link toLink() {
        return new Link(targetUrl, anchor, rel);
    }

    /** "known from Ahrefs export": how a page or site that only this export names is shown. */
    public static String knownFrom(String tool) {
        return "known from " + ToolExports.Tool.of(tool).label() + " export";
    }
}
