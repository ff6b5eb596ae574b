package io.linkscout.quality;

import io.linkscout.graph.HarmonicCentrality;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.PageRank;
import io.linkscout.graph.RankEngine;
import io.linkscout.graph.TrustRank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything LinkScout derives from the registrable-domain graph, in one pure computation (no I/O): PageRank,
 * TrustRank and spam mass, the link-graph spam flags, spam-demoted authority, harmonic centrality, topical
 * authority, referring domains and the optional external prior mix. Ingest and the {@code graph} command both call
 * {@link #compute}, so they store the same numbers.
 *
 * <p>Steps, with {@code n} domains and PageRank damping {@code d}:
 * <ol>
 * <li>{@code p} = PageRank (uniform teleport, dangling mass along the teleport vector, nofollow passes nothing by
 * default); {@code t} = TrustRank from the seeds; {@code m} = relative spam mass {@code (p − p+)/p},
 * {@code p+ = γ·t} ({@link TrustRank}); referring domains ({@link LinkGraph#referrerCounts}). All four come from
 * the {@link RankEngine}: in this JVM, or on Spark where the rankings are.</li>
 * <li>Link-graph flags ({@link SpamFlag}; HIGH_SPAM_MASS needs spam mass ≥ 0.7 and at least the average PageRank 1/n): HIGH_SPAM_MASS, LINK_FARM, RECIPROCAL_LINKS, SINGLE_REFERRER. A domain
 * whose score from these reaches {@code demote-at} is <em>demoted</em>: its out-links pass nothing.</li>
 * <li>{@code p'} = PageRank with demoted domains' out-links removed; graph authority
 * {@code a = 100·ln(1 + p'·n)/ln(1 + max(p')·n)} ({@link PageRank#authority}); LINKED_FROM_SPAM fires on domains
 * that got most of their incoming rank from demoted ones.</li>
 * <li>Authority {@code = (1−w)·a + w·prior} where the domain has a prior (Moz DA; else
 * {@code 100·(1 − ln(rank)/ln(10^6))} from the Majestic rank), else {@code a}; {@code w} = prior-weight.</li>
 * <li>Trust 0–100: {@code t} scaled like authority; harmonic centrality ({@link HarmonicCentrality}); topical
 * authority per topic: PageRank with teleport uniform over the topic's domains (Haveliwala's topic-sensitive
 * PageRank), scaled like authority, demoted domains passing nothing.</li>
 * </ol>
 *
 * <p>Memory: about 10 {@code double[n]} arrays (80 bytes per node) plus the transposed graph (13 bytes per edge),
 * the harmonic-centrality needs and the flags; topics are processed one at a time (one more PageRank each).
 * Deterministic: ties broken by domain name.
 */
public final class DomainAnalysis {

    /** At most this many referring domains are listed per site. */
    public static final int TOP_REFERRERS = 10;
    /** At most this many topics are kept per site. */
    public static final int TOP_TOPICS = 5;
    /** Farm density is computed over at most this many referring domains (the first by node id, i.e. by name). */
    static final int MAX_FARM_SET = 200;

    public final LinkGraph graph;
    public final double[] pageRank;
    public final double[] finalRank;
    public final double[] graphAuthority;
    public final double[] authority;
    public final double[] trustRank;
    public final double[] trust;
    public final double[] spamMass;
    public final double[] harmonic;
    public final int[] refDomains;
    public final List<List<String>> topReferrers;
    public final List<List<SpamFlag>> flags;
    public final boolean[] demoted;
    public final List<Map<String, Double>> topical;
    public final Double[] prior;
    /** Seeds in the graph that link out (0: TrustRank and spam mass say nothing). */
    public int seedsInGraph;
    public final AuthorityConfig config;

    private DomainAnalysis(LinkGraph g, AuthorityConfig cfg) {
        int n = g.nodeCount();
        this.graph = g;
        this.config = cfg;
        pageRank = new double[n];
        finalRank = new double[n];
        graphAuthority = new double[n];
        authority = new double[n];
        trustRank = new double[n];
        trust = new double[n];
        spamMass = new double[n];
        harmonic = new double[n];
        refDomains = new int[n];
        topReferrers = new ArrayList<>(n);
        flags = new ArrayList<>(n);
        topical = new ArrayList<>(n);
        demoted = new boolean[n];
        prior = new Double[n];
    }

    /**
     * @param seeds           trusted domains (TrustRank seeds); those not in the graph are ignored
     * @param topicsByDomain  domain -> its topics (catalog categories); may be empty
     * @param priors          domain -> external prior on 0–100; may be empty
     */
    public static DomainAnalysis compute(LinkGraph g, Collection<String> seeds, Map<String, Set<String>> topicsByDomain,
            Map<String, Double> priors, AuthorityConfig cfg) {
        return compute(g, seeds, topicsByDomain, priors, cfg, true);
    }

    /**
     * As {@link #compute(LinkGraph, Collection, Map, Map, AuthorityConfig)}; {@code spamMassFlags} false computes
     * spam mass but raises no HIGH_SPAM_MASS flag — for a seed set too small to stand for the good part of the
     * graph (the fallback tier of {@link TrustSeeds#effective}), where a low trusted share of PageRank says
     * "far from a seed", not "spam".
     */
    public static DomainAnalysis compute(LinkGraph g, Collection<String> seeds, Map<String, Set<String>> topicsByDomain,
            Map<String, Double> priors, AuthorityConfig cfg, boolean spamMassFlags) {
        return compute(g, seeds, topicsByDomain, priors, cfg, spamMassFlags, RankEngine.IN_PROCESS);
    }

    /**
     * As {@link #compute(LinkGraph, Collection, Map, Map, AuthorityConfig, boolean)}, with the PageRank family computed
     * by {@code engine} in two rounds: PageRank and TrustRank, then (after the spam flags, which decide the demoted
     * domains) the final PageRank and the topical ones.
     */
    public static DomainAnalysis compute(LinkGraph g, Collection<String> seeds, Map<String, Set<String>> topicsByDomain,
            Map<String, Double> priors, AuthorityConfig cfg, boolean spamMassFlags, RankEngine engine) {
        DomainAnalysis a = new DomainAnalysis(g, cfg);
        int n = g.nodeCount();
        double d = cfg.damping();
        boolean pass = cfg.passUnfollowed();
        int[] farmMarks = new int[n]; // linkFarm's membership marks, one tag per domain (x + 1)
        double[] sv = TrustRank.seedVector(g, seeds);
        // round 1, where the engine runs: PageRank, TrustRank, and from them spam mass; referring domains
        RankEngine.Result round1 = engine.compute(g, List.of(
                new RankEngine.Request("pagerank", d, null, pass, null, 1e-10, 200),
                new RankEngine.Request("trustrank", d, sv, pass, null, TrustRank.TOLERANCE, TrustRank.MAX_ITERATIONS)),
                new RankEngine.Derived(true, new RankEngine.SpamMassOf("pagerank", "trustrank", cfg.goodFraction())));
        double[] p = round1.ranks().get(0);
        System.arraycopy(p, 0, a.pageRank, 0, n);
        // seeds that pass trust: a seed only linked to gives trust to itself alone, and spam mass measured against
        // it would call every site spam
        int k = TrustSeeds.linkingOut(g, seeds);
        double[] t = round1.ranks().get(1);
        System.arraycopy(t, 0, a.trustRank, 0, n);
        double[] m = round1.spamMass();
        System.arraycopy(m, 0, a.spamMass, 0, n);
        System.arraycopy(round1.referrers(), 0, a.refDomains, 0, n);
        double[] tr = PageRank.authority(t);
        System.arraycopy(tr, 0, a.trust, 0, n);

        LinkGraph gt = g.transpose();
        double[] outW = outWeights(g, pass);
        for (int x = 0; x < n; x++) {
            a.topReferrers.add(topReferrers(g, gt, x, p));
            List<SpamFlag> f = new ArrayList<>();
            if (spamMassFlags && k > 0 && m[x] >= 0.7 && p[x] * n >= 1) {
                f.add(SpamFlag.of(SpamFlag.HIGH_SPAM_MASS, String.format(Locale.ROOT,
                        "%.0f%% of the site's PageRank does not come from the trusted seeds (spam mass %.2f; "
                                + "PageRank %.2f× the average)", 100 * m[x], m[x], p[x] * n),
                        List.of(String.format(Locale.ROOT, "PageRank %.3g, trusted-core PageRank %.3g", p[x],
                                cfg.goodFraction() * t[x])), m[x]));
            }
            linkFarm(g, gt, x, f, farmMarks);
            singleReferrer(g, gt, x, p, outW, pass, f);
            a.flags.add(f);
            a.demoted[x] = SpamFlag.score(f) >= cfg.demoteAt();
        }
        Map<String, double[]> teleports = cfg.topicSource().equals("catalog") ? topicTeleports(g, topicsByDomain)
                : Map.of();
        List<RankEngine.Request> round2 = new ArrayList<>();
        round2.add(new RankEngine.Request("final", d, null, pass, a.demoted, 1e-10, 200));
        int topicNo = 0;
        for (double[] v : teleports.values()) {
            round2.add(new RankEngine.Request("topic-" + topicNo++, d, v, pass, a.demoted, 1e-9, 100));
        }
        List<double[]> ranks2 = engine.compute(g, round2);
        double[] p2 = ranks2.get(0);
        System.arraycopy(p2, 0, a.finalRank, 0, n);
        double[] ga = PageRank.authority(p2);
        System.arraycopy(ga, 0, a.graphAuthority, 0, n);
        for (int x = 0; x < n; x++) {
            linkedFromSpam(g, gt, x, p, outW, pass, a.demoted, a.flags.get(x));
            Double pr = priors.get(g.name(x));
            a.prior[x] = pr;
            a.authority[x] = pr == null ? ga[x] : (1 - cfg.priorWeight()) * ga[x] + cfg.priorWeight() * pr;
        }
        double[] h = HarmonicCentrality.compute(g, pass);
        System.arraycopy(h, 0, a.harmonic, 0, n);
        for (int x = 0; x < n; x++) {
            a.topical.add(new LinkedHashMap<>());
        }
        topical(a, teleports, ranks2.subList(1, ranks2.size()));
        a.seedsInGraph = k;
        return a;
    }

    /** Spam score of a domain from its link-graph flags alone. */
    public double graphSpamScore(int node) {
        return SpamFlag.score(flags.get(node));
    }

    /**
     * The prior on 0–100 from an authority row: Moz DA if present, else from the Majestic rank, else the Common
     * Crawl graph authority ({@code cc_authority}, written by {@code cc-graph}); null if none.
     */
    public static Double prior(Map<String, Double> metrics) {
        Double da = metrics.get("moz_domain_authority");
        if (da != null) {
            return Math.max(0, Math.min(100, da));
        }
        Double rank = metrics.get("majestic_rank");
        if (rank != null && rank >= 1) {
            return Math.max(0, 100 * (1 - Math.log(rank) / Math.log(1e6)));
        }
        Double cc = metrics.get("cc_authority");
        if (cc != null) {
            return Math.max(0, Math.min(100, cc));
        }
        return null;
    }

    private static double[] outWeights(LinkGraph g, boolean pass) {
        double[] w = new double[g.nodeCount()];
        for (int s = 0; s < g.nodeCount(); s++) {
            for (int e = g.edgeStart(s); e < g.edgeEnd(s); e++) {
                if (pass || g.followed(e)) {
                    w[s] += g.weight(e);
                }
            }
        }
        return w;
    }

    private static List<String> topReferrers(LinkGraph g, LinkGraph gt, int x, double[] p) {
        Integer[] refs = new Integer[gt.outDegree(x)];
        for (int e = gt.edgeStart(x), i = 0; e < gt.edgeEnd(x); e++, i++) {
            refs[i] = gt.target(e);
        }
        Arrays.sort(refs, Comparator.comparingDouble((Integer y) -> -p[y]).thenComparing(g::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP_REFERRERS, refs.length); i++) {
            out.add(g.name(refs[i]));
        }
        return out;
    }

    /** Followed referrers of x, sorted by id. */
    private static int[] followedReferrers(LinkGraph gt, int x) {
        int c = 0;
        for (int e = gt.edgeStart(x); e < gt.edgeEnd(x); e++) {
            if (gt.followed(e)) {
                c++;
            }
        }
        int[] r = new int[c];
        int i = 0;
        for (int e = gt.edgeStart(x); e < gt.edgeEnd(x); e++) {
            if (gt.followed(e)) {
                r[i++] = gt.target(e);
            }
        }
        return r;
    }

    private static boolean linksTo(LinkGraph g, int from, int to) {
        int lo = g.edgeStart(from);
        int hi = g.edgeEnd(from) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = g.target(mid);
            if (t == to) {
                return g.followed(mid);
            }
            if (t < to) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /**
     * LINK_FARM: at least 3 followed referring domains R, of which ≥ 50% are linked back (reciprocal share r) and
     * which link densely among themselves (followed edges inside R / (|R|·(|R|−1)) = δ ≥ 0.5); strength (r+δ)/2.
     * RECIPROCAL_LINKS (when LINK_FARM does not fire): ≥ 5 referring domains, ≥ 80% linked back; strength r.
     */
    private static void linkFarm(LinkGraph g, LinkGraph gt, int x, List<SpamFlag> out, int[] marks) {
        int[] r = followedReferrers(gt, x);
        if (r.length < 3) {
            return;
        }
        List<String> back = new ArrayList<>();
        for (int y : r) {
            if (linksTo(g, x, y)) {
                back.add(g.name(y));
            }
        }
        double recip = (double) back.size() / r.length;
        if (recip < 0.5) {
            return; // neither flag can fire: skip the density
        }
        int[] set = r.length > MAX_FARM_SET ? Arrays.copyOf(r, MAX_FARM_SET) : r;
        long inside = followedEdgesInside(g, set, marks, x + 1);
        double density = (double) inside / ((double) set.length * (set.length - 1));
        List<String> ev = back.subList(0, Math.min(5, back.size()));
        if (recip >= 0.5 && density >= 0.5) {
            out.add(SpamFlag.of(SpamFlag.LINK_FARM, String.format(Locale.ROOT,
                    "%d referring domains link densely to each other (density %.2f) and %.0f%% of them are linked "
                            + "back", r.length, density, 100 * recip), ev, (recip + density) / 2));
        } else if (r.length >= 5 && recip >= 0.8) {
            out.add(SpamFlag.of(SpamFlag.RECIPROCAL_LINKS, String.format(Locale.ROOT,
                    "%.0f%% of %d referring domains are linked back (link exchange)", 100 * recip, r.length), ev,
                    recip));
        }
    }

    /**
     * The followed edges y → z between distinct members of {@code set}. Each member's out-edges are scanned once
     * against a mark ({@code marks[z] == tag}; {@code tag} unique per call, marks start at 0): the sum of the
     * members' out-degrees instead of |set|² binary searches (a link farm's 200 members: 40,000 look-ups). When the
     * members' out-degrees add up to more than |set|² (hubs), the pairwise look-ups are the cheaper count. Targets are
     * distinct per node ({@link LinkGraph}), so both count each pair once.
     */
    static long followedEdgesInside(LinkGraph g, int[] set, int[] marks, int tag) {
        long degrees = 0;
        for (int y : set) {
            degrees += g.outDegree(y);
        }
        long inside = 0;
        if (degrees > (long) set.length * set.length) {
            for (int y : set) {
                for (int z : set) {
                    if (y != z && linksTo(g, y, z)) {
                        inside++;
                    }
                }
            }
            return inside;
        }
        for (int y : set) {
            marks[y] = tag;
        }
        for (int y : set) {
            for (int e = g.edgeStart(y); e < g.edgeEnd(y); e++) {
                int z = g.target(e);
                if (z != y && marks[z] == tag && g.followed(e)) {
                    inside++;
                }
            }
        }
        return inside;
    }

    /** Rank flowing into x from each other domain under PageRank p: y -> d·p[y]·w(y→x)/outW(y) (d omitted). */
    private static Map<Integer, Double> inflow(LinkGraph g, LinkGraph gt, int x, double[] p, double[] outW,
            boolean pass) {
        Map<Integer, Double> in = new TreeMap<>();
        for (int e = gt.edgeStart(x); e < gt.edgeEnd(x); e++) {
            if (pass || gt.followed(e)) {
                int y = gt.target(e);
                if (outW[y] > 0) {
                    in.merge(y, p[y] * gt.weight(e) / outW[y], Double::sum);
                }
            }
        }
        return in;
    }

    /** SINGLE_REFERRER: PageRank ≥ 2× average and ≥ 80% of the rank from other sites comes from one domain. */
    private static void singleReferrer(LinkGraph g, LinkGraph gt, int x, double[] p, double[] outW, boolean pass,
            List<SpamFlag> out) {
        int n = g.nodeCount();
        if (p[x] * n < 2) {
            return;
        }
        Map<Integer, Double> in = inflow(g, gt, x, p, outW, pass);
        double total = 0;
        int best = -1;
        for (Map.Entry<Integer, Double> e : in.entrySet()) {
            total += e.getValue();
            if (best < 0 || e.getValue() > in.get(best)) {
                best = e.getKey();
            }
        }
        if (best < 0 || total == 0) {
            return;
        }
        double share = in.get(best) / total;
        if (share >= 0.8) {
            out.add(SpamFlag.of(SpamFlag.SINGLE_REFERRER, String.format(Locale.ROOT,
                    "%.0f%% of the PageRank the site receives from other sites comes from %s (PageRank %.2f× "
                            + "the average)", 100 * share, g.name(best), p[x] * n),
                    List.of(g.name(best)), share));
        }
    }

    /** LINKED_FROM_SPAM: ≥ 50% of the rank from other sites comes from demoted (flagged) domains. */
    private static void linkedFromSpam(LinkGraph g, LinkGraph gt, int x, double[] p, double[] outW, boolean pass,
            boolean[] demoted, List<SpamFlag> out) {
        Map<Integer, Double> in = inflow(g, gt, x, p, outW, pass);
        double total = 0;
        double spam = 0;
        List<String> ev = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : in.entrySet()) {
            total += e.getValue();
            if (demoted[e.getKey()]) {
                spam += e.getValue();
                if (ev.size() < 5) {
                    ev.add(g.name(e.getKey()));
                }
            }
        }
        if (total > 0 && spam / total >= 0.5) {
            out.add(SpamFlag.of(SpamFlag.LINKED_FROM_SPAM, String.format(Locale.ROOT,
                    "%.0f%% of the PageRank the site receives from other sites comes from flagged sites, whose "
                            + "links pass no authority", 100 * spam / total), ev, spam / total));
        }
    }

    /** Topic -> teleport vector over the domains the catalog files under it (1 each), in topic order. */
    private static Map<String, double[]> topicTeleports(LinkGraph g, Map<String, Set<String>> topicsByDomain) {
        int n = g.nodeCount();
        Map<String, double[]> teleports = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : topicsByDomain.entrySet()) {
            int node = g.node(e.getKey());
            if (node < 0) {
                continue;
            }
            for (String topic : e.getValue()) {
                teleports.computeIfAbsent(topic, k -> new double[n])[node] = 1;
            }
        }
        return teleports;
    }

    /** Each domain's top topics by topic-sensitive PageRank ({@code ranks}: one per teleport, same order). */
    private static void topical(DomainAnalysis a, Map<String, double[]> teleports, List<double[]> ranks) {
        LinkGraph g = a.graph;
        int n = g.nodeCount();
        List<List<Map.Entry<String, Double>>> per = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            per.add(new ArrayList<>());
        }
        int t = 0;
        for (String topic : teleports.keySet()) {
            double[] s = PageRank.authority(ranks.get(t++));
            for (int i = 0; i < n; i++) {
                if (s[i] >= 1) {
                    per.get(i).add(Map.entry(topic, Math.round(s[i] * 100) / 100.0));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            List<Map.Entry<String, Double>> l = per.get(i);
            l.sort(Comparator.comparingDouble((Map.Entry<String, Double> x) -> -x.getValue())
                    .thenComparing(Map.Entry::getKey));
            for (int j = 0; j < Math.min(TOP_TOPICS, l.size()); j++) {
                a.topical.get(i).put(l.get(j).getKey(), l.get(j).getValue());
            }
        }
    }
}
