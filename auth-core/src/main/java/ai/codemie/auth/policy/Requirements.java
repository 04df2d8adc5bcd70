package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The platform's requirements — project access, project admin, knowledge base access, admin, maintainer, a role — each
 * with the platform's 403 texts.
 */
public final class Requirements {

    /** Details of a denied admin-or-maintainer requirement. */
    public static final String ADMIN_DETAILS = "This action requires administrator or maintainer privileges.";
    /** Details of a denied maintainer requirement. */
    public static final String MAINTAINER_DETAILS = "This action requires maintainer privileges.";

    private static final Requirement AUTHENTICATED = new Rule("authenticated", p -> true, null, null);
    private static final Requirement ADMIN_OR_MAINTAINER = new Rule("adminOrMaintainer",
            EffectivePermissions::admin, new DenyReason.NotAdmin(), ADMIN_DETAILS);
    private static final Requirement MAINTAINER = new Rule("maintainer",
            EffectivePermissions::maintainer, new DenyReason.NotMaintainer(), MAINTAINER_DETAILS);

    private Requirements() {
    }

    /** Any signed-in caller. */
    public static Requirement authenticated() {
        return AUTHENTICATED;
    }

    /** Platform admins and maintainers. */
    public static Requirement adminOrMaintainer() {
        return ADMIN_OR_MAINTAINER;
    }

    /** Maintainers only. */
    public static Requirement maintainer() {
        return MAINTAINER;
    }

    /** Callers holding the platform role (exact match). */
    public static Requirement role(String role) {
        return new Named(Kind.ROLE, Objects.requireNonNull(role, "role"));
    }

    /** Admins, maintainers, members and project admins of the project (exact, case-sensitive name). */
    public static Requirement projectAccess(String project) {
        return new Named(Kind.PROJECT_ACCESS, Objects.requireNonNull(project, "project"));
    }

    /** Explicit project admins of the project only; a global admin without the grant is refused. */
    public static Requirement projectAdmin(String project) {
        return new Named(Kind.PROJECT_ADMIN, Objects.requireNonNull(project, "project"));
    }

    /** Platform admins and maintainers, and project admins of the project. */
    public static Requirement adminOrProjectAdmin(String project) {
        return new Named(Kind.ADMIN_OR_PROJECT_ADMIN, Objects.requireNonNull(project, "project"));
    }

    /** Admins, maintainers and callers granted the knowledge base. */
    public static Requirement knowledgeBaseAccess(String knowledgeBase) {
        return new Named(Kind.KNOWLEDGE_BASE_ACCESS, Objects.requireNonNull(knowledgeBase, "knowledgeBase"));
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

    /** A requirement that is a predicate with one fixed denial. */
    private record Rule(String describe, Predicate<EffectivePermissions> test, DenyReason reason, String details)
            implements Requirement {

        @Override
        public Decision check(EffectivePermissions permissions) {
            return test.test(permissions) ? Decision.allow() : Decision.deny(reason, details);
        }
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

    /**
     * A requirement about one named thing (role, project, knowledge base). It holds only the name and which rule
     * applies, as one is made per request; its description and denial texts are built only when needed, on a deny
     * or in a log.
     */
    private record Named(Kind rule, String name) implements Requirement {

        @Override
        public Decision check(EffectivePermissions p) {
            boolean met = switch (rule) {
                case ROLE -> p.hasRole(name);
                case PROJECT_ACCESS -> p.hasProjectAccess(name);
                case PROJECT_ADMIN -> p.isProjectAdmin(name);
                case ADMIN_OR_PROJECT_ADMIN -> p.admin() || p.isProjectAdmin(name);
                case KNOWLEDGE_BASE_ACCESS -> p.hasKnowledgeBaseAccess(name);
            };
            return met ? Decision.allow() : Decision.deny(reason(), rule.detailsBefore + name + rule.detailsAfter);
        }

        private DenyReason reason() {
            return switch (rule) {
                case ROLE -> new DenyReason.MissingRole(name);
                case PROJECT_ACCESS -> new DenyReason.NotProjectMember(name);
                case PROJECT_ADMIN, ADMIN_OR_PROJECT_ADMIN -> new DenyReason.NotProjectAdmin(name);
                case KNOWLEDGE_BASE_ACCESS -> new DenyReason.NoKnowledgeBaseAccess(name);
            };
        }

        @Override
        public String describe() {
            return rule.label + "(" + name + ")";
        }
    }

    /** The named requirements, with their 403 details around the name. */
    private enum Kind {
        ROLE("role", "This action requires the role '"),
        PROJECT_ACCESS("projectAccess", "You do not have permission to access the project '"),
        PROJECT_ADMIN("projectAdmin", "This action requires project administrator privileges for the project '"),
        ADMIN_OR_PROJECT_ADMIN("adminOrProjectAdmin",
                "This action requires administrator or project administrator privileges for the project '"),
        KNOWLEDGE_BASE_ACCESS("knowledgeBaseAccess", "You do not have permission to access the knowledge base '");

        private final String label;
        private final String detailsBefore;
        private final String detailsAfter = "'.";

        Kind(String label, String detailsBefore) {
            this.label = label;
            this.detailsBefore = detailsBefore;
        }
    }
}
