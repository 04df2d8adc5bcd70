package ai.codemie.auth.servlet;

import ai.codemie.auth.model.EffectivePermissions;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an authenticated request keeps its caller's effective permissions: the request attribute
 * {@value #ATTRIBUTE}, read with a typed accessor.
 *
 * <pre>{@code
 * EffectivePermissions caller = RequestPermissions.get(request);
 * }</pre>
 */
public final class RequestPermissions {

    /** The name of the request attribute that holds the caller's {@link EffectivePermissions}. */
    public static final String ATTRIBUTE = "ai.codemie.auth.EffectivePermissions";

    private RequestPermissions() {
    }

    /**
     * The permissions of the authenticated caller.
     *
     * @throws IllegalStateException when the request was not authenticated (a public path, or no filter ran)
     */
    public static EffectivePermissions get(ServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException(
                "The request carries no effective permissions: it was not authenticated by CodemieAuthFilter "
                        + "(a public path, or the filter is not mapped)"));
    }

    /** The permissions of the authenticated caller, or empty when the request was not authenticated. */
    public static Optional<EffectivePermissions> find(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof EffectivePermissions permissions
                ? Optional.of(permissions) : Optional.empty();
    }

    /** Records the caller's permissions on the request; for adapters and tests. */
    public static void set(ServletRequest request, EffectivePermissions permissions) {
        request.setAttribute(ATTRIBUTE, Objects.requireNonNull(permissions, "permissions"));
    }
}
