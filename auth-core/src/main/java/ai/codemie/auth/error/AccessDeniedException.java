package ai.codemie.auth.error;

/** The caller is known but lacks a permission (HTTP 403). */
public class AccessDeniedException extends AuthException {

    private static final long serialVersionUID = 1L;

    /** A denial with the problem the client is shown, which must be a 403. */
    public AccessDeniedException(Problem problem) {
        super(problem);
        if (problem.status() != Problem.Status.FORBIDDEN) {
            throw new IllegalArgumentException("an access denial is a 403, not " + problem.status());
        }
    }
}
