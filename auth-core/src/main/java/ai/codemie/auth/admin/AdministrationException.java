package ai.codemie.auth.admin;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;

/**
 * An administration request broke an administration rule or the project limit: 400 for an invalid change, 403 for
 * a forbidden one, 404 for an unknown user, project, tenant, role or invitation, 409 for a duplicate, 413 for an
 * import over its limits and 422 for an import with errors. The status and the platform's texts are in
 * {@link #problem()}.
 */
public class AdministrationException extends AuthException {

    private static final long serialVersionUID = 1L;

    public AdministrationException(Problem problem) {
        super(problem);
        if (problem.status() == Problem.Status.UNAUTHENTICATED || problem.status() == Problem.Status.UNAVAILABLE) {
            throw new IllegalArgumentException("an administration rule answers 400, 403, 404, 409, 413 or 422, not "
                    + problem.status());
        }
    }

    static AdministrationException of(Problem.Status status, String reason, String message) {
        return new AdministrationException(Problem.of(status, reason, message));
    }

    static AdministrationException of(Problem.Status status, String reason, String message, String details,
            String help) {
        return new AdministrationException(new Problem(status, reason, message, details, help));
    }
}
