package ai.codemie.auth.servlet;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.policy.TenantHeader;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The active tenant of a request, for handler code: the value of the tenant header (default
 * {@code X-Codemie-Tenant}), or the default tenant when the request carries none — the tenant in which the request's
 * tenant permissions were decided.
 *
 * <pre>{@code
 * String tenant = ActiveTenant.of(request);   // "acme", or "default" without the header
 * }</pre>
 */
public final class ActiveTenant {

    /** The request attribute where {@link CodemieAuthFilter} leaves the settings this class reads. */
    static final String SETTINGS_ATTRIBUTE = "ai.codemie.auth.AuthSettings";

    private ActiveTenant() {
    }

    /**
     * The validated active tenant id of the request.
     *
     * @throws AuthException         400 "Tenants not enabled" when tenants are off (or in Keycloak-managed mode), 400
     *                               naming the header when it is given more than once or is not a tenant id
     * @throws IllegalStateException when the request did not pass through {@link CodemieAuthFilter} (a public path of
     *                               the Spring adapter, or the filter is not mapped)
     */
    public static String of(HttpServletRequest request) {
        if (!(request.getAttribute(SETTINGS_ATTRIBUTE) instanceof AuthSettings settings)) {
            throw new IllegalStateException("The request did not pass through CodemieAuthFilter, which makes the "
                    + "settings of its active tenant known");
        }
        String header = settings.get(AuthSettings.TENANT_HEADER);
        List<String> values = request.getHeaders(header) == null ? List.of()
                : Collections.list(request.getHeaders(header));
        return TenantHeader.activeTenant(settings, values);
    }

    /** Records the settings the active tenant is chosen by on the request; for adapters and tests. */
    static void settings(ServletRequest request, AuthSettings settings) {
        request.setAttribute(SETTINGS_ATTRIBUTE, Objects.requireNonNull(settings, "settings"));
    }
}
