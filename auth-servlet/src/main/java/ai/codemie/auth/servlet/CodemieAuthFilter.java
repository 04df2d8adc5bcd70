package ai.codemie.auth.servlet;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirement;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request and enforces the {@link PathRules}: public paths pass untouched; on every other
 * path the caller must present exactly one bearer token (header or cookie), be resolved to effective permissions
 * and meet the path's requirement. A path that reads differently raw and decoded (path parameters, dot or empty
 * segments, encoded separators), or that differs from a rule's pattern only by letter case or a trailing slash, is
 * refused with 400 before any token is read, so a rule always decides on the path the application routes. Refusals are written as the platform's error envelope (400, 401, 403, 503) and the
 * request goes no further. An admitted request reaches the application as an {@link AuthenticatedRequest}, with
 * the permissions in {@link RequestPermissions} and its active tenant known to {@link ActiveTenant}. A rule that
 * decides in a tenant refuses with 400 when tenants are off or the tenant header or a path variable is malformed.
 * A library refusal ({@link AuthException}) thrown further down the chain before the response is committed is
 * written the same way.
 *
 * <pre>{@code
 * CodemieAuth auth = CodemieAuth.builder(AuthSettings.fromEnvironment(System.getenv())).build();
 * PathRules rules = PathRules.builder().publicPath("GET", "/v1/health").build();
 * context.addFilter(new FilterHolder(new CodemieAuthFilter(auth, rules)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
public final class CodemieAuthFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(CodemieAuthFilter.class);

    private final RequestAuthenticator authenticator;
    private final PathRules rules;
    /** The settings and the admin role name ({@code ADMIN_ROLE_NAME}), read once: settings do not change. */
    private final AuthSettings settings;
    private final String adminRole;

    /** A filter that requires a signed-in caller everywhere. */
    public CodemieAuthFilter(CodemieAuth auth) {
        this(auth, PathRules.builder().build());
    }

    /** A filter that applies the rules. */
    public CodemieAuthFilter(CodemieAuth auth, PathRules rules) {
        this.authenticator = new RequestAuthenticator(auth);
        this.rules = Objects.requireNonNull(rules, "rules");
        this.settings = auth.settings();
        this.adminRole = settings.get(AuthSettings.ADMIN_ROLE_NAME);
    }

    /** The rules this filter applies. */
    public PathRules rules() {
        return rules;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("CodemieAuthFilter handles HTTP requests only");
        }
        ActiveTenant.settings(http, settings);
        PathRules.Match match;
        try {
            match = rules.match(http.getMethod(), UnambiguousPath.of(http));
        } catch (AuthException refusal) {
            refuse(http, httpResponse, refusal);
            return;
        }
        if (match.isPublic()) {
            chain.doFilter(request, response);
            return;
        }
        EffectivePermissions caller;
        try {
            caller = authenticator.authenticate(http);
        } catch (AuthException refusal) {
            refuse(http, httpResponse, refusal);
            return;
        }
        Decision decision;
        try {
            decision = decide(match, caller, http);
        } catch (AuthException refusal) {
            refuse(http, httpResponse, refusal);
            return;
        }
        if (decision.denied()) {
            LOG.debug("{} {}: user {} denied, {}", http.getMethod(), http.getRequestURI(), caller.id(), decision);
            ErrorResponseWriter.write(httpResponse, decision.problem());
            return;
        }
        try {
            chain.doFilter(new AuthenticatedRequest(http, caller, adminRole), response);
        } catch (AuthException refusal) {
            // a refusal of the library raised further on: a Spring Security URL rule's, or handler code's that asked
            // for the ActiveTenant of a request without a valid one
            if (httpResponse.isCommitted()) {
                throw refusal;
            }
            refuse(http, httpResponse, refusal);
        }
    }

    /**
     * The path the rules are matched against: the decoded path inside the application (servlet path plus path
     * info), as the container dispatches on it.
     */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The decision on the request.
     *
     * @throws AuthException 400 when the request's active tenant or an input of the rule is malformed, or tenants are
     *                       off for a tenant-scoped rule
     */
    private Decision decide(PathRules.Match match, EffectivePermissions caller, HttpServletRequest request) {
        Requirement requirement;
        try {
            requirement = match.requirement(() -> ActiveTenant.of(request));
        } catch (AuthException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            // the rule could not even say what it requires: deny, never pass
            LOG.error("Path rule {} failed to build its requirement for {}; denying", match.rule(),
                    match.variables(), e);
            return Decision.deny(new DenyReason.DecisionError("path rule failed"),
                    "The request could not be authorized.");
        }
        return authenticator.auth().authorize(caller, requirement);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, AuthException refusal)
            throws IOException {
        log(request, refusal);
        ErrorResponseWriter.write(response, refusal);
    }

    private static void log(HttpServletRequest request, AuthException refusal) {
        int status = refusal.problem().status().code();
        if (status >= 500) {
            LOG.warn("{} {}: {} {}", request.getMethod(), request.getRequestURI(), status, refusal.getMessage());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {} {}", request.getMethod(), request.getRequestURI(), status, refusal.getMessage());
        }
    }
}
