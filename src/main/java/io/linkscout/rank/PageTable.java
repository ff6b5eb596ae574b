package io.linkscout.rank;

import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.site.SiteRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Per-index lookup tables the ranking needs for every query: Lucene doc id <-> page-graph node, each page's
 * URL, title, domain, link counts and authority, and a dictionary of page titles for finding which pages the
 * user's content names. Built once per index generation ({@link LinkScoutIndex#cached}).
 *
 * <p>Memory: about 64 bytes per page plus the titles and URLs, and one {@code int[]} entry per distinct title
 * variant.
 */
public final class PageTable {

    private static final Pattern PARENTHETICAL = Pattern.compile("\\s*\\([^)]*\\)\\s*");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\u2013\\u2014-]\\s+|\\s*[|]\\s*");

    final LinkGraph graph;
    /** the page graph with edges reversed: who links to a page */
    final LinkGraph reverse;
    /** registrable domain -> site authority (0-100) */
    final Map<String, Double> siteAuthority = new HashMap<>();
    final int[] textLength;
    /** when the page was published (days since 1970-01-01), or {@link io.linkscout.url.PublicationDate#UNKNOWN} */
    final int[] published;
    final int[] docToNode;
    final int[] nodeToDoc;
    final String[] titles;
    final String[] domains;
    final double[] authority;
    /** page spam score 0-100, and its flags as stored JSON (null when none fired) */
    final double[] spam;
    final String[] spamFlags;
    /** registrable domain -> site spam score (0-100) and flags JSON */
    final Map<String, Double> siteSpam = new HashMap<>();
    final Map<String, String> siteSpamFlags = new HashMap<>();
    final int[] inDegree;
    final int[] outDegree;
    /** links from the page to other registrable domains */
    final int[] externalOut;
    /** the registrable-domain graph (every linked domain is a node, edge weight = links) */
    final LinkGraph domainGraph;
    /** node -> its site: a dense id over the registrable domains that have ingested pages */
    final int[] siteOf;
    /** site id -> registrable domain, and its node in {@link #domainGraph} (-1 if absent) */
    final String[] siteDomains;
    final int[] siteDomainNode;
    /** domain-graph node -> site id, or -1 for a domain without ingested pages */
    final int[] siteOfDomainNode;
    /** site id -> distinct other domains the site links to */
    final int[] siteOutDomains;
    /** title variant (tokens joined by a space) -> nodes with that title */
    final Map<String, int[]> titleDict;
    final int maxTitleTokens;
    /** word -> the title variants (keys of {@link #titleDict}) containing it, in dictionary order */
    final Map<String, String[]> titleKeysByWord;

    private PageTable(LinkScoutIndex idx) throws IOException {
        graph = idx.pageGraph();
        int n = graph.nodeCount();
        int maxDoc = idx.reader().maxDoc();
        docToNode = new int[maxDoc];
        Arrays.fill(docToNode, -1);
        nodeToDoc = new int[n];
        Arrays.fill(nodeToDoc, -1);
        titles = new String[n];
        domains = new String[n];
        authority = new double[n];
        spam = new double[n];
        spamFlags = new String[n];
        outDegree = new int[n];
        externalOut = new int[n];
        textLength = new int[n];
        published = new int[n];
        Arrays.fill(published, io.linkscout.url.PublicationDate.UNKNOWN);
        reverse = graph.transpose();
        StoredFields sf = idx.reader().storedFields();
        ScoreDoc[] hits = idx.searcher().search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)),
                Math.max(1, maxDoc)).scoreDocs;
        Set<String> fields = Set.of(IndexFields.ID, IndexFields.TITLE, IndexFields.DOMAIN, IndexFields.OUT_LINKS, IndexFields.TEXT_LENGTH,
                IndexFields.OUT_LINKS_EXTERNAL, IndexFields.PAGE_DATE);
        for (ScoreDoc h : hits) {
            Document d = sf.document(h.doc, fields);
            int node = graph.node(d.get(IndexFields.ID));
            if (node < 0) {
                continue;
            }
            docToNode[h.doc] = node;
            nodeToDoc[node] = h.doc;
            titles[node] = d.get(IndexFields.TITLE);
            domains[node] = d.get(IndexFields.DOMAIN);
            authority[node] = idx.pageDouble(h.doc, IndexFields.AUTHORITY_VALUE);
            outDegree[node] = d.getField(IndexFields.OUT_LINKS).numericValue().intValue();
            externalOut[node] = d.getField(IndexFields.OUT_LINKS_EXTERNAL) == null ? 0
                    : d.getField(IndexFields.OUT_LINKS_EXTERNAL).numericValue().intValue();
            textLength[node] = d.getField(IndexFields.TEXT_LENGTH).numericValue().intValue();
            if (d.getField(IndexFields.PAGE_DATE) != null) {
                published[node] = d.getField(IndexFields.PAGE_DATE).numericValue().intValue();
            }
            spam[node] = idx.pageDouble(h.doc, IndexFields.PAGE_SPAM);
            String flags = idx.pageString(h.doc, IndexFields.PAGE_SPAM_FLAGS);
            spamFlags[node] = flags == null || flags.equals("[]") ? null : flags;
        }
        for (Document d : new SiteRepository(idx).sites(null, Set.of(IndexFields.ID, IndexFields.AUTHORITY_VALUE,
                IndexFields.SPAM_SCORE, IndexFields.SPAM_FLAGS)).values()) {
            siteAuthority.put(d.get(IndexFields.ID),
                    d.getField(IndexFields.AUTHORITY_VALUE).numericValue().doubleValue());
            if (d.getField(IndexFields.SPAM_SCORE) != null) {
                siteSpam.put(d.get(IndexFields.ID), d.getField(IndexFields.SPAM_SCORE).numericValue().doubleValue());
            }
            if (d.get(IndexFields.SPAM_FLAGS) != null && !d.get(IndexFields.SPAM_FLAGS).equals("[]")) {
                siteSpamFlags.put(d.get(IndexFields.ID), d.get(IndexFields.SPAM_FLAGS));
            }
        }
        inDegree = graph.inDegrees();
        domainGraph = idx.domainGraph();
        java.util.TreeMap<String, Integer> sites = new java.util.TreeMap<>();
        for (String dom : domains) {
            if (dom != null) {
                sites.put(dom, 0);
            }
        }
        siteDomains = sites.keySet().toArray(String[]::new);
        for (int i = 0; i < siteDomains.length; i++) {
            sites.put(siteDomains[i], i);
        }
        siteOf = new int[n];
        for (int node = 0; node < n; node++) {
            siteOf[node] = domains[node] == null ? -1 : sites.get(domains[node]);
        }
        siteDomainNode = new int[siteDomains.length];
        siteOutDomains = new int[siteDomains.length];
        siteOfDomainNode = new int[domainGraph.nodeCount()];
        Arrays.fill(siteOfDomainNode, -1);
        for (int i = 0; i < siteDomains.length; i++) {
            int dn = domainGraph.node(siteDomains[i]);
            siteDomainNode[i] = dn;
            if (dn >= 0) {
                siteOfDomainNode[dn] = i;
                siteOutDomains[i] = domainGraph.outDegree(dn);
            }
        }
        Map<String, List<Integer>> dict = new HashMap<>();
        int maxLen = 0;
        for (int node = 0; node < n; node++) {
            if (titles[node] == null) {
                continue;
            }
            for (String[] v : titleVariants(titles[node])) {
                dict.computeIfAbsent(String.join(" ", v), k -> new ArrayList<>()).add(node);
                maxLen = Math.max(maxLen, v.length);
            }
        }
        titleDict = new HashMap<>(dict.size() * 2);
        for (Map.Entry<String, List<Integer>> e : dict.entrySet()) {
            titleDict.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).distinct().sorted().toArray());
        }
        maxTitleTokens = Math.min(maxLen, 12);
        Map<String, List<String>> byWord = new HashMap<>();
        for (String key : titleDict.keySet()) {
            for (String w : new java.util.LinkedHashSet<>(Arrays.asList(key.split(" ")))) {
                byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(key);
            }
        }
        titleKeysByWord = new HashMap<>(byWord.size() * 2);
        for (Map.Entry<String, List<String>> e : byWord.entrySet()) {
            String[] keys = e.getValue().toArray(String[]::new);
            Arrays.sort(keys);
            titleKeysByWord.put(e.getKey(), keys);
        }
    }

    public static PageTable of(LinkScoutIndex idx) {
        return idx.cached(PageTable.class, i -> {
            try {
                return new PageTable(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Ways a page's title is written in running text: the full title, the title without a parenthetical
     * qualifier ("Mercury (planet)" -> "mercury"), and the main segment of a "Headline | Site" title.
     */
    static List<String[]> titleVariants(String title) {
        List<String[]> out = new ArrayList<>();
        addVariant(out, Tokens.phrase(title));
        String base = PARENTHETICAL.matcher(title).replaceAll(" ").strip();
        addVariant(out, Tokens.phrase(base));
        String[] segs = TITLE_SEPARATOR.split(base);
        if (segs.length > 1) {
            String longest = "";
            for (String s : segs) {
                if (s.strip().length() > longest.length()) {
                    longest = s.strip();
                }
            }
            addVariant(out, Tokens.phrase(longest));
        }
        return out;
    }

    private static void addVariant(List<String[]> out, String[] v) {
        if (v.length == 0) {
            return;
        }
        for (String[] o : out) {
            if (Arrays.equals(o, v)) {
                return;
            }
        }
        out.add(v);
    }

    /**
     * Pages whose title the text names: node -> token positions of the mentions (longest match wins at each
     * position).
     */
    Map<Integer, List<Integer>> titlesMentionedIn(Tokens text) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        String[] w = text.words;
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            key.setLength(0);
            for (int len = 1; len <= maxTitleTokens && i + len <= w.length; len++) {
                if (len > 1) {
                    key.append(' ');
                }
                key.append(w[i + len - 1]);
                int[] nodes = titleDict.get(key.toString());
                if (nodes != null) {
                    for (int node : nodes) {
                        out.computeIfAbsent(node, k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Known titles (variants) that contain {@code phrase} as a contiguous part but are longer ("Hoover Dam" for
     * "dam"): a mention inside one of them names that page, not the phrase's. When more than {@code max} do, the
     * {@code max} most linked-to ones (the links into the pages holding the title, summed; ties in dictionary
     * order) — the names a mention most likely belongs to; otherwise all of them, in dictionary order.
     */
    List<String> longerTitlesContaining(String[] phrase, int max) {
        List<String> out = new ArrayList<>();
        if (phrase.length == 0) {
            return out;
        }
        String needle = " " + String.join(" ", phrase) + " ";
        // a key containing the phrase contains its first word as a word: only those keys are read
        String[] keys = titleKeysByWord.get(phrase[0]);
        if (keys == null) {
            return out;
        }
        for (String key : keys) {
            if (key.length() > needle.length() - 2 && (" " + key + " ").contains(needle)) {
                out.add(key);
            }
        }
        if (out.size() <= max) {
            return out;
        }
        Map<String, Long> links = new HashMap<>(out.size() * 2);
        for (String key : out) {
            long sum = 0;
            for (int node : titleDict.get(key)) {
                sum += inDegree[node];
            }
            links.put(key, sum);
        }
        out.sort((a, b) -> {
            int c = Long.compare(links.get(b), links.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        return new ArrayList<>(out.subList(0, Math.max(0, max)));
    }

    public int nodeCount() {
        return titles.length;
    }

    /** Links from site {@code site} to the registrable domain {@code domainNode} (0 if none). */
    int linksBetween(int site, int domainNode) {
        int from = site < 0 ? -1 : siteDomainNode[site];
        if (from < 0 || domainNode < 0) {
            return 0;
        }
        for (int e = domainGraph.edgeStart(from); e < domainGraph.edgeEnd(from); e++) {
            if (domainGraph.target(e) == domainNode) {
                return domainGraph.weight(e);
            }
        }
        return 0;
    }
}
