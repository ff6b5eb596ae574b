package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    static final Path EVAL_PY = Path.of("..", "shared", "bench", "eval_linkpred.py");

    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void handComputedMetricsWithDuplicatesMissingQueryAndTrecLines() throws IOException {
        Path qrels = write("qrels.tsv", """
                https://w.org/wiki/Q1\thttps://w.org/wiki/A
                https://w.org/wiki/Q1\thttps://w.org/wiki/B

                https://w.org/wiki/Q2\thttps://w.org/wiki/C
                https://w.org/wiki/Q3\thttps://w.org/wiki/D
                """);
        // Q1: x(1) A(2) A(3, duplicate) y(4) B(5) -> deduplicated x A y B: A at 2, B at 4.
        // Q2: TREC line, C at rank 1. Q3: absent from the run -> zeros.
        Path run = write("run.tsv", """
                https://w.org/wiki/Q1\thttps://w.org/wiki/B\t5\t0.1
                https://w.org/wiki/Q1\thttps://w.org/wiki/x\t1\t0.9
                https://w.org/wiki/Q1\thttps://w.org/wiki/A\t3\t0.3
                https://w.org/wiki/Q1\thttps://w.org/wiki/A\t2\t0.5
                https://w.org/wiki/Q1\thttps://w.org/wiki/y\t4\t0.2
                https://w.org/wiki/Q2 Q0 https://w.org/wiki/C 1 7.5 mytag
                """);
        Evaluator.Result r = Evaluator.evaluate(Run.load(run), Qrels.load(qrels));
        assertEquals(3, r.queries());
        double ndcg1 = (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3));
        Map<String, Double> q1 = r.perQuery().get("https://w.org/wiki/Q1");
        assertEquals(ndcg1, q1.get("ndcg@10"), 1e-12);
        assertEquals(0.5, q1.get("mrr"), 1e-12);
        assertEquals(1.0, q1.get("recall@10"), 1e-12);
        assertEquals(Map.of("mrr", 0.0, "ndcg@10", 0.0, "recall@10", 0.0, "recall@50", 0.0, "recall@100", 0.0),
                r.perQuery().get("https://w.org/wiki/Q3"));
        assertEquals((0.5 + 1 + 0) / 3, r.means().get("mrr"), 1e-12);
        assertEquals((ndcg1 + 1 + 0) / 3, r.means().get("ndcg@10"), 1e-12);
        assertEquals(2.0 / 3, r.means().get("recall@100"), 1e-12);
        assertEquals(List.of("mrr", "ndcg@10", "recall@10", "recall@100", "recall@50"),
                List.copyOf(r.means().keySet()));
        assertEquals("queries=3 mrr=0.5000 ndcg@10=0.5503 recall@10=0.6667 recall@100=0.6667 recall@50=0.6667",
                r.toText());
        assertTrue(r.toJson().startsWith("{\"queries\": 3, \"mrr\": 0.5000, \"ndcg@10\": 0.5503"));
    }

    @Test
    void cutoffsCountOnlyTopK() {
        List<String> ranked = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ranked.add("u" + i);
        }
        Map<String, Double> m = Evaluator.score(ranked, java.util.Set.of("u9", "u10", "u49", "u99", "u100"));
        assertEquals(0.2, m.get("recall@10"), 1e-12);
        assertEquals(0.6, m.get("recall@50"), 1e-12);
        assertEquals(0.8, m.get("recall@100"), 1e-12);
        assertEquals(0.1, m.get("mrr"), 1e-12);
        double idcg = 0;
        for (int i = 0; i < 5; i++) {
            idcg += 1 / log2(i + 2);
        }
        assertEquals(1 / log2(11) / idcg, m.get("ndcg@10"), 1e-12);
    }

    @Test
    void urlsAreComparedLikeThePythonScorer() {
        assertEquals("https://en.wikipedia.org/wiki/Áedán", EvalUrls.normalise(" HTTPS://EN.Wikipedia.ORG/wiki/%C3%81ed%C3%A1n/#top "));
        assertEquals("https://example.com/", EvalUrls.normalise("https://Example.com"));
        assertEquals("https://example.com/a?x=1", EvalUrls.normalise("https://example.com/a/?x=1#f"));
        assertEquals("https://example.com/A", EvalUrls.normalise("https://example.com/A//"));
        assertEquals("\uFFFDx", EvalUrls.unquote("%C3x"));
        assertEquals("%zz%4", EvalUrls.unquote("%zz%4"));
        assertEquals("Q1", EvalUrls.normalise("Q1"));
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        Path run = write("bad.tsv", "q\tu\t1\nq\tu\n");
        UserException e = assertThrows(UserException.class, () -> Run.load(run));
        assertTrue(e.getMessage().contains("bad.tsv:2"), e.getMessage());
        Path run2 = write("bad2.tsv", "q\tu\tfirst\n");
        e = assertThrows(UserException.class, () -> Run.load(run2));
        assertTrue(e.getMessage().contains("bad2.tsv:1") && e.getMessage().contains("first"), e.getMessage());
        Path qrels = write("badq.tsv", "q\tu\nonlyone\n");
        e = assertThrows(UserException.class, () -> Qrels.load(qrels));
        assertTrue(e.getMessage().contains("badq.tsv:2"), e.getMessage());
        e = assertThrows(UserException.class, () -> Qrels.load(tmp.resolve("missing.tsv")));
        assertTrue(e.getMessage().contains("missing.tsv"), e.getMessage());
        Path latin1 = tmp.resolve("latin1.tsv");
        Files.write(latin1, new byte[] {'q', '\t', (byte) 0xE9, '\n'});
        e = assertThrows(UserException.class, () -> Qrels.load(latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void pythonRoundingIsReproduced() {
        assertEquals("0.1250", Evaluator.format4(0.125));
        assertEquals("0.0000", Evaluator.format4(0.0));
        assertEquals("1.0000", Evaluator.format4(1.0));
        assertEquals("0.0001", Evaluator.format4(0.00005)); // binary value is just above 0.00005
        assertEquals("0.0000", Evaluator.format4(0.00004999999999999999));
        assertEquals("0.0001", Evaluator.format4(0.00015)); // binary value just below; String.format gives 0.0002
        assertEquals("0.6667", Evaluator.format4(2.0 / 3));
    }

    @Test
    void agreesWithEvalLinkpredPyOnRandomRuns() throws Exception {
        assumeTrue(Files.isRegularFile(EVAL_PY), "../shared/bench/eval_linkpred.py not present");
        assumeTrue(python3Available(), "python3 not available");
        for (long seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            String[] hosts = {"https://en.wikipedia.org/wiki/", "HTTPS://EN.WIKIPEDIA.org/wiki/", "http://x.org/"};
            String[] names = new String[300];
            for (int i = 0; i < names.length; i++) {
                names[i] = switch (i % 5) {
                    case 0 -> "Page_" + i;
                    case 1 -> "%C3%89t%C3%A9_" + i;
                    case 2 -> "Été_" + i;
                    case 3 -> "Page_" + (i - 3) + "/";
                    default -> "Q_" + i + "?a=1#frag";
                };
            }
            StringBuilder qrels = new StringBuilder();
            StringBuilder run = new StringBuilder();
            int queries = 40;
            for (int q = 0; q < queries; q++) {
                String qid = hosts[0] + "Target_" + q;
                int nrel = 1 + rnd.nextInt(15);
                for (int j = 0; j < nrel; j++) {
                    qrels.append(qid).append('\t').append(hosts[rnd.nextInt(2)]).append(names[rnd.nextInt(names.length)])
                            .append('\n');
                }
                if (q % 7 == 3) {
                    continue; // missing from the run
                }
                int len = rnd.nextInt(150);
                for (int r = 0; r < len; r++) {
                    String url = hosts[rnd.nextInt(hosts.length)] + names[rnd.nextInt(names.length)];
                    int rank = r % 13 == 5 ? r - 1 : r + 1; // some rank ties
                    if (rnd.nextInt(4) == 0) {
                        run.append(qid).append(" Q0 ").append(url).append(' ').append(rank).append(" 1.5 tag\n");
                    } else {
                        run.append(qid).append('\t').append(url).append('\t').append(rank).append('\t')
                                .append(1.0 / (r + 1)).append('\n');
                    }
                }
            }
            Path qrelsFile = write("q" + seed + ".tsv", qrels.toString());
            Path runFile = write("r" + seed + ".tsv", run.toString());
            String java = Evaluator.evaluate(Run.load(runFile), Qrels.load(qrelsFile)).toText();
            Process p = new ProcessBuilder("python3", EVAL_PY.toString(), runFile.toString(), qrelsFile.toString())
                    .redirectErrorStream(true).start();
            String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), py);
            assertEquals(py, java, "seed " + seed);
        }
    }

    static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
