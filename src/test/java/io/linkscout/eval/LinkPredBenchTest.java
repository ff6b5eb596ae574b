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
}
