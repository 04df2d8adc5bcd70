package ai.codemie.auth.admin;

import ai.codemie.auth.config.ProjectLimitMode;
import ai.codemie.auth.error.Problem;

/**
 * The user who would get the project has no room left under their project limit, or, as a non-admin
 * without a limit, an invalid limit configuration. Always a 403 with the message only.
 */
public class ProjectLimitException extends AdministrationException {

    private static final long serialVersionUID = 1L;

    /** The message of a non-admin without a limit (fail closed). */
    public static final String INVALID_CONFIGURATION = "Invalid project limit configuration. Contact administrator.";

    private final Integer count;
    private final Integer limit;

    private ProjectLimitException(String reason, String message, Integer count, Integer limit) {
        super(Problem.of(Problem.Status.FORBIDDEN, reason, message));
        this.count = count;
        this.limit = limit;
    }

    /** A non-admin whose limit is null. */
    static ProjectLimitException invalidConfiguration() {
        return new ProjectLimitException("invalid_project_limit", INVALID_CONFIGURATION, null, null);
    }

    /** The count has reached ({@code count == limit}) or passed (grandfathered) the limit. */
    static ProjectLimitException reached(ProjectLimitMode mode, int count, int limit) {
        String reached = mode == ProjectLimitMode.CREATED ? "Project creation limit reached" : "Project limit reached";
        String head = reached + " (" + count + "/" + limit + "). ";
        if (count == limit) {
            return new ProjectLimitException("project_limit_reached",
                    head + "Contact administrator to increase your limit.", count, limit);
        }
        String action = mode == ProjectLimitMode.CREATED ? "Delete " : "Leave ";
        String purpose = mode == ProjectLimitMode.CREATED ? " or more projects to create new ones."
                : " or more projects to join new ones.";
        return new ProjectLimitException("project_limit_exceeded", head + action + (count - limit) + purpose, count,
                limit);
    }

    /** What the limit semantics counted for the user, or null for an invalid configuration. */
    public Integer count() {
        return count;
    }

    /** The user's limit, or null for an invalid configuration. */
    public Integer limit() {
        return limit;
    }
}
