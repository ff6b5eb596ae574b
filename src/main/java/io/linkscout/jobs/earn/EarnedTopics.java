package io.linkscout.jobs.earn;

import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.JobsContent;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.SiteSignals;
import io.linkscout.rank.ContentQuery;
import io.linkscout.url.Domains;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * {@code topics-that-earn}: which topics of the user's niche attract links from the most distinct referring domains
 * per page, with the pages that earned them and the sites that linked (who to pitch).
 *
 * <p>Method (cheap, no NLP pass over the index): the niche is the content's top tf-idf terms or the seed keywords
 * (English-analysed). Candidate pages are the {@value #CANDIDATES} pages best matching the niche terms (BM25 over
 * title and body) that have at least one referring domain. Topics are the pages' title terms and adjacent title-term
 * pairs (stop words and {@link #GENERIC} title words dropped); a topic counts when it contains a niche term or when at
 * least two candidate pages share it. Topics with the same set of pages are merged (the two-word one, else the
 * first in order, is kept). Ranking: mean referring domains per page, then distinct referring domains over the
 * topic's pages, then pages, then label. With {@code domain}, the user's pages are not candidates and only topics
 * where the user's site has no page with the topic's terms in its title are kept (the content gap).
 */
public final class EarnedTopics {

    public static final int CANDIDATES = 500;

    static final Set<String> GENERIC = Set.of("guid", "best", "top", "way", "tip", "new", "review", "how", "what",
            "why", "list", "ultim", "complet", "introduct", "part", "vs", "year", "day", "thing", "make", "get",
            "use", "good", "great", "free", "easi", "simpl", "step", "basic", "explain",
            // function words the index analyzer's short stop list keeps (stemmed as it stems them)
            "doe", "did", "done", "when", "where", "who", "whom", "which", "while", "you", "your", "our", "ours",
            "their", "them", "can", "could", "should", "would", "might", "must", "from", "about", "abov", "after",
            "befor", "all", "ani", "more", "most", "some", "just", "now", "here", "its", "his", "her", "has", "have",
            "had", "been", "were", "than", "too", "veri", "over", "under", "also", "onli", "out", "off", "again",
            "ever", "never", "alwai", "still", "yet", "one", "two", "three", "back", "much", "mani", "like", "want",
            "need", "know", "let", "go", "goe", "come", "take", "see", "look", "say", "said", "thei", "thi", "that",
            "there", "these", "those", "whi", "other", "anoth", "everi", "each", "both", "few", "own", "same");

    public record Options(int top, int pagesPerTopic, int sitesPerTopic, String domain) {
    }

    public record EarningPage(String url, String title, String domain, int refDomains) {
    }

    public record LinkingSite(String domain, int pagesLinked, double authority) {
    }

    public record Idea(int rank, String topic, List<String> terms, int pages, double meanRefDomains,
            double medianRefDomains, int distinctRefDomains, List<EarningPage> examples, List<LinkingSite> linkingSites,
            boolean gap) {

        public ProspectCandidate toProspect() {
            LinkingSite best = linkingSites.isEmpty() ? null : linkingSites.get(0);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("topic", topic);
            ev.put("meanRefDomains", meanRefDomains);
            ev.put("distinctRefDomains", distinctRefDomains);
            ev.put("examples", examples);
            ev.put("linkingSites", linkingSites);
            ev.put("gap", gap);
            return new ProspectCandidate("topics-that-earn", best == null ? "" : best.domain(),
                    examples.isEmpty() ? "" : examples.get(0).url(), meanRefDomains, "pages about \"" + topic
                            + "\" earn links from " + meanRefDomains + " referring domains on average; pitch the sites"
                            + " that linked to them", ev);
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

    public EarnedTopics(LinkScoutIndex index) {
        this.index = index;
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

    public Response run(List<String> niche, Map<String, Double> weights, Options o) {
        Set<String> nicheSet = new LinkedHashSet<>(niche);
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        for (String t : niche) {
            float w = (float) (double) weights.getOrDefault(t, 1.0);
            terms.add(new BoostQuery(new TermQuery(new Term(IndexFields.BODY, t)), w), BooleanClause.Occur.SHOULD);
            terms.add(new BoostQuery(new TermQuery(new Term(IndexFields.TITLE, t)), 2 * w), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery.Builder qb = new BooleanQuery.Builder().add(terms.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                .add(IntField.newRangeQuery(IndexFields.REF_DOMAINS, 1, Integer.MAX_VALUE), BooleanClause.Occur.FILTER);
        if (o.domain() != null) {
            qb.add(new TermQuery(new Term(IndexFields.DOMAIN, o.domain())), BooleanClause.Occur.MUST_NOT);
        }
        List<EarningPage> cands = new ArrayList<>();
        Map<String, Set<String>> topicsOfPage = new HashMap<>();
        Map<String, Map<String, Integer>> surface = new HashMap<>();
        try {
            // twice as many hits, then score and URL order: ties at the cut do not depend on document order
            ScoreDoc[] hits = index.searcher().search(qb.build(), 2 * CANDIDATES).scoreDocs;
            List<Map.Entry<Float, EarningPage>> scored = new ArrayList<>();
            for (ScoreDoc sd : hits) {
                Document d = Jobs.stored(index, sd.doc, Set.of(IndexFields.ID, IndexFields.TITLE, IndexFields.DOMAIN,
                        IndexFields.REF_DOMAINS));
                scored.add(Map.entry(sd.score, new EarningPage(d.get(IndexFields.ID), d.get(IndexFields.TITLE),
                        d.get(IndexFields.DOMAIN), (int) Jobs.storedDouble(d, IndexFields.REF_DOMAINS))));
            }
            scored.sort(Map.Entry.<Float, EarningPage>comparingByKey().reversed()
                    .thenComparing(e -> e.getValue().url()));
            for (Map.Entry<Float, EarningPage> e : scored.subList(0, Math.min(CANDIDATES, scored.size()))) {
                EarningPage p = e.getValue();
                cands.add(p);
                topicsOfPage.put(p.url(), titleTopics(p.title(), surface));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, TreeSet<String>> pagesOfTopic = new TreeMap<>();
        Map<String, EarningPage> byUrl = new HashMap<>();
        for (EarningPage p : cands) {
            byUrl.put(p.url(), p);
            for (String t : topicsOfPage.get(p.url())) {
                pagesOfTopic.computeIfAbsent(t, x -> new TreeSet<>()).add(p.url());
            }
        }
        LinkGraph pg = index.pageGraph();
        LinkGraph pgt = pg.transpose();
        SiteSignals signals = new SiteSignals(index);
        List<Idea> ideas = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : pagesOfTopic.entrySet()) {
            String key = e.getKey();
            List<String> stems = List.of(key.split(" "));
            boolean inNiche = stems.stream().anyMatch(nicheSet::contains);
            if (!inNiche && e.getValue().size() < 2) {
                continue;
            }
            if (o.domain() != null && covered(o.domain(), stems)) {
                continue;
            }
            List<EarningPage> ps = e.getValue().stream().map(byUrl::get)
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
            ideas.add(new Idea(0, label(stems, surface), stems, ps.size(), mean, median, linking.size(),
                    ps.subList(0, Math.min(o.pagesPerTopic(), ps.size())),
                    sites.subList(0, Math.min(o.sitesPerTopic(), sites.size())), o.domain() != null));
        }
        ideas.sort(Comparator.comparingDouble(Idea::meanRefDomains).reversed()
                .thenComparing(Comparator.comparingInt(Idea::distinctRefDomains).reversed())
                .thenComparing(Comparator.comparingInt(Idea::pages).reversed())
                .thenComparing(Comparator.comparingInt((Idea i) -> i.terms().size()).reversed())
                .thenComparing(Idea::topic));
        List<Idea> out = new ArrayList<>();
        Set<Set<String>> seen = new LinkedHashSet<>();
        for (Idea i : ideas) {
            if (out.size() >= o.top()) {
                break;
            }
            if (seen.add(new TreeSet<>(pagesOfTopic.get(String.join(" ", i.terms()))))) {
                out.add(new Idea(out.size() + 1, i.topic(), i.terms(), i.pages(), i.meanRefDomains(),
                        i.medianRefDomains(), i.distinctRefDomains(), i.examples(), i.linkingSites(), i.gap()));
            }
        }
        return new Response(List.copyOf(nicheSet), o.domain(), cands.size(), out);
    }

    /** Whether the domain has a page whose title contains every term of the topic. */
    boolean covered(String domain, List<String> stems) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(Jobs.pagesOf(domain), BooleanClause.Occur.FILTER);
        for (String s : stems) {
            b.add(new TermQuery(new Term(IndexFields.TITLE, s)), BooleanClause.Occur.FILTER);
        }
        try {
            return index.searcher().count(b.build()) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Title topics: unigram and adjacent-pair stems; records the surface words of each stem. */
    Set<String> titleTopics(String title, Map<String, Map<String, Integer>> surface) {
        List<String> stems = new ArrayList<>();
        for (String w : (title == null ? "" : title).split("[^\\p{L}\\p{N}'’-]+")) {
            if (w.isBlank()) {
                continue;
            }
            List<String> a = ContentQuery.analyze(index.analyzer(), w);
            if (a.size() != 1) {
                stems.add(null); // stop word or split word: breaks pairs
                continue;
            }
            String s = a.get(0);
            if (s.length() < 3 || s.chars().allMatch(Character::isDigit) || GENERIC.contains(s)) {
                stems.add(null);
                continue;
            }
            stems.add(s);
            surface.computeIfAbsent(s, x -> new TreeMap<>()).merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < stems.size(); i++) {
            String s = stems.get(i);
            if (s == null) {
                continue;
            }
            out.add(s);
            if (i + 1 < stems.size() && stems.get(i + 1) != null && !stems.get(i + 1).equals(s)) {
                out.add(s + " " + stems.get(i + 1));
            }
        }
        return out;
    }

    private static String label(List<String> stems, Map<String, Map<String, Integer>> surface) {
        List<String> words = new ArrayList<>();
        for (String s : stems) {
            Map<String, Integer> forms = surface.getOrDefault(s, Map.of(s, 1));
            words.add(forms.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).get().getKey());
        }
        return String.join(" ", words);
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
        EarnedTopics et = new EarnedTopics(idx);
        if (text != null) {
            ContentQuery q = JobsContent.of(idx, text, "auto", null, false);
            Map<String, Double> w = new LinkedHashMap<>();
            q.terms().forEach(x -> w.put(x.term(), x.weight()));
            return et.run(new ArrayList<>(w.keySet()), w, o);
        }
        return et.run(et.keywordTerms(keywords), Map.of(), o);
    }
}
