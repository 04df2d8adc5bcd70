package ai.codemie.auth.spring.security;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.policy.TenantHeader;
import ai.codemie.auth.servlet.ActiveTenant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
     * values, one per {@link RequirementKind#declared() declared} parameter: {@code @codemie.meets('projectAccess',
     * #project)}. A kind that decides in a tenant decides in the request's active tenant:
     * {@code @codemie.meets('tenantPermission', 'agent', 'chat', #agent)} ({@code ''} for no instance).
     *
     * @throws IllegalArgumentException for an unknown name or the wrong number of arguments
     * @throws AuthException            400 for a tenant kind when tenants are off, or the tenant header or a value
     *                                  is malformed
     */
    public boolean meets(String kind, String... arguments) {
        RequirementKind named = RequirementKind.named(kind);
        if (!named.needsActiveTenant()) {
            return allowed(named, arguments);
        }
        // the declared arguments (as on an annotation, input values instead of input names), then the active tenant
        List<String> values = new ArrayList<>(List.of(arguments));
        if (values.size() != named.declared().size()) {
            throw new IllegalArgumentException(kind + " takes " + named.declared().size() + " argument(s) "
                    + named.declared().stream().map(RequirementKind.Parameter::name).toList() + ", not "
                    + values.size());
        }
        List<RequirementKind.Parameter> parameters = named.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).activeTenant()) {
                values.add(i, activeTenant());
            }
        }
        try {
            return allowed(named, values.toArray(String[]::new));
        } catch (InvalidSyntaxException malformed) {
            throw TenantHeader.invalid(malformed);
        }
    }

    /**
     * Whether the caller is granted the permission ({@code resource:action[:instance]}) in the request's active
     * tenant: {@code @codemie.tenantPermission('agent:chat:' + #agent)}.
     *
     * @throws AuthException 400 when tenants are off, or the tenant header or the permission is malformed
     */
    public boolean tenantPermission(String permission) {
        String tenant = activeTenant();
        try {
            return allowed(Requirements.tenantPermission(tenant, PermissionRequest.parse(permission)));
        } catch (InvalidSyntaxException malformed) {
            throw TenantHeader.invalid(malformed);
        }
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
        return allowed(kind.requirement(arguments));
    }

    private static boolean allowed(Requirement requirement) {
        return CodemieAuthorizationManagers.decide(() -> SecurityContextHolder.getContext().getAuthentication(),
                requirement).isGranted();
    }

    /** The active tenant of the request being served. */
    private static String activeTenant() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new IllegalStateException("a tenant permission is decided in the active tenant of a request, and "
                    + "no request is being served");
        }
        return ActiveTenant.of(attributes.getRequest());
    }
}
