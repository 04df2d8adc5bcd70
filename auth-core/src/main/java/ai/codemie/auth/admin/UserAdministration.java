package ai.codemie.auth.admin;

import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectNames;
import ai.codemie.auth.store.UserRecords;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The administration operations of platform-managed mode, each enforcing the platform's administration rules
 * (stated on each operation) and the project limit, with the platform's messages.
 *
 * <p>Every operation takes the acting caller's effective permissions and runs in one store transaction that locks
 * the rows its rule depends on ({@link UserRecords#lock}, {@link UserRecords#lockUsableAdmins},
 * {@link UserRecords#lockUsableMaintainers}), so it is atomic on a shared database too. Once committed, the
 * affected user is announced on the store's change feed (other replicas) and to the local change listener (this
 * process), so the change is visible on the very next request, and reported to the {@link AuditSink}: one event per
 * operation that changed something, after it committed, as the caller's (the action of each operation is named on
 * it). A refused or failed operation, a read and an operation that changed nothing report nothing.
 *
 * <p>Refusals: 400 "User management not enabled" unless {@code ENABLE_USER_MANAGEMENT=true};
 * {@link ai.codemie.auth.error.AccessDeniedException} (403 "Access denied") when the caller lacks the
 * role an operation needs, {@link AdministrationException} (400, 403, 404, 409) when a rule is broken (409 "User is
 * deactivated" for any change to a deactivated user's roles, limit, memberships or knowledge bases),
 * {@link ProjectLimitException} (403) at the project limit, and
 * {@link ai.codemie.auth.error.UnavailableException} (503) when the store fails.
 */
public final class UserAdministration {

    private final UserAccounts users;
    private final ProjectAdministration projects;

    /** Administration on the system clock, reporting to {@link AuditSink#logging()}. */
    public UserAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges) {
        this(settings, store, localChanges, Clock.systemUTC());
    }

    /** Administration reporting to {@link AuditSink#logging()}. */
    public UserAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges,
            Clock clock) {
        this(settings, store, localChanges, clock, AuditSink.logging());
    }

    /**
     * @param localChanges told about every committed change, typically
     *                     {@code PlatformManagedResolver.changeListener()} of this process
     * @param clock        the time written as {@code deleted_at} and as the time of each audit event
     * @param audit        where every committed change is reported
     */
    public UserAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges,
            Clock clock, AuditSink audit) {
        AdminSupport support = new AdminSupport(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(store, "store"), Objects.requireNonNull(localChanges, "localChanges"),
                Objects.requireNonNull(clock, "clock"), new Audit(Objects.requireNonNull(audit, "audit"), clock));
        this.users = new UserAccounts(support);
        this.projects = new ProjectAdministration(support);
    }

    /** Every user, active or not, ordered by user name. Admins and maintainers only. */
    public List<ManagedUser> listUsers(EffectivePermissions caller) {
        return users.listUsers(caller);
    }

    /** One user, active or not; 404 "User not found". Admins and maintainers only. */
    public ManagedUser getUser(EffectivePermissions caller, String userId) {
        return users.getUser(caller, userId);
    }

    /**
     * Creates a local user (only with {@code IDP_PROVIDER=local}) with a new id, the default project limit and a
     * personal project. Admins and maintainers only. 409 when the e-mail or user name is taken. Audited as
     * {@code user.create}.
     */
    public ManagedUser createLocalUser(EffectivePermissions caller, NewLocalUser newUser) {
        return users.createLocalUser(caller, newUser);
    }

    /**
     * Changes a user's admin and maintainer flags and project limit: only maintainers change the
     * flags, setting maintainer sets admin and revoking admin revokes maintainer; nobody revokes their own admin
     * status; the last usable admin keeps it, and the last usable maintainer stays one; promotion sets the limit to
     * null, demotion to {@code USER_PROJECT_LIMIT} unless a limit is given; a limit is null exactly for admins and
     * never negative; an admin does not change their own limit; a deactivated user does not change (409). Admins
     * and maintainers only. Audited as {@code user.maintainer} when the maintainer flag changed, else
     * {@code user.admin} when the admin flag did, else {@code user.project_limit}; the event holds every field
     * that changed.
     */
    public ManagedUser updateUser(EffectivePermissions caller, String userId, UserUpdate update) {
        return users.updateUser(caller, userId, update);
    }

    /** Shorthand for {@link #updateUser} changing the admin flag only. */
    public ManagedUser setAdmin(EffectivePermissions caller, String userId, boolean admin) {
        return updateUser(caller, userId, UserUpdate.none().withAdmin(admin));
    }

    /** Shorthand for {@link #updateUser} changing the maintainer flag only. */
    public ManagedUser setMaintainer(EffectivePermissions caller, String userId, boolean maintainer) {
        return updateUser(caller, userId, UserUpdate.none().withMaintainer(maintainer));
    }

    /** Shorthand for {@link #updateUser} changing the project limit only. */
    public ManagedUser setProjectLimit(EffectivePermissions caller, String userId, Integer limit) {
        return updateUser(caller, userId, UserUpdate.none().withProjectLimit(limit));
    }

    /**
     * Deactivates (soft-deletes) the user; their next request is refused. Admins and maintainers only, and only
     * maintainers deactivate a maintainer ({@code is_maintainer} or {@code MAINTAINER_USER_ID}); nobody deactivates
     * themselves (400); the last usable admin and the last usable maintainer cannot be deactivated. Deactivating a
     * deactivated user changes nothing; there is no reactivation. Audited as {@code user.deactivate}.
     */
    public void deactivateUser(EffectivePermissions caller, String userId) {
        users.deactivateUser(caller, userId);
    }

    /**
     * Creates a shared project; the caller becomes its creator and project admin. The name follows
     * {@link ProjectNames}; the description is required.
     * The caller's project limit applies (both semantics). 409 when the name exists. Any signed-in user. Audited
     * as {@code project.create}.
     */
    public Project createSharedProject(EffectivePermissions caller, String name, String description) {
        return projects.createSharedProject(caller, name, description);
    }

    /**
     * Makes the user a member of the shared project, as project admin or not. Allowed to admins, the project's
     * admins and its creator; other members get 403, non-members 404 "Project not found". Personal projects'
     * membership does not change (403); a second assignment is a 409; in {@code assigned} mode the user's project
     * limit applies. Audited as {@code project.member.assign}.
     */
    public ProjectMembership assignMember(EffectivePermissions caller, String project, String userId,
            boolean projectAdmin) {
        return projects.assignMember(caller, project, userId, projectAdmin);
    }

    /**
     * Removes the user from the shared project; the same callers as {@link #assignMember}. The creator cannot be
     * removed (400); a user who is not a member is a 404. Audited as {@code project.member.unassign}.
     */
    public void unassignMember(EffectivePermissions caller, String project, String userId) {
        projects.unassignMember(caller, project, userId);
    }

    /**
     * Grants the knowledge base to the user; false when it was granted already. Admins and maintainers only.
     * Audited as {@code user.knowledge_base.grant}.
     */
    public boolean grantKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        return projects.grantKnowledgeBase(caller, userId, knowledgeBase);
    }

    /**
     * Revokes the knowledge base from the user; false when it was not granted. Admins and maintainers only.
     * Audited as {@code user.knowledge_base.revoke}.
     */
    public boolean revokeKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        return projects.revokeKnowledgeBase(caller, userId, knowledgeBase);
    }
}
