package io.linkscout.cli;

import io.linkscout.nlp.TopicService;
import io.linkscout.nlp.TopicFixtures;
import io.linkscout.nlp.NlpPipeline;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.IndexTermStatisticsProvider;
import java.util.ArrayList;
import java.util.List;
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
        cmd.service = new TopicService(NlpPipeline.Options.defaults(), 300_000, index -> {
            throw new AssertionError("the command reads its statistics through the backend it resolved");
        });
        cmd.backends = new BackendResolver("lucene", null);
        List<BackendResolver.Choice> asked = new ArrayList<>();
        cmd.statistics = new IndexTermStatisticsProvider() {
            @Override
            public TermStatistics forIndex(Path index, BackendResolver.Choice backend, boolean requireIndex) {
                assertEquals(null, index);
                assertEquals(false, requireIndex);
                asked.add(backend);
                return TopicFixtures.STATS;
            }
        };
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--content", file.toString(), "--top", "3"));
        String table = out.toString();
        // the weight is the sum of its parts, each a column (README "Keyphrase quality")
        String[] lines = table.split("\n");
        assertEquals("rank    weight  kind          count    freq    pos  title   spec    len   kind   caps  topic",
                lines[0]);
        assertTrue(lines[1].endsWith("  North Sea") && lines[1].contains("LOCATION"), table);
        assertTrue(lines[2].endsWith("  offshore wind farms") && lines[2].contains("keyphrase"), table);
        for (int i = 1; i <= 3; i++) {
            String[] f = lines[i].trim().split("\\s+");
            double parts = 0;
            for (int k = 4; k <= 10; k++) {
                parts += Double.parseDouble(f[k]);
            }
            assertEquals(Double.parseDouble(f[1]), parts, 0.04, lines[i]);
        }
        assertTrue(table.contains("weight = freq + pos + title + spec + len + kind + caps"), table);
        assertTrue(table.contains("markdown content, "), table);

        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        assertEquals(0, cl.execute("--content", file.toString(), "--top", "2", "--format", "json"));
        assertTrue(json.toString().contains("\"phrase\" : \"offshore wind farms\""), json.toString());
        assertTrue(json.toString().contains("\"contentType\" : \"markdown\""), json.toString());
        // the configured backend (lucene here), resolved once per run
        assertEquals(List.of(BackendResolver.Choice.LUCENE, BackendResolver.Choice.LUCENE), asked);
    }
}
