package io.linkscout.cli.bench;

import io.linkscout.eval.ExpectedFigures;
import io.linkscout.jobs.guestpost.GuestPostDetector;
import io.linkscout.jobs.guestpost.GuestPostEval;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench guest-posts}: precision/recall of guest-post detection on the labelled fixture pages. */
@Command(name = "guest-posts", mixinStandardHelpOptions = true,
        description = "Precision and recall of guest-post detection on the labelled fixture pages, from the full "
                + "HTML (as ingest sees pages read from HTML) and from the text alone (as ingest sees plain-text "
                + "pages). With the bundled fixture folder the figures are checked against bench/expected.json "
                + "(guestposts-fixtures/html, guestposts-fixtures/text); exit code 1 when one is outside its "
                + "tolerance.")
public class BenchGuestPostsCommand implements Callable<Integer> {

    /** The bundled labelled pages (relative to the repository root), the ones bench/expected.json describes. */
    static final String FIXTURES = "src/test/resources/fixtures/guestpost";
    /** Benchmark names in bench/expected.json: this prefix + {@code html} / {@code text}. */
    public static final String BENCHMARK = "guestposts-fixtures/";

    @Option(names = "--fixtures", paramLabel = "DIR", defaultValue = FIXTURES,
            description = "Folder with labels.tsv and the pages (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--verbose", description = "Print every page's label, score and reasons.")
    boolean verbose;

    @Option(names = "--no-check", description = "Print the figures without checking them against "
            + "bench/expected.json.")
    boolean noCheck;

    @Override
    public Integer call() {
        List<GuestPostEval.Row> rows = GuestPostEval.run(fixtures);
        System.out.println("guest-post detection (" + GuestPostDetector.VERSION + ") on " + fixtures + ": "
                + rows.size() + " pages");
        for (GuestPostEval.Row r : rows) {
            boolean ok = r.expected() == r.html().kind() && r.expected() == r.textOnly().kind();
            if (verbose || !ok) {
                System.out.printf("  %s %-34s expected %-7s html %-7s (%.2f, paid %.2f)  text %-7s (%.2f)%n",
                        ok ? "ok  " : "MISS", r.file(), r.expected(), r.html().kind(), r.html().score(),
                        r.html().paidScore(), r.textOnly().kind(), r.textOnly().score());
            }
        }
        Map<String, Map<String, Double>> measured = new LinkedHashMap<>();
        for (boolean html : new boolean[] {true, false}) {
            GuestPostEval.Figures f = GuestPostEval.figures(rows, html);
            System.out.printf("%-8s exact labels %d/%d  detection P %.3f R %.3f  sells P %.3f R %.3f%n",
                    html ? "html" : "text", f.exactLabels(), f.pages(), f.detectionPrecision(),
                    f.detectionRecall(), f.sellsPrecision(), f.sellsRecall());
            measured.put(BENCHMARK + (html ? "html" : "text"), metrics(f));
        }
        if (noCheck) {
            return 0;
        }
        if (!fixtures.toAbsolutePath().normalize().equals(Path.of(FIXTURES).toAbsolutePath().normalize())) {
            System.out.println("check skipped: bench/expected.json describes the bundled " + FIXTURES + ", not "
                    + fixtures);
            return 0;
        }
        ExpectedFigures expected = ExpectedFigures.loadDefault();
        boolean ok = true;
        for (Map.Entry<String, Map<String, Double>> e : measured.entrySet()) {
            ok &= expected.verify(e.getKey(), e.getValue(), System.out::println);
        }
        return ok ? 0 : 1;
    }

    /** The figures as bench/expected.json names them. */
    public static Map<String, Double> metrics(GuestPostEval.Figures f) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("detection-precision", f.detectionPrecision());
        m.put("detection-recall", f.detectionRecall());
        m.put("sells-precision", f.sellsPrecision());
        m.put("sells-recall", f.sellsRecall());
        m.put("exact-labels", (double) f.exactLabels());
        return m;
    }
}
