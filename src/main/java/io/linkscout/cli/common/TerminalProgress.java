package io.linkscout.cli.common;

import io.linkscout.index.IndexBuilder;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.IngestSink;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of an ingest on the terminal: records read, pages/s and problems, at most once a second on a
 * console (overwriting one line), every 10 s otherwise (CI logs).
 */
public final class TerminalProgress implements IndexBuilder.Progress {

    private final PrintStream out;
    private final boolean console = System.console() != null;
    private final long start = System.nanoTime();
    private long last = System.nanoTime();
    private String phase = "";
    private boolean dirty;

    public TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phase(String name) {
        phase = name;
        tick(0, 0, true);
    }

    @Override
    public void pages(long n, long problems) {
        tick(n, problems, false);
    }

    public IngestSink wrap(IngestSink sink, IngestReport report) {
        return new IngestSink() {
            @Override
            public void page(PageRecord page) {
                sink.page(page);
                if ((report.pages() & 255) == 0) {
                    tick(report.recordsRead(), report.problemCount(), false);
                }
            }

            @Override
            public void site(SiteRecord site) {
                sink.site(site);
            }

            @Override
            public void authority(AuthorityRecord authority) {
                sink.authority(authority);
            }

            @Override
            public void exportLink(io.linkscout.ingest.ExportLink link) {
                sink.exportLink(link);
                if ((report.exportRows() & 255) == 0) {
                    tick(report.recordsRead(), report.problemCount(), false);
                }
            }
        };
    }

    private synchronized void tick(long n, long problems, boolean force) {
        long now = System.nanoTime();
        long every = console ? 1_000_000_000L : 10_000_000_000L;
        if (!force && now - last < every) {
            return;
        }
        last = now;
        double secs = (now - start) / 1e9;
        String line = n > 0
                ? String.format(Locale.ROOT, "%s: %d records, %.0f/s, %d problem(s), %.0f s", phase, n,
                        n / Math.max(secs, 1e-3), problems, secs)
                : String.format(Locale.ROOT, "%s ... (%.0f s)", phase, secs);
        if (console) {
            out.print("\r\033[K" + line);
            dirty = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void done() {
        if (console && dirty) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
