package io.linkscout.outreach;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Keeps Hibernate ORM and Flyway inactive when no {@code quarkus.datasource.jdbc.url} is configured (Quarkus
 * deactivates the datasource by itself then), so that every command and endpoint that does not need outreach runs
 * with no database at all: {@code quarkus.hibernate-orm.active} and {@code quarkus.flyway.active} follow whether the
 * URL is set (for the active profile, from any source). A value a user sets explicitly (application.properties,
 * environment, system property, test profile) wins; values Quarkus recorded at build time do not, as the URL is only
 * known at run time.
 */
@Priority(Priorities.APPLICATION + 100)
public class OutreachActivation implements ConfigSourceInterceptor {

    static final String URL = "quarkus.datasource.jdbc.url";
    /** Ordinal of application.properties in the class path: sources from here up are a user's settings. */
    static final int USER_ORDINAL = 250;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue v = context.proceed(name);
        if (!"quarkus.hibernate-orm.active".equals(name) && !"quarkus.flyway.active".equals(name)) {
            return v;
        }
        if (v != null && v.getValue() != null && v.getConfigSourceOrdinal() >= USER_ORDINAL) {
            return v;
        }
        ConfigValue url = context.proceed(URL);
        boolean configured = url != null && url.getValue() != null && !url.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(configured))
                .withConfigSourceName("linkscout outreach: " + URL + (configured ? " set" : " not set"))
                .withConfigSourceOrdinal(USER_ORDINAL - 1).build();
    }
}
