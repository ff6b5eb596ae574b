package io.linkscout.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** The application with {@code linkscout.index.dir} pointing at a folder that holds no index. */
public class NoIndexProfile implements QuarkusTestProfile {

    public static final String DIR = Path.of("target", "test-index-none").toAbsolutePath().toString();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("linkscout.index.dir", DIR);
    }
}
