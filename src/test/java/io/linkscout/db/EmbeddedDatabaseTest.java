package io.linkscout.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL keeps its data across restarts, refuses a second user of its directory, runs the Flyway
 * migrations, and is not started when a server is configured.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void dataSurvivesAStopAndAStartAndTheDirectoryIsLockedMeanwhile() throws Exception {
        Path dir = tmp.resolve("pgdata");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertTrue(db.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"), db.jdbcUrl());
            assertTrue(db.jdbcUrl().endsWith("/" + EmbeddedDatabase.DATABASE));
            var migrated = Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.USER, "")
                    .locations("classpath:db/migration").load().migrate();
            assertTrue(migrated.migrationsExecuted >= 1);
            sql(db, "insert into campaign (name, target_domain, content_text, created_at, updated_at, version)"
                    + " values ('kept', 'mysite.com', 'text', now(), now(), 0)");
            assertEquals(String.valueOf(ProcessHandle.current().pid()),
                    Files.readString(dir.resolve(EmbeddedDatabase.LOCK_FILE)).trim());

            UserException busy = assertThrows(UserException.class, () -> EmbeddedDatabase.start(dir, 0));
            assertTrue(busy.getMessage().contains("is in use by pid " + ProcessHandle.current().pid()),
                    busy.getMessage());
            assertTrue(busy.getMessage().contains("linkscout.db.data-dir"), busy.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(EmbeddedDatabase.CLUSTER).resolve("postmaster.pid")),
                "PostgreSQL stopped cleanly");
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dir, 0)) {
            assertEquals(0, Flyway.configure().dataSource(again.jdbcUrl(), EmbeddedDatabase.USER, "")
                    .locations("classpath:db/migration").load().migrate().migrationsExecuted);
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), EmbeddedDatabase.USER, "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select name from campaign")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void aConfiguredServerWinsAndTheEmbeddedOneCanBeSwitchedOff() {
        Path dir = tmp.resolve("unused");
        var configured = new DatabaseBoot.Settings(Optional.of("jdbc:postgresql://127.0.0.1:5432/test"), true, dir, 0);
        assertFalse(configured.startEmbedded());
        assertEquals(null, DatabaseBoot.startIfNeeded(configured, line -> { }));
        var off = new DatabaseBoot.Settings(Optional.empty(), false, dir, 0);
        assertEquals(null, DatabaseBoot.startIfNeeded(off, line -> { }));
        assertFalse(Files.exists(dir), "nothing started, nothing created");
        assertTrue(new DatabaseBoot.Settings(Optional.empty(), true, dir, 0).startEmbedded());
    }

    @Test
    void settingsFollowSystemPropertiesAndTheDefaultDirectoryIsBesideTheIndex() {
        assertEquals(Path.of("/data/pgdata"), DatabaseBoot.defaultDataDir(Path.of("/data/index")));
        assertEquals(Path.of("").toAbsolutePath().resolve("pgdata"), DatabaseBoot.defaultDataDir(Path.of("index")));
        System.setProperty(DatabaseBoot.URL, "jdbc:postgresql://db.example:5432/linkscout");
        System.setProperty(DatabaseBoot.DATA_DIR, tmp.resolve("elsewhere").toString());
        try {
            DatabaseBoot.Settings s = DatabaseBoot.settings("prod");
            assertEquals(Optional.of("jdbc:postgresql://db.example:5432/linkscout"), s.url());
            assertEquals(tmp.resolve("elsewhere"), s.dataDir());
            assertFalse(s.startEmbedded());
        } finally {
            System.clearProperty(DatabaseBoot.URL);
            System.clearProperty(DatabaseBoot.DATA_DIR);
        }
        String embedded = System.clearProperty(DatabaseBoot.EMBEDDED); // the build sets it false for the tests
        // a Quarkus test profile run before this one in the same JVM may leave its datasource overrides behind
        String url = System.clearProperty(DatabaseBoot.URL);
        String testUrl = System.clearProperty("%test." + DatabaseBoot.URL);
        try {
            DatabaseBoot.Settings plain = DatabaseBoot.settings("prod");
            assertEquals(Optional.empty(), plain.url(), "the %test URL of application.properties is not the prod one");
            assertTrue(plain.startEmbedded());
            assertTrue(DatabaseBoot.settings("test").url().isPresent(), "the test profile names its server");
        } finally {
            if (embedded != null) {
                System.setProperty(DatabaseBoot.EMBEDDED, embedded);
            }
            if (url != null) {
                System.setProperty(DatabaseBoot.URL, url);
            }
            if (testUrl != null) {
                System.setProperty("%test." + DatabaseBoot.URL, testUrl);
            }
        }
    }

    @Test
    void theSessionKeyIsMadeOnceAndKept() throws Exception {
        String k = DatabaseBoot.sessionKey(tmp);
        assertTrue(k.length() >= 40, k);
        assertEquals(k, DatabaseBoot.sessionKey(tmp));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmp.resolve(DatabaseBoot.SESSION_KEY_FILE))));
    }

    private static void sql(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
