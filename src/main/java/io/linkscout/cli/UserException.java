package io.linkscout.cli;

/**
 * An error the user can fix: bad input, a missing index, a wrong option. Its message says what was wrong,
 * where, and how to fix it; the CLI prints it without a stack trace and the REST layer returns it as JSON.
 */
public class UserException extends RuntimeException {

    private final int status;

    public UserException(String message) {
        this(message, 400);
    }

    /**
     * @param status HTTP status the REST layer answers with (400 bad input, 404 not found, 409 conflict,
     *               422 unprocessable, 503 not configured)
     */
    public UserException(String message, int status) {
        super(message);
        this.status = status;
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
        this.status = 400;
    }

    public int status() {
        return status;
    }
}
