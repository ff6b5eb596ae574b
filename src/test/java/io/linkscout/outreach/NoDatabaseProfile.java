package io.linkscout.outreach;

import io.linkscout.api.FixtureIndexResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The application with no database URL, as {@code java -jar ... serve} runs without QUARKUS_DATASOURCE_JDBC_URL
 * ({@link OutreachActivation} then keeps Hibernate ORM and Flyway inactive), serving the fixture index.
 */
public class NoDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("%test.quarkus.datasource.jdbc.url", "", "quarkus.datasource.jdbc.url", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FixtureIndexResource.class));
    }
}
