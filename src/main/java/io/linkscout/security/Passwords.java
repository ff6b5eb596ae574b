package io.linkscout.security;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * bcrypt hashes in modular crypt format ({@code $2a$12$...}) with Elytron's implementation, the one Quarkus' own
 * security-jpa and security-jdbc extensions use.
 */
public final class Passwords {

    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    private static final Provider PROVIDER = WildFlyElytronPasswordProvider.getInstance();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new bcrypt hash of {@code password} with a random 16-byte salt and 2^cost rounds. */
    public static String hash(String password, int cost) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory f = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password p = f.generatePassword(new EncryptablePasswordSpec(password.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
            return ModularCrypt.encodeAsString(p);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt unavailable", e);
        }
    }

    /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
    public static boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory f = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return f.verify(f.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
