package io.linkscout.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The application served from the {@link ApiFixture} index (one start shared by every test class using it). */
public class FixtureIndexProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FixtureIndexResource.class));
    }
}
