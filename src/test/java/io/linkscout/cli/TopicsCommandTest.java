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
        assertTrue(table.startsWith("rank    weight  kind          count  topic\n"
                + "   1     7.277  keyphrase         4  offshore wind farms\n"), table);
        assertTrue(table.contains("markdown content, "), table);

        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        assertEquals(0, cl.execute("--content", file.toString(), "--top", "2", "--format", "json"));
        assertTrue(json.toString().contains("\"phrase\" : \"wind turbine\""), json.toString());
        assertTrue(json.toString().contains("\"contentType\" : \"markdown\""), json.toString());
    }
}
