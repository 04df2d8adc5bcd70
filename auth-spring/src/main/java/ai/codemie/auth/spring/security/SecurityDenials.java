package ai.codemie.auth.spring.security;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.servlet.BearerTokens;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import ai.codemie.auth.spring.web.AuthExceptionResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Writes Spring Security's refusals ({@code @PreAuthorize}, URL rules) as the platform's error envelope: a 403
 * with the library's texts when a {@link CodemieAuthorizationManagers} manager decided, "Access denied" otherwise;
 * a 401 "Authentication required" for a caller nobody authenticated.
 */
public final class SecurityDenials implements AccessDeniedHandler, AuthenticationEntryPoint,
        HandlerExceptionResolver, Ordered {

    private final AuthExceptionResolver writer = new AuthExceptionResolver();

    private static final Problem ACCESS_DENIED = Problem.of(Problem.Status.FORBIDDEN, "access_denied",
            Decision.ACCESS_DENIED);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ErrorResponseWriter.write(response, refusalOf(denied));
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException refused) throws IOException {
        ErrorResponseWriter.write(response, new AuthenticationException(AuthenticationException.BearerError.NONE,
                "authentication_required", BearerTokens.AUTHENTICATION_REQUIRED));
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(ex instanceof AccessDeniedException denied)) {
            return null;
        }
        return writer.resolveException(request, response, handler, refusalOf(denied));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The library's denial, carrying its decision, when a codemie-auth manager decided; "Access denied" if not. */
    private static AuthException refusalOf(AccessDeniedException denied) {
        if (denied instanceof AuthorizationDeniedException authorization
                && authorization.getAuthorizationResult() instanceof CodemieAuthorizationDecision decision
                && decision.decision().denied()) {
            return new ai.codemie.auth.error.AccessDeniedException(decision.decision());
        }
        return new AuthException(ACCESS_DENIED);
    }
}
