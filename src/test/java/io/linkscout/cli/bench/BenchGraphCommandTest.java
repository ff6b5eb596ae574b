package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.graph.CompressedGraph;
import io.linkscout.graph.LinkGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench graph --compressed / --from}: the generated graph stored compressed and ranked from disk. */
class BenchGraphCommandTest {

    private static int run(AtomicReference<Exception> error, String... args) {
        CommandLine cl = new CommandLine(new BenchGraphCommand());
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            error.set(ex);
            return 2;
        });
        return cl.execute(args);
    }

    @Test
    void compressedRunRanksTheSameFromDiskAndFromAStoredGraph(@TempDir Path dir) throws Exception {
        AtomicReference<Exception> error = new AtomicReference<>();
        Path g = dir.resolve("g");
        Path report = dir.resolve("report.txt");
        assertEquals(0, run(error, "--nodes", "2000", "--edges", "20000", "--seed", "7", "--no-harmonic",
                "--compressed", g.toString(), "--report", report.toString()), String.valueOf(error.get()));
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("harmonic centrality skipped")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("pagerank from the compressed graph on disk")
                && l.endsWith("largest difference to the in-memory ranks 0.00")), lines.toString());
        LinkGraph generated = BenchGraphCommand.generate(2000, 20000, 7);
        CompressedGraph stored = CompressedGraph.open(g);
        assertEquals(generated.nodeCount(), stored.nodeCount());
        assertEquals(generated.edgeCount(), stored.edgeCount());

        Path report2 = dir.resolve("report2.txt");
        assertEquals(0, run(error, "--from", g.toString(), "--report", report2.toString()), String.valueOf(error.get()));
        String fromDisk = Files.readString(report2, StandardCharsets.UTF_8);
        assertTrue(fromDisk.contains("compressed graph " + g + ": 2000 nodes, " + generated.edgeCount() + " arcs"),
                fromDisk);
        assertTrue(fromDisk.contains("sum 1.000000000, top node id 0 with"), fromDisk);
    }

    @Test
    void fromAFolderThatIsNoGraphIsAClearError(@TempDir Path dir) throws Exception {
        AtomicReference<Exception> error = new AtomicReference<>();
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, run(error, "--from", dir.resolve("empty").toString(), "--report",
                dir.resolve("r.txt").toString()));
        assertTrue(error.get() instanceof UserException, String.valueOf(error.get()));
        assertTrue(error.get().getMessage().contains("missing graph.graph"), error.get().getMessage());
    }
}
