package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.cli.UserException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("error: " + ex.getMessage());
            return ex instanceof UserException ? 2 : 1;
        });
        int exit = cl.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path[] files() throws Exception {
        Path qrels = tmp.resolve("qrels.tsv");
        Path run = tmp.resolve("run.tsv");
        Files.writeString(qrels, "q1\thttp://a.org/x\nq2\thttp://a.org/y\n", StandardCharsets.UTF_8);
        Files.writeString(run, "q1\thttp://a.org/z\t1\nq1\thttp://A.org/x/\t2\nq2\thttp://a.org/y\t1\n",
                StandardCharsets.UTF_8);
        return new Path[] {run, qrels};
    }

    @Test
    void evalPrintsThePythonLineAndJson() throws Exception {
        Path[] f = files();
        Outcome o = run(new EvalCommand(), "--run", f[0].toString(), "--qrels", f[1].toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals("queries=2 mrr=0.7500 ndcg@10=0.8155 recall@10=1.0000 recall@100=1.0000 recall@50=1.0000\n",
                o.out());
        Path pq = tmp.resolve("per-query.tsv");
        o = run(new EvalCommand(), "--run", f[0].toString(), "--qrels", f[1].toString(), "--format", "json",
                "--per-query", pq.toString());
        assertEquals("{\"queries\": 2, \"mrr\": 0.7500, \"ndcg@10\": 0.8155, \"recall@10\": 1.0000,"
                + " \"recall@100\": 1.0000, \"recall@50\": 1.0000}\n", o.out());
        List<String> lines = Files.readAllLines(pq);
        assertEquals("query\tmrr\tndcg@10\trecall@10\trecall@100\trecall@50", lines.get(0));
        assertEquals("q1\t0.5\t0.6309297535714575\t1.0\t1.0\t1.0", lines.get(1));
    }

    @Test
    void evalChecksExpectedFigures() throws Exception {
        Path[] f = files();
        Path expected = tmp.resolve("expected.json");
        Files.writeString(expected, """
                {"format": "linkscout-expected-figures", "version": 1, "benchmarks": {
                  "tiny": {"metrics": {"mrr": {"expected": 0.75, "tolerance": 0.001}}},
                  "old": {"metrics": {"mrr": {"expected": 0.5, "tolerance": 0.01}}}}}
                """);
        Outcome ok = run(new EvalCommand(), "--run", f[0].toString(), "--qrels", f[1].toString(),
                "--expect", "tiny", "--expected", expected.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.err().startsWith("ok   tiny mrr: 0.7500"), ok.err());
        Outcome better = run(new EvalCommand(), "--run", f[0].toString(), "--qrels", f[1].toString(),
                "--expect", "old", "--expected", expected.toString());
        assertEquals(1, better.exit());
        assertTrue(better.err().contains("better than expected"), better.err());
        Outcome missing = run(new EvalCommand(), "--run", tmp.resolve("nope.tsv").toString(), "--qrels",
                f[1].toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.tsv"), missing.err());
    }

    @Test
    void benchTablePrintsAndRewritesReadme() throws Exception {
        Outcome o = run(new BenchTableCommand());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("| benchmark | ndcg@10 | recall@10 | recall@50 | recall@100 | mrr |"), o.out());
        assertTrue(o.out().contains("| linkpred-dev/linkscout — "), o.out());
        assertTrue(o.out().contains("| linkpred-dev/bm25-title — "), o.out());
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# X\n\n" + ReadmeTable.START + "\n" + ReadmeTable.END + "\n");
        assertEquals(1, run(new BenchTableCommand(), "--readme", readme.toString(), "--check").exit());
        assertEquals(0, run(new BenchTableCommand(), "--readme", readme.toString()).exit());
        assertEquals("# X\n\n" + ReadmeTable.START + "\n" + o.out() + ReadmeTable.END + "\n", Files.readString(readme));
        Outcome check = run(new BenchTableCommand(), "--readme", readme.toString(), "--check");
        assertEquals(0, check.exit(), check.out());
        Files.writeString(readme, "no markers\n");
        Outcome bad = run(new BenchTableCommand(), "--readme", readme.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("bench:start"), bad.err());
    }
}
