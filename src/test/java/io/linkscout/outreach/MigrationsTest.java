package io.linkscout.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations build the schema from an empty database (a fresh schema on the test PostgreSQL), and a second
 * run has nothing to do. (Every @QuarkusTest start also validates the Hibernate mapping against the migrated schema:
 * {@code %test.quarkus.hibernate-orm.schema-management.strategy=validate}.)
 */
public class MigrationsTest {

    public static final String URL = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("LINKSCOUT_TEST_DB_PASSWORD", "");
    static final String SCHEMA = "linkscout_migrations_test";

    @Test
    void migratesAnEmptySchemaAndIsIdempotent() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        Flyway flyway = Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load();
        MigrateResult first = flyway.migrate();
        assertEquals(4, first.migrationsExecuted); // V1__outreach, V2__users, V3__prospect_toxic, V4__won_links
        assertEquals("4", first.targetSchemaVersion);
        assertEquals(0, flyway.migrate().migrationsExecuted);
        flyway.validate();
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = '"
                        + SCHEMA + "' order by table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertEquals(List.of("api_token", "app_user", "campaign", "exclusion", "flyway_schema_history", "link_check", "prospect",
                "prospect_status_change"),
                tables);
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop schema " + SCHEMA + " cascade");
        }
    }
}
