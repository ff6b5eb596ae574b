package io.linkscout.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.graph.RankEngine;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.IngestSink;
import io.linkscout.ingest.SiteRecord;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.TrustSeeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;

/**
 * Builds the LinkScout index from input records, merging them with what the index already holds. The stages, each
 * its own class:
 *
 * <ol>
 * <li>{@link IndexTransaction} opens the writer (one ingest at a time) and removes what a crashed run left;</li>
 * <li>{@link RecordMerge} reads the existing index's raw records and then the new inputs (texts spill to a
 * temporary file; a page seen again replaces the old version);</li>
 * <li>{@link CorpusAnalysis} derives what depends on the whole corpus — links joined to pages, the page and domain
 * graphs, PageRank, the domain analysis, anchor text received — and {@link SiteAggregates} each site's aggregate,
 * both without Lucene;</li>
 * <li>{@link DocumentMapper} turns pages (on a pool of {@code threads} workers), sites and raw rows into documents of
 * a complete new generation ({@code deleteAll()} + add);</li>
 * <li>the transaction writes the graphs (fsynced, renamed) and publishes everything with one {@code commit()}.</li>
 * </ol>
 *
 * Until that commit, readers (and a crashed run) see the previous commit unchanged. Re-ingesting the same inputs
 * gives the same index content.
 */
public final class IndexBuilder {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Where the records come from (the input files, or a test). */
    @FunctionalInterface
    public interface RecordSource {
        void readInto(IngestSink sink, IngestReport report) throws IOException;
    }

    /** Progress callbacks (called from the ingest thread). */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void phase(String name) {
        }

        default void pages(long read, long problems) {
        }
    }

    public record Result(IngestReport report, IndexStats stats, long newPages, long replacedPages,
            long millis, long peakHeapBytes) {
    }

    private final IndexLayout layout;
    private final int threads;
    private final Progress progress;
    private Map<String, String> extraCommitData = Map.of();

    /** Extra key/value pairs stored in the commit's user data (e.g. {@code linkscout.sample=2}, the sample version). */
    public void setExtraCommitData(Map<String, String> data) {
        this.extraCommitData = Map.copyOf(data);
    }

    private AuthorityConfig authorityConfig = AuthorityConfig.DEFAULTS;
    private List<String> trustSeeds = TrustSeeds.bundled();

    /** Authority/trust/spam settings (default: {@link AuthorityConfig#DEFAULTS}; the commands pass the configured ones). */
    public void setAuthorityConfig(AuthorityConfig config) {
        this.authorityConfig = config;
    }

    private List<String> trustSeedsFallback = TrustSeeds.bundledFallback();

    private RankEngine rankEngine = RankEngine.IN_PROCESS;

    /** Where PageRank, TrustRank and the topical rankings are computed (default: in this process). */
    public void setRankEngine(RankEngine engine) {
        this.rankEngine = engine;
    }

    /**
     * TrustRank seeds (default: the bundled models/trust-seeds.txt) and the fallback tier used when none of them
     * links out in the index (default: models/trust-seeds-fallback.txt; see {@link TrustSeeds#effective}).
     */
    public void setTrustSeeds(List<String> seeds, List<String> fallback) {
        this.trustSeeds = List.copyOf(seeds);
        this.trustSeedsFallback = List.copyOf(fallback);
    }

    /** TrustRank seeds, with the bundled fallback tier. */
    public void setTrustSeeds(List<String> seeds) {
        setTrustSeeds(seeds, TrustSeeds.bundledFallback());
    }

    /** Test hook: runs after every document was added, right before the commit. */
    private Runnable beforeCommit = () -> { };

    public IndexBuilder(IndexLayout layout, int threads, Progress progress) {
        this.layout = layout;
        this.threads = Math.max(1, threads);
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** The enrichments this builder runs: by default those installed ({@link IndexEnrichment#installed()}). */
    private List<IndexEnrichment> enrichments = IndexEnrichment.installed();

    /** Replaces the installed enrichments (tests; a build without detectors). */
    public void setEnrichments(List<IndexEnrichment> enrichments) {
        this.enrichments = List.copyOf(enrichments);
    }

    public void setBeforeCommitHook(Runnable hook) {
        this.beforeCommit = hook;
    }

    public Result ingest(RecordSource source) throws IOException {
        long t0 = System.nanoTime();
        IngestReport report = new IngestReport();
        RecordMerge records = new RecordMerge();
        long replaced;
        long peak;
        try (IndexTransaction tx = IndexTransaction.open(layout)) {
            try (DirectoryReader old = tx.openCommitted()) {
                progress.phase("reading existing index");
                if (old != null) {
                    records.loadOld(old, layout.root());
                }
                try (PageSpill spill = new PageSpill(tx.stagingFile())) {
                    progress.phase("reading inputs");
                    RecordMerge.Sink sink = records.sink(spill, report);
                    source.readInto(sink, report);
                    sink.rethrow();
                    replaced = records.replacedPages();
                    peak = usedHeap();
                    progress.phase("writing index");
                    Map<String, String> userData = writeAll(tx, old, spill, records);
                    peak = Math.max(peak, usedHeap());
                    beforeCommit.run();
                    tx.commit(userData);
                }
            }
        }
        IndexStats stats;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            stats = idx.stats();
        }
        return new Result(report, stats, report.pages(), replaced, (System.nanoTime() - t0) / 1_000_000,
                Math.max(peak, usedHeap()));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Writes a complete new generation of documents and graphs; returns the commit user data. */
    private Map<String, String> writeAll(IndexTransaction tx, DirectoryReader old, PageSpill spill,
            RecordMerge records) throws IOException {
        Map<String, PageMeta> pages = records.pages;
        records.applyToolLinks();
        CorpusAnalysis corpus = new CorpusAnalysis(pages, records.catalog, records.authority, records.exportLinks,
                authorityConfig, trustSeeds, trustSeedsFallback, rankEngine);
        Map<String, String> graphs = tx.writeGraphs(corpus.pageGraph, corpus.domainGraph);
        DocumentMapper mapper = new DocumentMapper(corpus, authorityConfig, enrichments);
        IndexWriter writer = tx.writer();
        writer.deleteAll();
        AtomicLong written = new AtomicLong();
        try (PagePool pool = new PagePool(threads)) {
            // pages whose text is in the old index
            if (old != null) {
                StoredFields sf = old.storedFields();
                int[] oldDocs = pages.values().stream().filter(m -> m.oldDoc >= 0).mapToInt(m -> m.oldDoc)
                        .sorted().toArray();
                for (int docId : oldDocs) {
                    Document d = sf.document(docId, Set.of(IndexFields.ID, IndexFields.TEXT, IndexFields.RECORD));
                    StoredPage sp = JSON.readValue(d.getBinaryValue(IndexFields.RECORD).bytes, StoredPage.class);
                    String text = d.get(IndexFields.TEXT);
                    PageMeta m = pages.get(d.get(IndexFields.ID));
                    pool.submit(() -> addPage(writer, mapper.page(m, text == null ? "" : text, sp.emails(),
                            sp.fetchedAt(), sp.source(), sp.structure()), written));
                }
            }
            // pages read now
            spill.forEach(s -> {
                PageMeta m = pages.get(s.url());
                if (m == null || m.spill != s.number()) {
                    return; // superseded by a later record for the same URL
                }
                pool.submit(() -> addPage(writer, mapper.page(m, s.text(), s.emails(), s.fetchedAt(), s.source(),
                        s.structure()), written));
            });
            pool.finish();
        }
        SiteAggregates sites = new SiteAggregates(corpus, pages, records.catalog, records.authority,
                records.exportLinks);
        for (String domain : sites.domains()) {
            writer.addDocument(mapper.site(sites.of(domain)));
        }
        for (SiteRecord r : records.catalog.values()) {
            writer.addDocument(DocumentMapper.raw(IndexFields.TYPE_CATALOG, r.key(), r.domain(), r));
        }
        for (AuthorityRecord r : records.authority.values()) {
            writer.addDocument(DocumentMapper.raw(IndexFields.TYPE_AUTHORITY, r.key(), r.domain(), r));
        }
        for (Map.Entry<String, ExportLink> e : records.exportLinks.entrySet()) {
            writer.addDocument(DocumentMapper.raw(IndexFields.TYPE_EXPORT, e.getKey(), e.getValue().sourceDomain(),
                    e.getValue()));
        }
        Map<String, String> userData = new LinkedHashMap<>();
        userData.put(IndexFields.COMMIT_FORMAT, IndexFields.FORMAT_VERSION);
        userData.put(IndexLayout.PAGE_GRAPH, graphs.get(IndexLayout.PAGE_GRAPH));
        userData.put(IndexLayout.DOMAIN_GRAPH, graphs.get(IndexLayout.DOMAIN_GRAPH));
        userData.put(IndexFields.COMMIT_BUILT_AT, Instant.now().toString());
        userData.put(IndexStats.LINKS, Long.toString(corpus.links));
        userData.put(IndexStats.INTERNAL_LINKS, Long.toString(corpus.internalLinks));
        userData.put(IndexStats.UNFOLLOWED_LINKS, Long.toString(corpus.unfollowedLinks));
        userData.put(IndexStats.PAGE_EDGES, Long.toString(corpus.pageGraph.edgeCount()));
        userData.put(IndexStats.DOMAINS, Long.toString(corpus.domainGraph.nodeCount()));
        userData.put(IndexStats.DOMAIN_EDGES, Long.toString(corpus.domainGraph.edgeCount()));
        userData.putAll(corpus.linkJoin.userData());
        userData.putAll(ExportLinkCounts.of(pages.values(), records.exportLinks.values()).userData());
        userData.putAll(extraCommitData);
        return userData;
    }

    private void addPage(IndexWriter writer, Document d, AtomicLong written) {
        try {
            writer.addDocument(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long w = written.incrementAndGet();
        if (w % 500 == 0) {
            progress.pages(w, 0);
        }
    }

    /**
     * The workers that map and add page documents: a fixed pool over a bounded queue (at most 256 pages wait), the
     * submitting thread running a task itself when the queue is full. The first failure stops the submissions and is
     * rethrown by {@link #finish()}.
     */
    private static final class PagePool implements AutoCloseable {
        private final ThreadPoolExecutor executor;
        private volatile Throwable failure;

        PagePool(int threads) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "linkscout-index-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            };
            executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(256), factory, new ThreadPoolExecutor.CallerRunsPolicy());
        }

        void submit(Runnable task) {
            if (failure != null) {
                return;
            }
            executor.execute(() -> {
                if (failure != null) {
                    return;
                }
                try {
                    task.run();
                } catch (Throwable e) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = e;
                        }
                    }
                }
            });
        }

        /** Waits for every page; rethrows the first failure (an I/O error as itself). */
        void finish() throws IOException {
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a large build: keep waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            Throwable e = failure;
            if (e instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e != null) {
                throw new IOException("indexing failed: " + e, e);
            }
        }

        /** After a failure elsewhere: stops the workers and waits for the running ones to end. */
        @Override
        public void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
