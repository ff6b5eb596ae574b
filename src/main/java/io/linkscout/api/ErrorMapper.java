package io.linkscout.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.linkscout.error.UserException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Every error leaves the API as JSON {@code {"status": N, "error": "...", "message": "..."}}: user errors with
 * their own status and message, malformed JSON, wrongly typed fields and fields breaking a limit (Bean Validation)
 * as 400 naming the field, HTTP errors with
 * their status, anything unexpected as 500 with a short message (the stack trace goes to the server log, never to
 * the client). Unknown paths
 * and wrong methods are 404/405 naming the request.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    CurrentVertxRequest currentRequest;

    @Schema(name = "Error", description = "Every error response of the API")
    public record ErrorBody(
            @Schema(description = "HTTP status code") int status,
            @Schema(description = "HTTP reason phrase, e.g. Bad Request") String error,
            @Schema(description = "What was wrong and how to fix it") String message) {

        public static ErrorBody of(int status, String message) {
            Response.Status st = Response.Status.fromStatusCode(status);
            return new ErrorBody(status, st == null ? (status == 413 ? "Content Too Large"
                    : status == 422 ? "Unprocessable Content" : "Error") : st.getReasonPhrase(), message);
        }
    }

    /** The 503 message when PostgreSQL cannot be reached (README "Reliability"). */
    static final String DATABASE_UNREACHABLE = "the outreach database (PostgreSQL) cannot be reached: campaigns,"
            + " prospects and user management are unavailable until it is back (recommendations, topics and site"
            + " lookups still work); retry in a few seconds, and check that PostgreSQL is running";

    @Override
    public Response toResponse(Throwable ex) {
        int status;
        String message;
        if (ex instanceof UserException u) {
            status = u.status();
            message = u.getMessage();
        } else if (ex instanceof ConstraintViolationException cv) {
            status = 400;
            message = describe(cv);
        } else if (ex instanceof WebApplicationException w && w.getCause() instanceof JacksonException j) {
            status = 400;
            message = describe(j);
        } else if (ex instanceof JacksonException j) {
            status = 400;
            message = describe(j);
        } else if (ex instanceof NotFoundException) {
            status = 404;
            message = "no such endpoint: " + request() + " (see /q/openapi or /q/swagger-ui for the API)";
        } else if (ex instanceof NotAllowedException) {
            status = 405;
            message = "method not allowed: " + request() + " (see /q/openapi or /q/swagger-ui for the API)";
        } else if (ex instanceof NotSupportedException) {
            status = 415;
            message = "send the request body as JSON with the header Content-Type: application/json";
        } else if (ex instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = w.getMessage();
        } else if (DatabaseErrors.isUnstorableText(ex)) {
            status = 400;
            message = "a text value contains a NUL character (\\u0000) or a character the database cannot store:"
                    + " remove it and send the request again";
        } else if (DatabaseErrors.isUnreachable(ex)) {
            status = 503;
            message = DATABASE_UNREACHABLE + " (" + DatabaseErrors.reason(ex) + ")";
            LOG.warnf("outreach database unreachable: %s (%s)", DatabaseErrors.reason(ex), ex.getClass().getName());
            return Response.fromResponse(json(status, message)).header("Retry-After", "5").build();
        } else {
            status = 500;
            message = "internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            LOG.error("unexpected error", ex);
        }
        return json(status, message);
    }

    /** "METHOD /path" of the current request, for 404/405 messages. */
    private String request() {
        try {
            io.vertx.ext.web.RoutingContext ctx = currentRequest.getCurrent();
            return ctx == null ? "this path" : ctx.request().method() + " " + ctx.request().path();
        } catch (RuntimeException e) {
            return "this path";
        }
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(status, message)).build();
    }

    /** A JSON problem as one line naming the field (for wrong types) or the position (for syntax errors). */
    static String describe(JacksonException j) {
        if (j instanceof UnrecognizedPropertyException u) {
            return "invalid JSON request body: unknown field \"" + u.getPropertyName() + "\" (known fields: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ")";
        }
        if (j instanceof MismatchedInputException m && m.getPath() != null && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            return "invalid JSON request body: \"" + field + "\" must be " + expected(m.getTargetType());
        }
        if (j instanceof MismatchedInputException m && m.getTargetType() != null
                && !isSimple(m.getTargetType())) {
            return "invalid JSON request body: it must be a JSON object such as {\"content\": \"...\"}";
        }
        String msg = j.getOriginalMessage();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        if (nl > 0) {
            msg = msg.substring(0, nl);
        }
        JsonLocation loc = j.getLocation();
        String where = loc != null && loc.getLineNr() > 0
                ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : "";
        return "malformed JSON request body: " + msg + where;
    }

    /**
     * Bean Validation failures of a request, one line per field, sorted: the field's path as the client wrote it
     * ({@code excludeDomains[3]}, {@code prospects[0].domain}), the constraint's message (the limit and how to fix
     * it) and the value sent ({@code top must be between 1 and 1000 (got 0)}).
     */
    static String describe(ConstraintViolationException e) {
        return e.getConstraintViolations().stream().map(ErrorMapper::describe).sorted()
                .collect(Collectors.joining("; "));
    }

    private static String describe(ConstraintViolation<?> v) {
        return field(v.getPropertyPath()) + " " + v.getMessage() + got(v.getInvalidValue());
    }

    /** The request field of a violation: properties and list indexes, without the method and body parameter. */
    private static String field(jakarta.validation.Path path) {
        StringBuilder sb = new StringBuilder();
        String parameter = "request";
        for (jakarta.validation.Path.Node n : path) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER, BEAN -> {
                }
                case PARAMETER -> parameter = n.getName();
                default -> {
                    if (n.isInIterable()) {
                        sb.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
                    }
                    if (n.getKind() == ElementKind.PROPERTY) {
                        sb.append(sb.isEmpty() ? "" : ".").append(n.getName());
                    }
                }
            }
        }
        return sb.isEmpty() ? parameter : sb.toString();
    }

    private static String got(Object value) {
        if (value instanceof Collection<?> c) {
            return " (got " + c.size() + " entries)";
        }
        if (value instanceof CharSequence s) {
            return s.toString().isBlank() ? "" : s.length() > 60 ? " (got " + s.length() + " characters)"
                    : " (got \"" + s + "\")";
        }
        return value == null ? "" : " (got " + value + ")";
    }

    private static boolean isSimple(Class<?> t) {
        return t.isPrimitive() || Number.class.isAssignableFrom(t) || t == String.class || t == Boolean.class;
    }

    private static String expected(Class<?> t) {
        if (t == null) {
            return "of another type";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(t) || t == double.class || t == float.class) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "a JSON object";
        }
        return "a " + t.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * Wrongly typed JSON fields: Quarkus REST has a built-in mapper for this exception type (with a body of its own),
     * so it needs a mapper of exactly this type, preferred by its priority.
     */
    @Provider
    @Priority(1)
    public static class MismatchedInput implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException ex) {
            return json(400, describe(ex));
        }
    }

    /**
     * Bean Validation failures (the constraints on the request records, {@link #describe(ConstraintViolationException)}):
     * the Hibernate Validator extension has a built-in mapper for {@code ValidationException} (with a body of its
     * own), so this case needs a mapper of the more specific type; it answers like {@link #toResponse}.
     */
    @Provider
    @Priority(1)
    public static class ConstraintViolations implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException ex) {
            return json(400, describe(ex));
        }
    }

    /** Other mapping problems (e.g. a value of the right type but not constructible). */
    @Provider
    @Priority(1)
    public static class MappingProblem implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException ex) {
            return json(400, describe(ex));
        }
    }
}
