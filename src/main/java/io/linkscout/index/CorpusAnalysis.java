package io.linkscout.index;

import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import io.linkscout.graph.PageRank;
import io.linkscout.graph.RankEngine;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.SiteRecord;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.DomainAnalysis;
import io.linkscout.quality.TrustSeeds;
import io.linkscout.url.Domains;
import io.linkscout.url.LinkResolver;
import io.linkscout.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What depends on the whole corpus, computed once per build from the merged records and nothing else (no Lucene):
 * links joined to pages ({@link LinkResolver}), the page and domain graphs, PageRank authority, the domain analysis
 * (authority, trust, spam flags, topics: {@link DomainAnalysis}), in-links, referring domains and the anchor text
 * each page receives. Pages are numbered by URL order.
 *
 * <p>Memory: per page its URL, title, domain, anchor text received (at most {@value #MAX_ANCHORS_IN_CHARS} chars),
 * four ints, two doubles and a title hash; per link its joined page and an internal bit (4 bytes and a bit); the two
 * graphs in CSR form (about 12 bytes per edge); the resolver's URL keys.
 */
final class CorpusAnalysis {

    /** Caps on derived text per document, to keep hub pages from dominating. */
    static final int MAX_ANCHORS_IN_CHARS = 20_000;
    static final int MAX_OUTLINK_PROFILE_CHARS = 40_000;

    final String[] urls;
    final Map<String, Integer> ordinal;
    /** joins link URLs to pages, also through their URL variants (see {@link LinkResolver}) */
    final LinkResolver resolver;
    final LinkJoin linkJoin;
    final String[] titles;
    /** {@link #hash64} of every page's title (what a kept page's fingerprint reads of the pages it links to) */
    final long[] titleHash;
    final String[] domains;
    final LinkGraph pageGraph;
    final LinkGraph domainGraph;
    final double[] pageRank;
    final double[] pageAuthority;
    final int[] inLinks;
    final int[] refDomains;
    final String[] anchorsIn;
    /** authority, trust, spam flags and topics of every domain (see {@link DomainAnalysis}) */
    final DomainAnalysis domainAnalysis;
    /**
     * Page {@code i}'s links, in the order of its {@link PageMeta#links}, are {@code linkStart[i] ..
     * linkStart[i + 1])}: each one's page ({@code linkTarget}, -1 when unresolved) and whether it stays on the page's
     * registrable domain ({@code internalLink}) — joined once here, read again by the outlink profiles of pages and
     * sites (4 bytes and a bit per link)
     */
    final int[] linkStart;
    final int[] linkTarget;
    final java.util.BitSet internalLink;
    /** registrable domain of every host the links name (filled here, only read afterwards: thread-safe) */
    private final Map<String, String> hostDomains;
    final long links;
    final long internalLinks;
    final long unfollowedLinks;

    CorpusAnalysis(Map<String, PageMeta> pages, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority, Map<String, ExportLink> exportLinks, AuthorityConfig config,
            List<String> trustSeeds, List<String> trustSeedsFallback, RankEngine engine) {
        this(pages, catalog, authority, exportLinks, config, trustSeeds, trustSeedsFallback, engine, true);
    }

    /** Whether this analysis computed the graphs and their scores (false: {@code ingest --graph later}). */
    final boolean graphScores;

    /**
     * As above; with {@code graphScores} false (an ingest that leaves the graph step for later) only what the page
     * documents' text fields need — links joined to pages, anchor text received, titles, link counts — is derived:
     * no graphs ({@link #pageGraph}, {@link #domainGraph} and {@link #domainAnalysis} are null) and the per-page
     * scores ({@link #pageRank}, {@link #pageAuthority}, {@link #inLinks}, {@link #refDomains}) are zero for the
     * caller to fill with the previous commit's values.
     */
    CorpusAnalysis(Map<String, PageMeta> pages, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority, Map<String, ExportLink> exportLinks, AuthorityConfig config,
            List<String> trustSeeds, List<String> trustSeedsFallback, RankEngine engine, boolean graphScores) {
        this.graphScores = graphScores;
        urls = pages.keySet().toArray(String[]::new);
        Arrays.sort(urls);
        int n = urls.length;
        ordinal = new HashMap<>(n * 2);
        titles = new String[n];
        titleHash = new long[n];
        domains = new String[n];
        hostDomains = new HashMap<>();
        // every page looked up once: the map holds hundreds of thousands of URLs (a cache miss per look-up)
        PageMeta[] metas = new PageMeta[n];
        for (int i = 0; i < n; i++) {
            ordinal.put(urls[i], i);
            metas[i] = pages.get(urls[i]);
            metas[i].ordinal = i;
            titles[i] = metas[i].title;
            titleHash[i] = hash64(titles[i]);
            domains[i] = domainOf(urls[i], hostDomains);
        }
        resolver = new LinkResolver(urls, ordinal);
        LinkResolver.Tally tally = new LinkResolver.Tally();
        LinkGraphBuilder pg = new LinkGraphBuilder();
        LinkGraphBuilder dg = new LinkGraphBuilder();
        for (String u : urls) {
            pg.node(u); // numbered 0..n-1 in URL order: the builder's numbers are the ordinals
        }
        int[] domainIds = new int[n];
        for (int i = 0; i < n; i++) {
            domainIds[i] = dg.number(domains[i]);
        }
        for (SiteRecord s : catalog.values()) {
            dg.node(s.domain());
        }
        for (ExportLink e : exportLinks.values()) {
            dg.node(e.sourceDomain());
        }
        // domain pairs that page links connect: a domain-level export row adds an edge only where none is
        Set<String> pairs = exportLinks.isEmpty() ? null : new java.util.HashSet<>();
        // (target page, referring domain) of every link between sites, to count each page's referring domains
        long[] referrals = new long[1024];
        int referralCount = 0;
        List<StringBuilder> anchors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            anchors.add(null);
        }
        long links = 0;
        long internal = 0;
        long unfollowed = 0;
        linkStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            linkStart[i + 1] = Math.addExact(linkStart[i], metas[i].links.size());
        }
        linkTarget = new int[linkStart[n]];
        internalLink = new java.util.BitSet(linkStart[n]);
        for (int i = 0; i < n; i++) {
            PageMeta m = metas[i];
            int li = linkStart[i];
            for (Link l : m.links) {
                int at = li++;
                linkTarget[at] = -1;
                String td = domainOf(l.url(), hostDomains);
                links++;
                if (l.unfollowed()) {
                    unfollowed++;
                }
                if (td.equals(domains[i])) {
                    internal++;
                    internalLink.set(at);
                } else if (graphScores) {
                    dg.edge(domainIds[i], dg.number(td), !l.unfollowed());
                    if (pairs != null) {
                        pairs.add(domains[i] + '\t' + td);
                    }
                }
                LinkResolver.Resolution r = resolver.resolve(l.url());
                int t = r.page();
                linkTarget[at] = t;
                tally.add(r, t >= 0 && !domains[i].equals(domains[t]));
                if (t < 0 || t == i) {
                    continue;
                }
                if (graphScores) {
                    pg.edge(i, t, !l.unfollowed());
                    if (!domains[i].equals(domains[t])) {
                        if (referralCount == referrals.length) {
                            referrals = Arrays.copyOf(referrals, referralCount * 2);
                        }
                        referrals[referralCount++] = ((long) t << 32) | domainIds[i];
                    }
                }
                if (!l.anchor().isBlank()) {
                    StringBuilder sb = anchors.get(t);
                    if (sb == null) {
                        sb = new StringBuilder();
                        anchors.set(t, sb);
                    }
                    if (sb.length() < MAX_ANCHORS_IN_CHARS) {
                        sb.append(l.anchor()).append('\n');
                    }
                }
            }
        }
        if (graphScores) {
            for (ExportLink e : exportLinks.values()) {
                String s = e.sourceDomain();
                String t = e.targetDomain();
                if (!e.gone() && t != null && !t.equals(s) && pairs.add(s + '\t' + t)) {
                    dg.edge(s, t, e.rel().isEmpty());
                }
            }
        }
        this.links = links;
        this.internalLinks = internal;
        this.unfollowedLinks = unfollowed;
        linkJoin = LinkJoin.of(tally);
        anchorsIn = new String[n];
        for (int i = 0; i < n; i++) {
            anchorsIn[i] = anchors.get(i) == null ? "" : anchors.get(i).toString();
        }
        if (!graphScores) {
            pageGraph = null;
            domainGraph = null;
            domainAnalysis = null;
            pageRank = new double[n];
            pageAuthority = new double[n];
            inLinks = new int[n];
            refDomains = new int[n];
            return;
        }
        pageGraph = pg.build();
        domainGraph = dg.build();
        domainAnalysis = analyseDomains(domainGraph, catalog, authority, config, trustSeeds, trustSeedsFallback,
                engine);
        // pages of demoted (link-farm) domains pass no authority, like their domains
        boolean[] blocked = new boolean[n];
        for (int i = 0; i < n; i++) {
            int dn = domainGraph.node(domains[i]);
            blocked[i] = dn >= 0 && domainAnalysis.demoted[dn];
        }
        pageRank = engine.compute(pageGraph, List.of(new RankEngine.Request("pages", config.damping(), null,
                config.passUnfollowed(), blocked, 1e-9, 100))).get(0);
        pageAuthority = PageRank.authority(pageRank);
        inLinks = pageGraph.inDegrees();
        refDomains = new int[n];
        Arrays.parallelSort(referrals, 0, referralCount);
        for (int k = 0; k < referralCount; k++) {
            if (k == 0 || referrals[k] != referrals[k - 1]) {
                refDomains[(int) (referrals[k] >>> 32)]++;
            }
        }
    }

    /** Domain-level authority, trust and link-graph spam flags, with the catalog's topics and the lists' priors. */
    private static DomainAnalysis analyseDomains(LinkGraph g, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority, AuthorityConfig config, List<String> trustSeeds,
            List<String> trustSeedsFallback, RankEngine engine) {
        Map<String, Set<String>> topics = new TreeMap<>();
        for (SiteRecord s : catalog.values()) {
            if (s.topic() != null && !s.topic().isBlank()) {
                topics.computeIfAbsent(s.domain(), k -> new TreeSet<>()).add(s.topic().strip());
            }
        }
        Map<String, Map<String, Double>> metrics = new TreeMap<>();
        for (SiteRecord s : catalog.values()) {
            metrics.computeIfAbsent(s.domain(), k -> new TreeMap<>()).putAll(s.metrics());
        }
        for (AuthorityRecord a : authority.values()) {
            metrics.computeIfAbsent(a.domain(), k -> new TreeMap<>()).putAll(a.metrics());
        }
        Map<String, Double> priors = new TreeMap<>();
        for (Map.Entry<String, Map<String, Double>> e : metrics.entrySet()) {
            Double p = DomainAnalysis.prior(e.getValue());
            if (p != null) {
                priors.put(e.getKey(), p);
            }
        }
        // the fallback seed tier gives TrustRank a start, but is too small a core for spam-mass flags
        boolean fallback = TrustSeeds.linkingOut(g, trustSeeds) == 0;
        return DomainAnalysis.compute(g, TrustSeeds.effective(g, trustSeeds, trustSeedsFallback), topics, priors,
                config, !fallback, engine);
    }

    /** Domain-graph authority (0–100) of a domain node, 0 for -1. */
    double domainAuthority(int node) {
        return node < 0 ? 0 : domainAnalysis.authority[node];
    }

    /** Domain-graph PageRank (after demotion) of a domain node, 0 for -1. */
    double domainRank(int node) {
        return node < 0 ? 0 : domainAnalysis.finalRank[node];
    }

    static String domainOf(String url) {
        String d = Domains.registrableDomain(UrlNormalizer.host(url));
        return d == null ? "" : d;
    }

    /** {@link #domainOf(String)}, remembering each host's registrable domain in {@code byHost}. */
    static String domainOf(String url, Map<String, String> byHost) {
        String host = UrlNormalizer.host(url);
        if (host == null) {
            return domainOf(url);
        }
        String d = byHost.get(host);
        if (d == null) {
            d = domainOf(url);
            byHost.put(host, d);
        }
        return d;
    }

    /** The registrable domain of a link URL (as {@link #domainOf(String)}), from the hosts the links named. */
    String linkDomain(String url) {
        String host = UrlNormalizer.host(url);
        String d = host == null ? null : hostDomains.get(host);
        return d != null ? d : domainOf(url);
    }

    /**
     * A 64-bit hash of a string's chars (FNV-1a over UTF-16 units, seeded with the length): a change detector for
     * fingerprints, not a defence against crafted collisions.
     */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L ^ s.length();
        for (int k = 0; k < s.length(); k++) {
            h ^= s.charAt(k);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** How many of page {@code i}'s links go to other registrable domains. */
    int externalLinks(int i) {
        int external = 0;
        for (int k = linkStart[i]; k < linkStart[i + 1]; k++) {
            if (!internalLink.get(k)) {
                external++;
            }
        }
        return external;
    }

    /** Outlink profile of page {@code i}: anchors, and titles of linked pages that are in the corpus. */
    String outlinkProfile(int i, List<Link> links) {
        return outlinkProfile(i, links, false);
    }

    /**
     * As {@link #outlinkProfile(int, List)} ({@code links}: the page's {@link PageMeta#links}, joined in this
     * analysis); with {@code externalOnly} only its links to other registrable domains (a site's profile).
     */
    String outlinkProfile(int i, List<Link> links, boolean externalOnly) {
        StringBuilder sb = new StringBuilder();
        int start = linkStart[i];
        if (links.size() != linkStart[i + 1] - start) {
            throw new IllegalStateException("the links of " + urls[i] + " changed after the corpus analysis");
        }
        for (int k = 0; k < links.size(); k++) {
            if (sb.length() >= MAX_OUTLINK_PROFILE_CHARS) {
                break;
            }
            if (externalOnly && internalLink.get(start + k)) {
                continue;
            }
            Link l = links.get(k);
            int t = linkTarget[start + k];
            String title = t < 0 ? "" : titles[t];
            if (!l.anchor().isBlank()) {
                sb.append(l.anchor()).append('\n');
            }
            if (!title.isBlank() && !title.equalsIgnoreCase(l.anchor())) {
                sb.append(title).append('\n');
            }
        }
        return sb.toString();
    }
}
