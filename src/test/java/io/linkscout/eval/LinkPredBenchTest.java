package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The link-prediction benchmark end to end (split, ingest, topics + ranking of the dev queries, scoring at page
 * and site level), on Wikispeedia and on the blogs corpus:
 * its quality figures must stay within the tolerance recorded in {@code bench/expected.json}. Runs where
 * {@code ../shared} is present (CI has it beside the clone); skipped elsewhere.
 */
@QuarkusMainTest
class LinkPredBenchTest {

    @Test
    void devFiguresMatchTheExpectedFile(QuarkusMainLauncher launcher) {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("../shared/bench/linkpred-dev-targets.txt")),
                "../shared is not beside the project");
        LaunchResult r = launcher.launch("bench", "linkpred", "--shared", "../shared", "--no-ablation");
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("all figures within tolerance of bench/expected.json (linkpred-dev/linkscout)"),
                r.getOutput());
        // every target's linkers are on en.wikipedia.org, its own site: nothing to score at site level
        assertTrue(r.getOutput().contains("site level: queries=0 (not applicable"), r.getOutput());
    }

    /** The multi-site blogs dev split: page and site figures (linkpred-blogs-dev/linkscout and -site). */
    @Test
    void blogsDevFiguresMatchTheExpectedFile(QuarkusMainLauncher launcher) {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("../shared/bench/blogs-dev-targets.txt"))
                && Files.isRegularFile(Path.of("../shared/data/blogs/pages.jsonl.gz")),
                "../shared with data/blogs is not beside the project");
        LaunchResult r = launcher.launch("bench", "linkpred", "--corpus", "blogs", "--shared", "../shared",
                "--no-ablation");
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains(
                "all figures within tolerance of bench/expected.json (linkpred-blogs-dev/linkscout)"), r.getOutput());
        assertTrue(r.getOutput().contains(
                "all figures within tolerance of bench/expected.json (linkpred-blogs-dev/linkscout-site)"),
                r.getOutput());
    }

    /** {@code --index} reuses an index built earlier; a folder without one is a one-line error saying what to do. */
    @Test
    void anIndexThatIsNotThereIsAClearError(QuarkusMainLauncher launcher, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.write(dir.resolve("pages.jsonl.gz"), new byte[0]);
        Files.writeString(dir.resolve("queries.jsonl"), "{\"id\": \"https://a.example/x\", \"title\": \"X\", "
                + "\"text\": \"x\"}\n");
        Files.writeString(dir.resolve("qrels.tsv"), "https://a.example/x\thttps://b.example/y\n");
        Path none = dir.resolve("no-index");
        LaunchResult r = launcher.launch("bench", "linkpred", "--split", dir.toString(), "--index", none.toString(),
                "--no-ablation", "--no-check");
        assertEquals(2, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("--index " + none + ": no LinkScout index there (build it with `train "
                + "--split " + dir + "`, which writes SPLIT/index, or leave --index out to ingest the split)"),
                r.getErrorOutput());
        assertTrue(!r.getErrorOutput().contains("\tat "), "no stack trace: " + r.getErrorOutput());
    }

    /** The ablation needs at least 2 folds: fewer is a one-line error before anything is ingested. */
    @Test
    void ablationFoldsBelowTwoAreAClearError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("bench", "linkpred", "--split", "target/no-such-split", "--ablation-folds",
                "1");
        assertEquals(2, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains("--ablation-folds 1: cross-validation needs at least 2 folds"),
                r.getErrorOutput());
        assertTrue(!r.getErrorOutput().contains("\tat "), "no stack trace: " + r.getErrorOutput());
    }
}
