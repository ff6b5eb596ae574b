package io.linkscout.index;

import java.util.Map;

/**
 * Counts describing an index, as printed by {@code stats} and served at {@code GET /api/index/stats}.
 *
 * @param path           index directory
 * @param pages          page documents
 * @param sites          site documents (registrable domains with pages or catalog rows)
 * @param catalogRows    site-catalog rows kept
 * @param authorityRows  authority-list rows kept
 * @param links          outgoing links of all pages (after de-duplication per page)
 * @param internalLinks  links to the page's own registrable domain
 * @param externalLinks  links to other domains
 * @param unfollowedLinks links marked nofollow, sponsored or ugc
 * @param pageEdges      page-graph edges (links between ingested pages)
 * @param domains        domain-graph nodes (every registrable domain seen)
 * @param domainEdges    domain-graph edges (domain links to another domain)
 * @param terms          distinct terms of the body field
 * @param builtAt        time of the commit (ISO-8601)
 * @param sizeBytes      bytes on disk (Lucene files and graphs)
 * @param linkJoin       how the links joined to indexed pages ({@code null} for an index written before this was
 *                       recorded)
 */
public record IndexStats(String path, long pages, long sites, long catalogRows, long authorityRows, long links,
        long internalLinks, long externalLinks, long unfollowedLinks, long pageEdges, long domains,
        long domainEdges, long terms, String builtAt, long sizeBytes, LinkJoin linkJoin, ExportLinkCounts exports) {

    static final String LINKS = "linkscout.stats.links";
    static final String INTERNAL_LINKS = "linkscout.stats.internal_links";
    static final String UNFOLLOWED_LINKS = "linkscout.stats.unfollowed_links";
    static final String PAGE_EDGES = "linkscout.stats.page_edges";
    static final String DOMAINS = "linkscout.stats.domains";
    static final String DOMAIN_EDGES = "linkscout.stats.domain_edges";

    static long get(Map<String, String> userData, String key) {
        String v = userData.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Human-readable lines for the terminal. */
    public String toText() {
        return String.join("\n",
                "index:            " + path,
                "built at:         " + builtAt,
                "pages:            " + pages,
                "sites:            " + sites,
                "catalog rows:     " + catalogRows,
                "authority rows:   " + authorityRows,
                "links:            " + links + " (internal " + internalLinks + ", external " + externalLinks
                        + ", nofollow/sponsored/ugc " + unfollowedLinks + ")",
                "page-graph edges: " + pageEdges,
                linkJoin == null ? "link joins:       not recorded (re-ingest to see them)"
                        : "link joins:       " + linkJoin.toText().replace("\n", "\n                  "),
                "domains:          " + domains + " (" + domainEdges + " domain-to-domain edges)"
                        + (exports == null || exports.tools().isEmpty() ? ""
                                : "\nbacklink exports: " + exports.toText().replace("\n", "\n                  ")),
                "terms:            " + terms,
                "size on disk:     " + String.format(java.util.Locale.ROOT, "%.1f MB", sizeBytes / 1e6));
    }
}
