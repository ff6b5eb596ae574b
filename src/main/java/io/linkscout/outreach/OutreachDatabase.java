package io.linkscout.outreach;

import io.agroal.api.AgroalDataSource;
import io.linkscout.error.UserException;
import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether the outreach database is configured. Without {@code quarkus.datasource.jdbc.url} Quarkus keeps the
 * datasource, the persistence unit and Flyway inactive; everything that does not need outreach still works, and
 * outreach calls get {@link #require()}'s 503 explaining how to configure PostgreSQL.
 */
@ApplicationScoped
public class OutreachDatabase {

    /** What to set, for error messages, the health check and the README. */
    public static final String HOW_TO_CONFIGURE = "set QUARKUS_DATASOURCE_JDBC_URL (e.g."
            + " jdbc:postgresql://localhost:5432/linkscout), QUARKUS_DATASOURCE_USERNAME and"
            + " QUARKUS_DATASOURCE_PASSWORD (or quarkus.datasource.jdbc.url, .username, .password in"
            + " application.properties), then restart the server or rerun the command; Flyway creates the schema on start";

    @Inject
    InjectableInstance<AgroalDataSource> dataSource;

    /** True when a datasource URL is configured (the persistence unit is active). */
    public boolean configured() {
        return dataSource.isResolvable() && dataSource.getHandle().getBean().checkActive().value();
    }

    /** Why the database is inactive, or null when it is active. */
    public String inactiveReason() {
        if (!dataSource.isResolvable()) {
            return "no datasource";
        }
        ActiveResult r = dataSource.getHandle().getBean().checkActive();
        return r.value() ? null : r.inactiveReason();
    }

    /** Throws a {@link UserException} with status 503 unless the database is configured. */
    public void require() {
        if (!configured()) {
            throw new UserException("outreach (campaigns and prospects) needs a PostgreSQL database, and none is"
                    + " configured: " + HOW_TO_CONFIGURE, 503);
        }
    }
}
