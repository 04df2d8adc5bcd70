package ai.codemie.auth.admin;

import ai.codemie.auth.admin.AdminSupport.Audited;
import ai.codemie.auth.admin.AdminSupport.Change;
import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.StoredAccounts;
import ai.codemie.auth.store.StoredUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user aggregate's administration: listing, local users, roles and project limit, deactivation. */
final class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);

    private static final LastHolder LAST_ADMIN = new LastHolder("admin", "last_admin", null);
    private static final LastHolder LAST_MAINTAINER = new LastHolder("maintainer", "last_maintainer",
            "Make another user a maintainer first.");

    private final AdminSupport support;

    UserAccounts(AdminSupport support) {
        this.support = support;
    }

    List<ManagedUser> listUsers(EffectivePermissions caller) {
        support.guard(caller, Requirements.adminOrMaintainer());
        return support.store.inTransaction(tx -> tx.users().listAll().stream().map(user -> support.view(tx, user))
                .toList());
    }

    ManagedUser getUser(EffectivePermissions caller, String userId) {
        support.guard(caller, Requirements.adminOrMaintainer());
        return support.store.inTransaction(tx -> support.view(tx, tx.users().find(userId)
                .orElseThrow(() -> AdminSupport.userNotFound(userId))));
    }

    ManagedUser createLocalUser(EffectivePermissions caller, NewLocalUser newUser) {
        support.guard(caller, Requirements.adminOrMaintainer());
        if (support.settings.get(AuthSettings.IDP_PROVIDER) != IdpProvider.LOCAL) {
            throw AdministrationException.of(Status.BAD_REQUEST, "not_local_mode",
                    "User creation only available in local auth mode");
        }
        StoredUser user = StoredUser.builder(UUID.randomUUID().toString(), newUser.username())
                .email(newUser.email())
                .name(newUser.name() == null ? newUser.username() : newUser.name())
                .projectLimit(support.settings.get(AuthSettings.USER_PROJECT_LIMIT))
                .authSource(IdpProvider.LOCAL.value())
                .build();
        return support.audited(caller, tx -> {
            if (tx.users().findByEmail(user.email()).isPresent()) {
                throw AdministrationException.of(Status.CONFLICT, "email_taken", "Email already registered");
            }
            if (!StoredAccounts.create(tx, user)) {
                throw AdministrationException.of(Status.CONFLICT, "username_taken", "Username already taken");
            }
            LOG.info("User {} created by {}", user.id(), caller.id());
            return new Audited<>(support.view(tx, user), new Change("user.create", null, user.id(), Map.of(),
                    Audit.state("username", user.username(), "email", user.email(), "name", user.name(),
                            "project_limit", user.projectLimit())));
        });
    }

    ManagedUser updateUser(EffectivePermissions caller, String userId, UserUpdate update) {
        support.guard(caller, Requirements.adminOrMaintainer());
        Objects.requireNonNull(update, "update");
        if (Boolean.TRUE.equals(update.maintainer()) && Boolean.FALSE.equals(update.admin())) {
            throw AdministrationException.of(Status.BAD_REQUEST, "invalid_role_change",
                    "A maintainer is always an admin");
        }
        return support.changeUser(caller, userId, tx -> {
            // Admins, then maintainers, then the target: every role change and deactivation locks in this order, so
            // none can deadlock another.
            List<StoredUser> usableAdmins = update.changesRoles() ? tx.users().lockUsableAdmins() : List.of();
            List<StoredUser> usableMaintainers = update.changesRoles() ? tx.users().lockUsableMaintainers()
                    : List.of();
            StoredUser user = AdminSupport.lockChangeableUser(tx, userId);
            boolean admin = update.admin() != null ? update.admin() : user.admin();
            boolean maintainer = update.maintainer() != null ? update.maintainer() : user.maintainer();
            if (Boolean.TRUE.equals(update.maintainer())) {
                admin = true; // setting maintainer sets admin
            }
            if (!admin) {
                maintainer = false; // a maintainer is always an admin
            }
            if (admin != user.admin() || maintainer != user.maintainer()) {
                support.authorize(caller, Requirements.maintainer());
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
            StoredUser changed = user.toBuilder().roles(admin, maintainer, newLimit(caller, user, admin, update))
                    .build();
            tx.users().update(changed);
            LOG.info("User {} changed by {}: admin={}, maintainer={}, project limit={}", userId, caller.id(), admin,
                    maintainer, changed.projectLimit());
            return new Audited<>(support.view(tx, changed), roleChange(user, changed));
        });
    }

    void deactivateUser(EffectivePermissions caller, String userId) {
        support.guard(caller, Requirements.adminOrMaintainer());
        if (caller.id().equals(userId)) {
            throw AdministrationException.of(Status.BAD_REQUEST, "self_deactivation", "Cannot deactivate own account",
                    null, "Ask another administrator to deactivate your account.");
        }
        support.changeUser(caller, userId, tx -> {
            List<StoredUser> usableAdmins = tx.users().lockUsableAdmins();
            List<StoredUser> usableMaintainers = tx.users().lockUsableMaintainers();
            StoredUser user = tx.users().lock(userId).orElseThrow(() -> AdminSupport.userNotFound(userId));
            boolean maintainer = StoredAccounts.isMaintainer(support.settings, user);
            if (maintainer) {
                support.authorize(caller, Requirements.maintainer());
            }
            if (!user.usable()) {
                return Audited.unchanged(null);
            }
            if (user.admin()) {
                refuseLosingTheLast(LAST_ADMIN, caller, user, usableAdmins, "deactivate");
            }
            if (maintainer) {
                refuseLosingTheLast(LAST_MAINTAINER, caller, user, usableMaintainers, "deactivate");
            }
            StoredUser deactivated = user.deactivated(support.clock.instant());
            tx.users().update(deactivated);
            LOG.info("User {} deactivated by {}", userId, caller.id());
            return new Audited<>(null, new Change("user.deactivate", null, userId,
                    Audit.state("is_active", true, "deleted_at", null),
                    Audit.state("is_active", false, "deleted_at", deactivated.deletedAt().toString())));
        });
    }

    /**
     * The change of roles and limit, named after its weightiest field (maintainer, then admin, then the limit) and
     * holding every field that changed; null when nothing did.
     */
    private static Change roleChange(StoredUser user, StoredUser changed) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        String action = null;
        if (user.maintainer() != changed.maintainer()) {
            before.put("is_maintainer", user.maintainer());
            after.put("is_maintainer", changed.maintainer());
            action = "user.maintainer";
        }
        if (user.admin() != changed.admin()) {
            before.put("is_admin", user.admin());
            after.put("is_admin", changed.admin());
            action = action == null ? "user.admin" : action;
        }
        if (!Objects.equals(user.projectLimit(), changed.projectLimit())) {
            before.put("project_limit", user.projectLimit());
            after.put("project_limit", changed.projectLimit());
            action = action == null ? "user.project_limit" : action;
        }
        return action == null ? null : new Change(action, null, user.id(), before, after);
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
            return user.admin() && !admin ? Integer.valueOf(support.settings.get(AuthSettings.USER_PROJECT_LIMIT))
                    : user.projectLimit();
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

    /** A role the system must keep at least one usable holder of, and how a refusal to remove the last one reads. */
    private record LastHolder(String role, String reason, String help) {
    }
}
