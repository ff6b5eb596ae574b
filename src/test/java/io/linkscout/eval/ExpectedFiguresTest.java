package io.linkscout.eval;

import io.linkscout.cli.bench.BenchLinkPredCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedFiguresTest {

    static final String JSON = """
            {"format": "linkscout-expected-figures", "version": 3, "benchmarks": {
              "dev": {"description": "dev split", "command": "x", "metrics": {
                 "ndcg@10": {"expected": 0.780, "tolerance": 0.005},
                 "recall@100": {"expected": 0.873, "tolerance": 0.01}}},
              "other|b": {"metrics": {"mrr": {"expected": 0.5, "tolerance": 0.0005}}}}}
            """;

    private static ExpectedFigures.Status status(double measured) {
        ExpectedFigures f = ExpectedFigures.parse(JSON, "t.json");
        return f.check("dev", Map.of("ndcg@10", measured, "recall@100", 0.873)).get(0).status();
    }

    @Test
    void toleranceIsTwoSidedAndInclusive() {
        assertEquals(ExpectedFigures.Status.PASS, status(0.780));
        assertEquals(ExpectedFigures.Status.PASS, status(0.784));
        assertEquals(ExpectedFigures.Status.PASS, status(0.776));
        assertEquals(ExpectedFigures.Status.PASS, status(0.785)); // exactly at +tolerance
        assertEquals(ExpectedFigures.Status.PASS, status(0.775)); // exactly at -tolerance
        assertEquals(ExpectedFigures.Status.TOO_HIGH, status(0.7851));
        assertEquals(ExpectedFigures.Status.TOO_HIGH, status(0.90));
        assertEquals(ExpectedFigures.Status.TOO_LOW, status(0.7749));
        assertEquals(ExpectedFigures.Status.TOO_LOW, status(0.1));
    }

    @Test
    void missingMetricFailsAndExtraMetricsAreIgnored() {
        ExpectedFigures f = ExpectedFigures.parse(JSON, "t.json");
        List<ExpectedFigures.Check> checks = f.check("dev", Map.of("ndcg@10", 0.78, "mrr", 0.1));
        assertEquals(2, checks.size());
        assertTrue(checks.get(0).passed());
        assertEquals("recall@100", checks.get(1).metric());
        assertEquals(ExpectedFigures.Status.MISSING, checks.get(1).status());
        assertFalse(ExpectedFigures.allPassed(checks));
        assertTrue(checks.get(1).toString().startsWith("FAIL dev recall@100: not measured"));
        List<ExpectedFigures.Check> high = f.check("dev", Map.of("ndcg@10", 0.9, "recall@100", 0.873));
        assertTrue(high.get(0).toString().contains("better than expected"), high.get(0).toString());
        assertTrue(ExpectedFigures.allPassed(f.check("dev", Map.of("ndcg@10", 0.781, "recall@100", 0.87))));
    }

    @Test
    void unknownBenchmarkAndBadFilesAreUserErrors() {
        ExpectedFigures f = ExpectedFigures.parse(JSON, "t.json");
        assertThrows(UserException.class, () -> f.check("nope", Map.of()));
        assertThrows(UserException.class, () -> ExpectedFigures.parse("{\"version\": 1}", "a.json"));
        UserException e = assertThrows(UserException.class, () -> ExpectedFigures.parse(
                "{\"format\": \"linkscout-expected-figures\", \"version\": 1, \"benchmarks\": {\"b\": {\"metrics\":"
                        + " {\"mrr\": {\"expected\": 0.5}}}}}", "b.json"));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("b/mrr"), e.getMessage());
        assertThrows(UserException.class, () -> ExpectedFigures.parse("{not json", "c.json"));
    }

    @Test
    void bundledFileParses() {
        ExpectedFigures f = ExpectedFigures.loadDefault();
        assertTrue(f.version() >= 1);
        assertTrue(f.benchmarks().containsKey("linkpred-dev/bm25-title"));
        // every linkpred-blogs-dev benchmark has its site-level twin, with the same metrics
        List<String> blogs = f.benchmarks().keySet().stream().filter(k -> k.startsWith("linkpred-blogs-dev/")).toList();
        assertEquals(List.of("linkpred-blogs-dev/random", "linkpred-blogs-dev/out-degree",
                "linkpred-blogs-dev/bm25-title", "linkpred-blogs-dev/bm25-tfidf30", "linkpred-blogs-dev/linkscout",
                "linkpred-blogs-dev/random-site", "linkpred-blogs-dev/out-degree-site",
                "linkpred-blogs-dev/bm25-title-site", "linkpred-blogs-dev/bm25-tfidf30-site",
                "linkpred-blogs-dev/linkscout-site"), blogs);
        for (String b : blogs) {
            assertEquals(List.of("ndcg@10", "recall@10", "recall@50", "recall@100", "mrr"),
                    List.copyOf(f.benchmark(b).metrics().keySet()), b);
        }
        assertEquals(BenchLinkPredCommand.Corpus.blogs.benchmark() + BenchLinkPredCommand.SITE_SUFFIX,
                "linkpred-blogs-dev/linkscout-site");
        assertTrue(f.benchmarks().keySet().containsAll(List.of("guestposts-fixtures/html", "guestposts-fixtures/text",
                "link-intersect/fixture", "link-intersect/warc-fixtures")), f.benchmarks().keySet()::toString);
        assertEquals(List.of("results", "explainable", "explained-share"),
                List.copyOf(f.benchmark("link-intersect/fixture").metrics().keySet()));
        assertTrue(f.check("linkpred-dev/bm25-title", Map.of("ndcg@10", 0.705, "recall@100", 0.818))
                .stream().allMatch(ExpectedFigures.Check::passed));
    }

    @Test
    void rendersMarkdownTable() {
        String t = ReadmeTable.render(ExpectedFigures.parse(JSON, "t.json"));
        assertEquals("""
                | benchmark | ndcg@10 | recall@100 |
                |---|---:|---:|
                | dev — dev split | 0.780 ± 0.005 | 0.873 ± 0.010 |

                | benchmark | mrr |
                |---|---:|
                | other\\|b | 0.5000 ± 0.0005 |

                Expected figures ± tolerance from `src/main/resources/bench/expected.json` (version 3); \
                generated by `linkscout bench-table --readme README.md`.
                """, t);
    }

    @Test
    void rendersOneTablePerFamilyWithCountsAsIntegers() {
        String t = ReadmeTable.render(ExpectedFigures.parse("""
                {"format": "linkscout-expected-figures", "version": 7, "benchmarks": {
                  "lp/a": {"metrics": {"mrr": {"expected": 0.5, "tolerance": 0.001},
                                       "ndcg@10": {"expected": 0.25, "tolerance": 0.001}}},
                  "gp/html": {"metrics": {"detection-recall": {"expected": 0.882, "tolerance": 0.001},
                                          "exact-labels": {"expected": 25, "tolerance": 0}}},
                  "lp/b": {"metrics": {"recall@100": {"expected": 0.9, "tolerance": 0.002}}},
                  "gp/text": {"metrics": {"exact-labels": {"expected": 24, "tolerance": 1}}}}}
                """, "t.json"));
        assertEquals("""
                | benchmark | ndcg@10 | recall@100 | mrr |
                |---|---:|---:|---:|
                | lp/a | 0.250 ± 0.001 | – | 0.500 ± 0.001 |
                | lp/b | – | 0.900 ± 0.002 | – |

                | benchmark | detection-recall | exact-labels |
                |---|---:|---:|
                | gp/html | 0.882 ± 0.001 | 25 ± 0 |
                | gp/text | – | 24 ± 1 |

                Expected figures ± tolerance from `src/main/resources/bench/expected.json` (version 7); \
                generated by `linkscout bench-table --readme README.md`.
                """, t);
    }

    @Test
    void verifyPrintsCheckLinesAndFailsOnAWrongExpectedValue() {
        // the bundled guest-post figures against a file whose html detection-recall is wrong (0.9 instead of 0.882)
        ExpectedFigures wrong = ExpectedFigures.parse("""
                {"format": "linkscout-expected-figures", "version": 1, "benchmarks": {
                  "guestposts-fixtures/html": {"metrics": {
                     "detection-recall": {"expected": 0.9, "tolerance": 0.001},
                     "exact-labels": {"expected": 25, "tolerance": 0}}}}}
                """, "t.json");
        Map<String, Double> measured = Map.of("detection-recall", 0.882, "exact-labels", 25.0);
        List<String> out = new ArrayList<>();
        assertFalse(wrong.verify("guestposts-fixtures/html", measured, out::add));
        assertEquals(List.of("check FAIL guestposts-fixtures/html detection-recall: measured 0.8820, expected "
                        + "0.9000 ± 0.0010 (worse than expected)",
                "check ok   guestposts-fixtures/html exact-labels: 25.0000, expected 25.0000 ± 0.0000",
                "FAILED: figures outside their tolerance in bench/expected.json (guestposts-fixtures/html)"), out);
        out.clear();
        assertTrue(ExpectedFigures.loadDefault().verify("guestposts-fixtures/html", Map.of("detection-precision",
                1.0, "detection-recall", 0.926, "sells-precision", 1.0, "sells-recall", 0.833, "exact-labels", 43.0),
                out::add), String.join("\n", out));
        assertEquals(6, out.size());
        assertTrue(out.stream().limit(5).allMatch(l -> l.startsWith("check ok   guestposts-fixtures/html ")), out::toString);
        // a count is exact: one label more is a failure too
        assertFalse(wrong.verify("guestposts-fixtures/html", Map.of("detection-recall", 0.9, "exact-labels", 26.0),
                l -> { }));
    }

    @Test
    void readmeTableIsInSyncWithTheBundledFile() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = ReadmeTable.render(ExpectedFigures.loadDefault());
        assertEquals(readme, ReadmeTable.replaceSection(readme, table),
                "README.md's bench table is stale: run linkscout bench-table --readme README.md");
        // the link-prediction table comes first, unchanged by the other families
        assertTrue(table.startsWith("| benchmark | ndcg@10 | recall@10 | recall@50 | recall@100 | mrr |\n"), table);
        assertTrue(table.contains("| link-intersect/warc-fixtures — "), table);
        assertTrue(table.contains("| guestposts-fixtures/text — "), table);
    }

    @Test
    void rewritesOnlyTheMarkedSection() {
        String readme = "# LinkScout\n\nintro\n\n" + ReadmeTable.START + "\nold table\n" + ReadmeTable.END
                + "\n\nmore text\n";
        String out = ReadmeTable.replaceSection(readme, "| new |\n");
        assertEquals("# LinkScout\n\nintro\n\n" + ReadmeTable.START + "\n| new |\n" + ReadmeTable.END
                + "\n\nmore text\n", out);
        assertEquals(out, ReadmeTable.replaceSection(out, "| new |")); // idempotent
        assertThrows(UserException.class, () -> ReadmeTable.replaceSection("no markers", "x"));
        assertThrows(UserException.class, () -> ReadmeTable.replaceSection(
                ReadmeTable.END + "\n" + ReadmeTable.START, "x"));
        assertThrows(UserException.class, () -> ReadmeTable.replaceSection(
                ReadmeTable.START + ReadmeTable.END + ReadmeTable.START + ReadmeTable.END, "x"));
    }
}
