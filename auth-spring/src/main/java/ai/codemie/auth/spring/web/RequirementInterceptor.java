package ai.codemie.auth.spring.web;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces the access annotations of the handler a request is dispatched to, after the servlet filter
 * authenticated the caller. A refusal is thrown as an {@link ai.codemie.auth.error.AuthException}, which
 * {@link AuthExceptionResolver} writes as the platform's error envelope.
 *
 * <p>Handlers that are not annotated methods (static resources) and Spring Boot's error controller are left
 * alone: the first serves no endpoint, the second renders errors of requests already decided.
 */
public final class RequirementInterceptor implements HandlerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RequirementInterceptor.class);

    /** The decision on a handler without access annotation while deny-by-default is on. */
    private static final Decision UNANNOTATED = Decision.deny(new DenyReason.NoAccessRule(),
            "This endpoint has no access rule.");

    /** What a caller is told when a handler has no access annotation and deny-by-default is on. */
    public static final Problem UNANNOTATED_DENIAL = UNANNOTATED.problem();

    private final CodemieAuth auth;
    private final EndpointPolicies policies;
    private final boolean denyUnannotated;

    public RequirementInterceptor(CodemieAuth auth, EndpointPolicies policies, boolean denyUnannotated) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.denyUnannotated = denyUnannotated;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || EndpointPolicies.isErrorHandler(method)) {
            return true;
        }
        EndpointPolicy policy = policies.policyFor(method);
        if (policy.kind() == EndpointPolicy.Kind.PUBLIC) {
            return true;
        }
        // the filter admits only authenticated requests to non-public handlers; without permissions, refuse
        EffectivePermissions caller = EffectivePermissionsArgumentResolver.requireCaller(request);
        if (policy.kind() == EndpointPolicy.Kind.UNANNOTATED) {
            if (denyUnannotated) {
                LOG.warn("{} {}: denied, handler {} has no access annotation", request.getMethod(),
                        request.getRequestURI(), method.getShortLogMessage());
                throw new AccessDeniedException(UNANNOTATED);
            }
            return true;
        }
        auth.authorize(caller, policy.requirement(request)).orThrow();
        return true;
    }
}
