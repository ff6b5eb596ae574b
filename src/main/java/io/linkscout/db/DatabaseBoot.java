package io.linkscout.db;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Before Quarkus boots: decides whether LinkScout runs its own {@link EmbeddedDatabase} and, if so, starts it and
 * hands its URL to Quarkus as system properties ({@code quarkus.datasource.jdbc.url}, {@code .username},
 * {@code .password}), so that the datasource, Hibernate ORM and Flyway (migrations at start) use it like any
 * configured server.
 *
 * <p>The embedded database starts only when no {@code quarkus.datasource.jdbc.url} is configured (system property,
 * environment variable {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code config/application.properties} or the bundled
 * {@code application.properties}, for the active profile) and {@code linkscout.db.embedded} is not {@code false}.
 * Its data directory is {@code linkscout.db.data-dir}, by default {@code pgdata} beside the index directory
 * ({@code linkscout.index.dir}): {@code index} → {@code ./pgdata}.
 */
public final class DatabaseBoot {

    public static final String URL = "quarkus.datasource.jdbc.url";
    public static final String EMBEDDED = "linkscout.db.embedded";
    public static final String DATA_DIR = "linkscout.db.data-dir";
    public static final String PORT = "linkscout.db.port";
    public static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    static final String SESSION_KEY_FILE = "session.key";

    private DatabaseBoot() {
    }

    /** The settings that decide, read the way Quarkus will read them (profile, environment, config files). */
    public record Settings(Optional<String> url, boolean embedded, Path dataDir, int port,
            Optional<String> sessionKey) {

        public Settings(Optional<String> url, boolean embedded, Path dataDir, int port) {
            this(url, embedded, dataDir, port, Optional.empty());
        }

        /** True when LinkScout should start its own PostgreSQL. */
        public boolean startEmbedded() {
            return embedded && url.isEmpty();
        }
    }

    /** Reads the settings from system properties, the environment and the application.properties files. */
    public static Settings settings() {
        return settings(Optional.ofNullable(System.getProperty("quarkus.profile"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE"))).orElse("prod"));
    }

    /** The settings for a configuration profile ({@code prod} for the jar). */
    public static Settings settings(String profile) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .addDiscoveredConverters();
        b.withProfile(profile);
        try {
            Enumeration<URL> bundled = DatabaseBoot.class.getClassLoader().getResources("application.properties");
            while (bundled.hasMoreElements()) {
                b.withSources(new PropertiesConfigSource(bundled.nextElement(), 250));
            }
            Path local = Path.of("config", "application.properties");
            if (Files.isRegularFile(local)) {
                b.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SmallRyeConfig c = b.build();
        Optional<String> url = c.getOptionalValue(URL, String.class).filter(s -> !s.isBlank());
        boolean embedded = c.getOptionalValue(EMBEDDED, Boolean.class).orElse(true);
        Path dataDir = c.getOptionalValue(DATA_DIR, String.class).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> defaultDataDir(Path.of(c.getOptionalValue("linkscout.index.dir", String.class)
                        .orElse("index"))));
        int port = c.getOptionalValue(PORT, Integer.class).orElse(0);
        Optional<String> sessionKey = c.getOptionalValue(SESSION_KEY, String.class).filter(k -> !k.isBlank());
        return new Settings(url, embedded, dataDir, port, sessionKey);
    }

    /** {@code pgdata} beside the index directory. */
    public static Path defaultDataDir(Path indexDir) {
        Path parent = indexDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of("") : parent).resolve("pgdata");
    }

    /**
     * Starts the embedded database when {@code settings} say so, sets the datasource system properties for Quarkus
     * and registers a shutdown hook that stops it after the application has stopped. Returns it, or null when a server
     * is configured (or the embedded one is off).
     *
     * @param log where to say what happens (one line), e.g. stderr for {@code serve}
     */
    public static EmbeddedDatabase startIfNeeded(Settings settings, Consumer<String> log) {
        return startIfNeeded(settings, log, () -> { });
    }

    /** As {@link #startIfNeeded(Settings, Consumer)}; {@code afterStop} runs once the database has stopped. */
    public static EmbeddedDatabase startIfNeeded(Settings settings, Consumer<String> log, Runnable afterStop) {
        if (!settings.startEmbedded()) {
            return null;
        }
        long t0 = System.nanoTime();
        EmbeddedDatabase db = EmbeddedDatabase.start(settings.dataDir(), settings.port());
        System.setProperty(URL, db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
        System.setProperty("quarkus.datasource.password", "");
        if (settings.sessionKey().isEmpty()) {
            System.setProperty(SESSION_KEY, sessionKey(db.dataDir()));
        }
        log.accept("embedded PostgreSQL on 127.0.0.1:" + db.port() + ", data in " + db.dataDir() + " (started in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms; set QUARKUS_DATASOURCE_JDBC_URL to use a server)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitApplicationStop();
            db.close();
            afterStop.run();
        }, "linkscout-embedded-postgres-stop"));
        return db;
    }

    /**
     * The key that encrypts form-login session cookies, kept in {@code session.key} in the data directory (created
     * once, readable by the owner only), so that sessions survive a restart and no key is printed in the log.
     */
    static String sessionKey(Path dir) {
        Path f = dir.resolve(SESSION_KEY_FILE);
        try {
            if (Files.isRegularFile(f)) {
                String k = Files.readString(f).strip();
                if (k.length() >= 32) {
                    return k;
                }
            }
            byte[] b = new byte[32];
            new java.security.SecureRandom().nextBytes(b);
            String k = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            Files.writeString(f, k + "\n");
            try {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return k;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the session key in " + f, e);
        }
    }

    /** Lets Quarkus close its connections first (bounded: a stuck shutdown must not keep PostgreSQL running). */
    private static void awaitApplicationStop() {
        io.quarkus.runtime.Application app = io.quarkus.runtime.Application.currentApplication();
        if (app == null) {
            return;
        }
        Thread waiter = new Thread(app::awaitShutdown, "linkscout-await-shutdown");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
