package io.linkscout.cli;

import io.linkscout.nlp.TopicService;
import io.linkscout.nlp.TopicFixtures;
import io.linkscout.nlp.NlpPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TopicsCommandTest {

    @Test
    void tableAndJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.md");
        Files.writeString(file, TopicFixtures.resource("offshore-wind.md"));
        TopicsCommand cmd = new TopicsCommand();
        cmd.service = new TopicService(NlpPipeline.Options.defaults(), 300_000, index -> TopicFixtures.STATS);
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--content", file.toString(), "--top", "3"));
        String table = out.toString();
        // the weight is the sum of its parts, each a column (README "Keyphrase quality")
        assertTrue(table.startsWith("rank    weight  kind          count    freq  title   spec   kind   caps  topic\n"
                + "   1     6.792  LOCATION          4    4.53   1.30   0.11   0.85   0.00  North Sea\n"
                + "   2     6.015  keyphrase         4    4.53   1.30   0.18   0.00   0.00  offshore wind farms\n"), table);
        assertTrue(table.contains("weight = freq + title + spec + kind + caps"), table);
        assertTrue(table.contains("markdown content, "), table);

        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        assertEquals(0, cl.execute("--content", file.toString(), "--top", "2", "--format", "json"));
        assertTrue(json.toString().contains("\"phrase\" : \"offshore wind farms\""), json.toString());
        assertTrue(json.toString().contains("\"contentType\" : \"markdown\""), json.toString());
    }
}
