package ai.codemie.auth.policy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Locale;

/**
 * The active tenant of a request, the tenant its tenant permissions are decided in: the value of the tenant header
 * ({@link AuthSettings#TENANT_HEADER}), or the default tenant ({@link AuthSettings#DEFAULT_TENANT}) when the request
 * carries none. Adapters read the header and call {@link #activeTenant}; the refusals are 400s.
 */
public final class TenantHeader {

    /** The refusal of a tenant-scoped request while tenants are off, or in Keycloak-managed mode. */
    public static final Problem NOT_ENABLED = Problem.of(Problem.Status.BAD_REQUEST, "tenants_not_enabled",
            "Tenants not enabled");

    private TenantHeader() {
    }

    /** Whether tenants are on: platform-managed mode with {@link AuthSettings#TENANTS_ENABLED}. */
    public static boolean enabled(AuthSettings settings) {
        return settings.get(AuthSettings.ENABLE_USER_MANAGEMENT) && settings.get(AuthSettings.TENANTS_ENABLED);
    }

    /**
     * The active tenant of a request.
     *
     * @param settings the settings
     * @param values   every value of the tenant header the request carries, empty when it carries none
     * @return the tenant id
     * @throws AuthException 400 {@link #NOT_ENABLED} when tenants are off; 400 naming the header when it is given
     *                       more than once or its value is not a well-formed tenant id
     */
    public static String activeTenant(AuthSettings settings, List<String> values) {
        if (!enabled(settings)) {
            throw new AuthException(NOT_ENABLED);
        }
        String header = settings.get(AuthSettings.TENANT_HEADER);
        if (values.isEmpty()) {
            return settings.get(AuthSettings.DEFAULT_TENANT);
        }
        if (values.size() > 1) {
            // two values could be read two ways along the way (a proxy may keep the first, another the last)
            throw invalidHeader(header, "The header '" + header + "' is given more than once; give it once.");
        }
        try {
            return TenantNames.requireTenantId(values.get(0));
        } catch (InvalidSyntaxException malformed) {
            throw invalidHeader(header, malformed.getMessage());
        }
    }

    /**
     * The 400 for a value read from a request that is not well-formed, e.g. a permission's instance holding
     * {@code *}: "Invalid permission", with the parser's message, which names the value, as details.
     */
    public static AuthException invalid(InvalidSyntaxException malformed) {
        String label = malformed.kind().label();
        return new AuthException(new Problem(Problem.Status.BAD_REQUEST,
                "invalid_" + label.replace(' ', '_').toLowerCase(Locale.ROOT),
                "Invalid " + label, malformed.getMessage(), null), malformed);
    }

    private static AuthException invalidHeader(String header, String details) {
        return new AuthException(new Problem(Problem.Status.BAD_REQUEST, "invalid_tenant_header",
                "Invalid tenant header '" + header + "'", details, null));
    }
}
