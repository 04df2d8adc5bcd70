package ai.codemie.auth.error;

import java.util.Objects;

/**
 * What a client is told when a request is refused: an HTTP status, a machine-readable reason and the three
 * human texts of the platform's error envelope {@code {"error": {"message", "details", "help"}}}.
 *
 * <p>No text ever contains a token, a key or a stack trace.
 *
 * @param status  the HTTP status class of the refusal
 * @param reason  a stable machine-readable code, for logs and clients (for example {@code token_expired})
 * @param message the envelope's {@code message}; never null
 * @param details the envelope's {@code details}, or null
 * @param help    the envelope's {@code help}, or null
 */
public record Problem(Status status, String reason, String message, String details, String help) {

    public Problem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** A problem with a message only. */
    public static Problem of(Status status, String reason, String message) {
        return new Problem(status, reason, message, null, null);
    }

    /**
     * A 400 "Invalid request body": the body of a request is not what the endpoint takes.
     *
     * @param details what is wrong with it, in words the client can act on (never the body itself)
     */
    public static Problem invalidBody(String details) {
        return new Problem(Status.BAD_REQUEST, "invalid_body", "Invalid request body", details, null);
    }

    /**
     * A 400 "Invalid request body" for a body that is missing or cannot be read as the JSON the endpoint takes,
     * including one with a member name twice, which parsers would read two ways.
     */
    public static Problem unreadableBody() {
        return invalidBody("The request body is missing or is not the JSON this endpoint expects: one JSON object, "
                + "with each member name at most once.");
    }

    /** The HTTP statuses this library answers with. */
    public enum Status {
        BAD_REQUEST(400),
        UNAUTHENTICATED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        /** The request body is larger than the operation takes (a tenant's user import over its limits). */
        PAYLOAD_TOO_LARGE(413),
        /** The request body is well-formed but its content is refused as a whole (a tenant's user import). */
        UNPROCESSABLE_ENTITY(422),
        UNAVAILABLE(503);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        /** The numeric HTTP status code. */
        public int code() {
            return code;
        }
    }
}
