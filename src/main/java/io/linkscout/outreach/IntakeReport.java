package io.linkscout.outreach;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an intake did, as text for the command line ({@code campaign shortlist}, the jobs' {@code --campaign}): one
 * line per prospect added, one per candidate skipped with its reason and why, then the skips counted by reason.
 */
public final class IntakeReport {

    private IntakeReport() {
    }

    /** The lines for the prospects added and the candidates skipped (each line ends with a newline). */
    public static String lines(List<Views.ProspectView> added, List<IntakeResult.Skipped> skipped) {
        StringBuilder sb = new StringBuilder();
        for (Views.ProspectView p : added) {
            sb.append(String.format(Locale.ROOT, "  + %-30s %8s  %s%n", p.domain(),
                    p.score() == null ? "" : String.format(Locale.ROOT, "%.3f", p.score()),
                    p.pageUrl() == null ? "" : p.pageUrl()));
        }
        for (IntakeResult.Skipped s : skipped) {
            sb.append(String.format(Locale.ROOT, "  - %-30s %-19s %s%n", s.domain() == null ? s.input() : s.domain(),
                    s.reason(), s.detail() == null ? "" : s.detail()));
        }
        Map<IntakeResult.Reason, Long> by = new TreeMap<>();
        skipped.forEach(s -> by.merge(s.reason(), 1L, Long::sum));
        by.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  skipped %s: %d%n", k, v)));
        return sb.toString();
    }

    /** A heading line and {@link #lines}: "Campaign 3: 2 added, 1 skipped". */
    public static String text(IntakeResult r) {
        return String.format(Locale.ROOT, "Campaign %d: %d added, %d skipped%n", r.campaignId(), r.added().size(),
                r.skipped().size()) + lines(r.added(), r.skipped());
    }
}
