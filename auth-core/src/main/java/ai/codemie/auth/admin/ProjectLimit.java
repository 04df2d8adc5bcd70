package ai.codemie.auth.admin;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ProjectLimitMode;
import ai.codemie.auth.resolve.StoredAccounts;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;

/**
 * The project limit, in the semantics of {@code CODEMIE_AUTH_PROJECT_LIMIT_MODE}: {@code assigned}
 * counts the user's memberships in shared, live projects, {@code created} the shared, live projects they created.
 * Admins and maintainers are exempt.
 */
final class ProjectLimit {

    private final AuthSettings settings;

    ProjectLimit(AuthSettings settings) {
        this.settings = settings;
    }

    /** Whether the limit is checked when a user is assigned to a project (only in {@code assigned} mode). */
    boolean appliesToAssignment() {
        return settings.get(AuthSettings.PROJECT_LIMIT_MODE) == ProjectLimitMode.ASSIGNED;
    }

    /**
     * Refuses one more shared project for the user. The user's row must be locked in this transaction, so that
     * the count and the insert that follows cannot race another assignment or creation for the same user.
     */
    void check(StoreTransaction transaction, StoredUser lockedUser) {
        if (StoredAccounts.isAdmin(settings, lockedUser)) {
            return;
        }
        Integer limit = lockedUser.projectLimit();
        if (limit == null) {
            throw ProjectLimitException.invalidConfiguration();
        }
        int count = settings.get(AuthSettings.PROJECT_LIMIT_MODE) == ProjectLimitMode.ASSIGNED
                ? transaction.projects().countSharedMemberships(lockedUser.id())
                : transaction.projects().countCreatedShared(lockedUser.id());
        if (count >= limit) {
            throw ProjectLimitException.reached(settings.get(AuthSettings.PROJECT_LIMIT_MODE), count, limit);
        }
    }
}
