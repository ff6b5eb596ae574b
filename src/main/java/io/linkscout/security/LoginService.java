package io.linkscout.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** A password login with throttling ({@link LoginThrottle}); the answer never tells whether the user exists. */
@ApplicationScoped
public class LoginService {

    @Inject
    UserService users;

    @Inject
    LoginThrottle throttle;

    /** The user, or empty for a wrong name or password or a locked-out account or address. */
    public Optional<UserService.Principal> login(String name, String password, String address) {
        if (throttle.blocked(name, address)) {
            return Optional.empty();
        }
        Optional<UserService.Principal> p = users.checkPassword(name, password);
        if (p.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name, address);
        }
        return p;
    }
}
