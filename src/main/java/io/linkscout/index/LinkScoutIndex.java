package io.linkscout.index;

import io.linkscout.graph.GraphFiles;
import io.linkscout.graph.LinkGraph;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A read-only view of one committed LinkScout index: the Lucene searcher, the link graphs named by the commit,
 * and its statistics. Thread-safe; open once and share. BM25 uses k1=0.9, b=0.4 unless another similarity is
 * set on the searcher.
 */
public final class LinkScoutIndex implements Closeable {

    private final IndexLayout layout;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, String> userData;
    private final Analyzer analyzer = IndexFields.analyzer();
    private volatile LinkGraph pageGraph;
    private volatile LinkGraph domainGraph;
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> cache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LinkScoutIndex(IndexLayout layout, Directory directory, DirectoryReader reader) throws IOException {
        this.layout = layout;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity(0.9f, 0.4f));
        this.userData = reader.getIndexCommit().getUserData();
    }

    /** Opens the latest commit; a {@link io.linkscout.error.UserException} when there is no index. */
    public static LinkScoutIndex open(IndexLayout layout) throws IOException {
        layout.requireExists();
        Directory dir = FSDirectory.open(layout.lucene());
        try {
            return new LinkScoutIndex(layout, dir, DirectoryReader.open(dir));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * A view of a reader someone else owns and closes (the API's {@code SearcherManager}): {@link #close()} then
     * leaves the reader open.
     */
    public static LinkScoutIndex over(IndexLayout layout, DirectoryReader reader) throws IOException {
        return new LinkScoutIndex(layout, null, reader);
    }

    public IndexLayout layout() {
        return layout;
    }

    public DirectoryReader reader() {
        return reader;
    }

    public IndexSearcher searcher() {
        return searcher;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public Map<String, String> commitData() {
        return userData;
    }

    /**
     * The time (ISO-8601) of the first ingest since which the graph scores are pending ({@code ingest --graph later}; see
     * {@link IndexFields#COMMIT_GRAPH_PENDING}), or {@code null} when they are those of the documents.
     */
    public String graphPendingSince() {
        return userData.get(IndexFields.COMMIT_GRAPH_PENDING);
    }

    /**
     * A one-line warning while the graph scores are pending ({@link #graphPendingSince()}), {@code null} otherwise.
     */
    public String graphPendingWarning() {
        return graphPendingWarning(graphPendingSince());
    }

    /** The warning for graph scores pending since the ingest of {@code since} ({@code null}: none). */
    public static String graphPendingWarning(String since) {
        return since == null ? null : "graph scores pending since the ingest of " + since
                + ": authority, trust, spam, in-links and referring domains and the site documents predate the last "
                + "ingest(s) (run `linkscout graph` to complete them)";
    }

    /** The page graph of this commit (loaded on first use). */
    public LinkGraph pageGraph() {
        LinkGraph g = pageGraph;
        if (g == null) {
            synchronized (this) {
                if (pageGraph == null) {
                    pageGraph = loadGraph(IndexLayout.PAGE_GRAPH);
                }
                g = pageGraph;
            }
        }
        return g;
    }

    /** The registrable-domain graph of this commit (loaded on first use). */
    public LinkGraph domainGraph() {
        LinkGraph g = domainGraph;
        if (g == null) {
            synchronized (this) {
                if (domainGraph == null) {
                    domainGraph = loadGraph(IndexLayout.DOMAIN_GRAPH);
                }
                g = domainGraph;
            }
        }
        return g;
    }

    private LinkGraph loadGraph(String key) {
        String name = userData.get(key);
        if (name == null) {
            throw new IllegalStateException("the index commit names no " + key + " file");
        }
        try {
            return GraphFiles.read(layout.graphDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value derived from this index generation, computed once and kept as long as the index is open (for
     * example the ranking's page table). {@code compute} must not call this method for the same key.
     */
    public <T> T cached(Class<T> key, java.util.function.Function<LinkScoutIndex, T> compute) {
        Object v = cache.get(key);
        if (v == null) {
            synchronized (cache) {
                v = cache.get(key);
                if (v == null) {
                    v = compute.apply(this);
                    cache.put(key, v);
                }
            }
        }
        return key.cast(v);
    }

    /** Live documents of a type (an incremental ingest leaves deleted ones in the segments until merges). */
    public long count(String type) throws IOException {
        return searcher.count(new org.apache.lucene.search.TermQuery(new Term(IndexFields.TYPE, type)));
    }

    /**
     * A page's {@code double} doc value ({@link IndexFields#AUTHORITY_VALUE}, {@link IndexFields#PAGERANK}); 0 when
     * the document has none. Graph scores of pages are doc values, not stored fields, because an incremental ingest
     * updates them in place.
     */
    public double pageDouble(int doc, String field) throws IOException {
        return docDouble(reader, doc, field);
    }

    /** As {@link #pageDouble}, over any reader. */
    public static double docDouble(org.apache.lucene.index.IndexReader reader, int doc, String field)
            throws IOException {
        java.util.List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext ctx = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        org.apache.lucene.index.NumericDocValues dv = ctx.reader().getNumericDocValues(field);
        if (dv == null || !dv.advanceExact(doc - ctx.docBase)) {
            return 0;
        }
        return Double.longBitsToDouble(dv.longValue());
    }

    /** A page's numeric doc value as a long ({@link IndexFields#PAGE_IN_LINKS}); 0 when it has none. */
    public long pageLong(int doc, String field) throws IOException {
        java.util.List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext ctx = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        org.apache.lucene.index.NumericDocValues dv = ctx.reader().getNumericDocValues(field);
        return dv == null || !dv.advanceExact(doc - ctx.docBase) ? 0 : dv.longValue();
    }

    /** A page's binary doc value as UTF-8 text ({@link IndexFields#PAGE_SPAM_FLAGS}); null when it has none. */
    public String pageString(int doc, String field) throws IOException {
        java.util.List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext ctx = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        org.apache.lucene.index.BinaryDocValues dv = ctx.reader().getBinaryDocValues(field);
        if (dv == null || !dv.advanceExact(doc - ctx.docBase)) {
            return null;
        }
        return dv.binaryValue().utf8ToString();
    }

    /** Distinct terms of a field over all segments. */
    public long distinctTerms(String field) throws IOException {
        if (reader.leaves().size() == 1) {
            Terms t = reader.leaves().get(0).reader().terms(field);
            if (t != null && t.size() >= 0) {
                return t.size();
            }
        }
        java.util.HashSet<org.apache.lucene.util.BytesRef> all = new java.util.HashSet<>();
        for (LeafReaderContext ctx : reader.leaves()) {
            Terms t = ctx.reader().terms(field);
            if (t == null) {
                continue;
            }
            TermsEnum te = t.iterator();
            for (org.apache.lucene.util.BytesRef b = te.next(); b != null; b = te.next()) {
                all.add(org.apache.lucene.util.BytesRef.deepCopyOf(b));
            }
        }
        return all.size();
    }

    public IndexStats stats() throws IOException {
        long links = IndexStats.get(userData, IndexStats.LINKS);
        long internal = IndexStats.get(userData, IndexStats.INTERNAL_LINKS);
        long size = 0;
        try (Stream<Path> files = Files.walk(layout.root())) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
        return new IndexStats(layout.root().toString(), count(IndexFields.TYPE_PAGE), count(IndexFields.TYPE_SITE),
                count(IndexFields.TYPE_CATALOG), count(IndexFields.TYPE_AUTHORITY), links, internal,
                links - internal, IndexStats.get(userData, IndexStats.UNFOLLOWED_LINKS),
                IndexStats.get(userData, IndexStats.PAGE_EDGES), IndexStats.get(userData, IndexStats.DOMAINS),
                IndexStats.get(userData, IndexStats.DOMAIN_EDGES), distinctTerms(IndexFields.BODY),
                userData.getOrDefault(IndexFields.COMMIT_BUILT_AT, ""), size, LinkJoin.fromUserData(userData),
                ExportLinkCounts.fromUserData(userData), graphPendingSince(), null);
    }

    /**
     * Closes the cached values that hold resources (a shared recommender's or the topic statistics' OpenSearch
     * client): by {@link #close()}, and for a view ({@link #over}) by the owner of its reader when that reader closes.
     */
    public void closeCached() throws IOException {
        java.util.List<java.io.Closeable> held;
        synchronized (cache) {
            held = cache.values().stream().filter(v -> v instanceof java.io.Closeable)
                    .map(v -> (java.io.Closeable) v).toList();
            cache.clear();
        }
        org.apache.lucene.util.IOUtils.close(held);
    }

    @Override
    public void close() throws IOException {
        if (directory == null) {
            return; // a view over a reader owned elsewhere (its owner calls closeCached)
        }
        try {
            closeCached(); // cached values holding resources go with the generation
        } finally {
            try {
                reader.close();
            } finally {
                directory.close();
            }
        }
    }
}
