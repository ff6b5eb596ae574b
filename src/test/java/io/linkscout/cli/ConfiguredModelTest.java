package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.api.ApiFixture;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One place picks the ranker model: {@code recommend} uses {@code linkscout.ranker.model} when it is configured,
 * {@code --model} overrides it; and {@code --index} defaults to {@code linkscout.index.dir}.
 */
@QuarkusMainTest
@TestProfile(ConfiguredModelTest.Profile.class)
class ConfiguredModelTest {

    static final Path WORK = Path.of("target", "test-configured-model").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                ApiFixture.deleteRecursively(WORK);
                Files.createDirectories(WORK);
                Path index = ApiFixture.build(WORK.resolve("index"));
                Files.writeString(WORK.resolve("article.md"), ApiFixture.ARTICLE, StandardCharsets.UTF_8);
                return Map.of("linkscout.index.dir", index.toString(),
                        "linkscout.ranker.model", renamedModel("configured-test-model").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The bundled model under another name, written to a file. */
    static Path renamedModel(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m;
        try (InputStream in = ConfiguredModelTest.class.getClassLoader().getResourceAsStream("models/ranker.json")) {
            m = (ObjectNode) json.readTree(in);
        }
        m.put("name", name);
        Path f = WORK.resolve(name + ".json");
        json.writeValue(f.toFile(), m);
        return f;
    }

    private static String model(LaunchResult r) throws IOException {
        assertEquals(0, r.exitCode(), r.getOutput() + "\n" + r.getErrorOutput());
        String out = r.getOutput();
        // the first launch of the application may print its start-up log lines before the answer
        int json = out.startsWith("{") ? 0 : out.indexOf("\n{") + 1;
        out = out.substring(json);
        try {
            return new ObjectMapper().readTree(out).get("model").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out + "\n" + r.getErrorOutput(), e);
        }
    }

    @Test
    void recommendUsesTheConfiguredModelAndTheConfiguredIndex(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("recommend", "--content", WORK.resolve("article.md").toString(),
                "--format", "json", "--top", "3");
        assertEquals("configured-test-model", model(r));
    }

    @Test
    void modelOptionOverridesTheConfiguredModel(QuarkusMainLauncher launcher) throws Exception {
        Path other = renamedModel("override-model");
        LaunchResult r = launcher.launch("recommend", "--content", WORK.resolve("article.md").toString(),
                "--format", "json", "--top", "3", "--model", other.toString());
        assertEquals("override-model", model(r));
    }
}
