package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.policy.DenyReason.TenantReason;
import java.util.List;
import java.util.Objects;

/**
 * Why a caller may or may not have a permission in a tenant, as data: the answer, the reason of a denial, the roles
 * the caller holds there, which of them have a pattern matching the permission, and whether the tenant's boundary
 * allows it. A permission is granted in a tenant when the caller is a member, a role they hold there has a pattern
 * matching it, and a pattern of the boundary matches it; a denial names the first of the three checks that fails.
 * Platform roles play no part.
 *
 * <p>Decisions and explanations come from one function, {@code outcome}: it checks membership, then roles, then
 * boundary, with the matching primitives of {@link TenantAccess}, and allocates nothing. The requirement of
 * {@link Requirements#tenantPermission} allows exactly when {@code outcome} does, and otherwise denies with the
 * reason that {@code reason} makes of the outcome; an explanation takes its answer and reason from the same two functions, and its lists
 * from the same primitives ({@link TenantAccess#grantingRoles} is empty exactly when
 * {@link TenantAccess#rolesGrant} is false). So an explanation cannot disagree with enforcement, while an allow
 * costs no more than its lookups, and a denial not much more: its reason works out its lists and texts only when
 * they are read (an explanation reads them).
 *
 * @param tenant         the tenant id
 * @param permission     the permission asked about
 * @param reason         why it is denied; null when allowed
 * @param roles          the names of the roles the caller holds in the tenant; empty for a non-member
 * @param grantingRoles  those of them with a pattern matching the permission; empty for a non-member
 * @param boundaryAllows whether a pattern of the tenant's boundary matches the permission; false for a non-member,
 *                       to whom nothing about the tenant is shown
 */
public record AccessExplanation(String tenant, PermissionRequest permission, TenantReason reason, List<String> roles,
        List<String> grantingRoles, boolean boundaryAllows) {

    public AccessExplanation {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(permission, "permission");
        roles = List.copyOf(roles);
        grantingRoles = List.copyOf(grantingRoles);
    }

    /**
     * The caller's answer for the permission in the tenant. Throws
     * {@link ai.codemie.auth.model.InvalidSyntaxException} for a malformed tenant id.
     */
    public static AccessExplanation explain(EffectivePermissions caller, String tenant, PermissionRequest permission) {
        return explain(caller.tenants().get(TenantNames.requireTenantId(tenant)), tenant, permission);
    }

    /**
     * The answer for the permission in the tenant, for a caller whose membership of it is {@code access}, null when
     * they are not a member (or the tenant does not exist).
     */
    public static AccessExplanation explain(TenantAccess access, String tenant, PermissionRequest permission) {
        TenantNames.requireTenantId(tenant);
        if (access != null && !access.tenantId().equals(tenant)) {
            throw new IllegalArgumentException("the membership of the tenant '" + access.tenantId()
                    + "' cannot explain the tenant '" + tenant + "'");
        }
        TenantReason reason = reason(outcome(access, permission), access, tenant, permission);
        if (access == null) {
            return new AccessExplanation(tenant, permission, reason, List.of(), List.of(), false);
        }
        return new AccessExplanation(tenant, permission, reason, access.roleNames(), access.grantingRoles(permission),
                access.boundaryAllows(permission));
    }

    /** The decision, as {@link Requirements#tenantPermission} takes it. */
    static Decision decide(TenantAccess access, String tenant, PermissionRequest permission) {
        Outcome outcome = outcome(access, permission);
        return outcome == Outcome.ALLOWED ? Decision.allow()
                : Decision.deny(reason(outcome, access, tenant, permission));
    }

    /** Whether the permission is granted. */
    public boolean allowed() {
        return reason == null;
    }

    /** The decision this explanation stands for: allow, or a 403 "Access denied" with the reason's text. */
    public Decision decision() {
        return reason == null ? Decision.allow() : Decision.deny(reason);
    }

    /** The three checks, in the order their denials take precedence. */
    private enum Outcome { ALLOWED, NOT_TENANT_MEMBER, NO_ROLE_GRANTS, OUTSIDE_TENANT_BOUNDARY }

    private static Outcome outcome(TenantAccess access, PermissionRequest permission) {
        if (access == null) {
            return Outcome.NOT_TENANT_MEMBER;
        }
        if (!access.rolesGrant(permission)) {
            return Outcome.NO_ROLE_GRANTS;
        }
        return access.boundaryAllows(permission) ? Outcome.ALLOWED : Outcome.OUTSIDE_TENANT_BOUNDARY;
    }

    /** The reason of an outcome, with the lists it carries; null when allowed. */
    private static TenantReason reason(Outcome outcome, TenantAccess access, String tenant,
            PermissionRequest permission) {
        return switch (outcome) {
            case ALLOWED -> null;
            case NOT_TENANT_MEMBER -> new DenyReason.NotTenantMember(tenant);
            case NO_ROLE_GRANTS -> new DenyReason.NoRoleGrants(access, permission);
            case OUTSIDE_TENANT_BOUNDARY -> new DenyReason.OutsideTenantBoundary(access, permission);
        };
    }
}
