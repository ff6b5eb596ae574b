package io.linkscout.index;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Consistent copies of an index: the files of its last commit (the Lucene segments it names and the two graph files
 * its user data names), copied while the index's write lock is held, so no ingest can commit or delete files in
 * between; readers (a running {@code serve}) are not disturbed. A backup is itself a complete index folder
 * ({@code lucene/} + {@code graph/}) that can be opened, served or restored.
 *
 * <p>Restore copies a backup into a staging folder beside the target, checks it opens, then swaps it in for the
 * target's {@code lucene/} and {@code graph/}; it needs the target's write lock too, and the server should be stopped
 * (a running server keeps reading the generation it has open until it is restarted).
 */
public final class IndexBackup {

    /** What was copied: files, bytes, and the pages of the copied generation. */
    public record Result(Path to, int files, long bytes, long pages) {
    }

    private IndexBackup() {
    }

    /** Copies the last commit of {@code from} into {@code to}, which must not exist or be empty. */
    public static Result backup(IndexLayout from, Path to) throws IOException {
        from.requireExists();
        if (Files.exists(to) && (!Files.isDirectory(to) || hasEntries(to))) {
            throw new UserException("backup target " + to + " is not an empty folder: give a new folder");
        }
        IndexLayout target = new IndexLayout(to);
        try (Directory dir = FSDirectory.open(from.lucene()); Lock lock = lock(dir, from)) {
            lock.ensureValid();
            copyCommit(dir, from, target);
        } catch (IOException | RuntimeException e) {
            org.apache.lucene.util.IOUtils.rm(to);
            throw e;
        }
        return result(target);
    }

    /** Replaces the index at {@code to} with the backup at {@code from} (stop {@code serve} first). */
    public static Result restore(Path from, IndexLayout to) throws IOException {
        IndexLayout backup = new IndexLayout(from);
        backup.requireExists();
        Files.createDirectories(to.root());
        Path staging = Files.createTempDirectory(to.root(), ".restore-");
        try {
            IndexLayout staged = new IndexLayout(staging);
            try (Directory dir = FSDirectory.open(backup.lucene())) {
                copyCommit(dir, backup, staged);
            }
            try (LinkScoutIndex idx = LinkScoutIndex.open(staged)) {
                idx.stats(); // the copy opens and reads
            }
            Files.createDirectories(to.lucene());
            try (Directory dir = FSDirectory.open(to.lucene()); Lock lock = lock(dir, to)) {
                lock.ensureValid();
                Path oldLucene = staging.resolve("old-lucene");
                Path oldGraph = staging.resolve("old-graph");
                Files.move(to.lucene(), oldLucene, StandardCopyOption.ATOMIC_MOVE);
                if (Files.exists(to.graphDir())) {
                    Files.move(to.graphDir(), oldGraph, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(staged.lucene(), to.lucene(), StandardCopyOption.ATOMIC_MOVE);
                Files.move(staged.graphDir(), to.graphDir(), StandardCopyOption.ATOMIC_MOVE);
            }
            // the lock file moved away with the old lucene/ folder; the restored one has none
            Files.deleteIfExists(to.lucene().resolve(IndexWriter.WRITE_LOCK_NAME));
        } finally {
            org.apache.lucene.util.IOUtils.rm(staging);
        }
        return result(to);
    }

    private static Lock lock(Directory dir, IndexLayout layout) throws IOException {
        try {
            return dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
        } catch (LockObtainFailedException e) {
            throw new UserException("the index at " + layout.root() + " is locked by an ingest or another backup; "
                    + "wait for it to finish and try again", 409);
        }
    }

    /** Copies the files of the last commit of {@code dir} (and the graphs it names) into {@code target}. */
    private static void copyCommit(Directory dir, IndexLayout from, IndexLayout target) throws IOException {
        SegmentInfos commit = SegmentInfos.readLatestCommit(dir);
        Files.createDirectories(target.lucene());
        Files.createDirectories(target.graphDir());
        List<String> names = new ArrayList<>(commit.files(true));
        names.sort(null);
        for (String name : names) {
            Files.copy(from.lucene().resolve(name), target.lucene().resolve(name));
        }
        Map<String, String> userData = commit.getUserData();
        for (String key : List.of(IndexLayout.PAGE_GRAPH, IndexLayout.DOMAIN_GRAPH)) {
            String graph = userData.get(key);
            if (graph != null) {
                Files.copy(from.graphDir().resolve(graph), target.graphDir().resolve(graph));
            }
        }
        fsync(target.lucene());
        fsync(target.graphDir());
    }

    private static void fsync(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                org.apache.lucene.util.IOUtils.fsync(f, false);
            }
        }
        org.apache.lucene.util.IOUtils.fsync(dir, true);
    }

    private static Result result(IndexLayout layout) throws IOException {
        int files = 0;
        long bytes = 0;
        try (var w = Files.walk(layout.root())) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                files++;
                bytes += Files.size(p);
            }
        }
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            return new Result(layout.root(), files, bytes, idx.stats().pages());
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

}
