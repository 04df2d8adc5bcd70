package ai.codemie.auth.spring.security;

import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.Requirements;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The platform's requirements for method security expressions, registered as the bean {@value #BEAN_NAME}:
 * each method answers whether the current caller meets the requirement.
 *
 * <pre>{@code
 * @PreAuthorize("@codemie.projectAccess(#project)")
 * public List<Assistant> assistants(String project) { ... }
 * }</pre>
 */
public final class CodemieSecurityExpressions {

    /** The bean name expressions refer to: {@code @codemie}. */
    public static final String BEAN_NAME = "codemie";

    /** Whether the caller is a platform admin or maintainer. */
    public boolean adminOrMaintainer() {
        return allowed(Requirements.adminOrMaintainer());
    }

    /** Whether the caller is a maintainer. */
    public boolean maintainer() {
        return allowed(Requirements.maintainer());
    }

    /** Whether the caller holds the platform role. */
    public boolean role(String role) {
        return allowed(Requirements.role(role));
    }

    /** Whether the caller may access the project. */
    public boolean projectAccess(String project) {
        return allowed(Requirements.projectAccess(project));
    }

    /** Whether the caller is an explicit project admin of the project. */
    public boolean projectAdmin(String project) {
        return allowed(Requirements.projectAdmin(project));
    }

    /** Whether the caller is an admin, a maintainer or a project admin of the project. */
    public boolean adminOrProjectAdmin(String project) {
        return allowed(Requirements.adminOrProjectAdmin(project));
    }

    /** Whether the caller may use the knowledge base. */
    public boolean knowledgeBaseAccess(String knowledgeBase) {
        return allowed(Requirements.knowledgeBaseAccess(knowledgeBase));
    }

    private static boolean allowed(Requirement requirement) {
        return CodemieAuthorizationManagers.decide(
                () -> SecurityContextHolder.getContext().getAuthentication(), requirement).isGranted();
    }
}
