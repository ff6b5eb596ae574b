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
 * @param graphPending   the time of the first ingest since which the graph scores are pending ({@code ingest --graph
 *                       later}), {@code null} when they are current
 * @param backend        the documents as the search backend serving them holds them (OpenSearch); {@code null} for
 *                       the embedded index alone
 */
public record IndexStats(String path, long pages, long sites, long catalogRows, long authorityRows, long links,
        long internalLinks, long externalLinks, long unfollowedLinks, long pageEdges, long domains,
        long domainEdges, long terms, String builtAt, long sizeBytes, LinkJoin linkJoin, ExportLinkCounts exports,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String graphPending,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Backend backend) {

    /**
     * The documents on a search backend beside the embedded index ({@code stats --backend opensearch}, {@code GET
     * /api/index/stats} with {@code linkscout.backend=opensearch}).
     *
     * @param backend       what it is ({@code SearchBackend.describe()})
     * @param generation    the generation it serves (on OpenSearch the physical index behind the alias)
     * @param sameIngest    whether that is the generation the embedded index's last commit published: when false, the
     *                      ranking and the jobs refuse to read it (the link graphs and page table are the embedded
     *                      index's)
     * @param pages         page documents on the backend
     * @param sites         site documents
     * @param catalogRows   site-catalog rows
     * @param authorityRows authority-list rows
     * @param sizeBytes     bytes on the cluster's disks, every copy (primaries and replicas)
     */
    public record Backend(String backend, String generation, boolean sameIngest, long pages, long sites,
            long catalogRows, long authorityRows, long sizeBytes) {

        String toText() {
            return backend + "\n"
                    + "generation " + generation + (sameIngest ? " (the embedded index's ingest)"
                            : " (NOT the embedded index's ingest: the ranking and the jobs refuse it until both are "
                            + "of one ingest)") + "\n"
                    + "pages " + pages + ", sites " + sites + ", catalog rows " + catalogRows + ", authority rows "
                    + authorityRows + "\n"
                    + String.format(java.util.Locale.ROOT, "%.1f MB on the cluster, every copy", sizeBytes / 1e6);
        }
    }

    /** These figures with the backend's section. */
    public IndexStats with(Backend b) {
        return new IndexStats(path, pages, sites, catalogRows, authorityRows, links, internalLinks, externalLinks,
                unfollowedLinks, pageEdges, domains, domainEdges, terms, builtAt, sizeBytes, linkJoin, exports,
                graphPending, b);
    }

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
                "built at:         " + builtAt + (graphPending == null ? ""
                        : "\nWARNING:          " + LinkScoutIndex.graphPendingWarning(graphPending)),
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
                "size on disk:     " + String.format(java.util.Locale.ROOT, "%.1f MB", sizeBytes / 1e6)
                        + (backend == null ? ""
                                : "\nsearch backend:   " + backend.toText().replace("\n", "\n                  ")));
    }
}
