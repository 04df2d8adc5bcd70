package ai.codemie.auth.servlet;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.AnsweredRoles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * A request whose caller is known: {@link #getUserPrincipal()} and {@link #getRemoteUser()} give the user id,
 * {@link #isUserInRole(String)} answers the platform roles, and the permissions are also in the
 * {@link RequestPermissions} attribute.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** The value of {@link #getAuthType()}. */
    public static final String AUTH_TYPE = "Bearer";

    private final EffectivePermissions permissions;
    private final Set<String> roles;
    private final Principal principal;

    /**
     * Wraps the request and records the permissions on it.
     *
     * @param adminRoleName the role name an admin answers to in {@link #isUserInRole(String)} (see
     *                      {@link AnsweredRoles})
     */
    public AuthenticatedRequest(HttpServletRequest request, EffectivePermissions permissions, String adminRoleName) {
        super(request);
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.roles = AnsweredRoles.of(permissions, adminRoleName);
        this.principal = new UserPrincipal(permissions.id());
        RequestPermissions.set(request, permissions);
    }

    /** The caller's effective permissions. */
    public EffectivePermissions permissions() {
        return permissions;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return permissions.id();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** Whether the caller holds the platform role (exact match); admins also answer to the admin role name. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && roles.contains(role);
    }

    /** The caller as a {@link Principal}: its name is the user id (the token's subject). */
    public record UserPrincipal(String id) implements Principal {

        public UserPrincipal {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String getName() {
            return id;
        }
    }
}
