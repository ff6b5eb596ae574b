package io.linkscout.outreach;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Decides, before Quarkus starts, whether the outreach database is configured. Without
 * {@code quarkus.datasource.jdbc.url} Quarkus deactivates the datasource by itself; this turns Hibernate ORM and
 * Flyway off as well ({@code quarkus.hibernate-orm.active=false}, {@code quarkus.flyway.active=false}) so that every
 * command and endpoint that does not need outreach runs with no database at all. Looks where Quarkus looks for the
 * URL: the system property, the environment variable {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code .env} and
 * {@code config/application.properties} in the working directory. Explicit {@code active} settings are kept.
 */
public final class OutreachActivation {

    public static final String URL_KEY = "quarkus.datasource.jdbc.url";
    public static final String URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";

    private OutreachActivation() {
    }

    /** Sets the {@code active} switches to false as system properties when no URL is configured. */
    public static void apply() {
        if (urlConfigured()) {
            return;
        }
        for (String key : new String[] {"quarkus.hibernate-orm.active", "quarkus.flyway.active"}) {
            if (System.getProperty(key) == null && System.getenv(key.toUpperCase().replace('.', '_')
                    .replace('-', '_')) == null) {
                System.setProperty(key, "false");
            }
        }
    }

    static boolean urlConfigured() {
        if (notBlank(System.getProperty(URL_KEY)) || notBlank(System.getenv(URL_ENV))) {
            return true;
        }
        return fileHas(Path.of(".env"), URL_ENV) || fileHas(Path.of(".env"), URL_KEY)
                || fileHas(Path.of("config", "application.properties"), URL_KEY)
                || fileHas(Path.of("config", "application.properties"), "%prod." + URL_KEY);
    }

    private static boolean fileHas(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return notBlank(p.getProperty(key));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
