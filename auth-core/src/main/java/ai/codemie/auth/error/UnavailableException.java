package ai.codemie.auth.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A decision could not be made because something the library depends on is down (HTTP 503 with
 * {@code Retry-After}): the user store, or the identity provider's keys. Never an allow, never a 401: the
 * client should retry, not sign the user out.
 */
public class UnavailableException extends AuthException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** A 503: a machine-readable reason, the client's message, the wait before a retry, the failure behind it. */
    public UnavailableException(String reason, String message, Duration retryAfter, Throwable cause) {
        super(Problem.of(Problem.Status.UNAVAILABLE, reason, message), cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the client should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
