package io.linkscout.jobs.guestpost;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.SiteSignals;
import io.linkscout.jobs.TopicFit;
import io.linkscout.rank.ContentQuery;
import io.linkscout.search.LuceneSearchBackend;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import io.linkscout.url.Domains;
import io.linkscout.site.SiteRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/**
 * {@code guest-posts}: sites whose pages show they take contributed articles (detected at ingest, see
 * {@link GuestPostDetector}), ranked for the user's content.
 *
 * <p>Score = {@value #W_FIT} × topic fit (0–1, {@link TopicFit}) + {@value #W_AUTHORITY} × authority/100 +
 * {@value #W_DETECTION} × min(1, detection score/10) − {@value #W_SPAM} × spam score/100. Sites with no content
 * term on any page (fit 0) are not relevant and are left out; sites above {@code maxSpam} are left out; sites that
 * sell posts are kept and flagged {@code sells-posts}. Ties by domain.
 */
public final class GuestPostFinder {

    public static final double W_FIT = 0.6;
    public static final double W_AUTHORITY = 0.25;
    public static final double W_DETECTION = 0.15;
    public static final double W_SPAM = 0.5;

    public record Options(int top, double minAuthority, double maxSpam, Set<String> excludeDomains) {
    }

    /** One guest-post target with its explanation. */
    public record Result(int rank, String domain, double score, double topicFit, List<String> matchedTerms,
            String kind, double detectionScore, List<GuestPostDetector.Reason> reasons, String evidencePage,
            String guidelinesUrl, String contactUrl, int detectingPages, double authority, int refDomains,
            double spamScore, List<String> flags, int publishedGuestPosts, int guestPostsOnTopic,
            List<PublishedPost> guestPosts) {

        public ProspectCandidate toProspect() {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("kind", kind);
            ev.put("topicFit", topicFit);
            ev.put("matchedTerms", matchedTerms);
            ev.put("detectionScore", detectionScore);
            ev.put("reasons", reasons);
            ev.put("guidelinesUrl", guidelinesUrl);
            ev.put("contactUrl", contactUrl);
            ev.put("authority", authority);
            ev.put("spamScore", spamScore);
            ev.put("flags", flags);
            ev.put("publishedGuestPosts", publishedGuestPosts);
            ev.put("guestPostsOnTopic", guestPostsOnTopic);
            ev.put("guestPosts", guestPosts);
            String why = (kind.equals("SELLS") ? "sells posts (flagged); " : publishedGuestPosts > 0
                    ? "has published " + publishedGuestPosts + " guest post(s), " + guestPostsOnTopic + " on your topic; "
                    : "accepts guest posts; ")
                    + "topic fit " + topicFit + " on " + String.join(", ", matchedTerms) + "; authority " + authority;
            return new ProspectCandidate("guest-posts", domain, guidelinesUrl.isEmpty() ? evidencePage
                    : guidelinesUrl, score, why, ev);
        }
    }

    /**
     * A guest post the site published: its URL, title, the sentence presenting it as a guest post, and its topic
     * fit: its BM25 score for the content terms over the best candidate site's (the same scale as
     * {@link Result#topicFit()}; 0 when it has none of the terms). A post is on the content's topic when its fit is
     * at least {@value #ON_TOPIC}.
     */
    public record PublishedPost(String url, String title, String sentence, double fit) {
    }

    /** At most this many published guest posts are shown per site. */
    public static final int MAX_POSTS = 3;
    public static final double ON_TOPIC = 0.3;

    /** {@code note} says why nothing could be found when no site of the index detects (else empty). */
    public record Response(List<String> contentTerms, int candidates, String note, List<Result> results) {
    }

    static final String NO_CANDIDATES = "no site in the index shows that it takes guest posts; detection runs at "
            + "ingest, so an index built before it needs one more ingest (every ingest rebuilds all documents), and "
            + "the crawl must include the sites' write-for-us/guidelines pages";

    private final LinkScoutIndex index;
    private final SearchBackend backend;
    private final SiteSignals signals;

    /** Everything from the embedded index. */
    public GuestPostFinder(LinkScoutIndex index) {
        this(index, new LuceneSearchBackend(index, false));
    }

    /**
     * The candidate sites (detected at ingest), their signals and stored fields from {@code index}; every score —
     * topic fit and the fit of published guest posts — from {@code backend} (the embedded index or an OpenSearch
     * cluster of the same ingest: the same answer).
     */
    public GuestPostFinder(LinkScoutIndex index, SearchBackend backend) {
        this.index = index;
        this.backend = backend;
        this.signals = new SiteSignals(index);
    }

    public Response find(ContentQuery content, Options o) {
        TopicFit fit = new TopicFit(backend, content);
        Map<String, Document> sites = new SiteRepository(index).sites(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(GuestPostIndexing.KIND, "ACCEPTS")), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(GuestPostIndexing.KIND, "SELLS")), BooleanClause.Occur.SHOULD)
                .build(), null);
        Map<String, TopicFit.Raw> raws = new TreeMap<>();
        for (String domain : sites.keySet()) {
            if (!o.excludeDomains().contains(domain)) {
                raws.put(domain, fit.raw(domain));
            }
        }
        Map<String, Double> fits = fit.normalise(raws);
        double maxRaw = raws.values().stream().mapToDouble(TopicFit.Raw::bm25).max().orElse(0);
        List<Result> out = new ArrayList<>();
        for (Map.Entry<String, TopicFit.Raw> e : raws.entrySet()) {
            String domain = e.getKey();
            double f = fits.get(domain);
            if (f <= 0) {
                continue;
            }
            SiteSignals.Signals sig = signals.of(domain);
            if (sig.authority() < o.minAuthority() || sig.spamScore() > o.maxSpam()) {
                continue;
            }
            Document d = sites.get(domain);
            String kind = d.get(GuestPostIndexing.KIND);
            double det = Jobs.storedDouble(d, GuestPostIndexing.SCORE);
            List<String> flags = new ArrayList<>();
            if (kind.equals("SELLS")) {
                flags.add("sells-posts");
            }
            flags.addAll(sig.spamFlags());
            double score = W_FIT * f + W_AUTHORITY * sig.authority() / 100 + W_DETECTION * Math.min(1, det / 10)
                    - W_SPAM * sig.spamScore() / 100;
            int published = (int) Jobs.storedDouble(d, GuestPostIndexing.PUBLISHED_PAGES);
            Posts posts = published == 0 ? new Posts(0, List.of()) : posts(domain, fit, maxRaw);
            out.add(new Result(0, domain, Jobs.round(score), f, e.getValue().matchedTerms(), kind, det,
                    GuestPostIndexing.reasons(d.get(GuestPostIndexing.REASONS)), d.get(GuestPostIndexing.PAGE),
                    d.get(GuestPostIndexing.GUIDELINES_URL), d.get(GuestPostIndexing.CONTACT_URL),
                    (int) Jobs.storedDouble(d, GuestPostIndexing.PAGES), sig.authority(), sig.refDomains(),
                    sig.spamScore(), flags, published, posts.onTopic(), posts.shown()));
        }
        out.sort(Comparator.comparingDouble(Result::score).reversed().thenComparing(Result::domain));
        List<Result> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(o.top(), out.size()); i++) {
            Result r = out.get(i);
            ranked.add(new Result(i + 1, r.domain(), r.score(), r.topicFit(), r.matchedTerms(), r.kind(),
                    r.detectionScore(), r.reasons(), r.evidencePage(), r.guidelinesUrl(), r.contactUrl(),
                    r.detectingPages(), r.authority(), r.refDomains(), r.spamScore(), r.flags(),
                    r.publishedGuestPosts(), r.guestPostsOnTopic(), r.guestPosts()));
        }
        return new Response(content.terms().stream().map(ContentQuery.WeightedTerm::term).toList(), sites.size(),
                sites.isEmpty() ? NO_CANDIDATES : "", ranked);
    }

    private record Posts(int onTopic, List<PublishedPost> shown) {
    }

    /**
     * The site's published guest posts, best fit to the content first (posts with none of its terms last), ties by
     * URL; how many are on the content's topic.
     */
    private Posts posts(String domain, TopicFit fit, double maxRaw) {
        try {
            List<QuerySpec> filters = new ArrayList<>(Jobs.pageFilters(domain));
            filters.add(new QuerySpec.Term(GuestPostIndexing.PUBLISHED, "true"));
            QuerySpec q = new QuerySpec.Bool(List.of(), List.of(fit.termQuery()), filters);
            long n = backend.count(q);
            List<PublishedPost> all = new ArrayList<>();
            for (SearchBackend.Hit h : n == 0 ? List.<SearchBackend.Hit>of() : backend.search(q, (int) n, true)) {
                int doc = Jobs.pageDoc(index, h.id());
                if (doc < 0) {
                    continue; // not in the embedded index: another ingest (Generations.requireSame prevents it)
                }
                Document d = Jobs.stored(index, doc, Set.of(IndexFields.ID, IndexFields.TITLE,
                        GuestPostIndexing.REASONS));
                String sentence = GuestPostIndexing.reasons(d.get(GuestPostIndexing.REASONS)).stream()
                        .filter(r -> r.signal().equals(GuestPostDetector.PUBLISHED_SIGNAL))
                        .map(GuestPostDetector.Reason::detail).findFirst().orElse("");
                all.add(new PublishedPost(d.get(IndexFields.ID), d.get(IndexFields.TITLE) == null ? ""
                        : d.get(IndexFields.TITLE), sentence, maxRaw <= 0 ? 0 : Jobs.round(h.score() / maxRaw)));
            }
            all.sort(Comparator.comparingDouble(PublishedPost::fit).reversed().thenComparing(PublishedPost::url));
            int onTopic = (int) all.stream().filter(p -> p.fit() >= ON_TOPIC).count();
            return new Posts(onTopic, List.copyOf(all.subList(0, Math.min(MAX_POSTS, all.size()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates the options shared by the CLI and REST; messages name the field. */
    public static Options validate(Integer top, Double minAuthority, Double maxSpam,
            List<String> exclude) {
        int t = Jobs.top(top, 20);
        double ma = Jobs.percent("minAuthority", minAuthority, 0);
        double ms = Jobs.percent("maxSpam", maxSpam, 100);
        Set<String> ex = new TreeSet<>();
        List<String> ds = exclude == null ? List.of() : exclude;
        for (int i = 0; i < ds.size(); i++) {
            ex.add(Domains.requireDomain("excludeDomains[" + i + "]", ds.get(i)));
        }
        return new Options(t, ma, ms, ex);
    }
}
