package io.linkscout.cli.bench;

import io.linkscout.db.DatabaseBoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code bench load} needs before Quarkus boots (called from {@code Main}): the application's own HTTP server on
 * 127.0.0.1 only, on a free port, serving a copy of the index in a temporary work folder, and — when no database
 * server is configured — an embedded PostgreSQL whose data lives in that folder too, removed after the run.
 */
public final class LoadServer {

    /** System property: the work folder of this run ({@code served/} index copy, {@code pgdata/}). */
    public static final String WORK = "linkscout.bench.load.work";
    /** System property: the port the server listens on. */
    public static final String PORT = "linkscout.bench.load.port";
    static final String SERVED = "served";

    private static final String[] KEYS = {"linkscout.index.dir", "quarkus.http.host-enabled", "quarkus.http.host",
        "quarkus.http.port", "quarkus.http.test-port", "quarkus.log.level", WORK, PORT};
    private static volatile boolean databaseInFolder;
    private static volatile Path workFolder;

    private LoadServer() {
    }

    /** {@code bench load ...} (not its help). */
    public static boolean isLoadCommand(String... args) {
        if (args.length < 2 || !"bench".equals(args[0]) || !"load".equals(args[1])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return false;
            }
        }
        return true;
    }

    /** Sets the system properties for the run; returns their previous values for {@link #restore}. */
    public static Map<String, String> prepare() {
        Map<String, String> before = new HashMap<>();
        for (String k : KEYS) {
            before.put(k, System.getProperty(k));
        }
        try {
            Path work = Files.createTempDirectory("linkscout-bench-load");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            workFolder = work;
            databaseInFolder = false;
            System.setProperty(WORK, work.toString());
            System.setProperty(PORT, Integer.toString(port));
            System.setProperty("linkscout.index.dir", work.resolve(SERVED).toString());
            System.setProperty("quarkus.http.host-enabled", "true");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.http.port", Integer.toString(port));
            System.setProperty("quarkus.http.test-port", Integer.toString(port));
            if (System.getProperty("quarkus.log.level") == null) {
                System.setProperty("quarkus.log.level", "WARN");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return before;
    }

    /** The embedded database (when one is started) keeps its data in the work folder, not beside the index. */
    public static DatabaseBoot.Settings databaseSettings(DatabaseBoot.Settings s) {
        databaseInFolder = s.startEmbedded();
        return new DatabaseBoot.Settings(s.url(), s.embedded(), work().resolve("pgdata"), 0, s.sessionKey());
    }

    /** Puts the system properties back (the command line can run again in the same JVM, as in tests). */
    public static void restore(Map<String, String> before) {
        if (before.isEmpty()) {
            return;
        }
        if (!databaseInFolder) {
            removeWorkFolder();
        }
        before.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    static Path work() {
        String w = System.getProperty(WORK);
        if (w == null) {
            throw new IllegalStateException("bench load was not prepared (run it through the linkscout command line)");
        }
        return Path.of(w);
    }

    /** Deletes the work folder (after the embedded database stopped, or when none ran). */
    public static void removeWorkFolder() {
        Path w = workFolder;
        if (w != null) {
            try {
                org.apache.lucene.util.IOUtils.rm(w);
            } catch (IOException e) {
                System.err.println("warning: could not remove " + w + ": " + e.getMessage());
            }
        }
    }
}
