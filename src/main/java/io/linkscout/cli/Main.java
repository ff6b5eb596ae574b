package io.linkscout.cli;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code java -jar target/quarkus-app/quarkus-run.jar <command>}.
 *
 * <p>Only {@code serve} opens an HTTP port and logs at INFO; every other command runs quietly and exits.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        if (!serve) {
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.log.level", "WARN");
            setIfAbsent("quarkus.log.category.\"io.linkscout\".level", "WARN");
        }
        setIfAbsent("quarkus.banner.enabled", "false");
        Quarkus.run(PicocliRunner.class, args);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
