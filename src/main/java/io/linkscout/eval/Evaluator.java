package io.linkscout.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scores a {@link Run} against {@link Qrels} exactly as {@code bench/eval_linkpred.py} does: for every query in
 * the qrels (a query absent from the run scores zero) the run's candidates are deduplicated (first occurrence
 * wins), then recall@10/50/100, nDCG@10 (binary gain, ideal DCG over min(10, |relevant|)) and MRR (over the whole
 * list) are computed; the figures are means over the qrels queries.
 */
public final class Evaluator {

    public static final String MRR = "mrr";
    public static final String NDCG_10 = "ndcg@10";
    public static final String RECALL_10 = "recall@10";
    public static final String RECALL_50 = "recall@50";
    public static final String RECALL_100 = "recall@100";
    /** Metric names in the order the Python scorer prints them (sorted). */
    public static final List<String> METRICS = List.of(MRR, NDCG_10, RECALL_10, RECALL_100, RECALL_50);

    /** 1/log2(i+2), the values Python's {@code 1/math.log2(i+2)} yields. */
    private static final double[] DISCOUNT = {1.0, 0.6309297535714575, 0.5, 0.43067655807339306,
        0.38685280723454163, 0.3562071871080222, 0.3333333333333333, 0.31546487678572877, 0.3010299956639812,
        0.2890648263178879};

    /**
     * Result of an evaluation.
     *
     * @param queries  number of qrels queries (the denominator of every mean)
     * @param means    metric name -> mean over queries, sorted by name
     * @param perQuery normalised query id -> metric name -> value, in qrels order
     */
    public record Result(int queries, SortedMap<String, Double> means, Map<String, Map<String, Double>> perQuery) {

        /** {@code queries=N mrr=0.1234 ndcg@10=... recall@10=... recall@100=... recall@50=...} as the Python script. */
        public String toText() {
            StringBuilder sb = new StringBuilder("queries=").append(queries).append(' ');
            List<String> parts = new ArrayList<>();
            means.forEach((k, v) -> parts.add(k + "=" + format4(v)));
            return sb.append(String.join(" ", parts)).toString();
        }

        /** {@code {"queries": N, "mrr": 0.1234, ...}} with the same 4-decimal figures as {@link #toText()}. */
        public String toJson() {
            StringBuilder sb = new StringBuilder("{\"queries\": ").append(queries);
            means.forEach((k, v) -> sb.append(", \"").append(k).append("\": ").append(format4(v)));
            return sb.append('}').toString();
        }
    }

    private Evaluator() {
    }

    /** What is scored: pages, or sites (registrable domains, as {@code eval_linkpred.py --unit site}). */
    public enum Unit { page, site }

    /**
     * Evaluates at page level ({@link #evaluate(Run, Qrels)}) or at site level: the run and qrels collapsed to
     * registrable domains by {@link SiteLevel} with the bundled {@link PublicSuffixList}.
     */
    public static Result evaluate(Run run, Qrels qrels, Unit unit) {
        if (unit == Unit.site) {
            SiteLevel.Collapsed c = SiteLevel.collapse(run, qrels, PublicSuffixList.bundled());
            return evaluate(c.run(), c.qrels());
        }
        return evaluate(run, qrels);
    }

    /** Evaluates {@code run} against {@code qrels}; an empty qrels gives {@code queries=0} and no metrics. */
    public static Result evaluate(Run run, Qrels qrels) {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perQuery = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : qrels.byQuery().entrySet()) {
            Map<String, Double> m = score(run.ranked(e.getKey()), e.getValue());
            perQuery.put(e.getKey(), m);
            m.forEach((k, v) -> sums.merge(k, v, Double::sum));
        }
        int n = qrels.size();
        SortedMap<String, Double> means = new TreeMap<>();
        sums.forEach((k, v) -> means.put(k, v / n));
        return new Result(n, Collections.unmodifiableSortedMap(means), Collections.unmodifiableMap(perQuery));
    }

    /** Metrics of one query: {@code ranked} in rank order (duplicates allowed), {@code relevant} non-empty. */
    public static Map<String, Double> score(List<String> ranked, Set<String> relevant) {
        List<String> dedup = new ArrayList<>(new LinkedHashSet<>(ranked));
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k : new int[] {10, 50, 100}) {
            Set<String> top = new HashSet<>(dedup.subList(0, Math.min(k, dedup.size())));
            int hits = 0;
            for (String r : relevant) {
                if (top.contains(r)) {
                    hits++;
                }
            }
            m.put("recall@" + k, (double) hits / relevant.size());
        }
        double dcg = 0;
        for (int i = 0; i < Math.min(10, dedup.size()); i++) {
            if (relevant.contains(dedup.get(i))) {
                dcg += DISCOUNT[i];
            }
        }
        double idcg = 0;
        for (int i = 0; i < Math.min(10, relevant.size()); i++) {
            idcg += DISCOUNT[i];
        }
        m.put(NDCG_10, dcg / idcg);
        double rr = 0.0;
        for (int i = 0; i < dedup.size(); i++) {
            if (relevant.contains(dedup.get(i))) {
                rr = 1.0 / (i + 1);
                break;
            }
        }
        m.put(MRR, rr);
        return m;
    }

    /** Python's {@code f'{v:.4f}'}: the exact binary value rounded half-even to 4 decimals. */
    public static String format4(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-") ? "-" + s : s;
    }
}
