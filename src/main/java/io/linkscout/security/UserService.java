package io.linkscout.security;

import io.linkscout.error.UserException;
import io.linkscout.outreach.OutreachDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users and their personal API tokens, in PostgreSQL: add, list, remove users; create (shown once), list and revoke
 * tokens; check a password or a token. Knows neither the command line nor HTTP.
 */
@ApplicationScoped
public class UserService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    /** A dummy hash compared against when the user does not exist, so that timing does not tell. */
    private volatile String absent;

    @Inject
    OutreachDatabase db;

    @Inject
    SecurityConfig config;

    /** Who is authenticated: the name and the role. */
    public record Principal(String name, Role role) {
    }

    public record UserView(long id, String name, String role, Instant createdAt, long activeTokens) {
    }

    public record TokenView(long id, String user, String label, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
    }

    /** A new token: {@link #token} is shown this once and never stored. */
    public record CreatedToken(long id, String user, String label, Instant createdAt, String token) {
    }

    @Transactional
    public UserView add(String name, String role, String password) {
        db.require();
        String n = checkName(name);
        Role r = Role.parse(role);
        checkPassword(password);
        if (AppUser.count("lower(name) = lower(?1)", n) > 0) {
            throw new UserException("user \"" + n + "\" already exists: choose another name, or remove it first", 409);
        }
        AppUser u = new AppUser();
        u.name = n;
        u.role = r.id();
        u.passwordHash = Passwords.hash(password, config.bcryptCost());
        u.createdAt = Instant.now();
        u.persist();
        return view(u);
    }

    @Transactional
    public List<UserView> list() {
        db.require();
        List<AppUser> users = AppUser.list("order by name");
        return users.stream().map(this::view).toList();
    }

    @Transactional
    public UserView get(String name) {
        db.require();
        return view(find(name));
    }

    @Transactional
    public UserView setRole(String name, String role) {
        db.require();
        AppUser u = find(name);
        Role r = Role.parse(role);
        if (u.role() == Role.ADMIN && r != Role.ADMIN) {
            requireAnotherAdmin(u);
        }
        u.role = r.id();
        return view(u);
    }

    @Transactional
    public UserView setPassword(String name, String password) {
        db.require();
        AppUser u = find(name);
        checkPassword(password);
        u.passwordHash = Passwords.hash(password, config.bcryptCost());
        return view(u);
    }

    /** Removes a user and their tokens; the last admin cannot be removed. */
    @Transactional
    public void remove(String name) {
        db.require();
        AppUser u = find(name);
        if (u.role() == Role.ADMIN) {
            requireAnotherAdmin(u);
        }
        ApiToken.delete("user", u);
        u.delete();
    }

    @Transactional
    public CreatedToken createToken(String userName, String label) {
        db.require();
        AppUser u = find(userName);
        String l = label == null ? "" : label.strip();
        if (l.isEmpty() || l.length() > 100) {
            throw new UserException("a token needs a label of 1 to 100 characters saying what it is for (e.g."
                    + " --label ci), got \"" + (label == null ? "" : label) + "\"");
        }
        String token = Tokens.generate();
        ApiToken t = new ApiToken();
        t.user = u;
        t.label = l;
        t.tokenHash = Tokens.hash(token);
        t.createdAt = Instant.now();
        t.persist();
        return new CreatedToken(t.id, u.name, t.label, t.createdAt, token);
    }

    /** Tokens of one user (null: of everyone), newest first, revoked ones included. */
    @Transactional
    public List<TokenView> tokens(String userName) {
        db.require();
        List<ApiToken> ts = userName == null ? ApiToken.list("order by id desc")
                : ApiToken.list("user = ?1 order by id desc", find(userName));
        return ts.stream().map(UserService::view).toList();
    }

    /** Revokes one token by id (idempotent); {@code owner} non-null: it must be theirs. */
    @Transactional
    public TokenView revoke(long id, String owner) {
        db.require();
        ApiToken t = ApiToken.findById(id);
        if (t == null || owner != null && !t.user.name.equalsIgnoreCase(owner)) {
            throw new UserException("no token with id " + id + (owner == null ? "" : " of user " + owner)
                    + ": list them with `user token list` or GET /api/users/{name}/tokens", 404);
        }
        if (t.revokedAt == null) {
            t.revokedAt = Instant.now();
        }
        return view(t);
    }

    /** Revokes the user's active tokens with this label; returns them (404 when there is none). */
    @Transactional
    public List<TokenView> revoke(String userName, String label) {
        db.require();
        AppUser u = find(userName);
        List<ApiToken> ts = ApiToken.list("user = ?1 and label = ?2 and revokedAt is null", u,
                label == null ? "" : label.strip());
        if (ts.isEmpty()) {
            throw new UserException("user " + u.name + " has no active token labelled \"" + label
                    + "\": list them with `user token list --name " + u.name + "`", 404);
        }
        Instant now = Instant.now();
        ts.forEach(t -> t.revokedAt = now);
        return ts.stream().map(UserService::view).toList();
    }

    /** The owner of an active token, or empty; notes when it was last used (at most once a minute). */
    @Transactional
    public Optional<Principal> authenticateToken(String token) {
        if (token == null || !token.startsWith(Tokens.PREFIX) || !db.configured()) {
            return Optional.empty();
        }
        Optional<ApiToken> t = ApiToken.find("tokenHash = ?1 and revokedAt is null", Tokens.hash(token))
                .firstResultOptional();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (t.get().lastUsedAt == null || t.get().lastUsedAt.isBefore(now.minus(Duration.ofMinutes(1)))) {
            t.get().lastUsedAt = now;
        }
        return Optional.of(new Principal(t.get().user.name, t.get().user.role()));
    }

    /** The user of a session (form login cookie): their current role, or empty when they were removed since. */
    @Transactional
    public Optional<Principal> principal(String name) {
        if (name == null || !db.configured()) {
            return Optional.empty();
        }
        return AppUser.<AppUser>find("lower(name) = lower(?1)", name.strip()).firstResultOptional()
                .map(u -> new Principal(u.name, u.role()));
    }

    /** The user when the password is right, else empty (the same for an unknown user, in about the same time). */
    @Transactional
    public Optional<Principal> checkPassword(String name, String password) {
        if (name == null || password == null || !db.configured()) {
            return Optional.empty();
        }
        Optional<AppUser> u = AppUser.find("lower(name) = lower(?1)", name.strip()).firstResultOptional();
        if (u.isEmpty()) {
            if (absent == null) {
                absent = Passwords.hash("linkscout-no-such-user", config.bcryptCost());
            }
            Passwords.matches(password, absent);
            return Optional.empty();
        }
        return Passwords.matches(password, u.get().passwordHash)
                ? Optional.of(new Principal(u.get().name, u.get().role())) : Optional.empty();
    }

    private AppUser find(String name) {
        if (name == null || name.isBlank()) {
            throw new UserException("a user name is required (--name NAME)");
        }
        return AppUser.<AppUser>find("lower(name) = lower(?1)", name.strip()).firstResultOptional()
                .orElseThrow(() -> new UserException("no user \"" + name.strip() + "\": list them with `user list`"
                        + " (or GET /api/users)", 404));
    }

    private static void requireAnotherAdmin(AppUser u) {
        if (AppUser.count("role = ?1 and id <> ?2", Role.ADMIN.id(), u.id) == 0) {
            throw new UserException(u.name + " is the only admin: make another user admin first", 409);
        }
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new UserException("user name \"" + n + "\" is not valid: 1 to 100 letters, digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit");
        }
        return n;
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH) {
            throw new UserException("the password must have at least " + Passwords.MIN_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw new UserException("the password must have at most 72 characters (bcrypt ignores the rest)");
        }
    }

    private UserView view(AppUser u) {
        return new UserView(u.id, u.name, u.role, u.createdAt,
                ApiToken.count("user = ?1 and revokedAt is null", u));
    }

    private static TokenView view(ApiToken t) {
        return new TokenView(t.id, t.user.name, t.label, t.createdAt, t.lastUsedAt, t.revokedAt);
    }
}
