package ai.codemie.auth.spring.security;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.servlet.RequestPermissions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Hands the caller codemie-auth authenticated to Spring Security: a {@link CodemieAuthentication} in a security
 * context saved on the request, where every security filter chain's {@code SecurityContextHolderFilter} loads
 * it, and held for the rest of the request for code that runs outside a chain. Runs after the authentication
 * filter and before Spring Security's filter chain.
 */
public final class CodemieSecurityContextFilter implements Filter {

    private final CodemieAuth auth;
    private final RequestAttributeSecurityContextRepository repository = new RequestAttributeSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    /** Hands over the callers {@code auth} authenticated; it also decides their Spring Security requirements. */
    public CodemieSecurityContextFilter(CodemieAuth auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var caller = RequestPermissions.find(request);
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new CodemieAuthentication(caller.get(), auth));
        repository.saveContext(context, (HttpServletRequest) request, (HttpServletResponse) response);
        holder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            holder.clearContext();
        }
    }
}
