package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.outreach.MigrationsTest;
import io.linkscout.security.Tokens;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code user add / list / token create / token revoke} against the test PostgreSQL: the password comes from a file
 * (never the command line) and is stored as bcrypt; a token is printed once and stored as its SHA-256.
 */
@QuarkusMainTest
class UserCliTest {

    static final Path WORK = Path.of("target", "test-cli-users").toAbsolutePath();

    @Test
    void addListTokenRevoke(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(WORK);
        Path pw = WORK.resolve("password.txt");
        Files.writeString(pw, "root-password-1\n", StandardCharsets.UTF_8);
        try {
            sql("delete from app_user where name in ('cli-root', 'cli-other')");
        } catch (java.sql.SQLException e) {
            // no schema yet: the first launch migrates it
        }

        LaunchResult added = launcher.launch("user", "add", "--name", "cli-root", "--role", "admin",
                "--password-file", pw.toString());
        assertEquals(0, added.exitCode(), added.getErrorOutput());
        assertTrue(added.getOutput().contains("added user cli-root (admin)"), added.getOutput());
        assertTrue(query("select password_hash from app_user where name = 'cli-root'").startsWith("$2"),
                "bcrypt in the database");

        LaunchResult again = launcher.launch("user", "add", "--name", "CLI-ROOT", "--role", "viewer",
                "--password-file", pw.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.getErrorOutput().contains("already exists"), again.getErrorOutput());

        Files.writeString(pw, "short\n", StandardCharsets.UTF_8);
        LaunchResult weak = launcher.launch("user", "add", "--name", "cli-other", "--role", "editor",
                "--password-file", pw.toString());
        assertEquals(2, weak.exitCode());
        assertTrue(weak.getErrorOutput().contains("at least 10 characters"), weak.getErrorOutput());

        LaunchResult list = launcher.launch("user", "list");
        assertEquals(0, list.exitCode(), list.getErrorOutput());
        assertTrue(list.getOutput().lines().anyMatch(l -> l.startsWith("cli-root") && l.contains("admin")),
                list.getOutput());

        LaunchResult created = launcher.launch("user", "token", "create", "--name", "cli-root", "--label", "ci");
        assertEquals(0, created.exitCode(), created.getErrorOutput());
        String token = created.getOutput().strip();
        assertTrue(token.startsWith("ls_"), token);
        assertEquals(Tokens.hash(token), query("select t.token_hash from api_token t join app_user u on"
                + " u.id = t.user_id where u.name = 'cli-root' and t.label = 'ci'"));
        assertFalse(query("select count(*) from api_token where token_hash = '" + token + "'").equals("1"),
                "the token itself is not stored");

        LaunchResult revoked = launcher.launch("user", "token", "revoke", "--name", "cli-root", "--label", "ci");
        assertEquals(0, revoked.exitCode(), revoked.getErrorOutput());
        assertEquals("1", query("select count(*) from api_token t join app_user u on u.id = t.user_id"
                + " where u.name = 'cli-root' and t.revoked_at is not null"));
        LaunchResult none = launcher.launch("user", "token", "revoke", "--name", "cli-root", "--label", "ci");
        assertEquals(2, none.exitCode());
        assertTrue(none.getErrorOutput().contains("no active token labelled"), none.getErrorOutput());
    }

    static void sql(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(MigrationsTest.URL, MigrationsTest.USER,
                MigrationsTest.PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(MigrationsTest.URL, MigrationsTest.USER,
                MigrationsTest.PASSWORD); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
