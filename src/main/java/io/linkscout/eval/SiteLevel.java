package io.linkscout.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Site-level view of a page run, as {@code to_sites()} in {@code bench/eval_linkpred.py --unit site} makes it:
 * every URL becomes its registrable domain ({@link PublicSuffixList}); for each qrels query the run keeps each
 * domain at its first position, the query's own domain is dropped from run and relevant set, and a query whose
 * relevant set is then empty leaves the qrels (so it is not counted).
 */
public final class SiteLevel {

    /** The collapsed run and qrels, ready for {@link Evaluator#evaluate(Run, Qrels)}. */
    public record Collapsed(Run run, Qrels qrels) {
    }

    private SiteLevel() {
    }

    public static Collapsed collapse(Run run, Qrels qrels, PublicSuffixList psl) {
        Map<String, Set<String>> rel = new LinkedHashMap<>();
        Map<String, List<String>> ranked = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : qrels.byQuery().entrySet()) {
            String q = e.getKey();
            String own = psl.registrable(q);
            Set<String> d = new LinkedHashSet<>();
            for (String c : e.getValue()) {
                d.add(psl.registrable(c));
            }
            d.remove(own);
            if (!d.isEmpty()) {
                rel.put(q, d);
            }
            Set<String> seen = new HashSet<>(Set.of(own));
            List<String> out = new ArrayList<>();
            for (String c : run.ranked(q)) {
                String x = psl.registrable(c);
                if (seen.add(x)) {
                    out.add(x);
                }
            }
            ranked.put(q, out);
        }
        return new Collapsed(Run.ofRanked(ranked), Qrels.ofNormalised(rel));
    }
}
