package ai.codemie.auth.spring.security;

import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.RequirementTemplate;
import ai.codemie.auth.servlet.ActiveTenant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The platform's requirements as Spring Security {@link AuthorizationManager}s, for URL rules of a
 * {@code SecurityFilterChain}: any {@link RequirementTemplate}, its request inputs read from the matched path's
 * variables, and a shortcut per requirement kind. A caller not authenticated by codemie-auth is denied; decisions
 * are {@link CodemieAuthorizationDecision}s.
 *
 * <pre>{@code
 * http.authorizeHttpRequests(rules -> rules
 *         .requestMatchers("/v1/projects/{project}/**").access(CodemieAuthorizationManagers.projectAccess("project"))
 *         .requestMatchers("/v1/admin/**").access(CodemieAuthorizationManagers.adminOrMaintainer()));
 * }</pre>
 */
public final class CodemieAuthorizationManagers {

    private static final Authorizer AUTHORIZER = new Authorizer();

    private CodemieAuthorizationManagers() {
    }

    /** A manager answering a fixed requirement, for any kind of secured object. */
    public static <T> AuthorizationManager<T> of(Requirement requirement) {
        return (authentication, object) -> decide(authentication, requirement);
    }

    /** A manager answering a requirement built from each request (for example from a path variable). */
    public static AuthorizationManager<RequestAuthorizationContext> of(
            Function<RequestAuthorizationContext, Requirement> requirement) {
        return (authentication, context) -> decide(authentication, requirement.apply(context));
    }

    /**
     * A manager answering the template, with the request inputs it reads taken from the matched path's variables,
     * e.g. {@code of(RequirementKind.PROJECT_ACCESS.on("project"))}; a tenant permission is decided in the request's
     * {@link ActiveTenant}.
     *
     * @throws IllegalStateException at decision time when the matched path lacks a variable the template reads
     * @throws ai.codemie.auth.error.AuthException at decision time, 400, when tenants are off for a tenant permission
     *                               or its tenant or instance is malformed; the servlet filter writes it
     */
    public static AuthorizationManager<RequestAuthorizationContext> of(RequirementTemplate template) {
        return of(context -> template.resolve(variable -> {
            String value = context.getVariables().get(variable);
            if (value == null) {
                throw new IllegalStateException("the matched path has no variable '" + variable + "'");
            }
            return value;
        }, () -> ActiveTenant.of(context.getRequest())));
    }

    /** Platform admins and maintainers. */
    public static <T> AuthorizationManager<T> adminOrMaintainer() {
        return of(RequirementKind.ADMIN_OR_MAINTAINER.requirement());
    }

    /** Maintainers. */
    public static <T> AuthorizationManager<T> maintainer() {
        return of(RequirementKind.MAINTAINER.requirement());
    }

    /** Callers holding the platform role. */
    public static <T> AuthorizationManager<T> role(String role) {
        return of(RequirementKind.ROLE.requirement(role));
    }

    /** Access to the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> projectAccess(String variable) {
        return of(RequirementKind.PROJECT_ACCESS.on(variable));
    }

    /** Explicit project admins of the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> projectAdmin(String variable) {
        return of(RequirementKind.PROJECT_ADMIN.on(variable));
    }

    /** Admins, maintainers and project admins of the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> adminOrProjectAdmin(String variable) {
        return of(RequirementKind.ADMIN_OR_PROJECT_ADMIN.on(variable));
    }

    /** Access to the knowledge base named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> knowledgeBaseAccess(String variable) {
        return of(RequirementKind.KNOWLEDGE_BASE_ACCESS.on(variable));
    }

    /**
     * The permission {@code resource:action:{instanceVariable}} in the request's active tenant, the instance read from
     * the matched path's variable; an empty {@code instanceVariable} names no instance.
     */
    public static AuthorizationManager<RequestAuthorizationContext> tenantPermission(String resource, String action,
            String instanceVariable) {
        return of(RequirementKind.TENANT_PERMISSION.on(resource, action, instanceVariable));
    }

    /** The decision for the current caller; callers codemie-auth did not authenticate are denied. */
    static CodemieAuthorizationDecision decide(Supplier<? extends Authentication> authentication,
            Requirement requirement) {
        return new CodemieAuthorizationDecision(authentication.get() instanceof CodemieAuthentication caller
                ? caller.decide(requirement) : AUTHORIZER.decide(null, requirement));
    }
}
