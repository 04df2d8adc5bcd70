package ai.codemie.auth.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Tells whether a request is mapped to a {@code @PublicEndpoint} handler, with the same conditions (path pattern,
 * method, parameters, headers) Spring MVC dispatches on, so that the filter can let it pass without a token.
 *
 * <p>A public pattern that also matches a protected handler (a more specific mapping) lets the request pass the
 * filter unauthenticated, but {@link RequirementInterceptor} then refuses it with 401: the worst a pattern overlap
 * can do is refuse a request, never admit one.
 */
public final class PublicEndpointMatcher {

    private final Supplier<List<RequestMappingInfo>> publicMappings;

    /** A matcher over the mappings of the public endpoints, asked for once, at the first request. */
    public PublicEndpointMatcher(Supplier<List<RequestMappingInfo>> publicMappings) {
        this.publicMappings = publicMappings;
    }

    /** Whether the request is dispatched to a public endpoint. */
    public boolean isPublic(HttpServletRequest request) {
        List<RequestMappingInfo> mappings = publicMappings.get();
        if (mappings.isEmpty()) {
            return false;
        }
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            for (RequestMappingInfo mapping : mappings) {
                // the path first: most requests are for other paths, and the full match also reads the method,
                // parameters, headers and media types
                PathPatternsRequestCondition paths = mapping.getPathPatternsCondition();
                if (paths != null && paths.getMatchingCondition(request) != null
                        && mapping.getMatchingCondition(request) != null) {
                    return true;
                }
            }
            return false;
        } finally {
            // leave the request as the container handed it over; DispatcherServlet parses it again
            if (previous == null) {
                request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            }
        }
    }
}
