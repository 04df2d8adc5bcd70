package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Objects;

/**
 * The platform's requirements — project access, project admin, knowledge base access, admin, maintainer, a role — each
 * with the platform's 403 texts, as declared in {@link RequirementKind}; and their combinations.
 */
public final class Requirements {

    /** Details of a denied admin-or-maintainer requirement. */
    public static final String ADMIN_DETAILS = "This action requires administrator or maintainer privileges.";
    /** Details of a denied maintainer requirement. */
    public static final String MAINTAINER_DETAILS = "This action requires maintainer privileges.";

    private Requirements() {
    }

    /** Any signed-in caller. */
    public static Requirement authenticated() {
        return RequirementKind.AUTHENTICATED.requirement();
    }

    /** Platform admins and maintainers. */
    public static Requirement adminOrMaintainer() {
        return RequirementKind.ADMIN_OR_MAINTAINER.requirement();
    }

    /** Maintainers only. */
    public static Requirement maintainer() {
        return RequirementKind.MAINTAINER.requirement();
    }

    /** Callers holding the platform role (exact match). */
    public static Requirement role(String role) {
        return RequirementKind.ROLE.requirement(role);
    }

    /** Admins, maintainers, members and project admins of the project (exact, case-sensitive name). */
    public static Requirement projectAccess(String project) {
        return RequirementKind.PROJECT_ACCESS.requirement(project);
    }

    /** Explicit project admins of the project only; a global admin without the grant is refused. */
    public static Requirement projectAdmin(String project) {
        return RequirementKind.PROJECT_ADMIN.requirement(project);
    }

    /** Platform admins and maintainers, and project admins of the project. */
    public static Requirement adminOrProjectAdmin(String project) {
        return RequirementKind.ADMIN_OR_PROJECT_ADMIN.requirement(project);
    }

    /** Admins, maintainers and callers granted the knowledge base. */
    public static Requirement knowledgeBaseAccess(String knowledgeBase) {
        return RequirementKind.KNOWLEDGE_BASE_ACCESS.requirement(knowledgeBase);
    }

    /**
     * Members of the tenant who hold a role there with a pattern matching the permission, when the tenant's boundary
     * allows it; platform admins and maintainers pass only by their own roles in the tenant. A denial says which
     * check failed ({@link AccessExplanation}). Throws {@link ai.codemie.auth.model.InvalidSyntaxException} for a
     * malformed tenant id.
     */
    public static Requirement tenantPermission(String tenant, PermissionRequest permission) {
        return new TenantPermission(TenantNames.requireTenantId(tenant), Objects.requireNonNull(permission,
                "permission"));
    }

    /**
     * {@link #tenantPermission(String, PermissionRequest)} with the permission parsed from its text; a malformed one,
     * or one holding {@code *}, throws {@link ai.codemie.auth.model.InvalidSyntaxException}.
     */
    public static Requirement tenantPermission(String tenant, String permission) {
        return tenantPermission(tenant, PermissionRequest.parse(permission));
    }

    /** Met when every requirement is met; the first denial is the answer. At least one requirement is needed. */
    public static Requirement allOf(Requirement... requirements) {
        List<Requirement> all = List.of(requirements);
        if (all.isEmpty()) {
            // an empty conjunction would allow everyone: refuse it rather than fail open on a coding slip
            throw new IllegalArgumentException("allOf needs at least one requirement");
        }
        return new Requirement() {
            @Override
            public Decision check(EffectivePermissions permissions) {
                for (Requirement requirement : all) {
                    Decision decision = requirement.check(permissions);
                    if (decision.denied()) {
                        return decision;
                    }
                }
                return Decision.allow();
            }

            @Override
            public String describe() {
                return "allOf" + all.stream().map(Requirement::describe).toList();
            }
        };
    }

    /** Met when any requirement is met; otherwise the last denial is the answer. */
    public static Requirement anyOf(Requirement... requirements) {
        List<Requirement> any = List.of(requirements);
        if (any.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one requirement");
        }
        return new Requirement() {
            @Override
            public Decision check(EffectivePermissions permissions) {
                Decision last = null;
                for (Requirement requirement : any) {
                    last = requirement.check(permissions);
                    if (last.allowed()) {
                        return last;
                    }
                }
                return last;
            }

            @Override
            public String describe() {
                return "anyOf" + any.stream().map(Requirement::describe).toList();
            }
        };
    }

    /** A permission in a tenant; made per request, it holds only its inputs. */
    private record TenantPermission(String tenant, PermissionRequest permission) implements Requirement {

        @Override
        public Decision check(EffectivePermissions p) {
            return AccessExplanation.decide(p.tenants().get(tenant), tenant, permission);
        }

        @Override
        public String describe() {
            return "tenantPermission(" + tenant + ", " + permission + ")";
        }
    }
}
