package io.linkscout.index;

import io.linkscout.error.UserException;
import io.linkscout.graph.GraphFiles;
import io.linkscout.graph.LinkGraph;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One atomic generation of the index: the Lucene writer (its lock keeps a second ingest out), the graph files the
 * generation names, and the single commit that publishes documents and graphs together. Until {@link #commit},
 * readers — and a crashed run — see the previous commit unchanged; files an interrupted run left behind (staging
 * spills, graph files no commit names) are removed when the next transaction opens and after each commit.
 */
final class IndexTransaction implements Closeable {

    private final IndexLayout layout;
    private final Directory dir;
    private final IndexWriter writer;
    private final IngestStorage storage;

    private IndexTransaction(IndexLayout layout, Directory dir, IndexWriter writer, IngestStorage storage) {
        this.layout = layout;
        this.dir = dir;
        this.writer = writer;
        this.storage = storage;
    }

    /** Opens the index for writing (created when missing); a held lock is a clear "locked" error (409). */
    static IndexTransaction open(IndexLayout layout) throws IOException {
        return open(layout, IngestStorage.DISK);
    }

    /** As {@link #open(IndexLayout)}, every file written through {@code storage}. */
    static IndexTransaction open(IndexLayout layout, IngestStorage storage) throws IOException {
        Files.createDirectories(layout.lucene());
        Files.createDirectories(layout.graphDir());
        Directory dir = storage.directory(FSDirectory.open(layout.lucene()));
        IndexWriter writer;
        try {
            IndexWriterConfig cfg = new IndexWriterConfig(IndexFields.analyzer());
            cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            cfg.setRAMBufferSizeMB(256);
            cfg.setCommitOnClose(false);
            // ingest --expunge-deletes merges away every replaced document, not only in segments above 10 %
            org.apache.lucene.index.TieredMergePolicy mp = new org.apache.lucene.index.TieredMergePolicy();
            mp.setForceMergeDeletesPctAllowed(0);
            cfg.setMergePolicy(mp);
            writer = new IndexWriter(dir, cfg);
        } catch (LockObtainFailedException e) {
            dir.close();
            throw new UserException("the index at " + layout.root()
                    + " is locked by another ingest; wait for it to finish (or remove " + layout.lucene()
                    .resolve("write.lock") + " if no LinkScout process is running)", 409);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        IndexTransaction t = new IndexTransaction(layout, dir, writer, storage);
        try {
            t.removeLeftovers();
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    IndexWriter writer() {
        return writer;
    }

    /** The last committed generation, or null when the index is new (the caller closes it). */
    DirectoryReader openCommitted() throws IOException {
        return DirectoryReader.indexExists(dir) ? DirectoryReader.open(dir) : null;
    }

    /** A spill in a temporary file beside the index, removed by the next transaction if this one dies. */
    PageSpill newSpill() throws IOException {
        return new PageSpill(Files.createTempFile(layout.root(), ".staging-", ".spill"), storage);
    }

    /**
     * Writes this generation's graphs (fsynced, renamed in place) and returns the commit user data that names them.
     */
    Map<String, String> writeGraphs(LinkGraph pageGraph, LinkGraph domainGraph) throws IOException {
        String stamp = Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(System.nanoTime() & 0xffffff, 36);
        String pageGraphFile = "pages-" + stamp + ".lsg";
        String domainGraphFile = "domains-" + stamp + ".lsg";
        GraphFiles.write(pageGraph, layout.graphDir().resolve(pageGraphFile), o -> storage.stream(pageGraphFile, o));
        GraphFiles.write(domainGraph, layout.graphDir().resolve(domainGraphFile),
                o -> storage.stream(domainGraphFile, o));
        return Map.of(IndexLayout.PAGE_GRAPH, pageGraphFile, IndexLayout.DOMAIN_GRAPH, domainGraphFile);
    }

    /** Publishes every document added and the graphs {@code userData} names, in one Lucene commit. */
    void commit(Map<String, String> userData) throws IOException {
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
    }

    /** Closes the writer (rolling back what was not committed) and removes graph files no commit names. */
    @Override
    public void close() throws IOException {
        try {
            writer.close();
            removeUnreferencedGraphs();
        } finally {
            dir.close();
        }
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root(), ".staging-*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        removeUnreferencedGraphs();
    }

    private void removeUnreferencedGraphs() throws IOException {
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
