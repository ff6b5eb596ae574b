package io.linkscout.jobs.guestpost;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision and recall of {@link GuestPostDetector} on a labelled set of HTML pages: a folder with
 * {@code labels.tsv} ({@code file<TAB>url<TAB>ACCEPTS|SELLS|NONE[<TAB>note]}, {@code #} comments) and the pages.
 * Measured twice: on the full HTML (headings, forms; also what ingest sees of a page read from HTML — JSONL
 * {@code html}, WARC, crawl) and on the page's text alone (title, text, links: what ingest sees of a plain-text
 * page, or of a page in an index written before headings and forms were kept).
 */
public final class GuestPostEval {

    /** One labelled page and the detector's answers. */
    public record Row(String file, String url, GuestPostDetector.Kind expected, GuestPostDetector.Detection html,
            GuestPostDetector.Detection textOnly) {
    }

    /**
     * Figures for one path. "Detection" counts a page as positive when it is ACCEPTS or SELLS (the site takes
     * posts in some way); "sells" counts SELLS only.
     */
    public record Figures(int pages, int exactLabels, double detectionPrecision, double detectionRecall,
            double sellsPrecision, double sellsRecall) {
    }

    public static List<Row> run(Path dir) {
        Path labels = dir.resolve("labels.tsv");
        if (!Files.isRegularFile(labels)) {
            throw new UserException("no labels.tsv in " + dir + ": give the guest-post fixture folder (default "
                    + "src/test/resources/fixtures/guestpost, run from the repository root)");
        }
        GuestPostDetector d = new GuestPostDetector();
        List<Row> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new UserException(labels + ":" + (i + 1) + ": expected file<TAB>url<TAB>label");
                }
                GuestPostDetector.Kind k;
                try {
                    k = GuestPostDetector.Kind.valueOf(f[2].strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UserException(labels + ":" + (i + 1) + ": label: \"" + f[2]
                            + "\" is not ACCEPTS, SELLS or NONE");
                }
                Path page = dir.resolve(f[0]);
                if (!Files.isRegularFile(page)) {
                    throw new UserException(labels + ":" + (i + 1) + ": file: " + page + " does not exist");
                }
                String html = Files.readString(page, StandardCharsets.UTF_8);
                GuestPostSignals full = GuestPostSignals.fromHtml(f[1], html);
                GuestPostSignals textOnly = GuestPostSignals.fromText(full.url(), full.title(), full.text(),
                        full.links());
                rows.add(new Row(f[0], f[1], k, d.detect(full), d.detect(textOnly)));
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + dir + ": " + e.getMessage());
        }
        return rows;
    }

    public static Figures figures(List<Row> rows, boolean html) {
        int exact = 0;
        int tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0;
        for (Row r : rows) {
            GuestPostDetector.Kind got = (html ? r.html() : r.textOnly()).kind();
            if (got == r.expected()) {
                exact++;
            }
            boolean gp = got != GuestPostDetector.Kind.NONE;
            boolean ep = r.expected() != GuestPostDetector.Kind.NONE;
            tp += gp && ep ? 1 : 0;
            fp += gp && !ep ? 1 : 0;
            fn += !gp && ep ? 1 : 0;
            boolean gs = got == GuestPostDetector.Kind.SELLS;
            boolean es = r.expected() == GuestPostDetector.Kind.SELLS;
            stp += gs && es ? 1 : 0;
            sfp += gs && !es ? 1 : 0;
            sfn += !gs && es ? 1 : 0;
        }
        return new Figures(rows.size(), exact, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(stp, stp + sfp),
                ratio(stp, stp + sfn));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 1.0 : Math.round(1000.0 * a / b) / 1000.0;
    }
}
