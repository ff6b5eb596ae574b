package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line numbers count blank lines; blank lines are not handed over; "last" looks ahead without losing a line. */
class JsonLinesTest {

    @TempDir
    Path tmp;

    @Test
    void numbersSkipsBlanksAndTellsTheLastLine() throws IOException {
        Path f = tmp.resolve("a.jsonl");
        Files.writeString(f, "{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}\n", StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        JsonLines.forEach(f, (n, line, last) -> seen.add(n + ":" + line + ":" + last.get()));
        assertEquals(List.of("1:{\"a\":1}:false", "4:{\"b\":2}:false", "5:{\"c\":3}:true"), seen);
    }

    @Test
    void askingForLastTwiceOrNotAtAllChangesNothing() throws IOException {
        Path f = tmp.resolve("b.jsonl");
        Files.writeString(f, "x\ny\n\n", StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        JsonLines.forEach(f, (n, line, last) -> {
            if (n == 1) {
                seen.add(n + line + last.get() + last.get());
            } else {
                seen.add(n + line);
            }
        });
        // a trailing blank line still follows y, so y is not the last line
        assertEquals(List.of("1xfalsefalse", "2y"), seen);
        List<Boolean> lasts = new ArrayList<>();
        JsonLines.forEach(f, (n, line, last) -> lasts.add(last.get()));
        assertEquals(List.of(false, false), lasts);
    }
}
