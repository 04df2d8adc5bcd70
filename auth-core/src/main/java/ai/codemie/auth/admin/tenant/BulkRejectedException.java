package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.admin.AdministrationException;
import ai.codemie.auth.error.Problem;
import java.util.List;

/**
 * A bulk role change named a user who is not a member (or not a user), or a role the tenant does not have: nothing
 * was changed. HTTP 400; {@link #problems()} lists every problem found.
 */
public final class BulkRejectedException extends AdministrationException {

    private static final long serialVersionUID = 1L;

    private final transient List<BulkProblem> problems;

    /** The refusal listing these problems (at least one). */
    public BulkRejectedException(List<BulkProblem> problems) {
        super(new Problem(Problem.Status.BAD_REQUEST, "bulk_rejected", "Invalid request body",
                describe(problems), null));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, users in the order of the request's list, then roles. */
    public List<BulkProblem> problems() {
        return problems;
    }

    private static String describe(List<BulkProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused bulk change has at least one problem");
        }
        return problems.size() == 1 ? problems.get(0).message() + " Nothing was changed."
                : "The bulk change has " + problems.size() + " problems. Nothing was changed.";
    }
}
