package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    }
}
