package ai.codemie.auth.admin;

/**
 * The fields of a user change ({@code PUT /v1/admin/users/{id}}); a null flag, or a limit not given, stays as it is.
 * Build it with {@link #none()} and the {@code with…} methods.
 *
 * @param admin             the new {@code is_admin}, or null
 * @param maintainer        the new {@code is_maintainer}, or null
 * @param projectLimitGiven whether {@code projectLimit} is part of the change (null is a value: unlimited)
 * @param projectLimit      the new {@code project_limit} when given
 */
public record UserUpdate(Boolean admin, Boolean maintainer, boolean projectLimitGiven, Integer projectLimit) {

    private static final UserUpdate NONE = new UserUpdate(null, null, false, null);

    /** A change of nothing. */
    public static UserUpdate none() {
        return NONE;
    }

    /** This change, also setting {@code is_admin}. */
    public UserUpdate withAdmin(boolean value) {
        return new UserUpdate(value, maintainer, projectLimitGiven, projectLimit);
    }

    /** This change, also setting {@code is_maintainer}. */
    public UserUpdate withMaintainer(boolean value) {
        return new UserUpdate(admin, value, projectLimitGiven, projectLimit);
    }

    /** Sets the limit; null asks for unlimited, which only admins may have. */
    public UserUpdate withProjectLimit(Integer value) {
        return new UserUpdate(admin, maintainer, true, value);
    }

    /** Whether the admin or maintainer flag is part of the change. */
    public boolean changesRoles() {
        return admin != null || maintainer != null;
    }
}
