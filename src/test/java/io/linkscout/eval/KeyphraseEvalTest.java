package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyphraseEvalTest {

    static final Path BENCH = Path.of("../shared/bench");
    static final Path DEV = Path.of("../shared/data/keyphrase-dev");

    @Test
    void tokenisationAndStemsFollowTheScript() {
        KeyphraseEval e = new KeyphraseEval();
        assertEquals(List.of("founder", "dont", "multi-step", "3.5"), KeyphraseEval.tokenize("Founder's don’t multi–step 3.5"));
        assertEquals("wind turbin", e.normalize("Wind turbines"));
        assertEquals("multi-step matrix game", e.normalize("multi-step matrix games"));
        assertEquals("cafe", e.normalize("Café")); // NFKD drops the accent; Porter leaves "cafe"
    }

    /**
     * Hand-computed: doc a has gold {ship control, collision avoidance, optimal control}; predictions "Ship controls"
     * (match), "ship control" (duplicate after normalisation, dropped), "games" (no match), "optimal control" (match).
     * @5: 2 matches of 3 kept -> P 2/3, R 2/3, F1 2/3. Doc b has gold {x} and no predictions -> 0. Macro F1@5 = 1/3.
     * @1: doc a keeps "ship control" -> P 1, R 1/3, F1 0.5; macro 0.25.
     */
    @Test
    void macroFiguresByHand() {
        KeyphraseEval e = new KeyphraseEval();
        Map<String, List<Set<String>>> gold = new LinkedHashMap<>();
        gold.put("a", List.of(Set.of(e.normalize("ship control")), Set.of(e.normalize("collision avoidance")),
                Set.of(e.normalize("optimal control"))));
        gold.put("b", List.of(Set.of("x")));
        KeyphraseEval.Summary s = e.evaluate(gold, Map.of("a", List.of("Ship controls", "ship control", "games",
                "optimal control")), 1, 5);
        assertEquals(2, s.docs());
        assertEquals(1, s.docsWithoutPredictions());
        assertEquals(1.0 / 3, s.at(5).f1(), 1e-12);
        assertEquals(1.0 / 3, s.at(5).precision(), 1e-12);
        assertEquals(0.25, s.at(1).f1(), 1e-12);
    }

    /** Every word of the dev gold stems as the script stems it, and the figures of one predictions file agree. */
    @Test
    void agreesWithEvalKeyphrasesPy(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(BENCH.resolve("eval_keyphrases.py")) && Files.isRegularFile(DEV.resolve(
                "gold.jsonl")), "../shared keyphrase bench not present");
        assumeTrue(EvaluatorTest.python3Available(), "python3 not available");
        KeyphraseEval e = new KeyphraseEval();
        Set<String> words = new TreeSet<>();
        for (String line : Files.readAllLines(DEV.resolve("docs.jsonl"))) {
            words.addAll(KeyphraseEval.tokenize(line));
        }
        Path in = tmp.resolve("words.txt");
        Files.write(in, words, StandardCharsets.UTF_8);
        Path out = tmp.resolve("stems.txt");
        String code = "import sys; sys.path.insert(0, sys.argv[1]); import eval_keyphrases as e\n"
                + "w = open(sys.argv[2], encoding='utf-8').read().split('\\n')\n"
                + "open(sys.argv[3], 'w', encoding='utf-8').write('\\n'.join(e.stem_word(x) for x in w if x))\n";
        run(List.of("python3", "-c", code, BENCH.toString(), in.toString(), out.toString()));
        List<String> py = Files.readAllLines(out);
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        for (String w : words) {
            if (!e.stem(w).equals(py.get(i++))) {
                mismatches.add(w + " -> " + e.stem(w) + " (script: " + py.get(i - 1) + ")");
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), words.size() + " words");

        // a predictions file: per document its gold phrases in reverse, interleaved with words of its text
        Map<String, List<Set<String>>> gold = e.loadGold(DEV.resolve("gold.jsonl"));
        Map<String, List<String>> preds = new LinkedHashMap<>();
        List<String> tsv = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        int n = 0;
        for (String line : Files.readAllLines(DEV.resolve("gold.jsonl"))) {
            var d = om.readTree(line);
            if (n++ % 3 == 2) {
                continue; // some documents without predictions
            }
            List<String> p = new ArrayList<>();
            var kps = d.get("keyphrases");
            for (int k = kps.size() - 1; k >= 0; k--) {
                p.add(kps.get(k).isArray() ? kps.get(k).get(0).asText() : kps.get(k).asText());
                p.add("the " + k);
            }
            preds.put(d.get("id").asText(), p);
            for (int k = 0; k < p.size(); k++) {
                tsv.add(d.get("id").asText() + "\t" + (k + 1) + "\t" + p.get(k));
            }
        }
        Path pred = tmp.resolve("pred.tsv");
        Files.write(pred, tsv, StandardCharsets.UTF_8);
        Path json = tmp.resolve("summary.json");
        run(List.of("python3", BENCH.resolve("eval_keyphrases.py").toString(), "--gold",
                DEV.resolve("gold.jsonl").toString(), "--pred", pred.toString(), "--json", json.toString()));
        var summary = om.readTree(json.toFile());
        KeyphraseEval.Summary s = e.evaluate(gold, KeyphraseEval.loadPredictions(pred), 5, 10);
        for (int k : new int[] {5, 10}) {
            assertEquals(summary.get("F1@" + k).asDouble(), s.at(k).f1(), 1e-9, "F1@" + k);
            assertEquals(summary.get("P@" + k).asDouble(), s.at(k).precision(), 1e-9, "P@" + k);
            assertEquals(summary.get("R@" + k).asDouble(), s.at(k).recall(), 1e-9, "R@" + k);
        }
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), outText);
    }
}
