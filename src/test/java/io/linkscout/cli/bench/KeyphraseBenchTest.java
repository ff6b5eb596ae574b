package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench keyphrases} on the dev set reproduces the keyphrases-dev/* figures of bench/expected.json. */
class KeyphraseBenchTest {

    static final Path DEV = Path.of("../shared/data/keyphrase-dev");

    @Test
    void devFiguresMatchTheExpectedFile() {
        assumeTrue(Files.isRegularFile(DEV.resolve("docs.jsonl")), "../shared keyphrase dev set not present");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchKeyphrasesCommand()).execute("--docs", DEV.resolve("docs.jsonl").toString(),
                    "--gold", DEV.resolve("gold.jsonl").toString());
        } finally {
            System.setOut(out);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(0, code, text);
        assertTrue(text.contains("inspec     docs  500"), text);
        assertTrue(text.contains("keyphrases-dev/kpcrowd"), text);
        assertTrue(text.contains("kpcrowd-mw docs  440"), text);
        assertTrue(text.contains("keyphrases-dev/kpcrowd-multiword"), text);
    }

    /**
     * The multi-word gold of a document: a phrase counts when one of its variants has two words or more; a document
     * without such a phrase is left out (as {@code models/topic_fit.py}'s DUC estimate does).
     */
    @Test
    void multiWordGoldKeepsPhrasesWithAMultiWordVariant() {
        var gold = new java.util.TreeMap<String, List<java.util.Set<String>>>();
        gold.put("a", List.of(java.util.Set.of("ship"), java.util.Set.of("ship control"),
                java.util.Set.of("kf", "kalman filter")));
        gold.put("b", List.of(java.util.Set.of("ship"), java.util.Set.of("control")));
        var multi = BenchKeyphrasesCommand.multiWord(gold);
        assertEquals(java.util.Map.of("a", List.of(java.util.Set.of("ship control"),
                java.util.Set.of("kf", "kalman filter"))), multi);
    }

    /** {@code --candidates} writes every candidate of a document with the raw features its weight comes from. */
    @Test
    void candidatesFileHoldsEveryCandidateWithItsFeatures(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("docs.jsonl");
        Files.writeString(docs, "{\"id\": \"d1\", \"title\": \"Ship control\", "
                + "\"text\": \"Ship control\\n\\nSafe ship control needs ship control rules.\"}\n");
        Path candidates = dir.resolve("candidates.jsonl");
        Path predictions = dir.resolve("pred.tsv");
        int code = new CommandLine(new BenchKeyphrasesCommand()).execute("--docs", docs.toString(),
                "--candidates", candidates.toString(), "--predictions", predictions.toString());
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(candidates);
        assertEquals(1, lines.size());
        JsonNode doc = new ObjectMapper().readTree(lines.get(0));
        assertEquals("d1", doc.get("id").asText());
        assertEquals(2, doc.get("sentences").asInt());
        JsonNode ship = null;
        JsonNode best = null;
        for (JsonNode c : doc.get("c")) {
            if (c.get("p").asText().equalsIgnoreCase("ship control")) {
                ship = c;
            }
            if (best == null || c.get("w").asDouble() > best.get("w").asDouble()) {
                best = c;
            }
        }
        assertTrue(ship != null, lines.get(0));
        // the heading, and inside "Safe ship control"; "ship control rules" is a chunk of its own with another head
        assertEquals(2, ship.get("n").asInt(), ship.toString());
        assertEquals(1, ship.get("wh").asInt(), ship.toString());
        assertEquals("[\"ship\",\"control\"]", ship.get("lw").toString());
        assertEquals(2, ship.get("df").size());
        assertEquals("[0,1]", ship.get("s").toString());
        assertTrue(ship.get("t").asBoolean());
        // the best-weighted candidate is the first prediction
        assertEquals("d1\t1\t" + best.get("p").asText(), Files.readAllLines(predictions).get(0));
    }
}
