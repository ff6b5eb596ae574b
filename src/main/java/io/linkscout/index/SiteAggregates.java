package io.linkscout.index;

import io.linkscout.graph.LinkGraph;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.ToolExports;
import io.linkscout.ingest.SiteRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The site of every registrable domain that has ingested pages or a catalog row, aggregated from its pages and rows
 * (no Lucene): what the site document holds besides quality. {@link #of(String)} computes one site at a time, so
 * a build holds one site's titles and outlink profile at once.
 *
 * <p>Memory: the page ids grouped by domain (one int per page), the catalog and authority rows grouped by domain,
 * and the transposed domain graph.
 */
final class SiteAggregates {

    static final int MAX_SITE_TITLES = 300;

    /**
     * One site.
     *
     * @param domain         the registrable domain
     * @param pages          its pages (corpus ordinals, URL order)
     * @param name           catalog names, distinct, joined by " | " (likewise description, topic, country)
     * @param titles         the titles of its first {@value #MAX_SITE_TITLES} pages, one a line
     * @param outlinkProfile anchors and titles of what its pages link to on other sites
     * @param outLinks       links of all its pages
     * @param externalLinks  those to other sites
     * @param domainNode     its node in the domain graph, or -1
     * @param refDomains     registrable domains linking to it
     * @param metrics        catalog and authority-list figures (later rows win) and backlink tools' metrics
     * @param knownFrom      {@code known from Ahrefs export} for a site only backlink exports name (no page with
     *                       text, no catalog row), else null
     */
    record Site(String domain, List<Integer> pages, String name, String description, String topic, String country,
            String titles, String outlinkProfile, long outLinks, long externalLinks, int domainNode, int refDomains, Map<String, Double> metrics,
            String knownFrom) {
    }

    private final CorpusAnalysis corpus;
    private final Map<String, PageMeta> pageMeta;
    private final Map<String, List<Integer>> pagesByDomain = new TreeMap<>();
    private final Map<String, List<SiteRecord>> catalogByDomain = new TreeMap<>();
    private final Map<String, List<AuthorityRecord>> authorityByDomain = new TreeMap<>();
    private final NavigableSet<String> domains;
    private final Map<String, TreeSet<String>> exportToolsByDomain = new TreeMap<>();
    private final LinkGraph referrers;

    SiteAggregates(CorpusAnalysis corpus, Map<String, PageMeta> pages, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority, Map<String, ExportLink> exportLinks) {
        this.corpus = corpus;
        this.pageMeta = pages;
        for (int i = 0; i < corpus.urls.length; i++) {
            pagesByDomain.computeIfAbsent(corpus.domains[i], k -> new ArrayList<>()).add(i);
        }
        for (SiteRecord s : catalog.values()) {
            catalogByDomain.computeIfAbsent(s.domain(), k -> new ArrayList<>()).add(s);
        }
        for (AuthorityRecord a : authority.values()) {
            authorityByDomain.computeIfAbsent(a.domain(), k -> new ArrayList<>()).add(a);
        }
        for (ExportLink e : exportLinks.values()) {
            exportToolsByDomain.computeIfAbsent(e.sourceDomain(), k -> new TreeSet<>())
                    .add(ToolExports.Tool.of(e.tool()).label());
        }
        TreeSet<String> all = new TreeSet<>(pagesByDomain.keySet());
        all.addAll(catalogByDomain.keySet());
        all.addAll(exportToolsByDomain.keySet());
        domains = all;
        referrers = corpus.domainGraph.transpose();
    }

    /** Every site's domain, in order. */
    NavigableSet<String> domains() {
        return domains;
    }

    /** The aggregate of one site. */
    Site of(String domain) {
        List<Integer> ps = pagesByDomain.getOrDefault(domain, List.of());
        List<SiteRecord> cats = catalogByDomain.getOrDefault(domain, List.of());
        StringBuilder titles = new StringBuilder();
        StringBuilder profile = new StringBuilder();
        long outLinks = 0;
        long external = 0;
        for (int k = 0; k < ps.size(); k++) {
            int i = ps.get(k);
            PageMeta m = pageMeta.get(corpus.urls[i]);
            if (k < MAX_SITE_TITLES) {
                titles.append(m.title).append('\n');
            }
            outLinks += m.links.size();
            // links to other registrable domains (the page's domain is this site's)
            external += corpus.externalLinks(i);
            if (profile.length() < CorpusAnalysis.MAX_OUTLINK_PROFILE_CHARS) {
                profile.append(corpus.outlinkProfile(i, m.links, true));
            }
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (SiteRecord s : cats) {
            metrics.putAll(s.metrics());
        }
        for (AuthorityRecord a : authorityByDomain.getOrDefault(domain, List.of())) {
            metrics.putAll(a.metrics());
        }
        int node = corpus.domainGraph.node(domain);
        return new Site(domain, ps, joinUnique(cats, SiteRecord::name), joinUnique(cats, SiteRecord::description),
                joinUnique(cats, SiteRecord::topic), joinUnique(cats, SiteRecord::country), titles.toString(),
                profile.toString(), outLinks, external, node,
                node < 0 ? 0 : referrers.outDegree(node), metrics, knownFrom(domain, ps, cats));
    }

    private String knownFrom(String domain, List<Integer> ps, List<SiteRecord> cats) {
        if (!cats.isEmpty()) {
            return null;
        }
        TreeSet<String> tools = new TreeSet<>(exportToolsByDomain.getOrDefault(domain, new TreeSet<>()));
        for (int i : ps) {
            PageMeta m = pageMeta.get(corpus.urls[i]);
            if (m.knownFrom == null) {
                return null; // a page with text, or one another input gave
            }
            tools.addAll(m.knownFrom);
        }
        return tools.isEmpty() ? null : knownFrom(tools);
    }

    /** {@code known from Ahrefs export}, {@code known from Ahrefs, Semrush exports}. */
    static String knownFrom(java.util.Collection<String> tools) {
        return "known from " + String.join(", ", tools) + (tools.size() > 1 ? " exports" : " export");
    }

    private static String joinUnique(List<SiteRecord> rows, Function<SiteRecord, String> f) {
        LinkedHashSet<String> vals = new LinkedHashSet<>();
        for (SiteRecord r : rows) {
            String v = f.apply(r);
            if (v != null && !v.isBlank()) {
                vals.add(v.strip());
            }
        }
        return String.join(" | ", vals);
    }
}
