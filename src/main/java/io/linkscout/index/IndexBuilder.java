package io.linkscout.index;

import io.linkscout.error.UserException;

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
import org.apache.lucene.document.Field;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;

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
 * <li>{@link DocumentMapper} turns pages (on a pool of {@code threads} workers), sites and raw rows into documents:
 * on a new index (or with {@link #setRebuild}) a complete new generation ({@code deleteAll()} + add); on an index
 * that allows it, only the documents that change — pages read now, old pages whose fingerprint of corpus-derived
 * content changed, sites whose content changed — with {@code updateDocument} (an old page written again copies
 * the enrichments' fields that depend only on its own title and text, {@link IndexEnrichment#reusedFields}: its
 * topics), and the graph scores and spam score and flags of the other pages with {@code updateDocValues};</li>
 * <li>the transaction writes the graphs (fsynced, renamed) and publishes everything with one {@code commit()}.</li>
 * </ol>
 *
 * Until that commit, readers (and a crashed run) see the previous commit unchanged. Re-ingesting the same inputs
 * gives the same index content, and ingesting A then B the same as A and B in one go.
 *
 * <p>Memory per page: its {@link PageMeta} (URL, title, links, contacts; ~100 bytes more for a kept page), the
 * figures of {@link CorpusAnalysis} (anchor text received up to {@value CorpusAnalysis#MAX_ANCHORS_IN_CHARS} chars)
 * and 13 bytes per graph edge; page texts are never all in memory (spill file, or read back one page at a time).
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

    /**
     * @param writes what the ingest wrote (incremental or a full rebuild, documents written and kept)
     */
    public record Result(IngestReport report, IndexStats stats, long newPages, long replacedPages,
            long millis, long peakHeapBytes, Writes writes, String graphPending) {

        /** Whether this ingest left the graph scores pending ({@link IndexBuilder#setGraphLater}). */
        public boolean graphDeferred() {
            return graphPending != null;
        }
    }

    /**
     * What one ingest wrote.
     *
     * @param incremental   whether it kept unchanged documents ({@code false}: a full rebuild)
     * @param pagesWritten  page documents (re)written
     * @param pagesKept     page documents left as they were
     * @param scoresUpdated kept pages whose graph scores (doc values) were updated in place
     * @param sitesWritten  site documents (re)written
     * @param sitesKept     site documents left as they were
     */
    public record Writes(boolean incremental, long pagesWritten, long pagesKept, long scoresUpdated,
            long sitesWritten, long sitesKept) {
    }

    /**
     * What an index must carry for the next ingest to be incremental: the version of the derivation (bumped when
     * a release changes what documents derive from their pages) and the installed enrichments' names.
     */
    private String incrementalMarker() {
        StringBuilder sb = new StringBuilder(DERIVATION_VERSION);
        for (IndexEnrichment e : enrichments) {
            sb.append(';').append(e.name());
        }
        return sb.toString();
    }

    /** Version of what documents derive from pages; an index written with another one is rebuilt in full. */
    static final String DERIVATION_VERSION = "3"; // 2: page spam, in-links and referring domains as doc values;
    // 3: page fingerprints hash anchors and target titles (DocumentMapper.fingerprint), not the outlink profile text

    private boolean rebuild;
    private boolean expungeDeletes;
    private boolean graphLater;

    /**
     * Leave the graph step for later ({@code ingest --graph later}): an incremental ingest then writes the pages its
     * inputs change (their text fields: anchors received, outlink profiles) and nothing that depends on the graphs —
     * no graphs, PageRank or domain analysis are computed, the kept pages' authority, PageRank, in-links, referring
     * domains and spam doc values are left as they are, a page written keeps its old values (a new page gets 0), the
     * site documents and graph files stay those of the previous commit — and the commit records that the graph
     * scores are pending ({@link IndexFields#COMMIT_GRAPH_PENDING}) until {@code graph} (or an ingest with the graph
     * step) completes them. Without effect on a full build (a new index, {@link #setRebuild}), which computes them.
     */
    public void setGraphLater(boolean later) {
        this.graphLater = later;
    }

    /**
     * Rebuild every document even when the index allows an incremental ingest ({@code ingest --rebuild}). The
     * result is the same index content; only the time differs.
     */
    public void setRebuild(boolean rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Merge away the documents an incremental ingest deleted before committing ({@code ingest --expunge-deletes}).
     * Until merges reclaim them, Lucene's term statistics (BM25's document frequencies) still count replaced
     * documents, so scores can differ slightly from those of a full rebuild.
     */
    public void setExpungeDeletes(boolean expunge) {
        this.expungeDeletes = expunge;
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

    private DocumentSink mirror;

    /**
     * A second backend that receives the documents of the generation (null: none): every one, or — when the ingest
     * is incremental and the mirror can start from the generation the previous commit published
     * ({@link DocumentSink#begin}) — only the documents written again and the kept pages' values that moved
     * ({@link DocumentSink#update}), as the Lucene index gets them. The mirror is prepared before the Lucene commit
     * (its failure commits nothing) and published right after it.
     */
    public void setMirror(DocumentSink mirror) {
        this.mirror = mirror;
    }

    public Result ingest(RecordSource source) throws IOException {
        long t0 = System.nanoTime();
        IngestReport report = new IngestReport();
        RecordMerge records = new RecordMerge();
        long replaced;
        long peak;
        Writes writes;
        String pending;
        boolean mirrored = false;
        if (graphLater && mirror != null) {
            throw new UserException("--graph later cannot be combined with a mirror (--backend opensearch): "
                    + "ingest without it or with --graph now");
        }
        try {
            try (IndexTransaction tx = IndexTransaction.open(layout, storage)) {
                try (DirectoryReader old = tx.openCommitted()) {
                    progress.phase("reading existing index");
                    boolean incremental = old != null && !rebuild && incrementalMarker().equals(
                            IndexLayout.userData(old.directory()).get(IndexFields.COMMIT_INCREMENTAL));
                    if (old != null) {
                        records.loadOld(old, layout.root(), incremental ? enrichments : null);
                        // documents without a uid and fingerprint (written otherwise) can only be replaced by a rebuild
                        incremental &= records.everyDocumentFingerprinted;
                    }
                    if (mirror != null) {
                        // incremental only when the mirror can start from the generation the old commit published
                        incremental &= mirror.begin(incremental
                                ? IndexLayout.userData(old.directory()).get(IndexFields.COMMIT_MIRROR) : null);
                    }
                    try (PageSpill spill = tx.newSpill()) {
                        progress.phase("reading inputs");
                        RecordMerge.Sink sink = records.sink(spill, report);
                        source.readInto(sink, report);
                        sink.rethrow();
                        replaced = records.replacedPages();
                        peak = usedHeap();
                        progress.phase("writing index");
                        WriteCounts counts = new WriteCounts(incremental);
                        Map<String, String> userData = write(tx, old, spill, records, counts);
                        pending = userData.get(IndexFields.COMMIT_GRAPH_PENDING);
                        if (!incremental && mergeFullBuild) {
                            // a full build is read far more than it is written: one segment, before it is published
                            progress.phase("merging segments");
                            mergeSegments(tx.writer());
                        }
                        peak = Math.max(peak, usedHeap());
                        writes = counts.toWrites();
                        beforeCommit.run();
                        if (mirror != null) {
                            progress.phase("committing the mirror");
                            mirror.prepareCommit();
                        }
                        tx.commit(userData);
                        mirrored = true;
                        if (mirror != null) {
                            mirror.commit();
                        }
                        // a mirror started from a copy expunges its replaced documents: so does the embedded
                        // index, so that both score with the same statistics (those of a full rebuild)
                        if (incremental && (expungeDeletes || mirror != null)) {
                            // after the commit, so that the replaced documents are deleted in the segments
                            progress.phase("merging away replaced documents");
                            IndexWriter w = tx.writer();
                            // a natural merge running meanwhile holds segments that forceMergeDeletes skips (and
                            // may carry deletions over): wait for it and merge again while any are left (bounded)
                            for (int k = 0; k < 3000 && w.hasDeletions(); k++) {
                                w.forceMergeDeletes(true);
                                if (w.hasDeletions()) {
                                    sleepQuietly(10);
                                }
                            }
                            tx.commit(userData);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw diskFull(e, layout);
        } catch (RuntimeException e) {
            throw diskFull(e, layout);
        } finally {
            if (mirror != null && !mirrored) {
                mirror.abort();
            }
        }
        IndexStats stats;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            stats = idx.stats();
        }
        return new Result(report, stats, report.pages(), replaced, (System.nanoTime() - t0) / 1_000_000,
                Math.max(peak, usedHeap()), writes, pending);
    }

    /**
     * Merges a full build's segments into one before its commit (Anserini's {@code -optimize}; Lucene's
     * {@code forceMerge(1)}). Ranking reads every segment for each of its queries — term look-ups, a scorer per
     * query, postings advanced per candidate — so one segment instead of the ~14 a 1M-page build leaves cut the
     * ranking time by a third there ({@code bench scale}, README "Scale"); the merge costs about 5 % of the full
     * build's time. The previous commit stays what readers see until the commit; an incremental ingest adds small
     * segments that Lucene's merge policy merges as usual. Disk: the merge needs room for one more copy of the new
     * segments.
     */
    static void mergeSegments(IndexWriter writer) throws IOException {
        writer.forceMerge(1);
    }

    private boolean mergeFullBuild = true;

    /** Test hook: whether a full build is merged into one segment ({@link #mergeSegments}; by default it is). */
    void setMergeFullBuild(boolean merge) {
        this.mergeFullBuild = merge;
    }

    /**
     * A write that failed for want of disk space (ENOSPC anywhere in the cause chain: Lucene, the graph files, the
     * spill) as a {@link UserException} naming the index folder and what to do; anything else unchanged. The
     * transaction has been closed by then: nothing was committed, the previous commit is what readers see, and the
     * next ingest removes what this one left.
     */
    static <E extends Exception> E diskFull(E e, IndexLayout layout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && m.toLowerCase(java.util.Locale.ROOT)
                    .contains("no space left on device")) {
                throw new UserException("the ingest ran out of disk space writing the index folder " + layout.root()
                        + " (no space left on device); nothing was committed: the index still holds its previous "
                        + "commit, and the next ingest removes what this one left. Free space on that disk (an "
                        + "ingest needs room for the new files beside the old ones, and a full build for merging them: up to three "
                        + "times the index's size) "
                        + "or ingest into an index on another disk (--index), then run the ingest again", e);
            }
        }
        return e;
    }

    private IngestStorage storage = IngestStorage.DISK;

    /** Test hook: where the ingest's files are written ({@code DiskFullIngestTest} fills the disk). */
    void setStorage(IngestStorage storage) {
        this.storage = storage;
    }

        private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Counters of one write (updated from the page workers). */
    private static final class WriteCounts {
        final boolean incremental;
        final AtomicLong pagesWritten = new AtomicLong();
        long pagesKept;
        long scoresUpdated;
        long sitesWritten;
        long sitesKept;

        WriteCounts(boolean incremental) {
            this.incremental = incremental;
        }

        Writes toWrites() {
            return new Writes(incremental, pagesWritten.get(), pagesKept, scoresUpdated, sitesWritten, sitesKept);
        }
    }

    /**
     * Writes this generation's documents and graphs; returns the commit user data. A full rebuild deletes every
     * document and adds all of them. An incremental write derives the same corpus-wide figures (from the pages'
     * metadata, no text) and then writes only what changed: pages read now, old pages whose fingerprint
     * ({@link DocumentMapper#fingerprint(PageMeta)}: anchors and in-links received, referring domains, outlink
     * profile, authority point) changed — their text read back from the old index, their topics copied —, the
     * graph scores and the enrichments' doc values (spam score and flags) of the other old pages in place, site
     * documents whose content changed, and the catalog and authority rows read now. Either way the documents are
     * the same.
     */
    private Map<String, String> write(IndexTransaction tx, DirectoryReader old, PageSpill spill,
            RecordMerge records, WriteCounts counts) throws IOException {
        boolean incremental = counts.incremental;
        Map<String, PageMeta> pages = records.pages;
        records.applyToolLinks();
        // the graph step is left for later only by an incremental ingest (a full build has no scores to carry)
        boolean later = graphLater && incremental;
        CorpusAnalysis corpus = new CorpusAnalysis(pages, records.catalog, records.authority, records.exportLinks,
                authorityConfig, trustSeeds, trustSeedsFallback, rankEngine, !later);
        Map<String, String> oldUserData = old == null ? Map.of() : IndexLayout.userData(old.directory());
        Map<String, String> graphs;
        if (later) {
            carryGraphScores(old, corpus, pages);
            graphs = Map.of(IndexLayout.PAGE_GRAPH, oldUserData.get(IndexLayout.PAGE_GRAPH),
                    IndexLayout.DOMAIN_GRAPH, oldUserData.get(IndexLayout.DOMAIN_GRAPH));
        } else {
            graphs = tx.writeGraphs(corpus.pageGraph, corpus.domainGraph);
        }
        DocumentMapper mapper = new DocumentMapper(corpus, authorityConfig, enrichments);
        IndexWriter writer = tx.writer();
        if (!incremental) {
            writer.deleteAll();
        }
        try (PagePool pool = new PagePool(threads)) {
            // pages whose text is in the old index
            if (old != null) {
                StoredFields sf = old.storedFields();
                // an old page written again for what others say of it keeps the enrichments' own-text fields
                Set<String> reread = new java.util.HashSet<>(Set.of(IndexFields.TEXT, IndexFields.RECORD));
                for (IndexEnrichment e : enrichments) {
                    reread.addAll(e.reusedFields());
                }
                PageMeta[] olds = pages.values().stream().filter(m -> m.oldDoc >= 0)
                        .sorted(java.util.Comparator.comparingInt(m -> m.oldDoc)).toArray(PageMeta[]::new);
                OldDocValues oldValues = new OldDocValues(old);
                for (PageMeta m : olds) {
                    if (incremental && keep(writer, oldValues, mapper, corpus, m, counts)) {
                        continue;
                    }
                    Document d = sf.document(m.oldDoc, reread);
                    StoredPage sp = JSON.readValue(d.getBinaryValue(IndexFields.RECORD).bytes, StoredPage.class);
                    String text = d.get(IndexFields.TEXT);
                    // same title and text unless the ingest changed its record (m.dirty); a rebuild recomputes all
                    Document reuse = incremental && !m.dirty ? d : null;
                    pool.submit(() -> addPage(writer, incremental, m.url, mapper.page(m, text == null ? "" : text,
                            sp.emails(), sp.fetchedAt(), sp.source(), sp.structure(), reuse), counts.pagesWritten));
                }
            }
            // pages read now
            spill.forEach(s -> {
                PageMeta m = pages.get(s.url());
                if (m == null || m.spill != s.number()) {
                    return; // superseded by a later record for the same URL
                }
                pool.submit(() -> addPage(writer, incremental, m.url, mapper.page(m, s.text(), s.emails(),
                        s.fetchedAt(), s.source(), s.structure()), counts.pagesWritten));
            });
            pool.finish();
        }
        // the site documents carry the domain graph's figures: with the graph step left for later, it writes them
        if (!later) {
            SiteAggregates sites = new SiteAggregates(corpus, pages, records.catalog, records.authority,
                    records.exportLinks);
            for (String domain : sites.domains()) {
                Document d = mapper.site(sites.of(domain));
                if (incremental) {
                    Long before = records.oldSiteFingerprints.get(domain);
                    if (before != null && before == d.getField(IndexFields.DERIVED_FP).numericValue().longValue()) {
                        counts.sitesKept++;
                        continue;
                    }
                    writer.updateDocument(uidTerm(IndexFields.TYPE_SITE, domain), d);
                } else {
                    writer.addDocument(d);
                }
                mirror(d);
                counts.sitesWritten++;
            }
        }
        for (SiteRecord r : records.catalog.values()) {
            if (!incremental || records.newCatalogKeys.contains(r.key())) {
                Document d = DocumentMapper.raw(IndexFields.TYPE_CATALOG, r.key(), r.domain(), r);
                writer.updateDocument(uidTerm(IndexFields.TYPE_CATALOG, r.key()), d);
                mirror(d);
            }
        }
        for (AuthorityRecord r : records.authority.values()) {
            if (!incremental || records.newAuthorityKeys.contains(r.key())) {
                Document d = DocumentMapper.raw(IndexFields.TYPE_AUTHORITY, r.key(), r.domain(), r);
                writer.updateDocument(uidTerm(IndexFields.TYPE_AUTHORITY, r.key()), d);
                mirror(d);
            }
        }
        for (Map.Entry<String, ExportLink> e : records.exportLinks.entrySet()) {
            Document d = DocumentMapper.raw(IndexFields.TYPE_EXPORT, e.getKey(), e.getValue().sourceDomain(),
                    e.getValue());
            writer.updateDocument(uidTerm(IndexFields.TYPE_EXPORT, e.getKey()), d);
            mirror(d);
        }
        Map<String, String> userData = new LinkedHashMap<>();
        userData.put(IndexFields.COMMIT_FORMAT, IndexFields.FORMAT_VERSION);
        userData.put(IndexFields.COMMIT_INCREMENTAL, incrementalMarker());
        if (mirror != null && mirror.generation() != null) {
            userData.put(IndexFields.COMMIT_MIRROR, mirror.generation());
        }
        userData.put(IndexLayout.PAGE_GRAPH, graphs.get(IndexLayout.PAGE_GRAPH));
        userData.put(IndexLayout.DOMAIN_GRAPH, graphs.get(IndexLayout.DOMAIN_GRAPH));
        userData.put(IndexFields.COMMIT_BUILT_AT, Instant.now().toString());
        userData.put(IndexStats.LINKS, Long.toString(corpus.links));
        userData.put(IndexStats.INTERNAL_LINKS, Long.toString(corpus.internalLinks));
        userData.put(IndexStats.UNFOLLOWED_LINKS, Long.toString(corpus.unfollowedLinks));
        if (later) {
            // the graphs of the previous commit, and since when the scores are pending
            for (String k : List.of(IndexStats.PAGE_EDGES, IndexStats.DOMAINS, IndexStats.DOMAIN_EDGES)) {
                userData.put(k, oldUserData.getOrDefault(k, "0"));
            }
            userData.put(IndexFields.COMMIT_GRAPH_PENDING, oldUserData.getOrDefault(IndexFields.COMMIT_GRAPH_PENDING,
                    userData.get(IndexFields.COMMIT_BUILT_AT)));
        } else {
            userData.put(IndexStats.PAGE_EDGES, Long.toString(corpus.pageGraph.edgeCount()));
            userData.put(IndexStats.DOMAINS, Long.toString(corpus.domainGraph.nodeCount()));
            userData.put(IndexStats.DOMAIN_EDGES, Long.toString(corpus.domainGraph.edgeCount()));
        }
        userData.putAll(corpus.linkJoin.userData());
        userData.putAll(ExportLinkCounts.of(pages.values(), records.exportLinks.values()).userData());
        userData.putAll(extraCommitData);
        return userData;
    }

    /**
     * Incremental ingest: keeps an old page's document when nothing it derives from changed (its graph scores and
     * the enrichments' corpus-dependent doc values are updated in place when they moved); returns false when it
     * must be rewritten.
     */
    private boolean keep(IndexWriter writer, OldDocValues old, DocumentMapper mapper,
            CorpusAnalysis corpus, PageMeta m, WriteCounts counts) throws IOException {
        if (m.dirty || m.enrichmentStateMissing || m.oldFingerprint == 0 || mapper.fingerprint(m) != m.oldFingerprint) {
            return false;
        }
        if (!corpus.graphScores) {
            counts.pagesKept++; // its graph values and the sites wait for the graph step
            return true;
        }
        List<Field> values = new java.util.ArrayList<>(mapper.graphValues(m.ordinal));
        values.addAll(mapper.kept(m));
        counts.pagesKept++;
        // only those that moved (each field of an update costs a term lookup per segment at commit), in one call
        List<Field> moved = new java.util.ArrayList<>(2);
        for (Field f : values) {
            if (!old.holds(m.oldDoc, f)) {
                moved.add(f);
            }
        }
        if (!moved.isEmpty()) {
            writer.updateDocValues(uidTerm(IndexFields.TYPE_PAGE, m.url), moved.toArray(Field[]::new));
            if (mirror != null) {
                mirror.update(IndexFields.TYPE_PAGE, m.url, List.<org.apache.lucene.index.IndexableField>copyOf(moved));
            }
            counts.scoresUpdated++;
        }
        return true;
    }

    /**
     * The graph step left for later: every old page starts from the graph scores its old document holds (authority,
     * PageRank, in-links, referring domains), so that a page written again — or read again — keeps them (and its
     * authority point, which its fingerprint hashes) and a kept page's fingerprint compares with the one it was
     * written with. Pages read for the first time keep 0 until the graph step; the spam score of a page written
     * meanwhile holds only its own content's flags (its domain's graph flags come with the graph step).
     */
    private static void carryGraphScores(DirectoryReader old, CorpusAnalysis corpus, Map<String, PageMeta> pages)
            throws IOException {
        NumericDocValues auth = org.apache.lucene.index.MultiDocValues.getNumericValues(old,
                IndexFields.AUTHORITY_VALUE);
        NumericDocValues rank = org.apache.lucene.index.MultiDocValues.getNumericValues(old, IndexFields.PAGERANK);
        NumericDocValues in = org.apache.lucene.index.MultiDocValues.getNumericValues(old, IndexFields.PAGE_IN_LINKS);
        NumericDocValues refs = org.apache.lucene.index.MultiDocValues.getNumericValues(old,
                IndexFields.PAGE_REF_DOMAINS);
        // old pages, and pages read now that replace one (from the old version's document), by doc id (no sort)
        PageMeta[] byDoc = new PageMeta[old.maxDoc()];
        for (PageMeta m : pages.values()) {
            int doc = m.oldDoc >= 0 ? m.oldDoc : m.replacedDoc;
            if (doc >= 0) {
                byDoc[doc] = m;
            }
        }
        for (int doc = 0; doc < byDoc.length; doc++) {
            PageMeta m = byDoc[doc];
            if (m == null) {
                continue;
            }
            int i = m.ordinal;
            if (auth != null && auth.advanceExact(doc)) {
                corpus.pageAuthority[i] = Double.longBitsToDouble(auth.longValue());
            }
            if (rank != null && rank.advanceExact(doc)) {
                corpus.pageRank[i] = Double.longBitsToDouble(rank.longValue());
            }
            if (in != null && in.advanceExact(doc)) {
                corpus.inLinks[i] = (int) in.longValue();
            }
            if (refs != null && refs.advanceExact(doc)) {
                corpus.refDomains[i] = (int) refs.longValue();
            }
        }
    }

    /**
     * The old index's numeric and binary doc values, read for documents visited in increasing doc-id order (the
     * kept pages): one iterator per field and segment instead of one per look-up.
     */
    private static final class OldDocValues {
        private final List<LeafReaderContext> leaves;
        private final Map<String, DocIdSetIterator> iterators = new java.util.HashMap<>();
        private int leaf = -1;

        OldDocValues(DirectoryReader reader) {
            this.leaves = reader.leaves();
        }

        /** Whether the old document {@code doc} holds the numeric or binary doc value {@code f} already. */
        boolean holds(int doc, Field f) throws IOException {
            int l = ReaderUtil.subIndex(doc, leaves);
            if (l != leaf) {
                leaf = l;
                iterators.clear();
            }
            LeafReaderContext ctx = leaves.get(l);
            DocValuesType type = f.fieldType().docValuesType();
            if (type != DocValuesType.NUMERIC && type != DocValuesType.BINARY) {
                throw new IllegalArgumentException("an enrichment's kept value must be a numeric or binary doc "
                        + "value: " + f.name());
            }
            DocIdSetIterator it = iterators.get(f.name());
            if (it == null && !iterators.containsKey(f.name())) {
                it = type == DocValuesType.NUMERIC ? ctx.reader().getNumericDocValues(f.name())
                        : ctx.reader().getBinaryDocValues(f.name());
                iterators.put(f.name(), it);
            }
            int local = doc - ctx.docBase;
            if (it instanceof NumericDocValues dv) {
                return dv.advanceExact(local) && dv.longValue() == f.numericValue().longValue();
            }
            if (it instanceof BinaryDocValues dv) {
                return dv.advanceExact(local) && dv.binaryValue().equals(f.binaryValue());
            }
            return false;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a written document to the mirror, if any. */
    private void mirror(Document d) throws IOException {
        if (mirror != null) {
            mirror.add(d);
        }
    }

    private static Term uidTerm(String type, String id) {
        return new Term(IndexFields.UID, IndexFields.uid(type, id));
    }

    private void addPage(IndexWriter writer, boolean update, String url, Document d, AtomicLong written) {
        try {
            if (update) {
                writer.updateDocument(uidTerm(IndexFields.TYPE_PAGE, url), d);
            } else {
                writer.addDocument(d);
            }
            mirror(d);
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
