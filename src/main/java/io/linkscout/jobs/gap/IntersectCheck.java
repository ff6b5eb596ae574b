package io.linkscout.jobs.gap;

import io.linkscout.graph.LinkGraph;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.jobs.Jobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-checks link-intersect results against the index, independently of how they were found: a result is
 * explainable when the pages it shows as evidence are pages of the referring domain in the index whose stored
 * outlinks really point to at least {@code k} distinct competitors, and no page of that domain links to the user's
 * domain.
 */
public final class IntersectCheck {

    public record Figures(int results, int explainable, double share, List<String> unexplained) {
    }

    private IntersectCheck() {
    }

    public static Figures check(LinkScoutIndex idx, LinkIntersect.Response r) {
        int ok = 0;
        List<String> bad = new ArrayList<>();
        for (LinkIntersect.Result x : r.results()) {
            Set<String> shown = new TreeSet<>();
            boolean pagesOk = true;
            for (Map.Entry<String, List<LinkIntersect.LinkingPage>> e : x.pages().entrySet()) {
                for (LinkIntersect.LinkingPage p : e.getValue()) {
                    int doc = Jobs.pageDoc(idx, p.page());
                    if (doc < 0 || !x.domain().equals(Jobs.stored(idx, doc, Set.of(IndexFields.DOMAIN))
                            .get(IndexFields.DOMAIN))) {
                        pagesOk = false;
                        continue;
                    }
                    for (Link l : Jobs.links(idx, doc)) {
                        if (l.url().equals(p.target()) && e.getKey().equals(Jobs.domainOf(l.url()))) {
                            shown.add(e.getKey());
                        }
                    }
                }
            }
            boolean linksMe = false;
            for (int doc : Jobs.pageDocs(idx, x.domain())) {
                for (Link l : Jobs.links(idx, doc)) {
                    if (r.domain().equals(Jobs.domainOf(l.url()))) {
                        linksMe = true;
                    }
                }
            }
            if (pagesOk && shown.size() >= r.minOverlap() && !linksMe) {
                ok++;
            } else {
                bad.add(x.domain());
            }
        }
        int n = r.results().size();
        return new Figures(n, ok, n == 0 ? 0 : Jobs.round((double) ok / n), bad);
    }

    /** The {@code n} most-linked registrable domains of the index (referring domains, ties by name). */
    public static List<String> mostLinked(LinkScoutIndex idx, int n) {
        LinkGraph gt = idx.domainGraph().transpose();
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < gt.nodeCount(); i++) {
            if (!gt.name(i).isEmpty() && gt.outDegree(i) > 0) {
                nodes.add(i);
            }
        }
        nodes.sort(Comparator.comparingInt((Integer i) -> gt.outDegree(i)).reversed().thenComparing(gt::name));
        return nodes.stream().limit(n).map(gt::name).toList();
    }
}
