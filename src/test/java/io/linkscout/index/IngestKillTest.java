package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ingest process killed with SIGKILL at a seeded random moment (anywhere from reading the inputs to the commit):
 * the previous commit stays readable and complete (or, when the kill came after the commit, the new one is complete),
 * and the next ingest removes the leftovers and succeeds. Where the kill lands depends on the machine's speed; the
 * guarantee must hold wherever it lands, and each seed's delay is printed.
 */
class IngestKillTest {

    static final int EXTRA = 3000;

    @TempDir
    Path dir;

    /** Child process: ingests {@value #EXTRA} extra pages into the index at args[0] (it gets killed meanwhile). */
    public static void main(String[] args) throws IOException {
        IndexBuilder b = new IndexBuilder(new IndexLayout(Path.of(args[0])), 1, null);
        System.out.println("ingesting");
        System.out.flush();
        b.ingest((sink, report) -> extraPages(EXTRA).forEach(sink::page));
    }

    static List<PageRecord> extraPages(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new PageRecord(
                "https://killed" + (i % 40) + ".example.org/p" + i, "Killed page " + i, "text about topic " + i
                + " and kelp forests, urchins and otters " + i, List.of(Link.of(IndexFixtures.A1),
                Link.of("https://killed" + ((i + 1) % 40) + ".example.org/p" + (i + 1))), List.of(), null,
                "kill:" + i)).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1701, 1702, 1703})
    void killedAtARandomMomentKeepsACompleteCommit(long seed) throws Exception {
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        new IndexBuilder(layout, 1, null).ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        TreeMap<String, String> before = IndexBuilderTest.snapshot(layout);

        long delayMs = new Random(seed).nextInt(4000);
        System.out.println("seed " + seed + ": SIGKILL " + delayMs + " ms after the child started ingesting");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), IngestKillTest.class.getName(),
                layout.root().toString()).redirectErrorStream(true).start();
        // wait for the child to start ingesting (JVM start-up does not count towards the delay)
        int c;
        StringBuilder first = new StringBuilder();
        while ((c = p.getInputStream().read()) != -1 && c != '\n') {
            first.append((char) c);
        }
        assertEquals("ingesting", first.toString().strip());
        boolean finished = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
        if (!finished) {
            p.destroyForcibly(); // SIGKILL on Linux
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }

        TreeMap<String, String> after = IndexBuilderTest.snapshot(layout);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            long pages = idx.stats().pages();
            if (after.equals(before)) {
                assertEquals(5, pages, "the previous commit, complete");
                assertEquals(5, idx.pageGraph().nodeCount(), "with its graph");
            } else {
                assertEquals(5 + EXTRA, pages, "killed after the commit: the new commit, complete");
            }
        }
        // the next ingest succeeds and removes the leftovers
        IndexBuilder.Result r = new IndexBuilder(layout, 1, null).ingest((sink, report) ->
                extraPages(10).forEach(sink::page));
        assertTrue(r.stats().pages() == 15 || r.stats().pages() == 5 + EXTRA, String.valueOf(r.stats().pages()));
        try (Stream<Path> files = Files.list(layout.graphDir())) {
            assertEquals(2, files.count(), "only the committed page and domain graphs remain");
        }
        try (Stream<Path> files = Files.list(layout.root())) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith(".staging-")).count());
        }
    }
}
