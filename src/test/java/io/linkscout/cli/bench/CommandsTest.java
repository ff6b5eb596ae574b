package io.linkscout.cli.bench;

import io.linkscout.eval.LinkPredSplitTest;
import io.linkscout.eval.LinkPredSplit;
import io.linkscout.eval.ReadmeTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
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
            return ex instanceof UserException u ? u.exitCode() : 1;
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
    void evalUnitSiteScoresRegistrableDomains() throws Exception {
        Path qrels = tmp.resolve("sq.tsv");
        Path run = tmp.resolve("sr.tsv");
        Files.writeString(qrels, "https://me.github.io/p\thttps://you.github.io/a\n"
                + "https://me.github.io/p\thttps://me.github.io/b\n", StandardCharsets.UTF_8);
        // me.github.io is the query's own site (dropped); blog.co.uk then you.github.io: the hit is at site rank 2
        Files.writeString(run, "https://me.github.io/p\thttps://me.github.io/c\t1\n"
                + "https://me.github.io/p\thttps://www.blog.co.uk/x\t2\n"
                + "https://me.github.io/p\thttps://you.github.io/z\t3\n", StandardCharsets.UTF_8);
        Outcome site = run(new EvalCommand(), "--run", run.toString(), "--qrels", qrels.toString(), "--unit", "site");
        assertEquals(0, site.exit(), site.err());
        assertEquals("queries=1 mrr=0.5000 ndcg@10=0.6309 recall@10=1.0000 recall@100=1.0000 recall@50=1.0000\n",
                site.out());
        Outcome page = run(new EvalCommand(), "--run", run.toString(), "--qrels", qrels.toString());
        assertEquals("queries=1 mrr=0.0000 ndcg@10=0.0000 recall@10=0.0000 recall@100=0.0000 recall@50=0.0000\n",
                page.out());
        Outcome bad = run(new EvalCommand(), "--run", run.toString(), "--qrels", qrels.toString(), "--unit", "domain");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--unit") && bad.err().contains("page, site"), bad.err());
    }

    static final String BLOGS_FIXTURE = """
            {"url": "https://a.dev/post/", "title": "A post", "text": "See https://www.b.org/target/index.html and \
            b.org/target for more. Also b.org/other.", "links": [{"url": "https://b.org/target", "anchor": "t"}, \
            {"url": "https://c.net/x", "anchor": "c"}], "site": "a.dev", "fetched_at": "2020-01-01", "kind": "post"}
            {"url": "https://b.org/target/", "title": "Target", "text": "T text", "links": [{"url": \
            "https://a.dev/post/", "anchor": "back"}], "site": "b.org", "fetched_at": "", "kind": "post"}
            {"url": "https://b.org/about", "title": "About", "text": "Über uns\\tand \\"quotes\\"", "links": \
            [{"url": "/target", "anchor": "rel", "to": "https://b.org/target/", "match": "exact"}, \
            {"url": "https://b.org/", "anchor": "home"}], "site": "b.org", "fetched_at": "", "kind": "page"}
            {"url": "https://c.net/x", "title": "C", "text": "c", "links": [{"url": "http://other.example/", \
            "to": "https://b.org/target/"}], "site": "c.net"}
            {"url": "https://d.io/p", "title": "D", "text": "d", "links": [{"url": "https://B.ORG/target#frag", \
            "anchor": "x"}], "site": "d.io", "fetched_at": "2021-02-03"}
            """;

    /**
     * The blogs split on a hand-made corpus (outputs checked against make_blogs_split.py once): links to the target
     * removed by {@code to} and by URL key (www, index.html, case, fragment), same-site linkers not relevant, target
     * URLs cut from texts, missing anchor / fetched_at written as "".
     */
    @Test
    void linkpredSplitBlogsOnAFixtureCorpus() throws Exception {
        Path corpus = tmp.resolve("corpus.jsonl.gz");
        try (var w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(corpus)),
                StandardCharsets.UTF_8)) {
            w.write(BLOGS_FIXTURE);
        }
        Path targets = tmp.resolve("targets.txt");
        Files.writeString(targets, "https://b.org/target/\n\n");
        Path out = tmp.resolve("split");
        Outcome o = run(new LinkPredSplitCommand(), "--corpus", "blogs", "--data", corpus.toString(), targets.toString(),
                out.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals("4 pages, 1 queries (1 with >=1 linking page left), 3 held-out links (4 link records removed) -> "
                + out + "\n", o.out());
        assertEquals("""
                {"url": "https://a.dev/post/", "title": "A post", "text": "See  and  for more. Also b.org/other.", \
                "links": [{"url": "https://c.net/x", "anchor": "c"}], "site": "a.dev", "fetched_at": "2020-01-01"}
                {"url": "https://b.org/about", "title": "About", "text": "Über uns\\tand \\"quotes\\"", "links": \
                [{"url": "https://b.org/", "anchor": "home"}], "site": "b.org", "fetched_at": ""}
                {"url": "https://c.net/x", "title": "C", "text": "c", "links": [], "site": "c.net", "fetched_at": ""}
                {"url": "https://d.io/p", "title": "D", "text": "d", "links": [], "site": "d.io", "fetched_at": \
                "2021-02-03"}
                """, new String(LinkPredSplitTest.gunzip(out.resolve("pages.jsonl.gz")), StandardCharsets.UTF_8));
        assertEquals("{\"id\": \"https://b.org/target/\", \"title\": \"Target\", \"text\": \"T text\", "
                + "\"site\": \"b.org\"}\n", Files.readString(out.resolve("queries.jsonl")));
        assertEquals("https://b.org/target/\thttps://a.dev/post/\nhttps://b.org/target/\thttps://c.net/x\n"
                + "https://b.org/target/\thttps://d.io/p\n", Files.readString(out.resolve("qrels.tsv")));
        assertEquals("https://b.org/target/\thttps://a.dev/\nhttps://b.org/target/\thttps://c.net/\n"
                + "https://b.org/target/\thttps://d.io/\n", Files.readString(out.resolve("qrels_sites.tsv")));

        Files.writeString(targets, "https://b.org/target/\nhttps://nope.org/x\n");
        Outcome missing = run(new LinkPredSplitCommand(), "--corpus", "blogs", "--data", corpus.toString(),
                targets.toString(), out.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("1 targets not in the corpus, e.g. https://nope.org/x"), missing.err());
        Path bad = tmp.resolve("bad.jsonl.gz");
        try (var w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad)),
                StandardCharsets.UTF_8)) {
            w.write("{\"url\": \"https://a.dev/\", \"site\": \"a.dev\", \"links\": {}}\n");
        }
        Outcome badLinks = run(new LinkPredSplitCommand(), "--corpus", "blogs", "--data", bad.toString(),
                targets.toString(), out.toString());
        assertEquals(2, badLinks.exit());
        assertTrue(badLinks.err().contains("bad.jsonl.gz:1: field 'links' must be a list"), badLinks.err());
    }

    @Test
    void benchTablePrintsAndRewritesReadme() throws Exception {
        Outcome o = run(new BenchTableCommand());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("| benchmark | ndcg@10 | recall@10 | recall@50 | recall@100 | mrr |"), o.out());
        assertTrue(o.out().contains("| linkpred-dev/linkscout — "), o.out());
        assertTrue(o.out().contains("| linkpred-dev/bm25-title — "), o.out());
        assertTrue(o.out().contains("| linkpred-blogs-dev/linkscout — "), o.out());
        assertTrue(o.out().contains("| linkpred-blogs-dev/linkscout-site — "), o.out());
        assertTrue(o.out().contains("| linkpred-blogs-dev/bm25-title-site — "), o.out());
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
