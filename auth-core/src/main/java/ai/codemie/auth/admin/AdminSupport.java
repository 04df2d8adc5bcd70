package ai.codemie.auth.admin;

import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.resolve.StoredAccounts;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.Map;

/**
 * What every administration operation shares: the one guard path (management enabled, then the caller's role through
 * the {@link Authorizer}), the transaction that announces a user's change and reports it to the audit trail once it
 * committed, and the platform's common refusals.
 */
final class AdminSupport {

    final AuthSettings settings;
    final UserStore store;
    final Clock clock;
    private final ChangeFeed.ChangeListener localChanges;
    private final Audit audit;
    private final Authorizer authorizer = new Authorizer();

    AdminSupport(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges, Clock clock,
            Audit audit) {
        this.settings = settings;
        this.store = store;
        this.localChanges = localChanges;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The guard of every operation: 400 "User management not enabled" unless {@code ENABLE_USER_MANAGEMENT=true},
     * then the caller must meet the requirement.
     */
    void guard(EffectivePermissions caller, Requirement requirement) {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            throw AdministrationException.of(Status.BAD_REQUEST, "user_management_disabled",
                    "User management not enabled");
        }
        authorize(caller, requirement);
    }

    /** Refuses the caller (403) unless they meet the requirement, as the {@link Authorizer} decides. */
    void authorize(EffectivePermissions caller, Requirement requirement) {
        authorizer.decide(caller, requirement).orThrow();
    }

    /**
     * Runs the work in one transaction and, once it committed, reports its change as the caller's; a refused or
     * failed work reports nothing.
     */
    <T> T audited(EffectivePermissions caller, UserStore.StoreWork<Audited<T>> work) {
        return reported(caller, store.inTransaction(work));
    }

    /**
     * Runs the work in one transaction that announces the user's change at commit, then tells this process's
     * listener, so that the next request here sees the change even before the store's feed delivers it, and
     * reports the change as the caller's.
     */
    <T> T changeUser(EffectivePermissions caller, String userId, UserStore.StoreWork<Audited<T>> work) {
        Audited<T> done = store.inTransaction(tx -> {
            Audited<T> value = work.run(tx);
            tx.publishChange(userId);
            return value;
        });
        localChanges.userChanged(userId);
        return reported(caller, done);
    }

    private <T> T reported(EffectivePermissions caller, Audited<T> done) {
        Change change = done.change();
        if (change != null) {
            audit.record(caller.id(), change.action(), null, change.project(), change.target(), change.before(),
                    change.after());
        }
        return done.result();
    }

    ManagedUser view(StoreTransaction tx, StoredUser user) {
        return new ManagedUser(user, StoredAccounts.permissions(settings, tx, user));
    }

    /**
     * The user, locked; 404 when unknown, 409 when deactivated: a deactivated user's roles, limit, memberships and
     * knowledge bases do not change.
     */
    static StoredUser lockChangeableUser(StoreTransaction tx, String userId) {
        StoredUser user = tx.users().lock(userId).orElseThrow(() -> userNotFound(userId));
        if (!user.usable()) {
            throw AdministrationException.of(Status.CONFLICT, "user_deactivated", "User is deactivated",
                    "User '" + userId + "' is deactivated; a deactivated user cannot be changed.", null);
        }
        return user;
    }

    static AdministrationException userNotFound(String userId) {
        return AdministrationException.of(Status.NOT_FOUND, "user_not_found", "User not found",
                "No user found with ID '" + userId + "'", "Verify the user ID and try again");
    }

    /**
     * What an operation changed, for the audit trail: the action's dotted name, the project it belongs to (or
     * null), what it acted on, and the changed fields before and after.
     */
    record Change(String action, String project, String target, Map<String, Object> before,
            Map<String, Object> after) {
    }

    /** An operation's result and its change, null when it changed nothing. */
    record Audited<T>(T result, Change change) {

        static <T> Audited<T> unchanged(T result) {
            return new Audited<>(result, null);
        }
    }
}
