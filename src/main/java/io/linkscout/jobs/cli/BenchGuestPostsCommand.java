package io.linkscout.jobs.cli;

import io.linkscout.jobs.guestpost.GuestPostDetector;
import io.linkscout.jobs.guestpost.GuestPostEval;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench guest-posts}: precision/recall of guest-post detection on the labelled fixture pages. */
@Command(name = "guest-posts", mixinStandardHelpOptions = true,
        description = "Precision and recall of guest-post detection on the labelled fixture pages, from the full "
                + "HTML (as ingest sees pages read from HTML) and from the text alone (as ingest sees plain-text "
                + "pages).")
public class BenchGuestPostsCommand implements Callable<Integer> {

    @Option(names = "--fixtures", paramLabel = "DIR", defaultValue = "src/test/resources/fixtures/guestpost",
            description = "Folder with labels.tsv and the pages (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--verbose", description = "Print every page's label, score and reasons.")
    boolean verbose;

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
        for (boolean html : new boolean[] {true, false}) {
            GuestPostEval.Figures f = GuestPostEval.figures(rows, html);
            System.out.printf("%-8s exact labels %d/%d  detection P %.3f R %.3f  sells P %.3f R %.3f%n",
                    html ? "html" : "text", f.exactLabels(), f.pages(), f.detectionPrecision(),
                    f.detectionRecall(), f.sellsPrecision(), f.sellsRecall());
        }
        return 0;
    }
}
