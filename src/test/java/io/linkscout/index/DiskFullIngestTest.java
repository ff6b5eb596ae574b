package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest that runs out of disk space (issue 17): a disk with N bytes free, N at seeded points inside each kind of
 * file an ingest writes — the staging spill, the graph files, the Lucene segment files and the commit itself. Every
 * byte goes through {@link IngestStorage}; past N the write fails with the operating system's own
 * {@code IOException("No space left on device")}. Then: a {@link UserException} naming the index folder and saying
 * what happened and how to fix it; the previous commit readable and unchanged (documents and graphs); and the next
 * ingest, with space again, succeeds and leaves no file of the failed one behind.
 */
class DiskFullIngestTest {

    static final long SEED = 1801;
    static final int POINTS_PER_KIND = 2;

    @TempDir
    Path dir;

    /** A disk with {@code free} bytes left; records, per kind of file, the first and last byte written there. */
    static final class FullDisk implements IngestStorage {
        final long free;
        final AtomicLong used = new AtomicLong();
        final Map<String, long[]> ranges = new LinkedHashMap<>();
        volatile String failedIn;

        FullDisk(long free) {
            this.free = free;
        }

        static String kind(String file) {
            if (file.endsWith(".spill")) {
                return "spill";
            }
            if (file.endsWith(".lsg")) {
                return "graph";
            }
            return file.startsWith("segments") || file.startsWith("pending_segments") ? "commit" : "lucene";
        }

        /** Counts {@code n} bytes about to be written to {@code file}; throws when the disk is full. */
        void take(String file, long n) throws IOException {
            long before = used.getAndAdd(n);
            if (before + n > free) {
                used.addAndGet(-n);
                if (failedIn == null) {
                    failedIn = kind(file);
                }
                throw new IOException("No space left on device");
            }
            synchronized (ranges) {
                long[] r = ranges.computeIfAbsent(kind(file), k -> new long[] {before, before});
                r[1] = before + n - 1;
            }
        }

        @Override
        public Directory directory(Directory d) {
            return new FilterDirectory(d) {
                @Override
                public IndexOutput createOutput(String name, IOContext context) throws IOException {
                    return new Counting(in.createOutput(name, context), name);
                }

                @Override
                public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
                        throws IOException {
                    IndexOutput o = in.createTempOutput(prefix, suffix, context);
                    return new Counting(o, o.getName());
                }
            };
        }

        @Override
        public OutputStream stream(String file, OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    take(file, 1);
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    take(file, len);
                    out.write(b, off, len);
                }
            };
        }

        /** A Lucene output whose bytes count against the free space. */
        final class Counting extends IndexOutput {
            final IndexOutput out;

            Counting(IndexOutput out, String name) {
                super("counting(" + out + ")", name);
                this.out = out;
            }

            @Override
            public void writeByte(byte b) throws IOException {
                take(getName(), 1);
                out.writeByte(b);
            }

            @Override
            public void writeBytes(byte[] b, int off, int len) throws IOException {
                take(getName(), len);
                out.writeBytes(b, off, len);
            }

            @Override
            public long getFilePointer() {
                return out.getFilePointer();
            }

            @Override
            public long getChecksum() throws IOException {
                return out.getChecksum();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        }
    }

    static List<PageRecord> newPages() {
        List<PageRecord> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            out.add(new PageRecord("https://disk" + (i % 6) + ".example/p" + i, "Disk page " + i,
                    "Page " + i + " about otters, rivers and the fish they eat; number " + i + ". ".repeat(1 + i % 7),
                    List.of(Link.of(IndexFixtures.A1), Link.of("https://disk" + ((i + 1) % 6) + ".example/p" + (i + 1))),
                    List.of(), null, "disk:" + i));
        }
        return out;
    }

    static IndexBuilder.Result ingest(IndexLayout layout, IngestStorage storage) throws IOException {
        IndexBuilder b = new IndexBuilder(layout, 1, null);
        b.setStorage(storage);
        return b.ingest((sink, report) -> newPages().forEach(sink::page));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void runningOutOfSpaceKeepsThePreviousCommitAndTheNextIngestCleansUp() throws Exception {
        IndexLayout base = new IndexLayout(dir.resolve("base"));
        new IndexBuilder(base, 1, null).ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        var before = IndexBuilderTest.snapshot(base);

        // how many bytes of each kind a successful ingest writes, and in which order
        IndexLayout measured = new IndexLayout(dir.resolve("measured"));
        copy(base.root(), measured.root());
        FullDisk unlimited = new FullDisk(Long.MAX_VALUE);
        assertEquals(65, ingest(measured, unlimited).stats().pages());
        assertEquals(Set.of("spill", "graph", "lucene", "commit"), unlimited.ranges.keySet());

        Random random = new Random(SEED);
        int n = 0;
        for (Map.Entry<String, long[]> kind : new LinkedHashMap<>(unlimited.ranges).entrySet()) {
            long first = kind.getValue()[0];
            long last = kind.getValue()[1];
            for (int k = 0; k < POINTS_PER_KIND; k++) {
                long free = first + (long) (random.nextDouble() * (last - first));
                System.out.printf("DiskFullIngestTest: seed %d, point %d: %d bytes free (in the %s files, bytes %d-%d "
                        + "of %d)%n", SEED, n, free, kind.getKey(), first, last, unlimited.used.get());
                IndexLayout layout = new IndexLayout(dir.resolve("full-" + n++));
                copy(base.root(), layout.root());
                FullDisk disk = new FullDisk(free);
                UserException e = assertThrows(UserException.class, () -> ingest(layout, disk));
                assertEquals(kind.getKey(), disk.failedIn, "the disk filled up where it was meant to");
                assertTrue(e.getMessage().startsWith("the ingest ran out of disk space writing the index folder "
                        + layout.root() + " (no space left on device); nothing was committed"), e.getMessage());
                assertTrue(e.getMessage().contains("Free space on that disk"), e.getMessage());

                // the previous commit: readable, complete and unchanged
                assertEquals(before, IndexBuilderTest.snapshot(layout), "old commit intact after a full disk");
                try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
                    assertEquals(5, idx.stats().pages());
                    assertEquals(5, idx.pageGraph().nodeCount(), "graph of the old commit");
                }

                // with space again, the next ingest succeeds and nothing of the failed one is left
                assertEquals(65, ingest(layout, IngestStorage.DISK).stats().pages());
                assertLeftNothing(layout);
            }
        }
    }

    /** Only the files of the last commit: no staging spill, two graph files, no unreferenced Lucene file. */
    static void assertLeftNothing(IndexLayout layout) throws IOException {
        try (Stream<Path> files = Files.list(layout.root())) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".staging-"))
                    .toList());
        }
        try (Stream<Path> files = Files.list(layout.graphDir())) {
            assertEquals(2, files.count(), "only the committed page and domain graphs remain");
        }
        try (Directory d = FSDirectory.open(layout.lucene())) {
            Set<String> all = new TreeSet<>(List.of(d.listAll()));
            all.remove("write.lock");
            assertEquals(new TreeSet<>(SegmentInfos.readLatestCommit(d).files(true)), all,
                    "only the files of the last commit");
        }
    }
}
