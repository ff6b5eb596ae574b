package io.linkscout.jobs.earn;

import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.SiteSignals;
import io.linkscout.nlp.PageTopics;
import io.linkscout.nlp.Stopwords;
import io.linkscout.rank.ContentQuery;
import io.linkscout.search.LuceneSearchBackend;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import io.linkscout.url.Domains;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * {@code topics-that-earn}: which topics of the user's niche earn links from the most distinct referring domains,
 * with the pages that earned them and the sites that linked (who to pitch).
 *
 * <p>Method: the niche is the content's top tf-idf terms or the seed keywords (English-analysed). Candidate pages are
 * the {@value #CANDIDATES} pages best matching the niche terms (BM25 over title and body) that have at least one
 * referring domain. Each candidate's topics are the keyphrases stored at ingest ({@link PageTopicsIndexing},
 * {@link IndexFields#PAGE_TOPICS}), compared by {@link PageTopics#key}. They are grouped into clusters: (1) one
 * topic per key ("Sea otters" and "sea otter"); (2) a topic joins the cluster of the longest of its proper
 * word-suffixes that is itself a topic of a candidate ("giant kelp forest" joins "kelp forest", which joins "forest"
 * when that is a topic: containment with the same head word); (3) clusters whose pages are the same set are one
 * cluster (topics that always co-occur). A cluster counts when it has at least two pages or one of its topics
 * contains a niche term. Ranking: distinct referring domains over the cluster's pages (domains other than the page's
 * own whose pages link to it), then pages, then label (the topic on the most pages, then the one ranked best on its
 * pages, then alphabetical; its most frequent written form). With {@code domain}, the user's pages are not
 * candidates and a cluster is dropped when one of the user's pages carries one of its topics (a stored topic whose
 * key contains the topic's key: the content gap).
 */
public final class EarnedTopics {

    public static final int CANDIDATES = 500;

    public record Options(int top, int pagesPerTopic, int sitesPerTopic, String domain) {
    }

    /**
     * A page that earned links on a topic.
     *
     * @param topics the page's stored topics that are in the cluster (written forms)
     */
    public record EarningPage(String url, String title, String domain, int refDomains, List<String> topics) {
    }

    public record LinkingSite(String domain, int pagesLinked, double authority) {
    }

    /**
     * A cluster of page topics.
     *
     * @param topic              its label
     * @param topics             the topics in it (written forms, label first)
     * @param distinctRefDomains domains linking to its pages (ranking key)
     * @param meanRefDomains     mean stored referring domains per page
     */
    public record Idea(int rank, String topic, List<String> topics, int pages, int distinctRefDomains,
            double meanRefDomains, double medianRefDomains, List<EarningPage> examples,
            List<LinkingSite> linkingSites, boolean gap) {

        public ProspectCandidate toProspect() {
            LinkingSite best = linkingSites.isEmpty() ? null : linkingSites.get(0);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("topic", topic);
            ev.put("topics", topics);
            ev.put("distinctRefDomains", distinctRefDomains);
            ev.put("meanRefDomains", meanRefDomains);
            ev.put("examples", examples);
            ev.put("linkingSites", linkingSites);
            ev.put("gap", gap);
            return new ProspectCandidate("topics-that-earn", best == null ? "" : best.domain(),
                    examples.isEmpty() ? "" : examples.get(0).url(), distinctRefDomains, pages + " page(s) about \""
                            + topic + "\" earn links from " + distinctRefDomains + " referring domains; pitch the"
                            + " sites that linked to them", ev);
        }

        /** One prospect per linking site: the sites that linked to pages on this topic. */
        public List<ProspectCandidate> linkingSiteProspects() {
            List<ProspectCandidate> out = new ArrayList<>();
            for (LinkingSite s : linkingSites) {
                out.add(new ProspectCandidate("topics-that-earn", s.domain(), examples.isEmpty() ? ""
                        : examples.get(0).url(), s.authority(), "linked to " + s.pagesLinked() + " page(s) about \""
                        + topic + "\"", Map.of("topic", topic, "pagesLinked", s.pagesLinked(), "authority",
                        s.authority())));
            }
            return out;
        }
    }

    public record Response(List<String> niche, String domain, int candidatePages, List<Idea> ideas) {
    }

    private final LinkScoutIndex index;
    private final SearchBackend backend;

    /** Everything from the embedded index. */
    public EarnedTopics(LinkScoutIndex index) {
        this(index, new LuceneSearchBackend(index, false));
    }

    /**
     * The niche search on {@code backend} (the embedded index or an OpenSearch cluster of the same ingest); the
     * pages' stored topics, the link graph and the sites' signals from {@code index}.
     */
    public EarnedTopics(LinkScoutIndex index, SearchBackend backend) {
        this.index = index;
        this.backend = backend;
    }

    /** The niche terms of seed keywords (analysed, unique, in order). */
    public List<String> keywordTerms(List<String> keywords) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String k : keywords) {
            out.addAll(ContentQuery.analyze(index.analyzer(), k));
        }
        if (out.isEmpty()) {
            throw new UserException("keywords: none of the keywords is a searchable word (give topic words such as "
                    + "\"kelp\" \"sea otters\")");
        }
        return List.copyOf(out);
    }

    public static List<String> contentTerms(ContentQuery q) {
        return q.terms().stream().map(ContentQuery.WeightedTerm::term).toList();
    }

    /** A topic key of the candidates: its pages, written forms and best rank on a page. */
    private static final class Member {
        final String key;
        final TreeSet<String> pages = new TreeSet<>();
        final Map<String, Integer> forms = new TreeMap<>();
        int bestRank = Integer.MAX_VALUE;

        Member(String key) {
            this.key = key;
        }

        String form() {
            return forms.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).get().getKey();
        }
    }

    /** The cluster order of members: most pages, best rank on a page, key. */
    private static final Comparator<Member> LABEL_ORDER = Comparator.comparingInt((Member m) -> -m.pages.size())
            .thenComparingInt(m -> m.bestRank).thenComparing(m -> m.key);

    public Response run(List<String> terms, Map<String, Double> weights, Options o) {
        requirePageTopics();
        List<String> niche = withoutFunctionWords(terms);
        Set<String> nicheSet = new LinkedHashSet<>(niche);
        List<QuerySpec> match = new ArrayList<>();
        for (String t : niche) {
            float w = (float) (double) weights.getOrDefault(t, 1.0);
            match.add(new QuerySpec.Boost(new QuerySpec.Term(IndexFields.BODY, t), w));
            match.add(new QuerySpec.Boost(new QuerySpec.Term(IndexFields.TITLE, t), 2 * w));
        }
        QuerySpec q = new QuerySpec.Bool(List.of(new QuerySpec.Bool(List.of(), match, List.of())), List.of(),
                List.of(new QuerySpec.Term(IndexFields.TYPE, IndexFields.TYPE_PAGE),
                        new QuerySpec.Range(IndexFields.PAGE_REF_DOMAINS, 1, Long.MAX_VALUE)),
                o.domain() == null ? List.of() : List.of(new QuerySpec.Term(IndexFields.DOMAIN, o.domain())));
        List<EarningPage> cands = new ArrayList<>();
        Map<String, List<String>> topicsOfPage = new HashMap<>();
        try {
            // the best CANDIDATES pages, ties by URL (the backends' id tie-break)
            for (SearchBackend.Hit h : backend.search(q, CANDIDATES, true)) {
                int doc = Jobs.pageDoc(index, h.id());
                if (doc < 0) {
                    continue; // not of the embedded index's ingest (Generations.requireSame prevents it)
                }
                Document d = Jobs.stored(index, doc, Set.of(IndexFields.ID, IndexFields.TITLE, IndexFields.DOMAIN,
                        IndexFields.PAGE_TOPICS));
                EarningPage p = new EarningPage(d.get(IndexFields.ID), d.get(IndexFields.TITLE),
                        d.get(IndexFields.DOMAIN), (int) index.pageLong(doc, IndexFields.PAGE_REF_DOMAINS),
                        List.of());
                cands.add(p);
                topicsOfPage.put(p.url(), List.of(d.getValues(IndexFields.PAGE_TOPICS)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // (1) one member per key
        Map<String, Member> members = new TreeMap<>();
        for (EarningPage p : cands) {
            List<String> ts = topicsOfPage.get(p.url());
            for (int r = 0; r < ts.size(); r++) {
                String k = PageTopics.key(ts.get(r));
                if (k.isEmpty()) {
                    continue;
                }
                Member m = members.computeIfAbsent(k, Member::new);
                m.pages.add(p.url());
                m.forms.merge(ts.get(r), 1, Integer::sum);
                m.bestRank = Math.min(m.bestRank, r);
            }
        }
        // (2) containment: a topic joins the cluster of its longest proper word-suffix that is a topic
        Map<String, String> parent = new HashMap<>();
        for (String k : members.keySet()) {
            parent.put(k, k);
        }
        for (Member m : members.values()) {
            List<String> words = PageTopics.words(m.key);
            for (int i = 1; i < words.size(); i++) {
                String suffix = String.join(" ", words.subList(i, words.size()));
                if (members.containsKey(suffix)) {
                    union(parent, m.key, suffix);
                    break;
                }
            }
        }
        // (3) co-occurrence: clusters over the same set of pages are one
        Map<String, TreeSet<String>> pagesOfRoot = new TreeMap<>();
        for (Member m : members.values()) {
            pagesOfRoot.computeIfAbsent(find(parent, m.key), x -> new TreeSet<>()).addAll(m.pages);
        }
        Map<Set<String>, String> rootOfPages = new HashMap<>();
        for (Map.Entry<String, TreeSet<String>> e : pagesOfRoot.entrySet()) {
            String first = rootOfPages.putIfAbsent(e.getValue(), e.getKey());
            if (first != null) {
                union(parent, e.getKey(), first);
            }
        }
        Map<String, List<Member>> clusters = new TreeMap<>();
        for (Member m : members.values()) {
            clusters.computeIfAbsent(find(parent, m.key), x -> new ArrayList<>()).add(m);
        }

        Map<String, EarningPage> byUrl = new HashMap<>();
        cands.forEach(p -> byUrl.put(p.url(), p));
        Set<String> userKeys = o.domain() == null ? Set.of() : topicKeysOf(o.domain());
        LinkGraph pg = index.pageGraph();
        LinkGraph pgt = pg.transpose();
        SiteSignals signals = new SiteSignals(index);
        List<Idea> ideas = new ArrayList<>();
        for (List<Member> cl : clusters.values()) {
            cl.sort(LABEL_ORDER);
            Set<String> keys = new LinkedHashSet<>();
            TreeSet<String> urls = new TreeSet<>();
            for (Member m : cl) {
                keys.add(m.key);
                urls.addAll(m.pages);
            }
            if (urls.size() < 2 && cl.stream().noneMatch(m -> inNiche(m.form(), nicheSet))) {
                continue;
            }
            if (o.domain() != null && covered(userKeys, keys)) {
                continue;
            }
            List<EarningPage> ps = urls.stream().map(byUrl::get).map(p -> new EarningPage(p.url(), p.title(),
                    p.domain(), p.refDomains(), topicsOfPage.get(p.url()).stream()
                            .filter(t -> keys.contains(PageTopics.key(t))).toList()))
                    .sorted(Comparator.comparingInt(EarningPage::refDomains).reversed()
                            .thenComparing(EarningPage::url)).toList();
            int[] rd = ps.stream().mapToInt(EarningPage::refDomains).sorted().toArray();
            double mean = Jobs.round(java.util.Arrays.stream(rd).average().orElse(0));
            double median = rd.length % 2 == 1 ? rd[rd.length / 2] : (rd[rd.length / 2 - 1] + rd[rd.length / 2]) / 2.0;
            Map<String, Integer> linking = new TreeMap<>();
            for (EarningPage p : ps) {
                int n = pg.node(p.url());
                if (n < 0) {
                    continue;
                }
                Set<String> doms = new TreeSet<>();
                for (int s : pgt.successors(n)) {
                    String sd = Jobs.domainOf(pgt.name(s));
                    if (sd != null && !sd.equals(p.domain())) {
                        doms.add(sd);
                    }
                }
                doms.forEach(dm -> linking.merge(dm, 1, Integer::sum));
            }
            List<LinkingSite> sites = linking.entrySet().stream()
                    .map(x -> new LinkingSite(x.getKey(), x.getValue(), signals.of(x.getKey()).authority()))
                    .sorted(Comparator.comparingDouble(LinkingSite::authority).reversed()
                            .thenComparing(Comparator.comparingInt(LinkingSite::pagesLinked).reversed())
                            .thenComparing(LinkingSite::domain)).toList();
            ideas.add(new Idea(0, cl.get(0).form(), cl.stream().map(Member::form).toList(), ps.size(),
                    linking.size(), mean, median, ps.subList(0, Math.min(o.pagesPerTopic(), ps.size())),
                    sites.subList(0, Math.min(o.sitesPerTopic(), sites.size())), o.domain() != null));
        }
        ideas.sort(Comparator.comparingInt(Idea::distinctRefDomains).reversed()
                .thenComparing(Comparator.comparingInt(Idea::pages).reversed())
                .thenComparing(Idea::topic));
        List<Idea> out = new ArrayList<>();
        for (Idea i : ideas.subList(0, Math.min(o.top(), ideas.size()))) {
            out.add(new Idea(out.size() + 1, i.topic(), i.topics(), i.pages(), i.distinctRefDomains(),
                    i.meanRefDomains(), i.medianRefDomains(), i.examples(), i.linkingSites(), i.gap()));
        }
        return new Response(List.copyOf(nicheSet), o.domain(), cands.size(), out);
    }

    /**
     * The niche terms that are not English function words ({@link Stopwords}, analysed like the terms: "does" is
     * "doe"): the content's tf-idf terms can include "what" or "you", which would bring in pages about anything.
     */
    List<String> withoutFunctionWords(List<String> terms) {
        Set<String> function = new HashSet<>();
        for (String w : Stopwords.english()) {
            function.addAll(ContentQuery.analyze(index.analyzer(), w));
        }
        List<String> kept = terms.stream().filter(t -> !function.contains(t)).toList();
        if (kept.isEmpty()) {
            throw new UserException("the niche has only function words (" + String.join(", ", terms) + "): give "
                    + "content with topic words, or keywords such as \"kelp\" \"sea otters\"");
        }
        return kept;
    }

    private boolean inNiche(String phrase, Set<String> niche) {
        return ContentQuery.analyze(index.analyzer(), phrase).stream().anyMatch(niche::contains);
    }

    private static String find(Map<String, String> parent, String k) {
        String p = parent.get(k);
        while (!p.equals(parent.get(p))) {
            p = parent.get(p);
        }
        parent.put(k, p);
        return p;
    }

    /** Joins two clusters; the root is the smaller key, so the result does not depend on the order of calls. */
    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    /** Whether one of the user's topic keys contains one of the cluster's keys (the user covers the topic). */
    static boolean covered(Set<String> userKeys, Set<String> clusterKeys) {
        for (String u : userKeys) {
            for (String k : clusterKeys) {
                if (PageTopics.contains(u, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The topic keys stored on the domain's pages. */
    Set<String> topicKeysOf(String domain) {
        Set<String> out = new TreeSet<>();
        try {
            IndexSearcher s = index.searcher();
            for (ScoreDoc sd : s.search(Jobs.pagesOf(domain), Math.max(1, s.count(Jobs.pagesOf(domain)))).scoreDocs) {
                for (String t : Jobs.stored(index, sd.doc, Set.of(IndexFields.PAGE_TOPICS))
                        .getValues(IndexFields.PAGE_TOPICS)) {
                    out.add(PageTopics.key(t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private int pageCount() {
        try {
            return index.searcher().count(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An index written before pages had stored topics cannot answer: say how to fix it. */
    private void requirePageTopics() {
        if (FieldInfos.getMergedFieldInfos(index.reader()).fieldInfo(IndexFields.PAGE_TOPICS) == null
                && pageCount() > 0) {
            throw new UserException("index: its pages have no stored topics (it was built before topics-that-earn"
                    + " used them); run ingest on it again to add them (an older index is rebuilt in full once)");
        }
    }

    /** Validates the options shared by the CLI and REST; messages name the field. */
    public static Options validate(Integer top, String domain) {
        int t = Jobs.top(top, 20);
        String d = null;
        if (domain != null && !domain.isBlank()) {
            d = Domains.requireDomain("domain", domain);
        }
        return new Options(t, 5, 10, d);
    }

    /** Runs the job for content text or keywords (exactly one is non-null). */
    public static Response forContent(LinkScoutIndex idx, String text, List<String> keywords,
            Options o) {
        return forContent(idx, new LuceneSearchBackend(idx, false), text, keywords, o);
    }

    /** As {@link #forContent(LinkScoutIndex, String, List, Options)}, searching {@code backend}. */
    public static Response forContent(LinkScoutIndex idx, SearchBackend backend, String text, List<String> keywords,
            Options o) {
        EarnedTopics et = new EarnedTopics(idx, backend);
        if (text != null) {
            ContentQuery q = JobsContent.of(idx, backend, text, "auto", null, false);
            Map<String, Double> w = new LinkedHashMap<>();
            q.terms().forEach(x -> w.put(x.term(), x.weight()));
            return et.run(new ArrayList<>(w.keySet()), w, o);
        }
        return et.run(et.keywordTerms(keywords), Map.of(), o);
    }
}
