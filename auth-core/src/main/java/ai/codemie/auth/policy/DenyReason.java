package ai.codemie.auth.policy;

import java.util.List;
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

    /** None of the roles the caller holds in the tenant has a pattern matching the permission. */
    record NoRoleGrants(String tenant, String permission, List<String> roles) implements TenantReason {
        public NoRoleGrants {
            roles = List.copyOf(roles);
        }

        public String code() { return "no_role_grants"; }

        public String details() {
            return "None of your roles in the tenant '" + tenant + "' grants '" + permission + "'.";
        }
    }

    /** Roles of the caller grant the permission, but the tenant's boundary does not allow it. */
    record OutsideTenantBoundary(String tenant, String permission, List<String> grantingRoles) implements TenantReason {
        public OutsideTenantBoundary {
            grantingRoles = List.copyOf(grantingRoles);
        }

        public String code() { return "outside_tenant_boundary"; }

        public String details() {
            return "The tenant '" + tenant + "' does not allow '" + permission + "', whatever the role.";
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
