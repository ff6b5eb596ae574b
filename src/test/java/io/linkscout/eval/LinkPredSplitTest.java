package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LinkPredSplitTest {

    static final Path BENCH = Path.of("..", "shared", "bench");

    @TempDir
    Path tmp;

    @Test
    void pyJsonMatchesPythonJsonDumps() {
        StringBuilder sb = new StringBuilder();
        PyJson.string(sb, "a\"b\\c\n\t\r\b\f\u0001\u001f\u007fé\u2028😀/");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\u007fé\u2028😀/\"", sb.toString());
    }

    @Test
    void javaSplitIsIdenticalToMakeLinkpredPy() throws Exception {
        Path script = BENCH.resolve("make_linkpred.py");
        Path targets = BENCH.resolve("linkpred-dev-targets.txt");
        assumeTrue(Files.isRegularFile(script) && Files.isRegularFile(targets), "../shared/bench not present");
        assumeTrue(EvaluatorTest.python3Available(), "python3 not available");
        Path py = tmp.resolve("py");
        Path java = tmp.resolve("java");
        Process p = new ProcessBuilder("python3", script.toString(), targets.toString(), py.toString())
                .redirectErrorStream(true).start();
        String pyOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), pyOut);

        LinkPredSplit.Summary s = LinkPredSplit.write(Wikispeedia.load(BENCH.resolve("../data/wikispeedia")),
                LinkPredSplit.readTargets(targets), java);
        assertEquals(pyOut.replace(py.toString(), java.toString()), s.toString());
        assertArrayEquals(gunzip(py.resolve("pages.jsonl.gz")), gunzip(java.resolve("pages.jsonl.gz")),
                "pages.jsonl.gz content");
        assertArrayEquals(Files.readAllBytes(py.resolve("queries.jsonl")),
                Files.readAllBytes(java.resolve("queries.jsonl")), "queries.jsonl");
        assertArrayEquals(Files.readAllBytes(py.resolve("qrels.tsv")), Files.readAllBytes(java.resolve("qrels.tsv")),
                "qrels.tsv");
    }

    /** The whole blogs dev split (48,217 pages; about a minute in Python), compared file by file. */
    @Test
    void javaBlogsSplitIsIdenticalToMakeBlogsSplitPy() throws Exception {
        Path script = BENCH.resolve("make_blogs_split.py");
        Path targets = BENCH.resolve("blogs-dev-targets.txt");
        Path corpus = BENCH.resolve("../data/blogs/pages.jsonl.gz");
        assumeTrue(Files.isRegularFile(script) && Files.isRegularFile(targets) && Files.isRegularFile(corpus),
                "../shared/bench or ../shared/data/blogs not present");
        assumeTrue(EvaluatorTest.python3Available(), "python3 not available");
        Path py = tmp.resolve("py");
        Path java = tmp.resolve("java");
        Process p = new ProcessBuilder("python3", script.toString(), corpus.toString(), targets.toString(),
                py.toString()).redirectErrorStream(true).start();
        String pyOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), pyOut);

        BlogsSplit.Summary s = BlogsSplit.write(corpus, LinkPredSplit.readTargets(targets), java);
        assertEquals(pyOut.replace(py.toString(), java.toString()), s.toString());
        assertArrayEquals(gunzip(py.resolve("pages.jsonl.gz")), gunzip(java.resolve("pages.jsonl.gz")),
                "pages.jsonl.gz content");
        for (String f : new String[] {"queries.jsonl", "qrels.tsv", "qrels_sites.tsv"}) {
            assertArrayEquals(Files.readAllBytes(py.resolve(f)), Files.readAllBytes(java.resolve(f)), f);
        }
    }

    public static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }
}
