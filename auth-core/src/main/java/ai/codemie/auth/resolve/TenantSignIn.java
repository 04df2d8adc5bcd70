package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredText;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What tenants add to signing in: the default tenant exists from startup, and a user's first sign-in with tenants on
 * joins it and turns the invitations of the user's e-mail into memberships, once.
 */
final class TenantSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(TenantSignIn.class);

    private final String defaultTenant;
    private final Set<String> firstLoginRoles;
    private final boolean requireVerifiedEmail;

    TenantSignIn(AuthSettings settings) {
        this.defaultTenant = settings.get(AuthSettings.DEFAULT_TENANT);
        // sorted, so that the roles and their warnings come in one order whatever the set's
        this.firstLoginRoles = new TreeSet<>(settings.get(AuthSettings.FIRST_LOGIN_ROLES));
        this.requireVerifiedEmail = settings.get(AuthSettings.PLACEHOLDER_REQUIRE_VERIFIED_EMAIL);
    }

    /**
     * Creates the default tenant ({@code CODEMIE_AUTH_DEFAULT_TENANT}, display name {@value Tenant#DEFAULT_DISPLAY_NAME},
     * boundary {@code *:*}) unless it exists; replicas starting together create it once.
     */
    static void createDefaultTenant(AuthSettings settings, UserStore store) {
        String id = settings.get(AuthSettings.DEFAULT_TENANT);
        Tenant tenant = new Tenant(id, Tenant.DEFAULT_DISPLAY_NAME, List.of(PermissionPattern.parse("*:*")));
        if (store.inTransaction(tx -> tx.tenants().insert(tenant))) {
            LOG.info("Created the default tenant '{}' with boundary *:*", id);
        }
    }

    /**
     * At the user's first sign-in with tenants on (the store holds no marker for the user yet), in the sign-in's
     * transaction: joins the default tenant with the first-login roles it has, turns the invitations of the user's
     * e-mail into memberships when the e-mail may claim them, and records the marker. Later sign-ins only read the
     * marker.
     *
     * @param emailVerified whether the token says {@code email_verified: true} for the user's e-mail
     * @return whether the user's memberships changed
     */
    boolean firstSignIn(StoreTransaction tx, StoredUser user, boolean emailVerified) {
        if (tx.tenants().joinedDefaultTenant(user.id())) {
            return false;
        }
        Optional<TenantDefinition> tenant = tx.tenants().definition(defaultTenant);
        boolean joined = tenant.isPresent();
        if (joined) {
            join(tx, user.id(), tenant.get());
        } else {
            // created at startup and never deleted: only a resolver built without PermissionResolvers gets here
            LOG.warn("User {} does not join the default tenant '{}': there is no such tenant; it is joined at a "
                    + "sign-in once the tenant exists", user.id(), defaultTenant);
        }
        boolean claimed = claimInvitations(tx, user, emailVerified);
        if (!joined && !claimed) {
            return false;
        }
        if (joined) {
            tx.tenants().markJoinedDefaultTenant(user.id());
        }
        tx.publishChange(user.id());
        return true;
    }

    private void join(StoreTransaction tx, String userId, TenantDefinition tenant) {
        List<String> roles = new ArrayList<>();
        for (String name : firstLoginRoles) {
            Optional<TenantRole> role = tenant.role(name);
            if (role.isPresent()) {
                roles.add(role.get().name());
            } else {
                LOG.warn("User {} joins the default tenant '{}' without the role '{}' of {}: the tenant has no such "
                        + "role", userId, defaultTenant, name, AuthSettings.FIRST_LOGIN_ROLES.name());
            }
        }
        tx.tenants().addMember(defaultTenant, userId);
        if (!roles.isEmpty()) {
            tx.tenants().addRoles(defaultTenant, userId, roles);
        }
        LOG.info("User {} joined the default tenant '{}' with the roles {}", userId, defaultTenant, roles);
    }

    /** Whether invitations were turned into memberships. */
    private boolean claimInvitations(StoreTransaction tx, StoredUser user, boolean emailVerified) {
        String email = user.email();
        if (email == null || email.isEmpty()) {
            return false;
        }
        if (emailVerified || !requireVerifiedEmail) {
            List<Invitation> accepted = tx.invitations().accept(email, user.id());
            for (Invitation invitation : accepted) {
                LOG.info("User {} accepted the invitation to tenant '{}' with the roles {}", user.id(),
                        invitation.tenantId(), invitation.roleNames());
            }
            return !accepted.isEmpty();
        }
        List<Invitation> pending = tx.invitations().forEmail(email);
        if (!pending.isEmpty()) {
            LOG.warn("User {} signed in with the e-mail {}, which has invitations to the tenants {}; they stay pending: "
                    + "the token does not say email_verified: true, and {} is true", user.id(),
                    StoredText.quoted(email), pending.stream().map(Invitation::tenantId).toList(),
                    AuthSettings.PLACEHOLDER_REQUIRE_VERIFIED_EMAIL.name());
        }
        return false;
    }
}
