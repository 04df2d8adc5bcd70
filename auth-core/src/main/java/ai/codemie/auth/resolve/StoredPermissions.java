package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.TenantMembership;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The effective permissions of a store user, as {@link StoredAccounts#permissions} states them. */
final class StoredPermissions {

    private StoredPermissions() {
    }

    /** Whether the user is a maintainer: {@code is_maintainer} or {@code MAINTAINER_USER_ID}. */
    public static boolean isMaintainer(AuthSettings settings, StoredUser user) {
        return user.maintainer() || settings.isConfiguredMaintainer(user.id());
    }

    /** Whether the user is an admin: {@code is_admin}, {@code ADMIN_USER_ID}, or a maintainer. */
    public static boolean isAdmin(AuthSettings settings, StoredUser user) {
        return user.admin() || settings.isConfiguredAdmin(user.id()) || isMaintainer(settings, user);
    }

    /**
     * Whether the settings switch tenants on: {@code CODEMIE_AUTH_TENANTS_ENABLED} in platform-managed mode (in
     * Keycloak-managed mode the setting has no effect).
     */
    static boolean tenantsOn(AuthSettings settings) {
        return settings.get(AuthSettings.ENABLE_USER_MANAGEMENT) && settings.get(AuthSettings.TENANTS_ENABLED);
    }

    /**
     * The permissions of the user, reading memberships and grants in the transaction, and with tenants on
     * ({@link #tenantsOn}) the tenant memberships on their tenants' definitions.
     */
    public static EffectivePermissions load(AuthSettings settings, StoreTransaction transaction, StoredUser user) {
        if (!tenantsOn(settings)) {
            return load(settings, transaction, user, List.of());
        }
        return load(settings, transaction, user, tenantAccess(transaction.tenants().membershipsOf(user.id()),
                transaction.tenants()::definition));
    }

    /**
     * The memberships, each on its tenant's definition as {@code definitions} gives it; a membership whose tenant has
     * none is left out (a membership cannot outlive its tenant; read as none should one slip through).
     */
    static List<TenantAccess> tenantAccess(List<TenantMembership> memberships,
            Function<String, Optional<TenantDefinition>> definitions) {
        List<TenantAccess> access = new ArrayList<>(memberships.size());
        for (TenantMembership membership : memberships) {
            definitions.apply(membership.tenantId())
                    .ifPresent(definition -> access.add(definition.access(membership.roleNames())));
        }
        return access;
    }

    /** The permissions of the user with these tenant memberships, reading the rest in the transaction. */
    static EffectivePermissions load(AuthSettings settings, StoreTransaction transaction, StoredUser user,
            Collection<TenantAccess> tenants) {
        return of(settings, user, transaction.projects().membershipsOf(user.id()), transaction.users()
                .knowledgeBases(user.id()), tenants);
    }

    /** The permissions of the user with these memberships and knowledge base grants, and no tenants. */
    public static EffectivePermissions of(AuthSettings settings, StoredUser user, List<ProjectMembership> memberships,
            List<String> knowledgeBases) {
        return of(settings, user, memberships, knowledgeBases, List.of());
    }

    private static EffectivePermissions of(AuthSettings settings, StoredUser user, List<ProjectMembership> memberships,
            List<String> knowledgeBases, Collection<TenantAccess> tenants) {
        boolean maintainer = isMaintainer(settings, user);
        boolean admin = isAdmin(settings, user);
        Set<String> roles = new LinkedHashSet<>();
        if (admin) {
            roles.add(settings.get(AuthSettings.ADMIN_ROLE_NAME));
        }
        if (maintainer && settings.get(AuthSettings.MAINTAINER_ROLE_NAME) != null) {
            roles.add(settings.get(AuthSettings.MAINTAINER_ROLE_NAME));
        }
        List<String> projects = new ArrayList<>(memberships.size());
        List<String> adminProjects = new ArrayList<>();
        for (ProjectMembership membership : memberships) {
            projects.add(membership.project());
            if (membership.projectAdmin()) {
                adminProjects.add(membership.project());
            }
        }
        UserIdentity identity = new UserIdentity(user.id(), user.username(), user.name(), user.email(), user.picture(),
                user.userType());
        return EffectivePermissions.builder(identity)
                .roles(roles)
                .admin(admin)
                .maintainer(maintainer)
                .external(user.userType().equals(settings.get(AuthSettings.EXTERNAL_USER_TYPE)))
                .projects(projects)
                .adminProjects(adminProjects)
                .knowledgeBases(knowledgeBases)
                .projectLimit(user.projectLimit())
                .tenants(tenants)
                .build();
    }
}
