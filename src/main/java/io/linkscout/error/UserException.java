package io.linkscout.error;

/**
 * An error the user can fix: bad input, a missing index, a wrong option. Its message says what was wrong,
 * where, and how to fix it. Every layer may throw it; the adapters only translate it: the command line prints
 * the message without a stack trace and exits with {@link #EXIT_CODE}, the REST layer answers with
 * {@link #status()} and the message as JSON.
 */
public class UserException extends RuntimeException {

    /** Exit code of a command that failed on a user error (1 is kept for unexpected failures). */
    public static final int EXIT_CODE = 2;

    private final int status;

    public UserException(String message) {
        this(message, 400);
    }

    /**
     * @param status HTTP status the REST layer answers with (400 bad input, 404 not found, 409 conflict,
     *               413 too large, 422 unprocessable, 503 not configured)
     */
    public UserException(String message, int status) {
        super(message);
        this.status = status;
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
        this.status = 400;
    }

    /** HTTP status of the REST answer. */
    public int status() {
        return status;
    }

    /** Exit code of the command line. */
    public int exitCode() {
        return EXIT_CODE;
    }
}
