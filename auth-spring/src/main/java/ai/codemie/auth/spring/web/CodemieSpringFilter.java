package ai.codemie.auth.spring.web;

import ai.codemie.auth.servlet.CodemieAuthFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Objects;

/**
 * The servlet filter of a Spring MVC application: requests for {@code @PublicEndpoint} handlers pass without a
 * token; every other request goes through {@link CodemieAuthFilter}, which authenticates it (401, 403 for the
 * sign-in gate, 503) and applies the application's path rules before the access annotations are checked.
 */
public final class CodemieSpringFilter implements Filter {

    private final CodemieAuthFilter delegate;
    private final PublicEndpointMatcher publicEndpoints;

    public CodemieSpringFilter(CodemieAuthFilter delegate, PublicEndpointMatcher publicEndpoints) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.publicEndpoints = Objects.requireNonNull(publicEndpoints, "publicEndpoints");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && publicEndpoints.isPublic(http)) {
            chain.doFilter(request, response);
        } else {
            delegate.doFilter(request, response, chain);
        }
    }
}
