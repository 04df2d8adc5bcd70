package ai.codemie.auth.spring.security;

import ai.codemie.auth.policy.RequirementKind;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The platform's requirements for method security expressions, registered as the bean {@value #BEAN_NAME}:
 * {@link #meets} answers whether the current caller meets any requirement kind, given its name and argument values,
 * and each other method is the shortcut of one kind.
 *
 * <pre>{@code
 * @PreAuthorize("@codemie.projectAccess(#project)")
 * public List<Assistant> assistants(String project) { ... }
 * }</pre>
 */
public final class CodemieSecurityExpressions {

    /** The bean name expressions refer to: {@code @codemie}. */
    public static final String BEAN_NAME = "codemie";

    /**
     * Whether the caller meets the requirement kind of that {@link RequirementKind#label() name} with these argument
     * values, one per parameter: {@code @codemie.meets('projectAccess', #project)}.
     *
     * @throws IllegalArgumentException for an unknown name or the wrong number of arguments
     */
    public boolean meets(String kind, String... arguments) {
        return allowed(RequirementKind.named(kind), arguments);
    }

    /** Whether the caller is a platform admin or maintainer. */
    public boolean adminOrMaintainer() {
        return allowed(RequirementKind.ADMIN_OR_MAINTAINER);
    }

    /** Whether the caller is a maintainer. */
    public boolean maintainer() {
        return allowed(RequirementKind.MAINTAINER);
    }

    /** Whether the caller holds the platform role. */
    public boolean role(String role) {
        return allowed(RequirementKind.ROLE, role);
    }

    /** Whether the caller may access the project. */
    public boolean projectAccess(String project) {
        return allowed(RequirementKind.PROJECT_ACCESS, project);
    }

    /** Whether the caller is an explicit project admin of the project. */
    public boolean projectAdmin(String project) {
        return allowed(RequirementKind.PROJECT_ADMIN, project);
    }

    /** Whether the caller is an admin, a maintainer or a project admin of the project. */
    public boolean adminOrProjectAdmin(String project) {
        return allowed(RequirementKind.ADMIN_OR_PROJECT_ADMIN, project);
    }

    /** Whether the caller may use the knowledge base. */
    public boolean knowledgeBaseAccess(String knowledgeBase) {
        return allowed(RequirementKind.KNOWLEDGE_BASE_ACCESS, knowledgeBase);
    }

    private static boolean allowed(RequirementKind kind, String... arguments) {
        return CodemieAuthorizationManagers.decide(() -> SecurityContextHolder.getContext().getAuthentication(),
                kind.requirement(arguments)).isGranted();
    }
}
