package io.linkscout.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Empties the test database once, before any test of a run: the tests share one PostgreSQL database (by default
 * {@code 127.0.0.1:5432/test}, or {@code LINKSCOUT_TEST_DB_URL}), and whatever an earlier run of another checkout
 * left there — a migration this checkout does not have, a half-applied one — would otherwise fail Flyway's
 * validation at the first Quarkus start. Each run then migrates a clean schema from {@code V1}.
 *
 * <p>When no server answers, nothing happens here: the database tests fail on their own with the connection error.
 */
public class FreshTestDatabase implements LauncherSessionListener {

    private static boolean done;

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        if (done) {
            return;
        }
        done = true;
        String url = env("LINKSCOUT_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("LINKSCOUT_TEST_DB_USER", "postgres");
        String password = env("LINKSCOUT_TEST_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(5);
        } catch (SQLException e) {
            return;
        }
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
