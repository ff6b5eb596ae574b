package io.linkscout.cli;

import io.linkscout.cli.bench.LoadServer;
import io.linkscout.db.DatabaseBoot;
import io.linkscout.error.UserException;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Set;

/**
 * Entry point of {@code java -jar target/quarkus-app/quarkus-run.jar <command>}.
 *
 * <p>Only {@code serve} opens an HTTP port and logs at INFO; every other command runs quietly and exits. The
 * commands that need the outreach database ({@link #needsDatabase}) get LinkScout's embedded PostgreSQL when no
 * {@code QUARKUS_DATASOURCE_JDBC_URL} is configured ({@link DatabaseBoot}); it is started here, before Quarkus
 * boots, because Quarkus reads the datasource URL at boot. All other commands never start one.
 */
@QuarkusMain
public class Main {

    /** Commands that always need the database. */
    static final Set<String> DATABASE_COMMANDS = Set.of("serve", "campaign", "user", "monitor");
    /** Job commands that need it when sending results to a campaign. */
    static final Set<String> JOB_COMMANDS = Set.of("guest-posts", "topics-that-earn", "link-intersect", "mentions");

    public static void main(String... args) {
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        boolean load = LoadServer.isLoadCommand(args);
        java.util.Map<String, String> before = load ? LoadServer.prepare() : java.util.Map.of();
        try {
            run(serve, load, args);
        } finally {
            LoadServer.restore(before);
        }
    }

    private static void run(boolean serve, boolean load, String... args) {
        if (!serve && !load) {
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.log.level", "WARN");
            setIfAbsent("quarkus.log.category.\"io.linkscout\".level", "WARN");
            // only a running server checks won links on a schedule (linkscout.monitor.every)
            System.setProperty("quarkus.scheduler.enabled", "false");
        }
        setIfAbsent("quarkus.banner.enabled", "false");
        if (needsDatabase(args) || load) {
            try {
                if (load) {
                    DatabaseBoot.startIfNeeded(LoadServer.databaseSettings(DatabaseBoot.settings()), line -> { },
                            LoadServer::removeWorkFolder);
                } else {
                    DatabaseBoot.startIfNeeded(DatabaseBoot.settings(), serve ? System.err::println : line -> { });
                }
            } catch (UserException e) {
                System.err.println("error: " + e.getMessage());
                if (Boolean.getBoolean("linkscout.debug")) {
                    e.printStackTrace();
                }
                System.exit(e.exitCode());
            }
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    /** {@code serve}, {@code campaign ...}, {@code user ...}, and a job command with {@code --campaign}; not help. */
    static boolean needsDatabase(String... args) {
        if (args.length == 0) {
            return false;
        }
        if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version")
                || a.equals("-V"))) {
            return false;
        }
        if (DATABASE_COMMANDS.contains(args[0])) {
            return args[0].equals("serve") || args.length > 1; // a bare "campaign" only prints its usage
        }
        return JOB_COMMANDS.contains(args[0])
                && Arrays.stream(args).anyMatch(a -> a.equals("--campaign") || a.startsWith("--campaign="));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
