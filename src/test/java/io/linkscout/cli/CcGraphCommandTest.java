package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cc-graph} from the command line on the Common Crawl fixture (src/test/resources/ccgraph): the ranked table
 * and the CSV, then its errors (exit code 2, the fix named, no stack trace).
 */
@QuarkusMainTest
class CcGraphCommandTest {

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void ranksTheFixtureAndRefusesBadInput(QuarkusMainLauncher launcher) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "test-cc-graph").toAbsolutePath());
        for (String name : List.of("host-vertices.txt.gz", "host-edges.txt.gz")) {
            try (InputStream in = CcGraphCommandTest.class.getResourceAsStream("/ccgraph/" + name)) {
                Files.copy(in, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String v = work.resolve("host-vertices.txt.gz").toString();
        String e = work.resolve("host-edges.txt.gz").toString();
        Path out = work.resolve("cc-authority.csv");
        LaunchResult r = launcher.launch("cc-graph", "--vertices", v, "--edges", e, "--out", out.toString(),
                "--top", "2");
        assertEquals(0, r.exitCode(), all(r));
        List<String> all = r.getOutput().lines().toList(); // the test run's log lines come first
        List<String> lines = all.subList(all.indexOf(all.stream().filter(l -> l.startsWith("rank  domain"))
                .findFirst().orElseThrow()), all.size());
        assertEquals(3, lines.size(), r.getOutput());
        assertTrue(lines.get(1).matches("1\\s+a\\.com\\s+0\\.409227\\s+40\\.4\\s+2\\s+2"), lines.get(1));
        assertTrue(lines.get(2).matches("2\\s+b\\.com\\s+0\\.399826\\s+39\\.8\\s+1\\s+2"), lines.get(2));
        assertTrue(r.getErrorOutput().contains("read 5 vertices (1 skipped) and 7 edges (2 skipped) into 4 domains "
                + "and 5 domain links; PageRank in-process"), all(r));
        assertTrue(r.getErrorOutput().contains("skipped " + v + ":5: 'com..bad' is not a reversed host name"), all(r));
        List<String> csv = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(5, csv.size());
        assertEquals("domain,cc_rank,cc_pagerank,cc_authority,cc_hosts,cc_ref_domains", csv.get(0));
        assertTrue(csv.get(4).startsWith("d.co.uk,4,0.0375"), csv.get(4));

        // the same on Spark, the host→domain join included: the same table, report and CSV rows
        Path sparkOut = work.resolve("cc-authority-spark.csv");
        r = launcher.launch("cc-graph", "--vertices", v, "--edges", e, "--out", sparkOut.toString(), "--top", "2",
                "--engine", "spark", "--master", "local[2]");
        assertEquals(0, r.exitCode(), all(r));
        all = r.getOutput().lines().toList();
        assertEquals(lines, all.subList(all.size() - 3, all.size()), r.getOutput());
        assertTrue(r.getErrorOutput().contains("read 5 vertices (1 skipped) and 7 edges (2 skipped) into 4 domains "
                + "and 5 domain links; PageRank spark local[2]"), all(r));
        assertTrue(r.getErrorOutput().contains("skipped " + v + ":5: 'com..bad' is not a reversed host name"), all(r));
        List<String> sparkCsv = Files.readAllLines(sparkOut, StandardCharsets.UTF_8);
        assertEquals(csv.size(), sparkCsv.size());
        for (int i = 0; i < csv.size(); i++) {
            // the same domain, rank and counts; PageRank and authority agree to rounding (printed to 12 digits here)
            String[] x = csv.get(i).split(",");
            String[] y = sparkCsv.get(i).split(",");
            assertEquals(List.of(x[0], x[1], x[4], x[5]), List.of(y[0], y[1], y[4], y[5]));
            if (i > 0) {
                assertEquals(Double.parseDouble(x[2]), Double.parseDouble(y[2]), 1e-12);
                assertEquals(Double.parseDouble(x[3]), Double.parseDouble(y[3]), 1e-9);
            }
        }

        r = launcher.launch("cc-graph", "--vertices", work.resolve("missing.gz").toString(), "--edges", e, "--out",
                out.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("graph file not found: " + work.resolve("missing.gz")
                + " (check the path)"), all(r));
        r = launcher.launch("cc-graph", "--vertices", v, "--edges", e, "--out", out.toString(), "--master",
                "local[2]");
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("--master needs --engine spark"), all(r));
        r = launcher.launch("cc-graph", "--vertices", v, "--edges", e, "--graph", work.resolve("g").toString(),
                "--out", out.toString());
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("give the arcs either as edge files (--edges) or as a BVGraph (--graph), "
                + "not both"), all(r));
        r = launcher.launch("cc-graph", "--vertices", v, "--edges", e, "--out", out.toString(), "--engine", "mapreduce");
        assertEquals(2, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("--engine must be in-process or spark, got mapreduce"), all(r));
        assertFalse(all(r).contains("\tat "), all(r));
    }
}
