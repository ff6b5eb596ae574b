package io.linkscout.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code linkscout.security.*}: anonymous reads, login throttling, bcrypt cost. */
@ConfigMapping(prefix = "linkscout.security")
public interface SecurityConfig {

    /** Let anonymous callers read (GET) the API; writes always need an editor. */
    @WithDefault("false")
    boolean anonymousRead();

    /** Failed logins (per account and per client address) before logins are refused for {@link #loginLockout()}. */
    @WithDefault("5")
    int loginMaxFailures();

    /** How long logins stay refused after too many failures. */
    @WithDefault("PT15M")
    Duration loginLockout();

    /** bcrypt cost (2^cost rounds) of new password hashes. */
    @WithDefault("12")
    int bcryptCost();
}
