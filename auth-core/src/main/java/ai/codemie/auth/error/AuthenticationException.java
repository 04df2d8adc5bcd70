package ai.codemie.auth.error;

/**
 * The caller's identity could not be established or is not usable (HTTP 401): no token, a refused token,
 * a deactivated account, an invalid subject.
 */
public class AuthenticationException extends AuthException {

    private static final long serialVersionUID = 1L;

    private final BearerError bearerError;

    /** A 401 with the challenge's error, a machine-readable reason and the message the client is shown. */
    public AuthenticationException(BearerError bearerError, String reason, String message) {
        this(bearerError, reason, message, null);
    }

    /** As {@link #AuthenticationException(BearerError, String, String)}, with the failure behind it. */
    public AuthenticationException(BearerError bearerError, String reason, String message, Throwable cause) {
        super(Problem.of(Problem.Status.UNAUTHENTICATED, reason, message), cause);
        this.bearerError = bearerError;
    }

    /** A 401 with the challenge's error and a problem that also has details or help for the client. */
    public AuthenticationException(BearerError bearerError, Problem problem) {
        super(problem);
        if (problem.status() != Problem.Status.UNAUTHENTICATED) {
            throw new IllegalArgumentException("an authentication failure is a 401, not " + problem.status());
        }
        this.bearerError = bearerError;
    }

    /** What the {@code WWW-Authenticate} header says (RFC 6750 section 3.1). */
    public BearerError bearerError() {
        return bearerError;
    }

    /** The {@code error} attribute of the {@code WWW-Authenticate: Bearer} challenge. */
    public enum BearerError {
        /** No token was sent: {@code Bearer} alone. */
        NONE(null),
        /** The request was ambiguous or malformed: {@code error="invalid_request"}. */
        INVALID_REQUEST("invalid_request"),
        /** A token was sent but refused: {@code error="invalid_token"}. */
        INVALID_TOKEN("invalid_token");

        private final String code;

        BearerError(String code) {
            this.code = code;
        }

        /** The value of the {@code WWW-Authenticate} header for this error. */
        public String challenge() {
            return code == null ? "Bearer" : "Bearer error=\"" + code + "\"";
        }
    }
}
