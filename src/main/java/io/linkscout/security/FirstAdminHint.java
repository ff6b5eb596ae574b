package io.linkscout.security;

import io.linkscout.outreach.OutreachDatabase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** When the server starts with no user at all, says how to create the first admin (there is no default one). */
@ApplicationScoped
public class FirstAdminHint {

    private static final Logger LOG = Logger.getLogger(FirstAdminHint.class);

    @Inject
    OutreachDatabase db;

    @Inject
    UserService users;

    /** False for every command but {@code serve} (see cli.Main). */
    @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true")
    boolean serving;

    void onStart(@Observes StartupEvent e) {
        if (!serving || !db.configured()) {
            return;
        }
        try {
            if (users.list().isEmpty()) {
                LOG.warn("no users yet, so nobody can log in: stop the server and create the first admin with"
                        + " `java -jar quarkus-run.jar user add --name NAME --role admin` (see README \"Users,"
                        + " logins and tokens\")");
            }
        } catch (RuntimeException ex) {
            LOG.debug("could not count users", ex);
        }
    }
}
