package io.linkscout.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.graph.GraphFiles;
import io.linkscout.graph.LinkGraph;
import io.linkscout.graph.LinkGraphBuilder;
import io.linkscout.graph.PageRank;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.IngestSink;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.ContentSignals;
import io.linkscout.quality.DomainAnalysis;
import io.linkscout.quality.SiteQuality;
import io.linkscout.quality.SpamFlag;
import io.linkscout.quality.SpamVocabulary;
import io.linkscout.quality.TrustSeeds;
import io.linkscout.url.Domains;
import io.linkscout.url.LinkResolver;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Builds the LinkScout index from input records, merging them with what the index already holds.
 *
 * <p>Two passes. Pass A reads the existing index's raw records (pages, catalog rows, authority rows) and then
 * the new inputs; page texts go to a temporary spill file, titles and links stay in memory. A page seen again
 * replaces the old version (a WAT record, which has links but no text, adds its links to the page instead).
 * Pass B derives what depends on the whole corpus — anchor text each page receives, outlink profiles (titles
 * of linked pages), link counts, the page and domain graphs, PageRank authority, site documents — and writes
 * a complete new generation of documents with {@code deleteAll()} + add + one {@code commit()}. Until that
 * commit, readers (and a crashed run) see the previous commit unchanged; the graphs the commit names are
 * written, fsynced and renamed before it. Re-ingesting the same inputs gives the same index content.
 */
public final class IndexBuilder {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Caps on derived text per document, to keep hub pages from dominating. */
    static final int MAX_ANCHORS_IN_CHARS = 20_000;
    static final int MAX_OUTLINK_PROFILE_CHARS = 40_000;
    static final int MAX_SITE_TITLES = 300;

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

    public void setBeforeCommitHook(Runnable hook) {
        this.beforeCommit = hook;
    }

    /** In-memory view of one page during a build. */
    static final class PageMeta {
        String url;
        String title;
        List<Link> links;
        /** spill number of the text, or -1 when the text comes from the old index */
        int spill = -1;
        /** doc id in the old index, or -1 */
        int oldDoc = -1;
        boolean hasText;
        List<String> emails = List.of();
        List<String> contactUrls = List.of();
        List<String> social = List.of();
    }

    public Result ingest(RecordSource source) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(layout.lucene());
        Files.createDirectories(layout.graphDir());
        IngestReport report = new IngestReport();
        Map<String, PageMeta> pages = new HashMap<>();
        Map<String, SiteRecord> catalog = new TreeMap<>();
        Map<String, AuthorityRecord> authority = new TreeMap<>();
        long[] replaced = {0};
        long peak = 0;
        try (Directory dir = FSDirectory.open(layout.lucene())) {
            IndexWriter writer;
            try {
                IndexWriterConfig cfg = new IndexWriterConfig(IndexFields.analyzer());
                cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                cfg.setRAMBufferSizeMB(256);
                cfg.setCommitOnClose(false);
                writer = new IndexWriter(dir, cfg);
            } catch (LockObtainFailedException e) {
                throw new UserException("the index at " + layout.root()
                        + " is locked by another ingest; wait for it to finish (or remove " + layout.lucene()
                        .resolve("write.lock") + " if no LinkScout process is running)", 409);
            }
            try (writer) {
                removeLeftovers(dir);
                DirectoryReader old = DirectoryReader.indexExists(dir) ? DirectoryReader.open(dir) : null;
                try {
                    progress.phase("reading existing index");
                    if (old != null) {
                        loadOld(old, pages, catalog, authority);
                    }
                    Set<String> oldUrls = new HashSet<>(pages.keySet());
                    Path spillFile = Files.createTempFile(layout.root(), ".staging-", ".spill");
                    try (PageSpill spill = new PageSpill(spillFile)) {
                        progress.phase("reading inputs");
                        Sink sink = new Sink(pages, catalog, authority, spill, report);
                        source.readInto(sink, report);
                        if (sink.failure != null) {
                            throw sink.failure;
                        }
                        for (String u : oldUrls) {
                            if (pages.get(u).oldDoc < 0) {
                                replaced[0]++;
                            }
                        }
                        peak = Math.max(peak, usedHeap());
                        progress.phase("writing index");
                        writeAll(writer, old, spill, pages, catalog, authority);
                        peak = Math.max(peak, usedHeap());
                    }
                } finally {
                    if (old != null) {
                        old.close();
                    }
                }
                beforeCommit.run();
                writer.commit();
            }
            removeUnreferencedGraphs(dir);
        }
        IndexStats stats;
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            stats = idx.stats();
        }
        long newPages = report.pages();
        return new Result(report, stats, newPages, replaced[0], (System.nanoTime() - t0) / 1_000_000,
                Math.max(peak, usedHeap()));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Pass A sink: keeps titles and links in memory, spills texts. */
    private static final class Sink implements IngestSink {
        final Map<String, PageMeta> pages;
        final Map<String, SiteRecord> catalog;
        final Map<String, AuthorityRecord> authority;
        final PageSpill spill;
        final IngestReport report;
        IOException failure;

        Sink(Map<String, PageMeta> pages, Map<String, SiteRecord> catalog, Map<String, AuthorityRecord> authority,
                PageSpill spill, IngestReport report) {
            this.pages = pages;
            this.catalog = catalog;
            this.authority = authority;
            this.spill = spill;
            this.report = report;
        }

        @Override
        public void page(PageRecord p) {
            if (failure != null) {
                return;
            }
            String url = UrlNormalizer.normalize(p.url());
            if (url == null) {
                report.problem(String.valueOf(p.source()), "", "url", "not an http(s) URL: " + p.url(),
                        "give an absolute http:// or https:// URL");
                return;
            }
            PageMeta prev = pages.get(url);
            boolean linksOnly = p.text().isBlank() && p.source() != null && p.source().endsWith("(wat)");
            if (linksOnly && prev != null && prev.hasText) {
                // WAT metadata for a page we have text for: add its links, keep the text
                Set<String> have = new HashSet<>();
                List<Link> merged = new ArrayList<>(prev.links);
                for (Link l : prev.links) {
                    have.add(l.url());
                }
                for (Link l : p.links()) {
                    if (have.add(l.url())) {
                        merged.add(l);
                    }
                }
                prev.links = merged;
                if (prev.title.isBlank()) {
                    prev.title = p.title();
                }
                return;
            }
            PageMeta m = new PageMeta();
            m.url = url;
            m.title = p.title();
            m.links = p.links();
            m.hasText = !p.text().isBlank();
            m.emails = p.emails();
            m.contactUrls = p.contactUrls();
            m.social = p.social();
            try {
                m.spill = spill.add(new PageRecord(url, p.title(), p.text(), List.of(), p.emails(), p.fetchedAt(),
                        p.source(), List.of(), List.of(), p.structure()));
            } catch (IOException e) {
                failure = e;
                return;
            }
            pages.put(url, m);
        }

        @Override
        public void site(SiteRecord s) {
            catalog.put(s.key(), s);
        }

        /** Authority keys seen in this run: within one run the first row wins (lists are sorted best first). */
        private final Set<String> authorityKeys = new HashSet<>();

        @Override
        public void authority(AuthorityRecord a) {
            if (authorityKeys.add(a.key())) {
                authority.put(a.key(), a); // replaces what an earlier ingest stored
            }
        }
    }

    /**
     * The JSON kept in a page document's {@code record} field. {@code structure} is left out when the page has none
     * (plain text); records written before it existed read back with {@code null}.
     */
    record StoredPage(String title, List<Link> links, List<String> emails, String fetchedAt, String source,
            List<String> contactUrls, List<String> social,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include
                    .NON_NULL) io.linkscout.ingest.PageStructure structure) {
    }

    private void loadOld(DirectoryReader old, Map<String, PageMeta> pages, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority) throws IOException {
        if (!IndexFields.FORMAT_VERSION.equals(IndexLayout.userData(old.directory())
                .getOrDefault(IndexFields.COMMIT_FORMAT, IndexFields.FORMAT_VERSION))) {
            throw new UserException("the index at " + layout.root() + " was written by an incompatible LinkScout "
                    + "version; ingest into a new directory", 409);
        }
        IndexSearcher s = new IndexSearcher(old);
        StoredFields sf = old.storedFields();
        for (String type : List.of(IndexFields.TYPE_PAGE, IndexFields.TYPE_CATALOG, IndexFields.TYPE_AUTHORITY)) {
            ScoreDoc[] hits = s.search(new TermQuery(new Term(IndexFields.TYPE, type)), Integer.MAX_VALUE)
                    .scoreDocs;
            int[] ids = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                ids[i] = hits[i].doc;
            }
            Arrays.sort(ids);
            for (int id : ids) {
                Document d = sf.document(id, Set.of(IndexFields.ID, IndexFields.RECORD));
                byte[] rec = d.getBinaryValue(IndexFields.RECORD).bytes;
                switch (type) {
                    case IndexFields.TYPE_PAGE -> {
                        StoredPage sp = JSON.readValue(rec, StoredPage.class);
                        PageMeta m = new PageMeta();
                        m.url = d.get(IndexFields.ID);
                        m.title = sp.title() == null ? "" : sp.title();
                        m.links = sp.links() == null ? List.of() : sp.links();
                        m.oldDoc = id;
                        m.hasText = true;
                        m.emails = sp.emails() == null ? List.of() : sp.emails();
                        m.contactUrls = sp.contactUrls() == null ? List.of() : sp.contactUrls();
                        m.social = sp.social() == null ? List.of() : sp.social();
                        pages.put(m.url, m);
                    }
                    case IndexFields.TYPE_CATALOG -> {
                        SiteRecord r = JSON.readValue(rec, SiteRecord.class);
                        catalog.put(r.key(), r);
                    }
                    default -> {
                        AuthorityRecord r = JSON.readValue(rec, AuthorityRecord.class);
                        authority.put(r.key(), r);
                    }
                }
            }
        }
    }

    /** Everything derived from the whole corpus, computed once per build. */
    private static final class Derived {
        String[] urls;
        Map<String, Integer> ordinal;
        /** joins link URLs to pages, also through their URL variants (see {@link LinkResolver}) */
        LinkResolver resolver;
        LinkJoin linkJoin;
        String[] titles;
        String[] domains;
        LinkGraph pageGraph;
        LinkGraph domainGraph;
        double[] pageRank;
        double[] pageAuthority;
        int[] inLinks;
        int[] refDomains;
        String[] anchorsIn;
        double[] domainRank;
        double[] domainAuthority;
        /** authority, trust, spam flags and topics of every domain (see {@link DomainAnalysis}) */
        DomainAnalysis domainAnalysis;
        /** content measurements per page, filled while pages are written */
        ContentSignals.PageText[] pageText;
        long links;
        long internalLinks;
        long unfollowedLinks;
        /** guest-post detection per site (issue 6, see io.linkscout.jobs.guestpost) */
        final io.linkscout.jobs.guestpost.GuestPostIndexing.Collector guestPosts =
                new io.linkscout.jobs.guestpost.GuestPostIndexing.Collector();
    }

    private void writeAll(IndexWriter writer, DirectoryReader old, PageSpill spill, Map<String, PageMeta> pages,
            Map<String, SiteRecord> catalog, Map<String, AuthorityRecord> authority) throws IOException {
        Derived dv = derive(pages, catalog, authority);
        String stamp = Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        String pageGraphFile = "pages-" + stamp + ".lsg";
        String domainGraphFile = "domains-" + stamp + ".lsg";
        GraphFiles.write(dv.pageGraph, layout.graphDir().resolve(pageGraphFile));
        GraphFiles.write(dv.domainGraph, layout.graphDir().resolve(domainGraphFile));

        writer.deleteAll();
        // pages, built and added by worker threads
        BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(256);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Runnable poison = () -> { };
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Runnable r = queue.take();
                        if (r == poison) {
                            return;
                        }
                        if (error.get() == null) {
                            r.run();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            }, "linkscout-index-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        AtomicLong written = new AtomicLong();
        try {
            // pages whose text is in the old index
            if (old != null) {
                StoredFields sf = old.storedFields();
                int[] oldDocs = pages.values().stream().filter(m -> m.oldDoc >= 0).mapToInt(m -> m.oldDoc)
                        .sorted().toArray();
                for (int docId : oldDocs) {
                    Document d = sf.document(docId, Set.of(IndexFields.ID, IndexFields.TEXT, IndexFields.RECORD));
                    String url = d.get(IndexFields.ID);
                    StoredPage sp = JSON.readValue(d.getBinaryValue(IndexFields.RECORD).bytes, StoredPage.class);
                    String text = d.get(IndexFields.TEXT);
                    PageMeta m = pages.get(url);
                    submit(queue, error, () -> addPage(writer, dv, m, text == null ? "" : text, sp.emails(),
                            sp.fetchedAt(), sp.source(), sp.structure(), written));
                }
            }
            // pages read now
            spill.forEach(s -> {
                PageMeta m = pages.get(s.url());
                if (m == null || m.spill != s.number()) {
                    return; // superseded by a later record for the same URL
                }
                submit(queue, error, () -> addPage(writer, dv, m, s.text(), s.emails(), s.fetchedAt(), s.source(),
                        s.structure(), written));
            });
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                try {
                    queue.put(poison);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (error.get() != null) {
            Throwable e = error.get();
            if (e instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("indexing failed: " + e, e);
        }
        addSites(writer, dv, pages, catalog, authority);
        for (SiteRecord r : catalog.values()) {
            writer.addDocument(rawDocument(IndexFields.TYPE_CATALOG, r.key(), r.domain(), r));
        }
        for (AuthorityRecord r : authority.values()) {
            writer.addDocument(rawDocument(IndexFields.TYPE_AUTHORITY, r.key(), r.domain(), r));
        }
        Map<String, String> userData = new LinkedHashMap<>();
        userData.put(IndexFields.COMMIT_FORMAT, IndexFields.FORMAT_VERSION);
        userData.put(IndexLayout.PAGE_GRAPH, pageGraphFile);
        userData.put(IndexLayout.DOMAIN_GRAPH, domainGraphFile);
        userData.put(IndexFields.COMMIT_BUILT_AT, Instant.now().toString());
        userData.put(IndexStats.LINKS, Long.toString(dv.links));
        userData.put(IndexStats.INTERNAL_LINKS, Long.toString(dv.internalLinks));
        userData.put(IndexStats.UNFOLLOWED_LINKS, Long.toString(dv.unfollowedLinks));
        userData.put(IndexStats.PAGE_EDGES, Long.toString(dv.pageGraph.edgeCount()));
        userData.put(IndexStats.DOMAINS, Long.toString(dv.domainGraph.nodeCount()));
        userData.put(IndexStats.DOMAIN_EDGES, Long.toString(dv.domainGraph.edgeCount()));
        userData.putAll(dv.linkJoin.userData());
        userData.putAll(extraCommitData);
        writer.setLiveCommitData(userData.entrySet());
    }

    /** A raw input row kept so that later ingests can rebuild the derived documents without the original files. */
    private static Document rawDocument(String type, String key, String domain, Object record) throws IOException {
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, type, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, key, Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, domain, Field.Store.YES));
        d.add(new StoredField(IndexFields.RECORD, JSON.writeValueAsBytes(record)));
        return d;
    }

    private void submit(BlockingQueue<Runnable> queue, AtomicReference<Throwable> error, Runnable r)
            throws IOException {
        if (error.get() != null) {
            return;
        }
        try {
            queue.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Derived derive(Map<String, PageMeta> pages, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority) {
        Derived dv = new Derived();
        dv.urls = pages.keySet().toArray(String[]::new);
        Arrays.sort(dv.urls);
        int n = dv.urls.length;
        dv.ordinal = new HashMap<>(n * 2);
        dv.titles = new String[n];
        dv.domains = new String[n];
        for (int i = 0; i < n; i++) {
            dv.ordinal.put(dv.urls[i], i);
            dv.titles[i] = pages.get(dv.urls[i]).title;
            dv.domains[i] = domainOf(dv.urls[i]);
        }
        dv.resolver = new LinkResolver(dv.urls, dv.ordinal);
        LinkResolver.Tally tally = new LinkResolver.Tally();
        LinkGraphBuilder pg = new LinkGraphBuilder();
        LinkGraphBuilder dg = new LinkGraphBuilder();
        for (String u : dv.urls) {
            pg.node(u);
        }
        for (String d : dv.domains) {
            dg.node(d);
        }
        for (SiteRecord s : catalog.values()) {
            dg.node(s.domain());
        }
        List<Set<String>> refDomainSets = new ArrayList<>(n);
        List<StringBuilder> anchors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refDomainSets.add(null);
            anchors.add(null);
        }
        for (int i = 0; i < n; i++) {
            PageMeta m = pages.get(dv.urls[i]);
            for (Link l : m.links) {
                String td = domainOf(l.url());
                dv.links++;
                if (l.unfollowed()) {
                    dv.unfollowedLinks++;
                }
                if (td.equals(dv.domains[i])) {
                    dv.internalLinks++;
                } else {
                    dg.edge(dv.domains[i], td, !l.unfollowed());
                }
                LinkResolver.Resolution r = dv.resolver.resolve(l.url());
                int t = r.page();
                tally.add(r, t >= 0 && !dv.domains[i].equals(dv.domains[t]));
                if (t < 0 || t == i) {
                    continue;
                }
                pg.edge(dv.urls[i], dv.urls[t], !l.unfollowed());
                if (!dv.domains[i].equals(dv.domains[t])) {
                    if (refDomainSets.get(t) == null) {
                        refDomainSets.set(t, new TreeSet<>());
                    }
                    refDomainSets.get(t).add(dv.domains[i]);
                }
                if (!l.anchor().isBlank()) {
                    StringBuilder sb = anchors.get(t);
                    if (sb == null) {
                        sb = new StringBuilder();
                        anchors.set(t, sb);
                    }
                    if (sb.length() < MAX_ANCHORS_IN_CHARS) {
                        sb.append(l.anchor()).append('\n');
                    }
                }
            }
        }
        dv.linkJoin = LinkJoin.of(tally);
        dv.pageGraph = pg.build();
        dv.domainGraph = dg.build();
        dv.domainAnalysis = analyseDomains(dv.domainGraph, catalog, authority);
        // pages of demoted (link-farm) domains pass no authority, like their domains
        boolean[] blocked = new boolean[n];
        for (int i = 0; i < n; i++) {
            int dn = dv.domainGraph.node(dv.domains[i]);
            blocked[i] = dn >= 0 && dv.domainAnalysis.demoted[dn];
        }
        dv.pageRank = PageRank.compute(dv.pageGraph, authorityConfig.damping(), null,
                authorityConfig.passUnfollowed(), blocked, 1e-9, 100);
        dv.pageAuthority = PageRank.authority(dv.pageRank);
        dv.pageText = new ContentSignals.PageText[n];
        dv.inLinks = dv.pageGraph.inDegrees();
        dv.refDomains = new int[n];
        dv.anchorsIn = new String[n];
        for (int i = 0; i < n; i++) {
            dv.refDomains[i] = refDomainSets.get(i) == null ? 0 : refDomainSets.get(i).size();
            dv.anchorsIn[i] = anchors.get(i) == null ? "" : anchors.get(i).toString();
        }
        dv.domainRank = dv.domainAnalysis.finalRank;
        dv.domainAuthority = dv.domainAnalysis.authority;
        return dv;
    }

    /** Domain-level authority, trust and link-graph spam flags, with the catalog's topics and the lists' priors. */
    private DomainAnalysis analyseDomains(LinkGraph g, Map<String, SiteRecord> catalog,
            Map<String, AuthorityRecord> authority) {
        Map<String, Set<String>> topics = new TreeMap<>();
        for (SiteRecord s : catalog.values()) {
            if (s.topic() != null && !s.topic().isBlank()) {
                topics.computeIfAbsent(s.domain(), k -> new TreeSet<>()).add(s.topic().strip());
            }
        }
        Map<String, Map<String, Double>> metrics = new TreeMap<>();
        for (SiteRecord s : catalog.values()) {
            metrics.computeIfAbsent(s.domain(), k -> new TreeMap<>()).putAll(s.metrics());
        }
        for (AuthorityRecord a : authority.values()) {
            metrics.computeIfAbsent(a.domain(), k -> new TreeMap<>()).putAll(a.metrics());
        }
        Map<String, Double> priors = new TreeMap<>();
        for (Map.Entry<String, Map<String, Double>> e : metrics.entrySet()) {
            Double p = DomainAnalysis.prior(e.getValue());
            if (p != null) {
                priors.put(e.getKey(), p);
            }
        }
        // the fallback seed tier gives TrustRank a start, but is too small a core for spam-mass flags
        boolean fallback = TrustSeeds.linkingOut(g, trustSeeds) == 0;
        return DomainAnalysis.compute(g, TrustSeeds.effective(g, trustSeeds, trustSeedsFallback), topics, priors,
                authorityConfig, !fallback);
    }

    static String domainOf(String url) {
        String d = Domains.registrableDomain(UrlNormalizer.host(url));
        return d == null ? "" : d;
    }

    /** Outlink profile of a page: anchors, and titles of linked pages that are in the corpus. */
    static String outlinkProfile(Derived dv, List<Link> links) {
        StringBuilder sb = new StringBuilder();
        for (Link l : links) {
            if (sb.length() >= MAX_OUTLINK_PROFILE_CHARS) {
                break;
            }
            int t = dv.resolver.page(l.url());
            String title = t < 0 ? "" : dv.titles[t];
            if (!l.anchor().isBlank()) {
                sb.append(l.anchor()).append('\n');
            }
            if (!title.isBlank() && !title.equalsIgnoreCase(l.anchor())) {
                sb.append(title).append('\n');
            }
        }
        return sb.toString();
    }

    private void addPage(IndexWriter writer, Derived dv, PageMeta m, String text, List<String> emails,
            String fetchedAt, String source, io.linkscout.ingest.PageStructure structure, AtomicLong written) {
        int i = dv.ordinal.get(m.url);
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_PAGE, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, m.url, Field.Store.YES));
        String host = UrlNormalizer.host(m.url);
        d.add(new StringField(IndexFields.HOST, host == null ? "" : host, Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, dv.domains[i], Field.Store.YES));
        d.add(new TextField(IndexFields.TITLE, m.title, Field.Store.YES));
        d.add(new TextField(IndexFields.BODY, text, Field.Store.NO));
        d.add(new StoredField(IndexFields.TEXT, text));
        d.add(new IntField(IndexFields.TEXT_LENGTH, text.length(), Field.Store.YES));
        d.add(new TextField(IndexFields.ANCHORS_IN, dv.anchorsIn[i], Field.Store.YES));
        d.add(new TextField(IndexFields.OUTLINKS, outlinkProfile(dv, m.links), Field.Store.NO));
        int external = 0;
        boolean[] isExternal = new boolean[m.links.size()];
        Set<String> linkDomains = new TreeSet<>();
        for (int k = 0; k < isExternal.length; k++) {
            String td = domainOf(m.links.get(k).url());
            isExternal[k] = !dv.domains[i].equals(td);
            if (isExternal[k]) {
                external++;
                if (!td.isEmpty()) {
                    linkDomains.add(td);
                }
            }
        }
        for (String ld : linkDomains) {
            d.add(new StringField(IndexFields.LINK_DOMAINS, ld, Field.Store.NO));
        }
        d.add(new IntField(IndexFields.OUT_LINKS, m.links.size(), Field.Store.YES));
        d.add(new IntField(IndexFields.OUT_LINKS_EXTERNAL, external, Field.Store.YES));
        ContentSignals.PageText pt = ContentSignals.measure(m.url, text, m.links, isExternal,
                SpamVocabulary.bundled());
        dv.pageText[i] = pt;
        List<SpamFlag> pageFlags = new ArrayList<>();
        int dn = dv.domainGraph.node(dv.domains[i]);
        if (dn >= 0) {
            pageFlags.addAll(dv.domainAnalysis.flags.get(dn));
        }
        pageFlags.addAll(ContentSignals.pageFlags(pt));
        double spam = SpamFlag.score(pageFlags);
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_SPAM, featureValue(spam)));
        d.add(new StoredField(IndexFields.SPAM_SCORE, spam));
        d.add(new StoredField(IndexFields.SPAM_FLAGS, SiteQuality.flagsJson(pageFlags)));
        d.add(new IntField(IndexFields.IN_LINKS, dv.inLinks[i], Field.Store.YES));
        d.add(new IntField(IndexFields.REF_DOMAINS, dv.refDomains[i], Field.Store.YES));
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY,
                featureValue(dv.pageAuthority[i])));
        d.add(new StoredField(IndexFields.AUTHORITY_VALUE, dv.pageAuthority[i]));
        d.add(new StoredField(IndexFields.PAGERANK, dv.pageRank[i]));
        for (String e : emails == null ? List.<String>of() : emails) {
            d.add(new StoredField(IndexFields.EMAILS, e));
        }
        if (fetchedAt != null) {
            d.add(new StoredField(IndexFields.FETCHED_AT, fetchedAt));
        }
        for (String c : m.contactUrls) {
            d.add(new StoredField(IndexFields.CONTACT_URL, c));
        }
        for (String s : m.social) {
            d.add(new StoredField(IndexFields.SOCIAL, s));
        }
        io.linkscout.jobs.guestpost.GuestPostIndexing.addPageFields(d, dv.guestPosts, dv.domains[i], m.url, m.title,
                text, m.links, structure);
        try {
            d.add(new StoredField(IndexFields.RECORD, JSON.writeValueAsBytes(
                    new StoredPage(m.title, m.links, emails == null ? List.of() : emails, fetchedAt, source,
                            m.contactUrls, m.social, structure))));
            writer.addDocument(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long w = written.incrementAndGet();
        if (w % 500 == 0) {
            progress.pages(w, 0);
        }
    }

    /** FeatureField values must be positive and finite: authority 0–100 is shifted by a small epsilon. */
    static float featureValue(double authority) {
        return (float) Math.max(authority, 0) + 0.01f;
    }

    private void addSites(IndexWriter writer, Derived dv, Map<String, PageMeta> pages,
            Map<String, SiteRecord> catalog, Map<String, AuthorityRecord> authority) throws IOException {
        Map<String, List<Integer>> pagesByDomain = new TreeMap<>();
        for (int i = 0; i < dv.urls.length; i++) {
            pagesByDomain.computeIfAbsent(dv.domains[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, List<SiteRecord>> catByDomain = new TreeMap<>();
        for (SiteRecord s : catalog.values()) {
            catByDomain.computeIfAbsent(s.domain(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<AuthorityRecord>> authByDomain = new TreeMap<>();
        for (AuthorityRecord a : authority.values()) {
            authByDomain.computeIfAbsent(a.domain(), k -> new ArrayList<>()).add(a);
        }
        TreeSet<String> domains = new TreeSet<>(pagesByDomain.keySet());
        domains.addAll(catByDomain.keySet());
        LinkGraph dgT = dv.domainGraph.transpose();
        Map<Long, Integer> duplicates = new HashMap<>();
        for (ContentSignals.PageText pt : dv.pageText) {
            if (pt != null && pt.hash() != 0) {
                duplicates.merge(pt.hash(), 1, Integer::sum);
            }
        }
        for (String domain : domains) {
            List<Integer> ps = pagesByDomain.getOrDefault(domain, List.of());
            List<SiteRecord> cats = catByDomain.getOrDefault(domain, List.of());
            Document d = new Document();
            d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_SITE, Field.Store.YES));
            d.add(new StringField(IndexFields.ID, domain, Field.Store.YES));
            d.add(new StringField(IndexFields.DOMAIN, domain, Field.Store.YES));
            d.add(new TextField(IndexFields.NAME, joinUnique(cats, SiteRecord::name), Field.Store.YES));
            d.add(new TextField(IndexFields.DESCRIPTION, joinUnique(cats, SiteRecord::description), Field.Store.YES));
            d.add(new TextField(IndexFields.TOPIC, joinUnique(cats, SiteRecord::topic), Field.Store.YES));
            d.add(new TextField(IndexFields.COUNTRY, joinUnique(cats, SiteRecord::country), Field.Store.YES));
            StringBuilder titles = new StringBuilder();
            StringBuilder profile = new StringBuilder();
            Set<String> emails = new TreeSet<>();
            Set<String> social = new TreeSet<>();
            Map<String, Integer> contactVotes = new TreeMap<>();
            long outLinks = 0;
            long external = 0;
            for (int k = 0; k < ps.size(); k++) {
                int i = ps.get(k);
                PageMeta m = pages.get(dv.urls[i]);
                if (k < MAX_SITE_TITLES) {
                    titles.append(m.title).append('\n');
                }
                if (emails.size() < 50) {
                    emails.addAll(m.emails);
                }
                if (social.size() < 50) {
                    social.addAll(m.social);
                }
                for (String c : m.contactUrls) {
                    if (domain.equals(domainOf(c))) {
                        contactVotes.merge(c, 1, Integer::sum);
                    }
                }
                outLinks += m.links.size();
                List<Link> ext = new ArrayList<>();
                for (Link l : m.links) {
                    if (!domain.equals(domainOf(l.url()))) {
                        ext.add(l);
                    }
                }
                external += ext.size();
                if (profile.length() < MAX_OUTLINK_PROFILE_CHARS) {
                    profile.append(outlinkProfile(dv, ext));
                }
            }
            d.add(new TextField(IndexFields.TITLE, titles.toString(), Field.Store.NO));
            d.add(new TextField(IndexFields.OUTLINKS, profile.toString(), Field.Store.NO));
            d.add(new IntField(IndexFields.PAGE_COUNT, ps.size(), Field.Store.YES));
            d.add(new IntField(IndexFields.OUT_LINKS, (int) Math.min(Integer.MAX_VALUE, outLinks), Field.Store.YES));
            d.add(new IntField(IndexFields.OUT_LINKS_EXTERNAL, (int) Math.min(Integer.MAX_VALUE, external),
                    Field.Store.YES));
            int node = dv.domainGraph.node(domain);
            int refDomains = node < 0 ? 0 : dgT.outDegree(node);
            d.add(new IntField(IndexFields.REF_DOMAINS, refDomains, Field.Store.YES));
            double auth = node < 0 ? 0 : dv.domainAuthority[node];
            d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY, featureValue(auth)));
            d.add(new StoredField(IndexFields.AUTHORITY_VALUE, auth));
            d.add(new StoredField(IndexFields.PAGERANK, node < 0 ? 0 : dv.domainRank[node]));
            addSiteQuality(d, dv, node, ps, duplicates);
            Map<String, Double> metrics = new TreeMap<>();
            for (SiteRecord s : cats) {
                metrics.putAll(s.metrics());
            }
            for (AuthorityRecord a : authByDomain.getOrDefault(domain, List.of())) {
                metrics.putAll(a.metrics());
            }
            d.add(new StoredField(IndexFields.METRICS, JSON.writeValueAsString(metrics)));
            for (String e : emails) {
                d.add(new StoredField(IndexFields.EMAILS, e));
            }
            String contact = siteContactUrl(contactVotes);
            if (contact != null) {
                d.add(new StoredField(IndexFields.CONTACT_URL, contact));
            }
            for (String s : social) {
                d.add(new StoredField(IndexFields.SOCIAL, s));
            }
            io.linkscout.jobs.guestpost.GuestPostIndexing.addSiteFields(d, dv.guestPosts, domain);
            writer.addDocument(d);
        }
    }

    /**
     * A site's contact page: among the same-site contact URLs its pages name, the one named by most pages, then
     * the shortest, then the first in alphabetical order; {@code null} when none.
     */
    static String siteContactUrl(Map<String, Integer> votes) {
        String best = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null) {
                best = e.getKey();
                continue;
            }
            int c = Integer.compare(e.getValue(), votes.get(best));
            if (c > 0 || (c == 0 && e.getKey().length() < best.length())) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** Trust, spam, topical authority, referrers and prior of a site document (see {@link SiteQuality}). */
    private void addSiteQuality(Document d, Derived dv, int node, List<Integer> pageIds, Map<Long, Integer> duplicates)
            throws IOException {
        DomainAnalysis da = dv.domainAnalysis;
        List<SpamFlag> flags = new ArrayList<>(node < 0 ? List.of() : da.flags.get(node));
        List<ContentSignals.PageText> texts = new ArrayList<>();
        for (int i : pageIds) {
            if (dv.pageText[i] != null) {
                texts.add(dv.pageText[i]);
            }
        }
        flags.addAll(ContentSignals.siteFlags(texts, duplicates));
        double spam = SpamFlag.score(flags);
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_SPAM, featureValue(spam)));
        d.add(new StoredField(IndexFields.SPAM_SCORE, spam));
        d.add(new StoredField(IndexFields.SPAM_FLAGS, SiteQuality.flagsJson(flags)));
        d.add(new StoredField(IndexFields.TRUST, node < 0 ? 0 : da.trust[node]));
        d.add(new StoredField(IndexFields.TRUSTRANK, node < 0 ? 0 : da.trustRank[node]));
        d.add(new StoredField(IndexFields.SPAM_MASS, node < 0 ? 0 : da.spamMass[node]));
        d.add(new StoredField(IndexFields.HARMONIC, node < 0 ? 0 : da.harmonic[node]));
        d.add(new StoredField(IndexFields.GRAPH_AUTHORITY, node < 0 ? 0 : da.graphAuthority[node]));
        d.add(new StoredField(IndexFields.AUTHORITY_PRIOR, JSON.writeValueAsString(new SiteQuality.Prior(
                node < 0 ? null : da.prior[node], authorityConfig.priorWeight()))));
        d.add(new StoredField(IndexFields.TOPICAL_AUTHORITY,
                JSON.writeValueAsString(node < 0 ? Map.of() : da.topical.get(node))));
        d.add(new StoredField(IndexFields.REF_DOMAINS_TOP,
                JSON.writeValueAsString(node < 0 ? List.of() : da.topReferrers.get(node))));
    }

    private static String joinUnique(List<SiteRecord> rows, java.util.function.Function<SiteRecord, String> f) {
        LinkedHashSet<String> vals = new LinkedHashSet<>();
        for (SiteRecord r : rows) {
            String v = f.apply(r);
            if (v != null && !v.isBlank()) {
                vals.add(v.strip());
            }
        }
        return String.join(" | ", vals);
    }

    /** Removes staging files and graph files of interrupted ingests (those no commit names). */
    private void removeLeftovers(Directory dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root(), ".staging-*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        removeUnreferencedGraphs(dir);
    }

    private void removeUnreferencedGraphs(Directory dir) throws IOException {
        Map<String, String> ud = IndexLayout.userData(dir);
        Set<String> keep = new HashSet<>();
        keep.add(ud.get(IndexLayout.PAGE_GRAPH));
        keep.add(ud.get(IndexLayout.DOMAIN_GRAPH));
        if (!Files.isDirectory(layout.graphDir())) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.graphDir())) {
            for (Path p : ds) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

}
