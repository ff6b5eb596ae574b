package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.graph.LinkGraph;
import io.linkscout.nlp.PageTopics;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
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
import org.apache.lucene.search.Query;
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
    /**
     * At most this many longer titles (the most linked-to ones) are checked for mentions that are not free: each
     * costs its words' postings in every mentioning candidate. 100 gives the same dev rankings as 200 (Wikispeedia
     * and blogs, run files identical) at half the cost where a title is part of hundreds of others.
     */
    static final int MAX_LONGER_TITLES = 100;

    private final LinkScoutIndex index;
    private final RankerModel model;
    /** Whether {@link #model} gives {@link Feature#PAGE_TOPICS} any weight (else ranking skips its queries). */
    private final boolean pageTopicsUsed;
    private final PageTable table;
    /** null: the text signals come from {@link #index} */
    private final SearchBackend backend;
    private final TextSignals signals;
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
        this(index, model, demoteAt, null);
    }

    /**
     * Ranking whose text signals — every first-stage top k, candidate score, count, term position, stored text and
     * the content's term statistics — come from {@code backend} (an OpenSearch cluster), the same as the embedded
     * index gives them. The page graph, the domain graph and the per-page table (titles, authority, spam, link
     * counts) still come from {@code index}, which must therefore be the embedded index of the ingest that
     * published {@code backend}'s documents. {@code backend} null: everything from {@code index}.
     */
    public Recommender(LinkScoutIndex index, RankerModel model, double demoteAt, SearchBackend backend) {
        this.index = index;
        this.model = model;
        this.table = PageTable.of(index);
        this.demoteAt = demoteAt;
        this.authorityBoost = model.authorityBoost();
        this.pageTopicsUsed = model.uses(Feature.PAGE_TOPICS);
        this.fitScratch = ThreadLocal.withInitial(() -> new double[table.siteDomainNode.length]);
        this.backend = backend;
        if (backend != null) {
            io.linkscout.search.Generations.requireSame(index, backend);
        }
        this.signals = backend == null ? new LuceneSignals(index, table)
                : new BackendSignals(backend, table, index.analyzer());
    }

    /** The backend the text signals come from; null: the embedded index ({@link #index()}). */
    public SearchBackend backend() {
        return backend;
    }

    /** Where the text signals come from: {@code lucene DIR} or the backend's description. */
    public String source() {
        return backend == null ? "lucene " + index.layout().root() : backend.describe();
    }

    /** Word statistics for the content's topic weights, from where the text signals come from. */
    public io.linkscout.nlp.TermStatistics termStatistics() {
        return backend == null ? io.linkscout.search.BackendTermStatistics.of(index)
                : new io.linkscout.search.BackendTermStatistics(backend, index.analyzer());
    }

    public RankerModel model() {
        return model;
    }

    public LinkScoutIndex index() {
        return index;
    }

    public ContentQuery prepare(String title, String text, List<String> topics) {
        if (signals instanceof BackendSignals b) {
            return ContentQuery.of(title, text, topics, index.analyzer(), b.numDocs(), b::docFreqs);
        }
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
        return candidates(q, perGenerator, true);
    }

    /**
     * As {@link #candidates(ContentQuery, int)}; {@code everyFeature} false leaves at 0 the features that cost
     * queries of their own and that the model does not use ({@link Feature#PAGE_TOPICS}: up to
     * {@value #PAGE_TOPICS_COMPARED} term queries), so ranking pays only for what it scores. Training and feature
     * dumps compute every feature.
     */
    private Candidates candidates(ContentQuery q, int perGenerator, boolean everyFeature) {
        // one query's signals: its calls share their term look-ups (the same scores)
        TextSignals signals = this.signals.forQuery();
        QueryBuilder qb = new QueryBuilder(index.analyzer());
        List<String> titleTerms = unique(ContentQuery.analyze(index.analyzer(), q.title()));
        List<String> topTerms = q.terms().stream().map(ContentQuery.WeightedTerm::term).toList();

        QuerySpec qTitle = pages(terms(IndexFields.BODY, titleTerms));
        QuerySpec qTerms = pages(terms(IndexFields.BODY, topTerms));
        QuerySpec qLead = pages(terms(IndexFields.BODY, q.lead()));
        List<String> phraseTexts = titlePhraseTexts(qb, q.title());
        QuerySpec qPhrase = pages(phraseTexts.isEmpty() ? null : new QuerySpec.Bool(List.of(),
                phraseTexts.stream().map(t -> (QuerySpec) new QuerySpec.Phrase(IndexFields.BODY, t)).toList(),
                List.of()));
        QuerySpec qOutTerms = pages(terms(IndexFields.OUTLINKS, topTerms));
        List<String[]> variants = PageTable.titleVariants(q.title());
        // the title without a parenthetical qualifier when it has one, else the title itself
        String[] baseTitle = variants.isEmpty() ? new String[0] : variants.get(variants.size() > 1 ? 1 : 0);
        double broad = Math.log1p(signals.count(qPhrase));

        // first stage: each generator's top k; the term query deeper, for the site-level fit
        List<TopK.Hit> termHits = signals.top(firstStage(qTerms), perGenerator * SITE_FIT_DEPTH_FACTOR, false);
        LinkedHashSet<Integer> pool = new LinkedHashSet<>();
        // the lead generator reads the lead's rarest terms only; BM25_LEAD scores the candidates with all of them
        QuerySpec qLeadRarest = pages(terms(IndexFields.BODY, q.leadRarest()));
        for (QuerySpec g : java.util.Arrays.asList(qTitle, qPhrase, qLeadRarest, qOutTerms)) {
            for (TopK.Hit h : signals.top(firstStage(g), perGenerator, false)) {
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
        QuerySpec qLinksOwn = own == null ? null : pages(new QuerySpec.Term(IndexFields.LINK_DOMAINS, own));
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
            QuerySpec linking = new QuerySpec.Bool(List.of(new QuerySpec.ZeroScore(qLinksOwn)),
                    qTerms == null ? List.of() : List.of(qTerms), List.of());
            for (TopK.Hit h : signals.top(linking, perGenerator, true)) {
                pool.add(h.doc());
            }
        }
        int[] docs = pool.stream().mapToInt(Integer::intValue).filter(d -> table.docToNode[d] >= 0)
                .filter(d -> own == null || !own.equals(table.domains[table.docToNode[d]])).boxed()
                .sorted(java.util.Comparator.comparingInt(d -> table.docToNode[d])).mapToInt(Integer::intValue)
                .toArray();

        // second stage: every text feature for the candidates only (scored in doc-id order)
        int[] byDoc = docs.clone();
        Arrays.sort(byDoc);
        Map<Integer, Integer> slot = new HashMap<>(byDoc.length * 2);
        for (int i = 0; i < byDoc.length; i++) {
            slot.put(byDoc[i], i);
        }
        float[] sTitle = signals.scores(qTitle, byDoc);
        float[] sTerms = signals.scores(qTerms, byDoc);
        float[] sLead = signals.scores(qLead, byDoc);
        float[] sPhrase = signals.scores(qPhrase, byDoc);
        float[] sTitleField = signals.scores(pages(terms(IndexFields.TITLE, topTerms)), byDoc);
        float[] sOutTitle = signals.scores(pages(terms(IndexFields.OUTLINKS, titleTerms)), byDoc);
        float[] sOutTerms = signals.scores(qOutTerms, byDoc);
        String partial = partialTitleText(baseTitle);
        float[] sPartial = signals.scores(pages(partial == null ? null : new QuerySpec.Phrase(IndexFields.BODY,
                partial)), byDoc);
        float[] sLast = signals.scores(pages(baseTitle.length > 1 && !STOP.contains(baseTitle[baseTitle.length - 1])
                ? new QuerySpec.Match(IndexFields.BODY, baseTitle[baseTitle.length - 1]) : null), byDoc);
        float[] sLinksOwn = signals.scores(qLinksOwn, byDoc);
        double[] sTopics = everyFeature || pageTopicsUsed ? pageTopics(signals, q.topics(), byDoc, n)
                : new double[byDoc.length];

        // exact title mentions inside candidate pages. Only candidates that contain a title variant (sPhrase > 0)
        // can mention it: mentionSlot[j] = candidate j's index in mentioning, or -1
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
        // longer known titles that contain the content's title: mentions inside them do not count as free
        List<String> longer = baseTitle.length > 0 && nm > 0 && !phraseTexts.isEmpty()
                ? table.longerTitlesContaining(baseTitle, MAX_LONGER_TITLES) : List.of();
        int[][] mentionCounts = phraseTexts.isEmpty() ? new int[nm][] : signals.mentions(phraseTexts, longer,
                mentioning);
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
                if (sPhrase[j] > 0 && !phraseTexts.isEmpty()) {
                    int[] m = mentionCounts[mentionSlot[j]];
                    v[Feature.MENTION_COUNT.ordinal()] = m[0];
                    v[Feature.MENTION_ANY.ordinal()] = m[0] > 0 ? 1 : 0;
                    int covered = m[2];
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
                v[Feature.PAGE_TOPICS.ordinal()] = sTopics[j];
                v[Feature.DATED_AFTER.ordinal()] = datedAfter(q.published(), table.published[node]);
            }
        } finally {
            siteFit.keySet().forEach(site -> fitBySite[site] = 0);
        }
        relative(f, Feature.BM25_TITLE, Feature.TITLE_REL);
        relative(f, Feature.BM25_TERMS, Feature.TERMS_REL);
        relative(f, Feature.BM25_LEAD, Feature.LEAD_REL);
        noneAfter(f);
        return new Candidates(q, docs, nodes, f, named);
    }

    /**
     * When no candidate was published on or after the content (content dated today, or after everything the index
     * holds), {@link Feature#DATED_AFTER} tells the candidates nothing apart: it is set to 0 for all of them, as for
     * content without a date, rather than marking every page "before" (a case the model has not seen: every dev query
     * with a date has candidates dated after it).
     */
    static void noneAfter(double[][] f) {
        int j = Feature.DATED_AFTER.ordinal();
        for (double[] v : f) {
            if (v[j] > 0) {
                return;
            }
        }
        for (double[] v : f) {
            v[j] = 0;
        }
    }

    /**
     * {@link Feature#DATED_AFTER}: 1 when the page was published on or after the content, -1 before it, 0 when either
     * date is unknown (days since 1970-01-01).
     */
    static double datedAfter(int content, int page) {
        if (content == io.linkscout.url.PublicationDate.UNKNOWN || page == io.linkscout.url.PublicationDate.UNKNOWN) {
            return 0;
        }
        return page >= content ? 1 : -1;
    }

    /**
     * The first-stage form of a generator query: with the model weighing authority, the page's static authority
     * ({@code features} FeatureField, saturation) is added as a SHOULD clause, so block-max WAND skips pages whose
     * text score plus authority cannot compete; with authority weighted 0 (the shipped model) the query as is.
     */
    private QuerySpec firstStage(QuerySpec q) {
        if (q == null || authorityBoost <= 0) {
            return q;
        }
        return new QuerySpec.Bool(List.of(q), List.of(new QuerySpec.Authority(authorityBoost)), List.of());
    }

    /** The content topics {@link #pageTopics} compares (its best ones, distinct keys). */
    static final int PAGE_TOPICS_COMPARED = 20;

    /**
     * For each of {@code docs} (ascending doc ids): the sum, over the content's topics (its first
     * {@value #PAGE_TOPICS_COMPARED} distinct {@link PageTopics#key keys}) that are also a topic of the page (a key
     * stored at ingest, {@link IndexFields#PAGE_TOPIC_KEYS}), of the topic's idf {@code ln(1 + n / df)} — n the
     * pages of the link graph, df the pages with that topic. A page whose own keyphrases are the content's, rare
     * ones weighing most; 0 for a page sharing none (or an index without page topics).
     */
    private double[] pageTopics(TextSignals signals, List<String> topics, int[] docs, int n) {
        double[] out = new double[docs.length];
        List<String> keys = topics.stream().map(PageTopics::key).filter(k -> !k.isEmpty()).distinct()
                .limit(PAGE_TOPICS_COMPARED).toList();
        for (String k : keys) {
            QuerySpec q = pages(new QuerySpec.Term(IndexFields.PAGE_TOPIC_KEYS, k));
            long df = signals.count(q);
            if (df == 0) {
                continue;
            }
            double idf = Math.log1p((double) Math.max(n, df) / df);
            float[] has = signals.scores(q, docs);
            for (int j = 0; j < docs.length; j++) {
                if (has[j] > 0) {
                    out[j] += idf;
                }
            }
        }
        return out;
    }

    /** {@code Math.log1p} of the small link counts, computed once: the same values, read on every out-edge. */
    private static final double[] LOG1P = java.util.stream.IntStream.range(0, 1 << 12)
            .mapToDouble(Math::log1p).toArray();

    /** {@code Math.log1p(links)}, from {@link #LOG1P} when it is there. */
    static double log1p(int links) {
        return links >= 0 && links < LOG1P.length ? LOG1P[links] : Math.log1p(links);
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
                    sum += fit * log1p(dg.weight(e));
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
        Candidates c = candidates(q, model.perGenerator(), false);
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
        TextSignals.Stored stored = signals.stored(r.docs()[i]);
        String text = stored.text();
        Tokens tokens = Tokens.of(text);
        List<String> matched = PageTopics.shared(q.topics(), stored.topics());
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

    private static QuerySpec terms(String field, List<String> terms) {
        return terms.isEmpty() ? null : QuerySpec.anyTerm(field, terms);
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
        String text = partialTitleText(words);
        return text == null ? null : qb.createPhraseQuery(IndexFields.BODY, text);
    }

    /** The words of {@link #partialTitle}, or null. */
    static String partialTitleText(String[] words) {
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
        return String.join(" ", java.util.Arrays.copyOf(words, end));
    }

    /**
     * The texts of the exact title phrase and its variants (without a parenthetical qualifier, main segment of
     * "A | B"), each once, leaving out those that analyse to nothing; their disjunction is the mention query.
     */
    private static List<String> titlePhraseTexts(QueryBuilder qb, String title) {
        if (title == null || title.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] v : PageTable.titleVariants(title)) {
            String text = String.join(" ", v);
            if (seen.add(text) && qb.createPhraseQuery(IndexFields.BODY, text) != null) {
                out.add(text);
            }
        }
        return out;
    }

    private static QuerySpec pages(QuerySpec q) {
        return q == null ? null : QuerySpec.typed(q, IndexFields.TYPE_PAGE);
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
