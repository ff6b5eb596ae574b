package io.linkscout.outreach;

import io.linkscout.error.UserException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/** Flushes inside the transaction so that a concurrent change surfaces as a 409 the caller can act on. */
final class OptimisticLocks {

    private OptimisticLocks() {
    }

    static void flush(String what) {
        try {
            Prospect.getEntityManager().flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw conflict(what);
        }
    }

    static UserException conflict(String what) {
        return new UserException(what + " was changed by someone else at the same time: reload it and apply your"
                + " change again", 409);
    }
}
