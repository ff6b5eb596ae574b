package io.linkscout.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses logins for an account, and for a client address, after {@code linkscout.security.login-max-failures}
 * failures within {@code login-lockout} (5 in 15 minutes), for {@code login-lockout}. Refused attempts are not
 * checked at all (no password comparison), and look exactly like a wrong password to the caller. Kept in memory:
 * a restart forgets it.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    SecurityConfig config;

    Clock clock = Clock.systemUTC();

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        int failures;
        Instant start;
        Instant lockedUntil;
    }

    /** True while the account or the address is locked out. */
    public boolean blocked(String account, String address) {
        return locked(accountKey(account)) || address != null && locked("addr:" + address);
    }

    public void failed(String account, String address) {
        count(accountKey(account));
        if (address != null) {
            count("addr:" + address);
        }
    }

    /** A successful login clears the account's failures (the address's stay until their window ends). */
    public void succeeded(String account) {
        windows.remove(accountKey(account));
    }

    /** Forgets every failure (tests; a restart does the same). */
    public void clear() {
        windows.clear();
    }

    private static String accountKey(String account) {
        return "user:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private boolean locked(String key) {
        Window w = windows.get(key);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.lockedUntil != null && clock.instant().isBefore(w.lockedUntil);
        }
    }

    private void count(String key) {
        Instant now = clock.instant();
        if (windows.size() > 100_000) { // bounded memory under a spray of names or addresses
            windows.values().removeIf(x -> x.lockedUntil == null && x.start != null && now.isAfter(x.start.plus(config.loginLockout())));
        }
        Window w = windows.computeIfAbsent(key, k -> new Window());
        synchronized (w) {
            boolean expired = w.start == null || now.isAfter(w.start.plus(config.loginLockout()))
                    || w.lockedUntil != null && !now.isBefore(w.lockedUntil);
            if (expired) {
                w.failures = 0;
                w.start = now;
                w.lockedUntil = null;
            }
            w.failures++;
            if (w.failures >= config.loginMaxFailures()) {
                w.lockedUntil = now.plus(config.loginLockout());
            }
        }
    }
}
