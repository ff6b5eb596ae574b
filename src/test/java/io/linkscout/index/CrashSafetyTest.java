package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed after all documents were added but before the commit must leave the previous commit readable
 * and unchanged; the next ingest cleans up and succeeds.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    /** Child process: ingests 50 extra pages and halts the JVM right before the commit. */
    public static void main(String[] args) throws IOException {
        IndexBuilder b = new IndexBuilder(new IndexLayout(Path.of(args[0])), 2, null);
        b.setBeforeCommitHook(() -> Runtime.getRuntime().halt(137));
        b.ingest((sink, report) -> extraPages().forEach(sink::page));
    }

    static List<PageRecord> extraPages() {
        return java.util.stream.IntStream.range(0, 50).mapToObj(i -> new PageRecord(
                "https://crash.example/p" + i, "Crash page " + i, "text " + i,
                List.of(Link.of(IndexFixtures.A1)), List.of(), null, "crash:" + i)).toList();
    }

    @Test
    void killBetweenAddAndCommitKeepsOldIndex() throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        new IndexBuilder(layout, 1, null).ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        var before = IndexBuilderTest.snapshot(layout);

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashSafetyTest.class.getName(),
                layout.root().toString()).inheritIO().start();
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "the child halted before its commit");

        assertEquals(before, IndexBuilderTest.snapshot(layout), "old commit intact after the crash");
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            assertEquals(5, idx.stats().pages());
            assertEquals(5, idx.pageGraph().nodeCount(), "graph of the old commit");
        }
        // the next ingest succeeds and removes the leftovers
        IndexBuilder.Result r = new IndexBuilder(layout, 1, null).ingest((sink, report) ->
                extraPages().forEach(sink::page));
        assertEquals(55, r.stats().pages());
        try (var files = java.nio.file.Files.list(layout.graphDir())) {
            assertEquals(2, files.count(), "only the committed page and domain graphs remain");
        }
        try (var files = java.nio.file.Files.list(layout.root())) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith(".staging-")).count());
        }
    }
}
