package ai.codemie.auth.spring.security;

import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.Requirements;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The platform's requirements as Spring Security {@link AuthorizationManager}s, for URL rules of a
 * {@code SecurityFilterChain}. Project and knowledge base names come from the matched path's variables. A caller
 * not authenticated by codemie-auth is denied; decisions are {@link CodemieAuthorizationDecision}s.
 *
 * <pre>{@code
 * http.authorizeHttpRequests(rules -> rules
 *         .requestMatchers("/v1/projects/{project}/**").access(CodemieAuthorizationManagers.projectAccess("project"))
 *         .requestMatchers("/v1/admin/**").access(CodemieAuthorizationManagers.adminOrMaintainer()));
 * }</pre>
 */
public final class CodemieAuthorizationManagers {

    private static final Authorizer AUTHORIZER = new Authorizer();
    private static final Decision NOT_AUTHENTICATED = Decision.deny(
            new DenyReason.DecisionError("not authenticated by codemie-auth"), "The request is not authenticated.");

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

    /** Platform admins and maintainers. */
    public static <T> AuthorizationManager<T> adminOrMaintainer() {
        return of(Requirements.adminOrMaintainer());
    }

    /** Maintainers. */
    public static <T> AuthorizationManager<T> maintainer() {
        return of(Requirements.maintainer());
    }

    /** Callers holding the platform role. */
    public static <T> AuthorizationManager<T> role(String role) {
        return of(Requirements.role(role));
    }

    /** Access to the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> projectAccess(String variable) {
        return named(variable, Requirements::projectAccess);
    }

    /** Explicit project admins of the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> projectAdmin(String variable) {
        return named(variable, Requirements::projectAdmin);
    }

    /** Admins, maintainers and project admins of the project named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> adminOrProjectAdmin(String variable) {
        return named(variable, Requirements::adminOrProjectAdmin);
    }

    /** Access to the knowledge base named by the path variable. */
    public static AuthorizationManager<RequestAuthorizationContext> knowledgeBaseAccess(String variable) {
        return named(variable, Requirements::knowledgeBaseAccess);
    }

    private static AuthorizationManager<RequestAuthorizationContext> named(String variable,
            Function<String, Requirement> requirement) {
        return of(context -> {
            String name = context.getVariables().get(variable);
            if (name == null) {
                throw new IllegalStateException("the matched path has no variable '" + variable + "'");
            }
            return requirement.apply(name);
        });
    }

    /** The decision for the current caller; callers codemie-auth did not authenticate are denied. */
    static CodemieAuthorizationDecision decide(Supplier<? extends Authentication> authentication,
            Requirement requirement) {
        if (!(authentication.get() instanceof CodemieAuthentication caller)) {
            return new CodemieAuthorizationDecision(NOT_AUTHENTICATED);
        }
        return new CodemieAuthorizationDecision(AUTHORIZER.decide(caller.permissions(), requirement));
    }
}
