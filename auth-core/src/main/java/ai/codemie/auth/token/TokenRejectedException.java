package ai.codemie.auth.token;

import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.Problem;
import java.util.Objects;

/**
 * A token was sent but refused (HTTP 401, {@code WWW-Authenticate: Bearer error="invalid_token"}). The problem's
 * reason is {@link TokenRejection#code()}; its message says what was wrong and never contains the token.
 */
public class TokenRejectedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final TokenRejection rejection;

    /** A rejection with the rejection's standard message. */
    public TokenRejectedException(TokenRejection rejection) {
        this(rejection, rejection.message());
    }

    /** A rejection with a more precise message (which must not contain the token). */
    public TokenRejectedException(TokenRejection rejection, String message) {
        super(BearerError.INVALID_TOKEN, Objects.requireNonNull(rejection, "rejection").code(), message);
        this.rejection = rejection;
    }

    /** A rejection with the standard message and details that tell the client what to do about it. */
    public TokenRejectedException(TokenRejection rejection, String message, String details) {
        super(BearerError.INVALID_TOKEN, new Problem(Problem.Status.UNAUTHENTICATED,
                Objects.requireNonNull(rejection, "rejection").code(), message, details, null));
        this.rejection = rejection;
    }

    /** A rejection about one claim, named in the message: "Token claim 'exp' is missing". */
    static TokenRejectedException claim(TokenRejection rejection, String claim, String problem) {
        return new TokenRejectedException(rejection, "Token claim '" + claim + "' " + problem);
    }

    /** Why the token was refused. */
    public TokenRejection rejection() {
        return rejection;
    }

    /** Rejections are frequent and expected: the stack trace is not worth its cost. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
