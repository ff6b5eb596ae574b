package io.linkscout.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Backup and restore", outreach database, embedded: stop, copy the data directory as a whole, (change
 * things), stop, copy it back, start — the state is exactly the backed-up one (rows, values and versions).
 */
class EmbeddedDatabaseRestoreTest {

    @TempDir
    Path tmp;

    @Test
    void aCopyOfTheStoppedDataDirectoryRestoresTheBackedUpState() throws Exception {
        Path dir = tmp.resolve("pgdata");
        Path backup = tmp.resolve("pgdata-backup");
        List<String> backedUp;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.USER, "").locations("classpath:db/migration")
                    .load().migrate();
            sql(db, "insert into campaign (name, target_domain, content_text, created_at, updated_at, version)"
                    + " values ('before', 'mysite.com', 'text', now(), now(), 0)");
            backedUp = state(db);
        }
        copy(dir, backup); // the backup: the stopped data directory, copied as a whole

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            sql(db, "update campaign set name = 'changed', version = version + 1");
            sql(db, "insert into campaign (name, target_domain, content_text, created_at, updated_at, version)"
                    + " values ('added later', 'other.com', 'text', now(), now(), 0)");
            assertEquals(List.of("added later|other.com|0", "changed|mysite.com|1"), state(db));
        }

        org.apache.lucene.util.IOUtils.rm(dir); // the restore: the copy back, while stopped
        copy(backup, dir);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertEquals(backedUp, state(db));
            assertEquals(List.of("before|mysite.com|0"), state(db));
        }
    }

    /**
     * {@code cp -a}, as the README says: it keeps owners and modes (the embedded PostgreSQL runs as another user when
     * started by root, and refuses a cluster it does not own).
     */
    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "cp -a " + from + " " + to);
    }

    private static List<String> state(EmbeddedDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, target_domain, version from campaign order by name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
            }
        }
        return out;
    }

    private static void sql(EmbeddedDatabase db, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "");
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
