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
                + "HTML and from what the index keeps of a page (the ingest-time path).")
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
            boolean ok = r.expected() == r.html().kind() && r.expected() == r.indexed().kind();
            if (verbose || !ok) {
                System.out.printf("  %s %-34s expected %-7s html %-7s (%.2f, paid %.2f)  indexed %-7s (%.2f)%n",
                        ok ? "ok  " : "MISS", r.file(), r.expected(), r.html().kind(), r.html().score(),
                        r.html().paidScore(), r.indexed().kind(), r.indexed().score());
            }
        }
        for (boolean html : new boolean[] {true, false}) {
            GuestPostEval.Figures f = GuestPostEval.figures(rows, html);
            System.out.printf("%-8s exact labels %d/%d  detection P %.3f R %.3f  sells P %.3f R %.3f%n",
                    html ? "html" : "indexed", f.exactLabels(), f.pages(), f.detectionPrecision(),
                    f.detectionRecall(), f.sellsPrecision(), f.sellsRecall());
        }
        return 0;
    }
}
