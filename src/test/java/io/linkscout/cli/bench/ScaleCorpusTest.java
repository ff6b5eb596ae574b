package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic corpus of {@code bench scale}: same seed, same bytes; its shape (domains, links, URLs). */
class ScaleCorpusTest {

    @TempDir
    Path dir;

    static List<ScaleCorpus.Source> sources() throws Exception {
        try (InputStream in = ScaleCorpus.class.getClassLoader().getResourceAsStream(BenchScaleCommand.BUNDLED_SAMPLE)) {
            return ScaleCorpus.read(in);
        }
    }

    String corpus(List<ScaleCorpus.Source> src, long seed, String name) throws Exception {
        ScaleCorpus c = new ScaleCorpus(src, 400, seed);
        c.writePages(dir.resolve(name), 0, 400);
        c.writePages(dir.resolve(name + ".more"), 400, 404);
        c.queries(5);
        return c.sha256();
    }

    @Test
    void sameSeedSameCorpusOtherSeedOther() throws Exception {
        List<ScaleCorpus.Source> src = sources();
        String a = corpus(src, 42, "a");
        assertEquals(a, corpus(src, 42, "b"));
        assertEquals(Files.readString(dir.resolve("a")), Files.readString(dir.resolve("b")));
        assertNotEquals(a, corpus(src, 7, "c"));
    }

    @Test
    void pagesOverNOver40DomainsLinkingInsideTheCorpus() throws Exception {
        corpus(sources(), 42, "p");
        ObjectMapper om = new ObjectMapper();
        List<String> lines = Files.readAllLines(dir.resolve("p"));
        assertEquals(400, lines.size());
        Set<String> urls = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (String l : lines) {
            JsonNode n = om.readTree(l);
            urls.add(n.get("url").asText());
            hosts.add(java.net.URI.create(n.get("url").asText()).getHost());
            assertTrue(n.get("text").asText().split(" ").length >= 50, l);
        }
        assertEquals(400, urls.size());
        assertEquals(10, hosts.size());
        for (String l : lines) {
            for (JsonNode link : om.readTree(l).get("links")) {
                assertTrue(urls.contains(link.get("url").asText()), link.toString());
            }
        }
    }
}
