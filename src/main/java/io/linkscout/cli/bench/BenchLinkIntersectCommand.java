package io.linkscout.cli.bench;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.eval.ExpectedFigures;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.jobs.gap.IntersectCheck;
import io.linkscout.jobs.gap.LinkIntersect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench link-intersect}: how many link-intersect results the evidence they show explains. */
@Command(name = "link-intersect", mixinStandardHelpOptions = true,
        description = "Runs link-intersect and re-checks every result's evidence pages against the index: the share "
                + "of results whose shown pages really link to at least k competitors (and whose domain does not "
                + "link to you). Without --competitor, the N most-linked domains are the competitors and the next "
                + "one is 'your' domain. With --expect NAME the figures are checked against that benchmark in "
                + "bench/expected.json (exit code 1 when one is outside its tolerance).")
public class BenchLinkIntersectCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--competitor", paramLabel = "DOMAIN", split = ",", description = "Competitor domains.")
    List<String> competitors;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Your domain (with --competitor).")
    String domain;

    @Option(names = "--competitors", paramLabel = "N", defaultValue = "3",
            description = "Automatic mode: how many most-linked domains are competitors (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--min-overlap", paramLabel = "K", defaultValue = "2", description = "k (default: "
            + "${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--expect", paramLabel = "BENCHMARK", description = "Check results, explainable and "
            + "explained-share against this benchmark of bench/expected.json (link-intersect/fixture: the test "
            + "graph; link-intersect/warc-fixtures: an index of ../shared/data/warc-fixtures, automatic mode).")
    String expect;

    @Override
    public Integer call() throws Exception {
        ExpectedFigures expected = expect == null ? null : ExpectedFigures.loadDefault();
        if (expected != null) {
            expected.benchmark(expect); // an unknown name fails before the run
        }
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout())) {
            List<String> comps = competitors;
            String mine = domain;
            if (comps == null || comps.isEmpty()) {
                List<String> top = IntersectCheck.mostLinked(idx, n + 1);
                if (top.size() < n + 1) {
                    System.out.println("the index has " + top.size() + " linked domain(s): link intersect needs at "
                            + "least " + (n + 1) + " (results 0, explainable 0)");
                    return verify(expected, new IntersectCheck.Figures(0, 0, 0, List.of()));
                }
                comps = new ArrayList<>(top.subList(0, n));
                mine = top.get(n);
            } else if (mine == null) {
                throw new UserException("--competitor needs --domain (your domain)");
            }
            LinkIntersect.Options o = LinkIntersect.validate(comps, mine, Math.min(k, comps.size()), 1000, 100.0);
            LinkIntersect.Response r = new LinkIntersect(idx).run(o, null);
            IntersectCheck.Figures f = IntersectCheck.check(idx, r);
            System.out.println("competitors " + String.join(", ", o.competitors()) + "; your domain " + o.domain()
                    + "; k=" + o.minOverlap());
            System.out.printf("results %d  explainable by their evidence %d  share %.3f%n", f.results(),
                    f.explainable(), f.share());
            if (!f.unexplained().isEmpty()) {
                System.out.println("not explained: " + String.join(", ", f.unexplained()));
            }
            return verify(expected, f);
        }
    }

    private int verify(ExpectedFigures expected, IntersectCheck.Figures f) {
        if (expected == null) {
            return 0;
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("results", (double) f.results());
        measured.put("explainable", (double) f.explainable());
        measured.put("explained-share", f.share());
        return expected.verify(expect, measured, System.out::println) ? 0 : 1;
    }
}
