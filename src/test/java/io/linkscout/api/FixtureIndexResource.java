package io.linkscout.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/** Builds the {@link ApiFixture} index before the application starts and points {@code linkscout.index.dir} at it. */
public class FixtureIndexResource implements QuarkusTestResourceLifecycleManager {

    public static final Path DIR = Path.of("target", "test-index-api");

    @Override
    public Map<String, String> start() {
        return Map.of("linkscout.index.dir", ApiFixture.build(DIR).toString());
    }

    @Override
    public void stop() {
        // kept for inspection; rebuilt on the next run
    }
}
