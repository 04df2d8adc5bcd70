package ai.codemie.auth.admin;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.StoredPermissions;
import ai.codemie.auth.resolve.UserProvisioning;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectNames;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administration operations of platform-managed mode, each enforcing the platform's administration rules
 * (stated on each operation) and the project limit, with the platform's messages.
 *
 * <p>Every operation takes the acting caller's effective permissions and runs in one store transaction that locks
 * the rows its rule depends on ({@link StoreTransaction#lockUser}, {@link StoreTransaction#lockUsableAdmins},
 * {@link StoreTransaction#lockUsableMaintainers}), so it is atomic on a shared database too. Once committed, the
 * affected user is announced on the store's change feed (other replicas) and to the local change listener (this
 * process), so the change is visible on the very next request.
 *
 * <p>Refusals: 400 "User management not enabled" unless {@code ENABLE_USER_MANAGEMENT=true};
 * {@link ai.codemie.auth.error.AccessDeniedException} (403 "Access denied") when the caller lacks the
 * role an operation needs, {@link AdministrationException} (400, 403, 404, 409) when a rule is broken (409 "User is
 * deactivated" for any change to a deactivated user's roles, limit, memberships or knowledge bases),
 * {@link ProjectLimitException} (403) at the project limit, and
 * {@link ai.codemie.auth.error.UnavailableException} (503) when the store fails.
 */
public final class UserAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);

    private static final int MAX_DESCRIPTION = 500;

    private static final LastHolder LAST_ADMIN = new LastHolder("admin", "last_admin", null);
    private static final LastHolder LAST_MAINTAINER = new LastHolder("maintainer", "last_maintainer",
            "Make another user a maintainer first.");

    private final AuthSettings settings;
    private final UserStore store;
    private final ChangeFeed.ChangeListener localChanges;
    private final Clock clock;
    private final ProjectLimit projectLimit;

    /** Administration on the system clock. */
    public UserAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges) {
        this(settings, store, localChanges, Clock.systemUTC());
    }

    /**
     * @param localChanges told about every committed change, typically
     *                     {@code PlatformManagedResolver.changeListener()} of this process
     * @param clock        the time written as {@code deleted_at}
     */
    public UserAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.localChanges = Objects.requireNonNull(localChanges, "localChanges");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projectLimit = new ProjectLimit(settings);
    }

    /** Every user, active or not, ordered by user name. Admins and maintainers only. */
    public List<ManagedUser> listUsers(EffectivePermissions caller) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        return store.inTransaction(tx -> tx.listUsers().stream().map(user -> view(tx, user)).toList());
    }

    /** One user, active or not; 404 "User not found". Admins and maintainers only. */
    public ManagedUser getUser(EffectivePermissions caller, String userId) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        return store.inTransaction(tx -> view(tx, tx.findUser(userId).orElseThrow(() -> userNotFound(userId))));
    }

    /**
     * Creates a local user (only with {@code IDP_PROVIDER=local}) with a new id, the default project limit and a
     * personal project. Admins and maintainers only. 409 when the e-mail or user name is taken.
     */
    public ManagedUser createLocalUser(EffectivePermissions caller, NewLocalUser newUser) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        if (settings.get(AuthSettings.IDP_PROVIDER) != IdpProvider.LOCAL) {
            throw AdministrationException.of(Status.BAD_REQUEST, "not_local_mode",
                    "User creation only available in local auth mode");
        }
        StoredUser user = new StoredUser(UUID.randomUUID().toString(), newUser.username(), newUser.email(),
                newUser.name() == null ? newUser.username() : newUser.name(), null, "regular", true, null, false,
                false, settings.get(AuthSettings.USER_PROJECT_LIMIT), IdpProvider.LOCAL.value(), null);
        return store.inTransaction(tx -> {
            if (tx.findUserByEmail(user.email()).isPresent()) {
                throw AdministrationException.of(Status.CONFLICT, "email_taken", "Email already registered");
            }
            if (!UserProvisioning.provision(tx, user, List.of(), List.of())) {
                throw AdministrationException.of(Status.CONFLICT, "username_taken", "Username already taken");
            }
            LOG.info("User {} created by {}", user.id(), caller.id());
            return view(tx, user);
        });
    }

    /**
     * Changes a user's admin and maintainer flags and project limit: only maintainers change the
     * flags, setting maintainer sets admin and revoking admin revokes maintainer; nobody revokes their own admin
     * status; the last usable admin keeps it, and the last usable maintainer stays one; promotion sets the limit to
     * null, demotion to {@code USER_PROJECT_LIMIT} unless a limit is given; a limit is null exactly for admins and
     * never negative; an admin does not change their own limit; a deactivated user does not change (409). Admins
     * and maintainers only.
     */
    public ManagedUser updateUser(EffectivePermissions caller, String userId, UserUpdate update) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        Objects.requireNonNull(update, "update");
        if (Boolean.TRUE.equals(update.maintainer()) && Boolean.FALSE.equals(update.admin())) {
            throw AdministrationException.of(Status.BAD_REQUEST, "invalid_role_change",
                    "A maintainer is always an admin");
        }
        return changeUser(userId, tx -> {
            // Admins, then maintainers, then the target: every role change and deactivation locks in this order, so
            // none can deadlock another.
            List<StoredUser> usableAdmins = update.changesRoles() ? tx.lockUsableAdmins() : List.of();
            List<StoredUser> usableMaintainers = update.changesRoles() ? tx.lockUsableMaintainers() : List.of();
            StoredUser user = lockChangeableUser(tx, userId);
            boolean admin = update.admin() != null ? update.admin() : user.admin();
            boolean maintainer = update.maintainer() != null ? update.maintainer() : user.maintainer();
            if (Boolean.TRUE.equals(update.maintainer())) {
                admin = true; // setting maintainer sets admin
            }
            if (!admin) {
                maintainer = false; // a maintainer is always an admin
            }
            if (admin != user.admin() || maintainer != user.maintainer()) {
                Requirements.maintainer().check(caller).orThrow();
            }
            if (user.admin() && !admin) {
                if (caller.id().equals(userId)) {
                    throw AdministrationException.of(Status.FORBIDDEN, "self_revocation",
                            "Cannot revoke own admin status");
                }
                refuseLosingTheLast(LAST_ADMIN, caller, user, usableAdmins, "revoke");
            }
            if (user.maintainer() && !maintainer) {
                refuseLosingTheLast(LAST_MAINTAINER, caller, user, usableMaintainers, "revoke");
            }
            StoredUser changed = user.withRoles(admin, maintainer, newLimit(caller, user, admin, update));
            tx.updateUser(changed);
            LOG.info("User {} changed by {}: admin={}, maintainer={}, project limit={}", userId, caller.id(), admin,
                    maintainer, changed.projectLimit());
            return view(tx, changed);
        });
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
     * deactivated user changes nothing; there is no reactivation.
     */
    public void deactivateUser(EffectivePermissions caller, String userId) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        if (caller.id().equals(userId)) {
            throw AdministrationException.of(Status.BAD_REQUEST, "self_deactivation", "Cannot deactivate own account",
                    null, "Ask another administrator to deactivate your account.");
        }
        changeUser(userId, tx -> {
            List<StoredUser> usableAdmins = tx.lockUsableAdmins();
            List<StoredUser> usableMaintainers = tx.lockUsableMaintainers();
            StoredUser user = tx.lockUser(userId).orElseThrow(() -> userNotFound(userId));
            boolean maintainer = StoredPermissions.isMaintainer(settings, user);
            if (maintainer) {
                Requirements.maintainer().check(caller).orThrow();
            }
            if (!user.usable()) {
                return null;
            }
            if (user.admin()) {
                refuseLosingTheLast(LAST_ADMIN, caller, user, usableAdmins, "deactivate");
            }
            if (maintainer) {
                refuseLosingTheLast(LAST_MAINTAINER, caller, user, usableMaintainers, "deactivate");
            }
            tx.updateUser(user.deactivated(clock.instant()));
            LOG.info("User {} deactivated by {}", userId, caller.id());
            return null;
        });
    }

    /**
     * Creates a shared project; the caller becomes its creator and project admin. The name follows
     * {@link ProjectNames}; the description is required.
     * The caller's project limit applies (both semantics). 409 when the name exists. Any signed-in user.
     */
    public Project createSharedProject(EffectivePermissions caller, String name, String description) {
        requireEnabled();
        validateProject(name, description);
        return changeUser(caller.id(), tx -> {
            StoredUser creator = tx.lockUser(caller.id()).filter(StoredUser::usable).orElseThrow(
                    () -> new AuthenticationException(BearerError.INVALID_TOKEN, "account_deactivated",
                            "Account is deactivated"));
            projectLimit.check(tx, creator);
            Project project = new Project(name, ProjectType.SHARED, caller.id(), null, description);
            if (tx.findProject(name).isPresent() || !tx.insertProject(project)) {
                throw AdministrationException.of(Status.CONFLICT, "project_exists",
                        "Project '" + name + "' already exists. Please choose a different name.");
            }
            tx.addMembership(new ProjectMembership(caller.id(), name, true));
            LOG.info("Project {} created by {}", name, caller.id());
            return project;
        });
    }

    /**
     * Makes the user a member of the shared project, as project admin or not. Allowed to admins, the project's
     * admins and its creator; other members get 403, non-members 404 "Project not found". Personal projects'
     * membership does not change (403); a second assignment is a 409; in {@code assigned} mode the user's project
     * limit applies.
     */
    public ProjectMembership assignMember(EffectivePermissions caller, String project, String userId,
            boolean projectAdmin) {
        requireEnabled();
        return changeUser(userId, tx -> {
            manageableProject(tx, caller, project); // a live shared project: personal ones were refused
            StoredUser user = lockChangeableUser(tx, userId);
            if (membership(tx, userId, project).isPresent()) {
                throw alreadyAssigned(userId, project);
            }
            if (projectLimit.appliesToAssignment()) {
                projectLimit.check(tx, user);
            }
            ProjectMembership membership = new ProjectMembership(userId, project, projectAdmin);
            if (!tx.addMembership(membership)) {
                throw alreadyAssigned(userId, project);
            }
            LOG.info("User {} assigned to project {} (project admin: {}) by {}", userId, project, projectAdmin,
                    caller.id());
            return membership;
        });
    }

    /**
     * Removes the user from the shared project; the same callers as {@link #assignMember}. The creator cannot be
     * removed (400); a user who is not a member is a 404.
     */
    public void unassignMember(EffectivePermissions caller, String project, String userId) {
        requireEnabled();
        changeUser(userId, tx -> {
            Project managed = manageableProject(tx, caller, project);
            if (userId.equals(managed.createdBy())) {
                throw AdministrationException.of(Status.BAD_REQUEST, "project_creator",
                        "Cannot remove the project creator from the project");
            }
            lockChangeableUser(tx, userId);
            if (!tx.removeMembership(userId, project)) {
                throw AdministrationException.of(Status.NOT_FOUND, "not_assigned",
                        "User is not assigned to this project",
                        "User '" + userId + "' is not a member of project '" + project + "'",
                        "Verify the user is assigned to this project");
            }
            LOG.info("User {} removed from project {} by {}", userId, project, caller.id());
            return null;
        });
    }

    /** Grants the knowledge base to the user; false when it was granted already. Admins and maintainers only. */
    public boolean grantKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        return changeUser(userId, tx -> {
            lockChangeableUser(tx, userId);
            return tx.addKnowledgeBase(userId, knowledgeBase);
        });
    }

    /** Revokes the knowledge base from the user; false when it was not granted. Admins and maintainers only. */
    public boolean revokeKnowledgeBase(EffectivePermissions caller, String userId, String knowledgeBase) {
        requireEnabled();
        Requirements.adminOrMaintainer().check(caller).orThrow();
        return changeUser(userId, tx -> {
            lockChangeableUser(tx, userId);
            return tx.revokeKnowledgeBase(userId, knowledgeBase);
        });
    }

    /** The administration API exists only in platform-managed mode ({@code ENABLE_USER_MANAGEMENT=true}). */
    private void requireEnabled() {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            throw AdministrationException.of(Status.BAD_REQUEST, "user_management_disabled",
                    "User management not enabled");
        }
    }

    /**
     * Runs the work in one transaction that announces the user's change at commit, then tells this process's
     * listener, so that the next request here sees the change even before the store's feed delivers it.
     */
    private <T> T changeUser(String userId, UserStore.StoreWork<T> work) {
        T result = store.inTransaction(tx -> {
            T value = work.run(tx);
            tx.publishChange(userId);
            return value;
        });
        localChanges.userChanged(userId);
        return result;
    }

    private ManagedUser view(StoreTransaction tx, StoredUser user) {
        return new ManagedUser(user, StoredPermissions.load(settings, tx, user));
    }

    /**
     * The user, locked; 404 when unknown, 409 when deactivated: a deactivated user's roles, limit, memberships and
     * knowledge bases do not change.
     */
    private static StoredUser lockChangeableUser(StoreTransaction tx, String userId) {
        StoredUser user = tx.lockUser(userId).orElseThrow(() -> userNotFound(userId));
        if (!user.usable()) {
            throw AdministrationException.of(Status.CONFLICT, "user_deactivated", "User is deactivated",
                    "User '" + userId + "' is deactivated; a deactivated user cannot be changed.", null);
        }
        return user;
    }

    /**
     * Refuses to take the role, by revocation or deactivation, from its last usable holder: without a maintainer,
     * only SQL could make one again.
     *
     * @param usableHolders the role's usable holders, locked in this transaction
     */
    private static void refuseLosingTheLast(LastHolder last, EffectivePermissions caller, StoredUser user,
            List<StoredUser> usableHolders, String action) {
        boolean anotherHolder = usableHolders.stream().anyMatch(holder -> !holder.id().equals(user.id()));
        if (!anotherHolder) {
            LOG.warn("Refused to {} the last {} {} (asked by {})", action, last.role(), user.id(), caller.id());
            throw AdministrationException.of(Status.FORBIDDEN, last.reason(), "Cannot " + action + " last "
                    + last.role() + " - system must have at least one " + last.role(), null, last.help());
        }
    }

    /** The limit after the change: null exactly for admins, so that "null limit ⇔ admin" always holds. */
    private Integer newLimit(EffectivePermissions caller, StoredUser user, boolean admin, UserUpdate update) {
        if (admin && !user.admin()) {
            return null; // promotion; a limit given with it is ignored, as on the platform
        }
        if (!update.projectLimitGiven()) {
            // demotion gets the configured default (the platform hard-codes 3)
            return user.admin()
                    && !admin ? Integer.valueOf(settings.get(AuthSettings.USER_PROJECT_LIMIT)) : user.projectLimit();
        }
        Integer limit = update.projectLimit();
        if (caller.id().equals(user.id()) && user.admin()) {
            throw AdministrationException.of(Status.FORBIDDEN, "own_project_limit",
                    "Admins cannot modify their own project limit (always unlimited)");
        }
        if (limit != null && limit < 0) {
            throw AdministrationException.of(Status.BAD_REQUEST, "negative_project_limit",
                    "Invalid project_limit: must be non-negative integer or NULL");
        }
        if (limit == null && !admin) {
            throw AdministrationException.of(Status.BAD_REQUEST, "null_project_limit",
                    "Only admins can have unlimited project_limit (NULL)");
        }
        if (limit != null && admin) {
            throw AdministrationException.of(Status.BAD_REQUEST, "admin_project_limit",
                    "Admins always have unlimited project_limit (NULL)");
        }
        return limit;
    }

    /**
     * The live project, if the caller may change its members: admins, the creator and its project admins. A member
     * without the right gets 403; anyone else 404, so that the project's existence is not revealed.
     */
    private static Project manageableProject(StoreTransaction tx, EffectivePermissions caller, String name) {
        Project project = tx.findProject(name).filter(Project::live).orElseThrow(UserAdministration::projectNotFound);
        if (!caller.admin() && !caller.id().equals(project.createdBy())) {
            ProjectMembership own = membership(tx, caller.id(), name).orElseThrow(UserAdministration::projectNotFound);
            if (!own.projectAdmin()) {
                Decision.deny(new DenyReason.NotProjectAdmin(name), "Only admins, the project's admins and its creator"
                        + " may change the members of the project '" + name + "'.").orThrow();
            }
        }
        if (project.type() == ProjectType.PERSONAL) {
            throw AdministrationException.of(Status.FORBIDDEN, "personal_project",
                    "Cannot modify membership of a personal project");
        }
        return project;
    }

    private static Optional<ProjectMembership> membership(StoreTransaction tx, String userId, String project) {
        return tx.memberships(userId).stream().filter(m -> m.project().equals(project)).findFirst();
    }

    private static void validateProject(String name, String description) {
        Optional<String> invalidName = ProjectNames.problem(name);
        if (invalidName.isPresent()) {
            throw invalidProject(invalidName.get());
        }
        if (description == null || description.isBlank()) {
            throw invalidProject("Project description is required");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw invalidProject("Project description cannot exceed 500 characters");
        }
    }

    private static AdministrationException invalidProject(String message) {
        return AdministrationException.of(Status.BAD_REQUEST, "invalid_project", message);
    }

    private static AdministrationException userNotFound(String userId) {
        return AdministrationException.of(Status.NOT_FOUND, "user_not_found", "User not found",
                "No user found with ID '" + userId + "'", "Verify the user ID and try again");
    }

    private static AdministrationException projectNotFound() {
        return AdministrationException.of(Status.NOT_FOUND, "project_not_found", "Project not found");
    }

    private static AdministrationException alreadyAssigned(String userId, String project) {
        return AdministrationException.of(Status.CONFLICT, "already_assigned", "User already assigned to project",
                "User '" + userId + "' is already a member of project '" + project + "'", null);
    }

    /** A role the system must keep at least one usable holder of, and how a refusal to remove the last one reads. */
    private record LastHolder(String role, String reason, String help) {
    }
}
