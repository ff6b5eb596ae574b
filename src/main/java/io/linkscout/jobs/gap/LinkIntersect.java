package io.linkscout.jobs.gap;

import io.linkscout.url.Domains;
import io.linkscout.error.UserException;
import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.SiteSignals;
import io.linkscout.jobs.TopicFit;
import io.linkscout.rank.ContentQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code link-intersect}: the registrable domains that link to at least {@code k} of the competitors and not to the
 * user's domain, over the index's domain graph (internal links are not in it). Each result lists, per competitor, the
 * pages of the referring domain that link to it (target URL, anchor, rel — unfollowed links are shown, not dropped).
 *
 * <p>Order: overlap (competitors linked) descending, then score = {@value #W_AUTHORITY} × authority/100 +
 * {@value #W_FIT} × topic fit (when content is given, else authority alone) − {@value #W_SPAM} × spam/100, then
 * domain. Referring domains above {@code maxSpam} are left out.
 */
public final class LinkIntersect {

    public static final double W_AUTHORITY = 0.5;
    public static final double W_FIT = 0.5;
    public static final double W_SPAM = 0.5;

    public record Options(List<String> competitors, String domain, int minOverlap, int top, double maxSpam,
            int maxPagesPerCompetitor) {
    }

    /** One link from a page of the referring domain to a competitor. */
    public record LinkingPage(String page, String target, String anchor, String rel) {
    }

    public record Result(int rank, String domain, int overlap, List<String> competitorsLinked,
            Map<String, List<LinkingPage>> pages, double score, double authority, Double topicFit,
            List<String> matchedTerms, double spamScore, List<String> flags) {

        public ProspectCandidate toProspect() {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("overlap", overlap);
            ev.put("competitorsLinked", competitorsLinked);
            ev.put("pages", pages);
            ev.put("authority", authority);
            ev.put("topicFit", topicFit);
            ev.put("flags", flags);
            String first = pages.values().stream().flatMap(List::stream).map(LinkingPage::page).findFirst()
                    .orElse("");
            return new ProspectCandidate("link-intersect", domain, first, score, "links to " + overlap
                    + " competitor(s) (" + String.join(", ", competitorsLinked) + ") but not to you; authority "
                    + authority, ev);
        }
    }

    public record Response(List<String> competitors, String domain, int minOverlap, List<String> warnings,
            int referringDomainsSeen, List<Result> results) {
    }

    private final LinkScoutIndex index;
    private final io.linkscout.search.SearchBackend backend;
    private final SiteSignals signals;

    /** Topic fit (with content) from the embedded index. */
    public LinkIntersect(LinkScoutIndex index) {
        this(index, new io.linkscout.search.LuceneSearchBackend(index, false));
    }

    /**
     * The domain graph and stored links from {@code index}, the topic fit's scores (with content) from
     * {@code backend} (the embedded index or an OpenSearch cluster of the same ingest).
     */
    public LinkIntersect(LinkScoutIndex index, io.linkscout.search.SearchBackend backend) {
        this.index = index;
        this.backend = backend;
        this.signals = new SiteSignals(index);
    }

    /** Checks and normalises the options: domains reduced to registrable domains, k within 1..competitors. */
    public static Options validate(List<String> competitors, String domain, Integer minOverlap, Integer top,
            Double maxSpam) {
        if (competitors == null || competitors.isEmpty()) {
            throw new UserException("competitors: give at least one competitor domain");
        }
        TreeSet<String> comps = new TreeSet<>();
        for (int i = 0; i < competitors.size(); i++) {
            comps.add(Domains.requireDomain("competitors[" + i + "]", competitors.get(i)));
        }
        if (domain == null || domain.isBlank()) {
            throw new UserException("domain: give your own domain (e.g. example.com)");
        }
        String mine = Domains.requireDomain("domain", domain);
        comps.remove(mine);
        if (comps.isEmpty()) {
            throw new UserException("competitors: give at least one competitor other than your own domain");
        }
        int k = minOverlap == null ? Math.min(2, comps.size()) : minOverlap;
        if (k < 1 || k > comps.size()) {
            throw new UserException("minOverlap must be between 1 and the number of competitors (" + comps.size()
                    + "), got " + k);
        }
        int t = Jobs.top(top, 50);
        double ms = Jobs.percent("maxSpam", maxSpam, 100);
        return new Options(List.copyOf(comps), mine, k, t, ms, 5);
    }

    public Response run(Options o, ContentQuery content) {
        LinkGraph g = index.domainGraph();
        LinkGraph gt = g.transpose();
        List<String> warnings = new ArrayList<>();
        Set<String> linksToMe = new TreeSet<>();
        int me = g.node(o.domain());
        if (me >= 0) {
            for (int s : gt.successors(me)) {
                linksToMe.add(gt.name(s));
            }
        }
        Map<String, TreeSet<String>> byReferrer = new TreeMap<>();
        for (String c : o.competitors()) {
            int n = g.node(c);
            if (n < 0 || gt.outDegree(n) == 0) {
                warnings.add("no indexed page links to competitor " + c);
                continue;
            }
            for (int s : gt.successors(n)) {
                String r = gt.name(s);
                if (r.equals(o.domain()) || o.competitors().contains(r) || r.isEmpty()) {
                    continue;
                }
                byReferrer.computeIfAbsent(r, x -> new TreeSet<>()).add(c);
            }
        }
        TopicFit fit = content == null ? null : new TopicFit(backend, content);
        Map<String, TopicFit.Raw> raws = new TreeMap<>();
        List<String> keep = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : byReferrer.entrySet()) {
            if (e.getValue().size() >= o.minOverlap() && !linksToMe.contains(e.getKey())) {
                keep.add(e.getKey());
                if (fit != null) {
                    raws.put(e.getKey(), fit.raw(e.getKey()));
                }
            }
        }
        Map<String, Double> fits = fit == null ? Map.of() : fit.normalise(raws);
        List<Result> out = new ArrayList<>();
        for (String r : keep) {
            SiteSignals.Signals sig = signals.of(r);
            if (sig.spamScore() > o.maxSpam()) {
                continue;
            }
            Double f = fit == null ? null : fits.get(r);
            double score = (fit == null ? sig.authority() / 100 : W_AUTHORITY * sig.authority() / 100 + W_FIT * f)
                    - W_SPAM * sig.spamScore() / 100;
            TreeSet<String> comps = byReferrer.get(r);
            out.add(new Result(0, r, comps.size(), List.copyOf(comps), evidence(r, comps, o.maxPagesPerCompetitor()),
                    Jobs.round(score), sig.authority(), f, fit == null ? List.of() : raws.get(r).matchedTerms(),
                    sig.spamScore(), sig.spamFlags()));
        }
        out.sort(Comparator.comparingInt(Result::overlap).reversed()
                .thenComparing(Comparator.comparingDouble(Result::score).reversed()).thenComparing(Result::domain));
        List<Result> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(o.top(), out.size()); i++) {
            Result x = out.get(i);
            ranked.add(new Result(i + 1, x.domain(), x.overlap(), x.competitorsLinked(), x.pages(), x.score(),
                    x.authority(), x.topicFit(), x.matchedTerms(), x.spamScore(), x.flags()));
        }
        return new Response(o.competitors(), o.domain(), o.minOverlap(), warnings, byReferrer.size(), ranked);
    }

    /** The referring domain's pages linking to each competitor (at most {@code max} per competitor, by URL). */
    Map<String, List<LinkingPage>> evidence(String referrer, Set<String> competitors, int max) {
        Map<String, List<LinkingPage>> out = new TreeMap<>();
        for (int doc : Jobs.pageDocs(index, referrer)) {
            String page = Jobs.stored(index, doc, Set.of(IndexFields.ID)).get(IndexFields.ID);
            for (Link l : Jobs.links(index, doc)) {
                String td = Jobs.domainOf(l.url());
                if (td != null && competitors.contains(td)) {
                    List<LinkingPage> ps = out.computeIfAbsent(td, x -> new ArrayList<>());
                    if (ps.stream().noneMatch(p -> p.page().equals(page))) {
                        ps.add(new LinkingPage(page, l.url(), l.anchor(), l.rel()));
                    }
                }
            }
        }
        out.replaceAll((c, ps) -> ps.stream().sorted(Comparator.comparing(LinkingPage::page)).limit(max).toList());
        return out;
    }
}
