package ai.codemie.auth.policy;

import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Why a requirement was not met, as data: every reason has a stable {@link #code()} and the values it is
 * about, so that logs, clients and troubleshooting tools need not parse the human text.
 */
public sealed interface DenyReason {

    /** A stable snake_case code. */
    String code();

    /** The caller is neither an admin nor a maintainer. */
    record NotAdmin() implements DenyReason {
        public String code() { return "not_admin"; }
    }

    /** The caller is not a maintainer. */
    record NotMaintainer() implements DenyReason {
        public String code() { return "not_maintainer"; }
    }

    /** The caller does not hold the platform role. */
    record MissingRole(String role) implements DenyReason {
        public String code() { return "missing_role"; }
    }

    /** The caller is not a member (nor admin) of the project. */
    record NotProjectMember(String project) implements DenyReason {
        public String code() { return "not_project_member"; }
    }

    /** The caller does not administer the project. */
    record NotProjectAdmin(String project) implements DenyReason {
        public String code() { return "not_project_admin"; }
    }

    /** The caller has no grant for the knowledge base. */
    record NoKnowledgeBaseAccess(String knowledgeBase) implements DenyReason {
        public String code() { return "no_knowledge_base_access"; }
    }

    /** The endpoint declares no requirement, and endpoints without one are denied. */
    record NoAccessRule() implements DenyReason {
        public String code() { return "no_access_rule"; }
    }

    /** The caller holds none of the roles that let a user sign in. */
    record NoSignInRole(Set<String> signInRoles) implements DenyReason {
        public NoSignInRole {
            signInRoles = Set.copyOf(signInRoles);
        }

        public String code() { return "no_sign_in_role"; }
    }

    /** A denial in a tenant, which carries the text a client is shown. */
    sealed interface TenantReason extends DenyReason {
        /** The text a client is shown, the details of a 403 "Access denied". */
        String details();
    }

    /**
     * The caller is not a member of the tenant, or the tenant does not exist: the two are not told apart, so that a
     * non-member cannot learn which tenants exist.
     */
    record NotTenantMember(String tenant) implements TenantReason {
        public String code() { return "not_tenant_member"; }

        public String details() {
            return "You are not a member of the tenant '" + tenant + "'.";
        }
    }

    /**
     * A permission asked for in a tenant the caller is a member of, denied by their roles or by the tenant's boundary:
     * the tenant, the permission's text and a list of role names. Made on every such denial, it works its text and
     * list out only when they are first asked for (from the caller's membership, which is immutable), so that a
     * denial nobody reads costs no more than an allow. Equal when the tenant, the permission and the list are.
     */
    abstract sealed class PermissionDenial implements TenantReason permits NoRoleGrants, OutsideTenantBoundary {

        private final String tenant;
        private final PermissionRequest request;
        /** The caller's membership the list is worked out from; null when the list was given. */
        private final TenantAccess access;
        /** The list, as given or once worked out; racy but idempotent, like String's hash. */
        private List<String> roles;

        PermissionDenial(String tenant, String permission, List<String> roles) {
            this.tenant = TenantNames.requireTenantId(tenant);
            this.request = PermissionRequest.parse(permission);
            this.access = null;
            this.roles = List.copyOf(roles);
        }

        PermissionDenial(TenantAccess access, PermissionRequest permission) {
            this.tenant = access.tenantId();
            this.request = Objects.requireNonNull(permission, "permission");
            this.access = access;
        }

        /** The tenant id. */
        public final String tenant() {
            return tenant;
        }

        /** The permission asked for, as text ({@code resource:action} or {@code resource:action:instance}). */
        public final String permission() {
            return request.toString();
        }

        /** The role names this reason lists, worked out from the membership. */
        abstract List<String> rolesOf(TenantAccess access, PermissionRequest permission);

        final List<String> roleList() {
            List<String> list = roles;
            if (list == null) {
                list = rolesOf(access, request);
                roles = list;
            }
            return list;
        }

        @Override
        public final boolean equals(Object o) {
            return o instanceof PermissionDenial other && getClass() == other.getClass()
                    && tenant.equals(other.tenant) && request.equals(other.request)
                    && roleList().equals(other.roleList());
        }

        @Override
        public final int hashCode() {
            return Objects.hash(getClass(), tenant, request, roleList());
        }

        /** Like a record's: {@code NoRoleGrants[tenant=acme, permission=agent:chat, roles=[Viewer]]}. */
        @Override
        public final String toString() {
            return getClass().getSimpleName() + "[tenant=" + tenant + ", permission=" + request + ", "
                    + listName() + "=" + roleList() + "]";
        }

        abstract String listName();
    }

    /** None of the roles the caller holds in the tenant has a pattern matching the permission. */
    final class NoRoleGrants extends PermissionDenial {

        /**
         * The reason for a caller holding {@code roles} in the tenant. Throws
         * {@link ai.codemie.auth.model.InvalidSyntaxException} for a malformed tenant id or permission.
         */
        public NoRoleGrants(String tenant, String permission, List<String> roles) {
            super(tenant, permission, roles);
        }

        NoRoleGrants(TenantAccess access, PermissionRequest permission) {
            super(access, permission);
        }

        public String code() { return "no_role_grants"; }

        public String details() {
            return "None of your roles in the tenant '" + tenant() + "' grants '" + permission() + "'.";
        }

        /** The names of the roles the caller holds in the tenant, in the tenant's order; empty when none. */
        public List<String> roles() {
            return roleList();
        }

        @Override
        List<String> rolesOf(TenantAccess access, PermissionRequest permission) {
            return access.roleNames();
        }

        @Override
        String listName() {
            return "roles";
        }
    }

    /** Roles of the caller grant the permission, but the tenant's boundary does not allow it. */
    final class OutsideTenantBoundary extends PermissionDenial {

        /**
         * The reason for a permission that {@code grantingRoles} of the caller grant. Throws
         * {@link ai.codemie.auth.model.InvalidSyntaxException} for a malformed tenant id or permission.
         */
        public OutsideTenantBoundary(String tenant, String permission, List<String> grantingRoles) {
            super(tenant, permission, grantingRoles);
        }

        OutsideTenantBoundary(TenantAccess access, PermissionRequest permission) {
            super(access, permission);
        }

        public String code() { return "outside_tenant_boundary"; }

        public String details() {
            return "The tenant '" + tenant() + "' does not allow '" + permission() + "', whatever the role.";
        }

        /** The names of the caller's roles in the tenant that have a pattern matching the permission. */
        public List<String> grantingRoles() {
            return roleList();
        }

        @Override
        List<String> rolesOf(TenantAccess access, PermissionRequest permission) {
            return access.grantingRoles(permission);
        }

        @Override
        String listName() {
            return "grantingRoles";
        }
    }

    /**
     * Giving out a role (creating, changing or assigning it) would let someone do what the caller may not do in the
     * tenant: {@code pattern}, as written, is the first of the role's patterns the caller's own permissions there
     * do not cover.
     */
    record WouldEscalate(String tenant, String pattern) implements TenantReason {
        public String code() { return "would_escalate"; }

        public String details() {
            return "You cannot give out '" + pattern + "', which you do not hold in the tenant '" + tenant + "'.";
        }
    }

    /** The decision itself failed; denied because errors fail closed. */
    record DecisionError(String error) implements DenyReason {
        public String code() { return "decision_error"; }
    }
}
