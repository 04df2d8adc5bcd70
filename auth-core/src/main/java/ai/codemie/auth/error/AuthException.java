package ai.codemie.auth.error;

import java.util.Objects;

/**
 * A refusal that adapters turn into an HTTP answer: the status and the envelope texts are in
 * {@link #problem()}. Subclasses say which kind of refusal it is, so callers can catch what they handle.
 */
public class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /** A refusal with the problem the client is shown. */
    public AuthException(Problem problem) {
        this(problem, null);
    }

    /** A refusal with the problem the client is shown and the failure behind it (for logs, never for clients). */
    public AuthException(Problem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").reason() + ": " + problem.message(), cause);
        this.problem = problem;
    }

    /** What the client is told. */
    public Problem problem() {
        return problem;
    }
}
