package io.linkscout.api;

import io.linkscout.cli.UserException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Every error leaves the API as JSON {@code {"status": N, "error": "...", "message": "..."}}: user errors with
 * their own status and message, HTTP errors with theirs, anything unexpected as 500 with a short message (the
 * stack trace goes to the server log, never to the client).
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    public record ErrorBody(int status, String error, String message) {
    }

    @Override
    public Response toResponse(Throwable ex) {
        int status;
        String message;
        if (ex instanceof UserException u) {
            status = u.status();
            message = u.getMessage();
        } else if (ex instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = w.getMessage();
        } else if (ex instanceof com.fasterxml.jackson.core.JacksonException j) {
            status = 400;
            message = "malformed JSON request body: " + j.getOriginalMessage();
        } else {
            status = 500;
            message = "internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            LOG.error("unexpected error", ex);
        }
        Response.Status st = Response.Status.fromStatusCode(status);
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status, st == null ? "Error" : st.getReasonPhrase(), message)).build();
    }
}
