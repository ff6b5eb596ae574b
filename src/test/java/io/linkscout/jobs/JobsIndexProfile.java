package io.linkscout.jobs;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The application served from the {@link JobsFixture} index. */
public class JobsIndexProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("linkscout.index.dir", JobsFixture.build(Path.of("target", "test-index-jobs-api"))
                    .toString());
        }

        @Override
        public void stop() {
        }
    }
}
