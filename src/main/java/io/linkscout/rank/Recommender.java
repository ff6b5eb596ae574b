package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.graph.LinkGraph;
import io.linkscout.nlp.PageTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.QueryBuilder;

/**
 * Ranks the indexed pages by how likely each is to link to the user's content, and explains each result.
 *
 * <p>Candidate generation unions the top {@code per_generator} pages of several Lucene and graph signals
 * (title words, exact title phrase, top terms, lead paragraph, outlink profile, pages the content names,
 * co-citation, links to similar pages). Every candidate then gets every {@link Feature}, and the
 * {@link RankerModel} combines them. Ties are broken by URL. Thread-safe: one instance serves concurrent
 * queries.
 */
public final class Recommender {

    public enum Unit {
        PAGE, SITE
    }

    /**
     * @param top            how many results
     * @param unit           pages, or sites (registrable domains, best page as evidence)
     * @param minAuthority   drop results whose authority is below this (0–100)
     * @param excludeDomains registrable domains never to return (e.g. the user's own site, competitors)
     * @param explain        compute contributions, topics and evidence (off for batch benchmark runs)
     * @param maxSpam        drop results whose spam score (page, or site for {@code --unit site}) is above this
     */
    public record Options(int top, Unit unit, double minAuthority, Set<String> excludeDomains, boolean explain,
            double maxSpam) {
        public Options {
            excludeDomains = excludeDomains == null ? Set.of() : Set.copyOf(excludeDomains);
        }

        /** No spam filter. */
        public Options(int top, Unit unit, double minAuthority, Set<String> excludeDomains, boolean explain) {
            this(top, unit, minAuthority, excludeDomains, explain, 100);
        }
    }

    /** All candidates of one query, scored and sorted (score descending, URL ascending). */
    public record Ranked(int[] docs, int[] nodes, double[] scores, double[][] features) {
        public int size() {
            return docs.length;
        }
    }

    private static final int SIMILAR_PAGES = 20;
    /** At most this many longer titles are checked for mentions that are not free. */
    private static final int MAX_LONGER_TITLES = 200;

    private final LinkScoutIndex index;
    private final RankerModel model;
    private final PageTable table;
    private final double demoteAt;
    /** weight of the first stage's authority clause: the model's authority weight when positive, else none */
    private final double authorityBoost;
    /**
     * Per thread, the query's site fits by site number (0 where none): read by {@link #siteLinksSimilar} on every
     * out-edge of a candidate's site, so an array look-up instead of a boxed map's; set and cleared per query
     * (only the sites that have a fit), so no allocation per query.
     */
    private final ThreadLocal<double[]> fitScratch;

    /**
     * With the default spam demotion threshold ({@link io.linkscout.quality.AuthorityConfig#DEMOTE_RESULTS_AT}); the
     * configured one ({@code linkscout.authority.demote-results-at}) comes with {@link Rankers}.
     */
    public Recommender(LinkScoutIndex index, RankerModel model) {
        this(index, model, io.linkscout.quality.AuthorityConfig.DEMOTE_RESULTS_AT);
    }

    /**
     * @param demoteAt results whose spam score (page, or site for {@link Unit#SITE}) is at least this are listed
     *                 after every result below it, flagged {@code DEMOTED} — shown, not hidden
     */
    public Recommender(LinkScoutIndex index, RankerModel model, double demoteAt) {
        this.index = index;
        this.model = model;
        this.table = PageTable.of(index);
        this.demoteAt = demoteAt;
        this.authorityBoost = model.authorityBoost();
        this.fitScratch = ThreadLocal.withInitial(() -> new double[table.siteDomainNode.length]);
    }

    public RankerModel model() {
        return model;
    }

    public LinkScoutIndex index() {
        return index;
    }

    public ContentQuery prepare(String title, String text, List<String> topics) {
        return ContentQuery.of(title, text, topics, index.analyzer(), index.reader());
    }

    /** The site-level topical fit reads the top this-many-times-{@code perGenerator} pages of the term query. */
    static final int SITE_FIT_DEPTH_FACTOR = 10;

    /**
     * Candidates with their raw features (no scoring); for training and for {@link #rank}. Nothing here is
     * proportional to the index: each generator is a Lucene top-k ({@link TopK#top}, block-max WAND), the graph
     * signals are summed sparsely over the edges of the pages involved, and every other feature is scored for the
     * candidate pool only ({@link TopK#scores}).
     */
    public Candidates candidates(ContentQuery q, int perGenerator) {
        IndexSearcher s = index.searcher();
        QueryBuilder qb = new QueryBuilder(index.analyzer());
        List<String> titleTerms = unique(ContentQuery.analyze(index.analyzer(), q.title()));
        List<String> topTerms = q.terms().stream().map(ContentQuery.WeightedTerm::term).toList();
        java.util.function.IntUnaryOperator nodeOf = d -> table.docToNode[d];

        Query qTitle = pages(terms(IndexFields.BODY, titleTerms));
        Query qTerms = pages(terms(IndexFields.BODY, topTerms));
        Query qLead = pages(terms(IndexFields.BODY, q.lead()));
        Query phrase = titlePhrase(qb, q.title());
        Query qPhrase = pages(phrase);
        Query qOutTerms = pages(terms(IndexFields.OUTLINKS, topTerms));
        List<String[]> variants = PageTable.titleVariants(q.title());
        // the title without a parenthetical qualifier when it has one, else the title itself
        String[] baseTitle = variants.isEmpty() ? new String[0] : variants.get(variants.size() > 1 ? 1 : 0);
        double broad = Math.log1p(count(s, qPhrase));

        // first stage: each generator's top k; the term query deeper, for the site-level fit
        List<TopK.Hit> termHits = TopK.top(s, firstStage(qTerms), perGenerator * SITE_FIT_DEPTH_FACTOR, nodeOf,
                false);
        LinkedHashSet<Integer> pool = new LinkedHashSet<>();
        for (Query g : java.util.Arrays.asList(qTitle, qPhrase, qLead, qOutTerms)) {
            for (TopK.Hit h : TopK.top(s, firstStage(g), perGenerator, nodeOf, false)) {
                pool.add(h.doc());
            }
        }
        for (int r = 0; r < Math.min(perGenerator, termHits.size()); r++) {
            pool.add(termHits.get(r).doc());
        }

        // pages the content names, and co-citation through them (summed over the edges into the named pages only)
        Map<Integer, List<Integer>> named = table.titlesMentionedIn(q.tokens());
        int n = table.nodeCount();
        Map<Integer, Double> cocit = new HashMap<>();
        LinkGraph rev = table.reverse;
        for (Map.Entry<Integer, List<Integer>> e : named.entrySet()) {
            int x = e.getKey();
            double w = Math.log((double) n / (1 + table.inDegree[x]));
            for (int k = rev.edgeStart(x); k < rev.edgeEnd(x); k++) {
                cocit.merge(rev.target(k), w, Double::sum);
            }
        }
        // links to the pages most similar to the content (the term query's best pages)
        Map<Integer, Double> similar = new HashMap<>();
        for (int r = 0; r < Math.min(SIMILAR_PAGES, termHits.size()); r++) {
            int x = termHits.get(r).key();
            double w = 1.0 / (Math.log(r + 2) / Math.log(2));
            for (int k = rev.edgeStart(x); k < rev.edgeEnd(x); k++) {
                similar.merge(rev.target(k), w, Double::sum);
            }
        }

        // the content's own site: pages that already link to it, and its node in the domain graph
        String own = q.site();
        int ownDomainNode = own == null ? -1 : table.domainGraph.node(own);
        Query qLinksOwn = own == null ? null : pages(new TermQuery(new Term(IndexFields.LINK_DOMAINS, own)));
        // site-level topical fit: mean of each site's 5 best term scores, relative to the best page
        Map<Integer, Double> siteFit = siteFit(termHits);

        for (int node : named.keySet()) {
            if (table.nodeToDoc[node] >= 0) {
                pool.add(table.nodeToDoc[node]);
            }
        }
        for (Map<Integer, Double> a : List.of(cocit, similar)) {
            for (int node : topNodes(a, perGenerator)) {
                if (table.nodeToDoc[node] >= 0) {
                    pool.add(table.nodeToDoc[node]);
                }
            }
        }
        if (own != null) {
            // pages that already link to the content's site, most on-topic first (those without the terms last)
            BooleanQuery.Builder ob = new BooleanQuery.Builder()
                    .add(new BoostQuery(new ConstantScoreQuery(qLinksOwn), 0f), BooleanClause.Occur.MUST);
            if (qTerms != null) {
                ob.add(qTerms, BooleanClause.Occur.SHOULD);
            }
            for (TopK.Hit h : TopK.top(s, ob.build(), perGenerator, nodeOf, true)) {
                pool.add(h.doc());
            }
        }
        int[] docs = pool.stream().mapToInt(Integer::intValue).filter(d -> table.docToNode[d] >= 0)
                .filter(d -> own == null || !own.equals(table.domains[table.docToNode[d]])).boxed()
                .sorted(java.util.Comparator.comparingInt(d -> table.docToNode[d])).mapToInt(Integer::intValue)
                .toArray();

        // second stage: every Lucene feature for the candidates only (scored in doc-id order)
        int[] byDoc = docs.clone();
        Arrays.sort(byDoc);
        Map<Integer, Integer> slot = new HashMap<>(byDoc.length * 2);
        for (int i = 0; i < byDoc.length; i++) {
            slot.put(byDoc[i], i);
        }
        float[] sTitle = TopK.scores(s, qTitle, byDoc);
        float[] sTerms = TopK.scores(s, qTerms, byDoc);
        float[] sLead = TopK.scores(s, qLead, byDoc);
        float[] sPhrase = TopK.scores(s, qPhrase, byDoc);
        float[] sTitleField = TopK.scores(s, pages(terms(IndexFields.TITLE, topTerms)), byDoc);
        float[] sOutTitle = TopK.scores(s, pages(terms(IndexFields.OUTLINKS, titleTerms)), byDoc);
        float[] sOutTerms = TopK.scores(s, qOutTerms, byDoc);
        float[] sPartial = TopK.scores(s, pages(partialTitle(qb, baseTitle)), byDoc);
        float[] sLast = TopK.scores(s, pages(baseTitle.length > 1 && !STOP.contains(baseTitle[baseTitle.length - 1])
                ? qb.createBooleanQuery(IndexFields.BODY, baseTitle[baseTitle.length - 1]) : null), byDoc);
        float[] sLinksOwn = TopK.scores(s, qLinksOwn, byDoc);

        // exact title mentions inside candidate pages, from the phrase query's matches
        Weight phraseWeight = null;
        if (phrase != null) {
            try {
                phraseWeight = s.createWeight(s.rewrite(phrase), ScoreMode.COMPLETE_NO_SCORES, 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<LeafReaderContext> leaves = index.reader().leaves();
        // longer known titles that contain the content's title: mentions inside them do not count as free. One
        // weight per distinct title phrase (as the disjunction of them would dedupe), and which candidates contain
        // each: one scorer per segment advanced over the candidates, so a Matches is built only where one matches
        List<Weight> longerWeights = new ArrayList<>();
        List<boolean[]> longerHits = new ArrayList<>();
        // only candidates that contain a title variant (sPhrase > 0) can contain a longer title, and only their
        // mentions are counted: mentionSlot[j] = candidate j's index in mentioning, or -1
        int[] mentionSlot = new int[byDoc.length];
        int[] mentioning = new int[byDoc.length];
        int nm = 0;
        for (int j = 0; j < byDoc.length; j++) {
            mentionSlot[j] = sPhrase[j] > 0 ? nm : -1;
            if (sPhrase[j] > 0) {
                mentioning[nm++] = byDoc[j];
            }
        }
        mentioning = Arrays.copyOf(mentioning, nm);
        if (baseTitle.length > 0 && nm > 0 && phraseWeight != null) {
            Set<Query> distinct = new LinkedHashSet<>();
            for (String longer : table.longerTitlesContaining(baseTitle, MAX_LONGER_TITLES)) {
                Query lq = qb.createPhraseQuery(IndexFields.BODY, longer);
                if (lq != null) {
                    distinct.add(lq);
                }
            }
            try {
                for (Query lq : distinct) {
                    Weight w = s.createWeight(s.rewrite(lq), ScoreMode.COMPLETE_NO_SCORES, 1);
                    longerWeights.add(w);
                    longerHits.add(TopK.matching(w, leaves, mentioning));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<Integer, Double> siteLinksSimilar = new HashMap<>();
        double[][] f = new double[docs.length][Feature.values().length];
        int[] nodes = new int[docs.length];
        // the site fits by site number, for the out-edge walks of siteLinksSimilar (set now, cleared after)
        double[] fitBySite = fitScratch.get();
        siteFit.forEach((site, fit) -> fitBySite[site] = fit);
        try {
            for (int i = 0; i < docs.length; i++) {
                int d = docs[i];
                int j = slot.get(d);
                int node = table.docToNode[d];
                nodes[i] = node;
                double[] v = f[i];
                v[Feature.BM25_TITLE.ordinal()] = sTitle[j];
                v[Feature.BM25_TERMS.ordinal()] = sTerms[j];
                v[Feature.BM25_LEAD.ordinal()] = sLead[j];
                v[Feature.TITLE_FIELD.ordinal()] = sTitleField[j];
                v[Feature.MENTION_BM25.ordinal()] = sPhrase[j];
                if (sPhrase[j] > 0 && phraseWeight != null) {
                    int[] m = mentions(phraseWeight, leaves, d);
                    v[Feature.MENTION_COUNT.ordinal()] = m[0];
                    v[Feature.MENTION_ANY.ordinal()] = m[0] > 0 ? 1 : 0;
                    int covered = m[0] == 0 ? 0 : mentionsIn(longerWeights, longerHits, mentionSlot[j], leaves, d);
                    v[Feature.FREE_MENTION.ordinal()] = m[0] > covered ? 1 : 0;
                    v[Feature.MENTION_BROAD.ordinal()] = m[0] > 0 ? broad : 0;
                    v[Feature.MENTION_EARLY.ordinal()] = m[0] > 0 ? early(m[1]) : 0;
                    v[Feature.MENTION_DENSITY.ordinal()] = 10_000.0 * m[0] / Math.max(500, table.textLength[node]);
                }
                List<Integer> rm = named.get(node);
                if (rm != null) {
                    v[Feature.REVERSE_MENTION.ordinal()] = rm.size();
                    v[Feature.REVERSE_ANY.ordinal()] = 1;
                    v[Feature.REVERSE_EARLY.ordinal()] = early(rm.get(0));
                }
                v[Feature.OUTLINKS_TITLE.ordinal()] = sOutTitle[j];
                v[Feature.OUTLINKS_TERMS.ordinal()] = sOutTerms[j];
                v[Feature.COCITATION.ordinal()] = cocit.getOrDefault(node, 0.0);
                v[Feature.SIMILAR_LINKS.ordinal()] = similar.getOrDefault(node, 0.0);
                v[Feature.OUT_DEGREE.ordinal()] = table.outDegree[node];
                v[Feature.PARTIAL_TITLE.ordinal()] = sPartial[j];
                v[Feature.LAST_WORD.ordinal()] = sLast[j];
                v[Feature.LENGTH.ordinal()] = table.textLength[node];
                v[Feature.IN_DEGREE.ordinal()] = table.inDegree[node];
                v[Feature.AUTHORITY.ordinal()] = table.authority[node];
                v[Feature.SPAM.ordinal()] = table.spam[node];
                v[Feature.EXTERNAL_LINKS.ordinal()] = table.externalOut[node];
                int site = table.siteOf[node];
                if (site >= 0) {
                    v[Feature.SITE_FIT.ordinal()] = siteFit.getOrDefault(site, 0.0);
                    v[Feature.SITE_LINKS_SIMILAR.ordinal()] = siteLinksSimilar.computeIfAbsent(site,
                            x -> siteLinksSimilar(x, fitBySite, ownDomainNode));
                    v[Feature.SITE_OUT_DOMAINS.ordinal()] = table.siteOutDomains[site];
                    v[Feature.LINKS_OWN_SITE.ordinal()] = table.linksBetween(site, ownDomainNode);
                }
                v[Feature.PAGE_LINKS_OWN.ordinal()] = sLinksOwn[j] > 0 ? 1 : 0;
            }
        } finally {
            siteFit.keySet().forEach(site -> fitBySite[site] = 0);
        }
        relative(f, Feature.BM25_TITLE, Feature.TITLE_REL);
        relative(f, Feature.BM25_TERMS, Feature.TERMS_REL);
        relative(f, Feature.BM25_LEAD, Feature.LEAD_REL);
        return new Candidates(q, docs, nodes, f, named);
    }

    /**
     * The first-stage form of a generator query: with the model weighing authority, the page's static authority
     * ({@code features} FeatureField, saturation) is added as a SHOULD clause, so block-max WAND skips pages whose
     * text score plus authority cannot compete; with authority weighted 0 (the shipped model) the query as is.
     */
    private Query firstStage(Query q) {
        if (q == null || authorityBoost <= 0) {
            return q;
        }
        return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(FeatureField.newSaturationQuery(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY,
                        (float) authorityBoost, IndexFields.AUTHORITY_PIVOT), BooleanClause.Occur.SHOULD)
                .build();
    }


    private static int count(IndexSearcher s, Query q) {
        if (q == null) {
            return 0;
        }
        try {
            return s.count(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a site links to other sites that write about the content: their fit weighted by ln links. */
    private double siteLinksSimilar(int site, double[] fitBySite, int ownDomainNode) {
        int from = table.siteDomainNode[site];
        if (from < 0) {
            return 0;
        }
        LinkGraph dg = table.domainGraph;
        double sum = 0;
        for (int e = dg.edgeStart(from); e < dg.edgeEnd(from); e++) {
            int to = dg.target(e);
            int other = table.siteOfDomainNode[to];
            if (other >= 0 && other != site && to != ownDomainNode) {
                double fit = fitBySite[other];
                if (fit != 0) { // a site without fit adds 0.0: the sum is the same without it
                    sum += fit * Math.log1p(dg.weight(e));
                }
            }
        }
        return sum;
    }

    /** The candidates of one query with raw feature values (indexed by {@link Feature#ordinal()}). */
    public record Candidates(ContentQuery query, int[] docs, int[] nodes, double[][] features,
            Map<Integer, List<Integer>> named) {
    }

    /** A site's score takes at most this many of its best-ranked pages. */
    static final int SITE_PAGES = 20;
    /** Temperature of the site score's soft maximum, in units of the model's score. */
    static final double SITE_TEMPERATURE = 1.0;

    /**
     * A site's score from its candidate pages' scores (indices into {@code scores}, best first): a soft maximum,
     * {@code max + T ln sum_i exp((s_i - max) / T)} over its {@link #SITE_PAGES} best pages — the best page's
     * score, raised by every other page that is nearly as good (a site with several pages on the topic is more
     * likely to link than a site with one).
     */
    static double siteScore(double[] scores, List<Integer> pages) {
        double max = scores[pages.get(0)];
        double sum = 0;
        for (int k = 0; k < Math.min(SITE_PAGES, pages.size()); k++) {
            sum += Math.exp((scores[pages.get(k)] - max) / SITE_TEMPERATURE);
        }
        return max + SITE_TEMPERATURE * Math.log(sum);
    }

    /** Sets {@code to} to {@code from} divided by its largest value among the candidates (0 when all are 0). */
    private static void relative(double[][] f, Feature from, Feature to) {
        double max = 0;
        for (double[] v : f) {
            max = Math.max(max, v[from.ordinal()]);
        }
        for (double[] v : f) {
            v[to.ordinal()] = max > 0 ? v[from.ordinal()] / max : 0;
        }
    }

    /** Sites that score at most this many pages for the site-level topical fit. */
    static final int SITE_FIT_PAGES = 5;

    /**
     * Per site id: the mean of its {@link #SITE_FIT_PAGES} best page scores (missing pages count 0), divided by
     * the best page score overall — how much of the site is about the content, 0-1. Read from the term query's
     * top pages ({@link #SITE_FIT_DEPTH_FACTOR} x the candidate depth), not from every page: a site's pages below
     * that depth count 0 (they score at most the depth's last score).
     */
    private Map<Integer, Double> siteFit(List<TopK.Hit> hits) {
        Map<Integer, double[]> best = new HashMap<>();
        double max = 0;
        for (TopK.Hit h : hits) {
            float x = h.score();
            int node = h.key();
            if (x <= 0 || table.siteOf[node] < 0) {
                continue;
            }
            max = Math.max(max, x);
            double[] b = best.computeIfAbsent(table.siteOf[node], k -> new double[SITE_FIT_PAGES]);
            // keep the k largest, descending
            if (x > b[SITE_FIT_PAGES - 1]) {
                int k = SITE_FIT_PAGES - 1;
                while (k > 0 && b[k - 1] < x) {
                    b[k] = b[k - 1];
                    k--;
                }
                b[k] = x;
            }
        }
        Map<Integer, Double> out = new HashMap<>();
        for (Map.Entry<Integer, double[]> e : best.entrySet()) {
            if (max > 0) {
                double sum = 0;
                for (double x : e.getValue()) {
                    sum += x;
                }
                out.put(e.getKey(), sum / SITE_FIT_PAGES / max);
            }
        }
        return out;
    }

    /** 1 for a first mention at position 0, falling slowly with the position (1 / log2(2 + pos/10)). */
    static double early(int pos) {
        return 1.0 / (Math.log(2 + pos / 10.0) / Math.log(2));
    }

    private static int[] mentions(Weight w, List<LeafReaderContext> leaves, int doc) {
        int li = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext ctx = leaves.get(li);
        try {
            return count(w.matches(ctx, doc - ctx.docBase));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Matches in the body of global doc {@code doc} (slot {@code j} of the documents {@code hits} were computed
     * for) of the disjunction of {@code weights}, read only from the weights that match it
     * ({@code hits.get(i)[j]}): what the disjunction's own
     * {@link Weight#matches} gives, without a scorer per weight and candidate.
     */
    private static int mentionsIn(List<Weight> weights, List<boolean[]> hits, int j, List<LeafReaderContext> leaves,
            int doc) {
        LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
        try {
            List<Matches> subs = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                if (hits.get(i)[j]) {
                    Matches m = weights.get(i).matches(ctx, doc - ctx.docBase);
                    if (m != null) {
                        subs.add(m);
                    }
                }
            }
            return subs.isEmpty() ? 0 : count(org.apache.lucene.search.MatchesUtils.fromSubMatches(subs))[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of matches in the body and the first one's position ({0, -1} for none). */
    private static int[] count(Matches m) {
        try {
            if (m == null) {
                return new int[] {0, -1};
            }
            MatchesIterator it = m.getMatches(IndexFields.BODY);
            int count = 0;
            int first = Integer.MAX_VALUE;
            while (it != null && it.next()) {
                count++;
                first = Math.min(first, it.startPosition());
            }
            return new int[] {count, count == 0 ? -1 : first};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scores and sorts candidates with a model (ties by node id, i.e. by URL). */
    public static Ranked rank(Candidates c, RankerModel m) {
        int k = c.docs().length;
        double[] scores = m.scores(c.features());
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        int[] nodes = c.nodes();
        Arrays.sort(order, (a, b) -> {
            int cmp = Double.compare(scores[b], scores[a]);
            return cmp != 0 ? cmp : Integer.compare(nodes[a], nodes[b]); // node ids follow URL order
        });
        int[] docs = new int[k];
        int[] ns = new int[k];
        double[] sc = new double[k];
        double[][] f = new double[k][];
        for (int i = 0; i < k; i++) {
            docs[i] = c.docs()[order[i]];
            ns[i] = nodes[order[i]];
            sc[i] = scores[order[i]];
            f[i] = c.features()[order[i]];
        }
        return new Ranked(docs, ns, sc, f);
    }

    /** URL of a page-graph node. */
    public String url(int node) {
        return table.graph.name(node);
    }

    /** The full job: candidates, scores, filters, units and explanations. */
    public List<Recommendation> recommend(ContentQuery q, Options o) {
        Candidates c = candidates(q, model.perGenerator());
        Ranked r = rank(c, model);
        List<Recommendation> out = new ArrayList<>();
        // two passes: results below the spam demotion threshold, then the demoted ones (same order within each)
        if (o.unit() == Unit.PAGE) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < r.size() && out.size() < o.top(); i++) {
                    int node = r.nodes()[i];
                    String domain = table.domains[node];
                    double spam = table.spam[node];
                    if (o.excludeDomains().contains(domain) || table.authority[node] < o.minAuthority()
                            || spam > o.maxSpam() || (spam >= demoteAt) != (pass == 1)) {
                        continue;
                    }
                    out.add(explain(q, c, r, i, out.size() + 1, 1, table.authority[node], o.explain(), List.of(),
                            flags(table.spamFlags[node], spam)));
                }
            }
        } else {
            Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                byDomain.computeIfAbsent(table.domains[r.nodes()[i]], k -> new ArrayList<>()).add(i);
            }
            Map<String, Double> siteScore = new HashMap<>();
            for (Map.Entry<String, List<Integer>> e : byDomain.entrySet()) {
                siteScore.put(e.getKey(), siteScore(r.scores(), e.getValue()));
            }
            List<Map.Entry<String, List<Integer>>> sites = new ArrayList<>(byDomain.entrySet());
            sites.sort((a, b) -> {
                int cmp = Double.compare(siteScore.get(b.getKey()), siteScore.get(a.getKey()));
                return cmp != 0 ? cmp : a.getKey().compareTo(b.getKey());
            });
            for (int pass = 0; pass < 2; pass++) {
                for (Map.Entry<String, List<Integer>> e : sites) {
                    if (out.size() >= o.top()) {
                        break;
                    }
                    double auth = table.siteAuthority.getOrDefault(e.getKey(), 0.0);
                    double spam = table.siteSpam.getOrDefault(e.getKey(), 0.0);
                    if (o.excludeDomains().contains(e.getKey()) || auth < o.minAuthority() || spam > o.maxSpam()
                            || (spam >= demoteAt) != (pass == 1)) {
                        continue;
                    }
                    List<Integer> idx = e.getValue();
                    List<Recommendation.Evidence> support = new ArrayList<>();
                    for (int k = 1; k < Math.min(4, idx.size()); k++) {
                        int node = r.nodes()[idx.get(k)];
                        support.add(new Recommendation.Evidence("supporting-page", table.titles[node], url(node)));
                    }
                    Recommendation best = explain(q, c, r, idx.get(0), out.size() + 1, idx.size(), auth, o.explain(),
                            support, flags(table.siteSpamFlags.get(e.getKey()), spam));
                    out.add(best.withScore(round(siteScore.get(e.getKey()))));
                }
            }
        }
        return out;
    }

    private Recommendation explain(ContentQuery q, Candidates c, Ranked r, int i, int rank, int pages,
            double authority, boolean explain, List<Recommendation.Evidence> extra, List<String> flags) {
        int node = r.nodes()[i];
        String url = url(node);
        if (!explain) {
            return new Recommendation(rank, url, table.domains[node], table.titles[node], r.scores()[i], authority,
                    pages, List.of(), List.of(), List.of(), flags);
        }
        double[] raw = r.features()[i];
        List<Recommendation.Contribution> contrib = new ArrayList<>();
        for (RankerModel.Part p : model.parts(raw)) {
            contrib.add(p.feature() == null
                    ? new Recommendation.Contribution(RankerModel.BASE_VALUE, "the tree model's base value (its "
                            + "expected score; the features' contributions are measured from it)", 0,
                            round(p.contribution()))
                    : new Recommendation.Contribution(p.feature().key, p.feature().description,
                            round(raw[p.feature().ordinal()]), round(p.contribution())));
        }
        contrib.sort(Comparator.comparingDouble((Recommendation.Contribution x) -> -Math.abs(x.contribution()))
                .thenComparing(Recommendation.Contribution::feature));
        Document stored = stored(r.docs()[i]);
        String text = stored.get(IndexFields.TEXT) == null ? "" : stored.get(IndexFields.TEXT);
        Tokens tokens = Tokens.of(text);
        List<String> matched = PageTopics.shared(q.topics(), List.of(stored.getValues(IndexFields.PAGE_TOPICS)));
        List<Recommendation.Evidence> ev = new ArrayList<>();
        if (!q.title().isBlank()) {
            for (String[] variant : PageTable.titleVariants(q.title())) {
                int[] hits = Tokens.find(tokens, variant);
                if (hits.length > 0) {
                    ev.add(new Recommendation.Evidence("mention", sentence(text, tokens.starts[hits[0]]), url));
                    break;
                }
            }
        }
        if (c.named().containsKey(node)) {
            int pos = c.named().get(node).get(0);
            ev.add(new Recommendation.Evidence("named-by-content",
                    sentence(q.title() + "\n" + q.text(), q.tokens().starts[pos]), url));
        }
        LinkGraph g = table.graph;
        Set<Integer> named = c.named().keySet();
        int cites = 0;
        for (int e = g.edgeStart(node); e < g.edgeEnd(node) && cites < 5; e++) {
            int t = g.target(e);
            if (named.contains(t)) {
                ev.add(new Recommendation.Evidence("cites", table.titles[t], url(t)));
                cites++;
            }
        }
        ev.addAll(extra);
        return new Recommendation(rank, url, table.domains[node], table.titles[node], round(r.scores()[i]),
                round(authority), pages, contrib, matched, ev, flags);
    }

    /** The flag lines of a result, led by a {@code DEMOTED} line when its spam score reaches the threshold. */
    private List<String> flags(String json, double spam) {
        List<String> lines = flagLines(json);
        if (spam < demoteAt) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(java.util.Locale.ROOT, "DEMOTED: spam score %.1f >= %.1f (linkscout.authority.demote-results-at):"
                + " listed after every result below it", spam, demoteAt));
        out.addAll(lines);
        return out;
    }

    /** Spam flags as result lines: "CODE (weight w, strength s): message [evidence; ...]". */
    static List<String> flagLines(String json) {
        if (json == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (io.linkscout.quality.SpamFlag f : io.linkscout.quality.SiteQuality.flags(json)) {
            out.add(f.line());
        }
        return out;
    }

    /** The stored text and topics of a page document. */
    private Document stored(int doc) {
        try {
            return index.reader().storedFields().document(doc, Set.of(IndexFields.TEXT, IndexFields.PAGE_TOPICS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentence around a character offset, trimmed to at most 300 characters. */
    static String sentence(String text, int at) {
        int start = at;
        while (start > 0 && ".!?\n".indexOf(text.charAt(start - 1)) < 0 && at - start < 200) {
            start--;
        }
        int end = at;
        while (end < text.length() && ".!?\n".indexOf(text.charAt(end)) < 0 && end - at < 200) {
            end++;
        }
        if (end < text.length() && text.charAt(end) != '\n') {
            end++;
        }
        return text.substring(start, end).strip().replaceAll("\\s+", " ");
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static List<String> unique(List<String> xs) {
        return List.copyOf(new LinkedHashSet<>(xs));
    }

    private static Query terms(String field, List<String> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : new LinkedHashSet<>(terms)) {
            b.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    /** English stop words (Lucene's set), which a title's leading words stop at. */
    static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in",
            "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
            "these", "they", "this", "to", "was", "will", "with");

    /** Words that start headlines without naming anything ("Why ...", "How to ...", "Our ..."). */
    static final Set<String> FUNCTION_WORDS = Set.of("why", "how", "what", "when", "where", "who", "whom", "whose",
            "which", "our", "your", "my", "we", "you", "his", "her", "its", "do", "does", "can", "should", "top",
            "best", "new");

    /**
     * The title's leading words as a phrase: the words before its first stop word ("Elizabeth I of England" ->
     * "elizabeth i"), or all but the last word when it has none ("Hebrew language" -> "hebrew"); null for
     * one-word titles.
     */
    static Query partialTitle(QueryBuilder qb, String[] words) {
        if (words.length < 2) {
            return null;
        }
        int k = 0;
        while (k < words.length && !STOP.contains(words[k])) {
            k++;
        }
        int end = k == words.length ? words.length - 1 : k;
        if (end < 1) {
            return null;
        }
        boolean onlyFunctionWords = true;
        for (int i = 0; i < end; i++) {
            onlyFunctionWords &= FUNCTION_WORDS.contains(words[i]) || STOP.contains(words[i]);
        }
        if (onlyFunctionWords) {
            return null; // "Why the Ground Moves" -> "why" names nothing
        }
        return qb.createPhraseQuery(IndexFields.BODY, String.join(" ", java.util.Arrays.copyOf(words, end)));
    }

    /** Exact title phrase, and its variants (without a parenthetical qualifier, main segment of "A | B"). */
    private static Query titlePhrase(QueryBuilder qb, String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        Set<String> seen = new HashSet<>();
        for (String[] v : PageTable.titleVariants(title)) {
            String text = String.join(" ", v);
            if (!seen.add(text)) {
                continue;
            }
            Query p = qb.createPhraseQuery(IndexFields.BODY, text);
            if (p != null) {
                b.add(p, BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : b.build();
    }

    private static Query pages(Query q) {
        if (q == null) {
            return null;
        }
        return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                .build();
    }

    /** Node ids of the k highest positive scores of a sparse map; ties go to the smaller node (URL order). */
    static int[] topNodes(Map<Integer, Double> scores, int k) {
        return scores.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> {
                    int c = Double.compare(b.getValue(), a.getValue());
                    return c != 0 ? c : Integer.compare(a.getKey(), b.getKey());
                })
                .limit(k).mapToInt(Map.Entry::getKey).toArray();
    }
}
