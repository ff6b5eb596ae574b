package io.linkscout.cli;

import jakarta.inject.Inject;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.config.IngestSettings;
import io.linkscout.ingest.IngestLimits;
import io.linkscout.cli.common.TerminalProgress;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.GraphWhen;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.InputFormats;
import io.linkscout.url.Domains;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest --index DIR INPUT...}: reads pages (JSONL, WARC/WAT/WET/ARC), site catalogs and authority lists
 * and commits them to the index in one atomic step.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read candidate pages and sites into the index (JSONL pages, WARC/WAT/WET/ARC, site catalog "
                + "CSV/JSONL, Majestic/Moz authority CSV, Ahrefs/Semrush/Majestic/Search Console backlink exports; "
                + ".gz and .zip accepted; directories are read recursively).")
public class IngestCommand implements Callable<Integer> {

    @Inject
    AuthoritySettings authority;

    @Inject
    IngestSettings ingestLimits;

    /** Where ingest writes besides the embedded index ({@code --backend} overrides the configuration). */
    @Inject
    BackendResolver backends;

    @Mixin
    IndexOption index;

    @Mixin
    BackendOption backend;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Input files or directories.")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "KIND",
            description = "Force the input kind instead of detecting it: ${COMPLETION-CANDIDATES}.")
    InputFormats.Format format;

    @Option(names = "--strict", description = "Treat any bad record or file as fatal: exit 2 and commit nothing.")
    boolean strict;

    @Option(names = "--threads", description = "Indexing threads (default: available cores).")
    Integer threads;

    @Option(names = "--target", paramLabel = "DOMAIN", description = "The site backlink exports without a target "
            + "column are about (referring domains, Search Console links): their rows become links to it.")
    String target;

    @Option(names = "--rebuild", description = "Rewrite every document instead of only those the inputs change "
            + "(same index content; an index written by an older version is rebuilt anyway).")
    boolean rebuild;

    @Option(names = "--expunge-deletes", description = "After an incremental ingest, merge away the replaced "
            + "documents before committing (term statistics then equal those of a full rebuild).")
    boolean expungeDeletes;

    @Option(names = "--graph", paramLabel = "WHEN", description = "now (default: linkscout.ingest.graph, now): "
            + "recompute the graph scores (authority, trust, spam, in-links, referring domains, site documents) "
            + "with this ingest; later: an incremental ingest writes only the pages the inputs change and records the graph "
            + "scores as pending until `graph` (or an ingest with --graph now) completes them.")
    GraphWhen graph;

    @Override
    public Integer call() throws Exception {
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new UserException("input not found: " + p + " (check the path)");
            }
        }
        String to = target == null ? null : Domains.requireDomain("--target", target);
        TerminalProgress progress = new TerminalProgress(System.err);
        IndexBuilder builder = new IndexBuilder(index.layout(),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, progress);
        builder.setAuthorityConfig(AuthorityConfig.of(authority));
        builder.setRebuild(rebuild);
        builder.setExpungeDeletes(expungeDeletes);
        GraphWhen when = graph != null ? graph : switch (ingestLimits.graph()) {
            case "now" -> GraphWhen.now;
            case "later" -> GraphWhen.later;
            default -> throw new UserException("linkscout.ingest.graph must be now or later, got '"
                    + ingestLimits.graph() + "'");
        };
        builder.setGraphLater(when == GraphWhen.later);
        try (OpenSearchIndexWriter mirror = backend.resolve(backends).openWriter()) {
            if (mirror != null && when == GraphWhen.later) {
                throw new UserException("--graph later cannot be combined with --backend opensearch (the mirror gets "
                        + "the graph scores with every ingest): use --graph now");
            }
            builder.setMirror(mirror);
            return ingest(builder, progress, to, mirror);
        }
    }

    private int ingest(IndexBuilder builder, TerminalProgress progress, String to, OpenSearchIndexWriter mirror)
            throws Exception {
        PrintStream err = System.err;
        IndexBuilder.Result r = builder.ingest((sink, report) -> {
            InputFormats.readAll(inputs, format, to, new IngestLimits(ingestLimits.maxLineBytes(),
                    ingestLimits.maxCsvRows(), ingestLimits.maxLinksPerPage(), ingestLimits.maxZipEntryBytes()),
                    progress.wrap(sink, report), report);
            if (strict && report.problemCount() > 0) {
                throw new UserException("--strict: " + report.problemCount() + " bad record(s); first: "
                        + report.problems().get(0) + ". Nothing was committed.", 422);
            }
        });
        progress.done();
        IngestReport rep = r.report();
        err.println(summary(r));
        if (mirror != null) {
            err.println("opensearch: " + mirror.summary());
        }
        if (rep.recordsRead() == 0) {
            err.println("error: nothing could be read from the inputs; the index was left as it was before");
            return 3;
        }
        return 0;
    }

    static String summary(IndexBuilder.Result r) {
        IngestReport rep = r.report();
        StringBuilder sb = new StringBuilder();
        double secs = Math.max(r.millis(), 1) / 1000.0;
        sb.append(String.format(Locale.ROOT,
                "ingested %d page record(s), %d catalog row(s), %d authority row(s)%s in %.1f s (%.0f pages/s, "
                        + "peak heap %d MB)%n",
                rep.pages(), rep.sites(), rep.authorities(), rep.exportRows() == 0 ? ""
                        : ", " + rep.exportRows() + " backlink export row(s)", secs, rep.pages() / secs,
                r.peakHeapBytes() >> 20));
        sb.append(String.format(Locale.ROOT, "replaced %d page(s) already in the index%n", r.replacedPages()));
        IndexBuilder.Writes w = r.writes();
        if (w.incremental() && r.graphDeferred()) {
            sb.append(String.format(Locale.ROOT, "incremental, graph step left for later: wrote %d page(s), kept %d; "
                    + "graph scores and site documents pending since %s (run `linkscout graph` to complete them)%n",
                    w.pagesWritten(), w.pagesKept(), r.graphPending()));
        } else if (w.incremental()) {
            sb.append(String.format(Locale.ROOT, "incremental: wrote %d page(s), kept %d (graph scores updated on "
                    + "%d), wrote %d site(s), kept %d%n", w.pagesWritten(), w.pagesKept(), w.scoresUpdated(),
                    w.sitesWritten(), w.sitesKept()));
        } else {
            sb.append(String.format(Locale.ROOT, "full rebuild: wrote %d page(s), %d site(s)%n", w.pagesWritten(),
                    w.sitesWritten()));
        }
        sb.append(String.format(Locale.ROOT, "index now: %d pages, %d sites, %d links, %d terms%n",
                r.stats().pages(), r.stats().sites(), r.stats().links(), r.stats().terms()));
        if (r.stats().linkJoin() != null) {
            sb.append(String.format(Locale.ROOT, "links: %d (internal %d, external %d)%n", r.stats().links(),
                    r.stats().internalLinks(), r.stats().externalLinks()));
            sb.append("  ").append(r.stats().linkJoin().toText().replace("\n", "\n  ")).append('\n');
        }
        if (r.stats().exports() != null && !r.stats().exports().tools().isEmpty()) {
            sb.append(r.stats().exports().toText()).append('\n');
        }
        if (!rep.skipped().isEmpty()) {
            sb.append("skipped:\n");
            for (Map.Entry<String, Long> e : rep.skipped().entrySet()) {
                sb.append(String.format(Locale.ROOT, "  %8d  %s%n", e.getValue(), e.getKey()));
            }
        }
        if (rep.problemCount() > 0) {
            sb.append(String.format(Locale.ROOT, "problems: %d (records skipped)%n", rep.problemCount()));
            List<IngestReport.Problem> ps = rep.problems();
            for (int i = 0; i < Math.min(20, ps.size()); i++) {
                sb.append("  ").append(ps.get(i)).append('\n');
            }
            if (rep.problemCount() > 20) {
                sb.append("  ... ").append(rep.problemCount() - 20).append(" more\n");
            }
        }
        return sb.toString().stripTrailing();
    }
}
