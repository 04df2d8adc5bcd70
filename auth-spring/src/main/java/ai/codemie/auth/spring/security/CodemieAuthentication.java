package ai.codemie.auth.spring.security;

import ai.codemie.auth.model.EffectivePermissions;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller authenticated by codemie-auth, as Spring Security sees it: the principal is the caller's
 * {@link EffectivePermissions}, the name is the user id, and every platform role is a {@code ROLE_<role>}
 * authority — so {@code hasRole('developer')} works. An admin also holds {@code ROLE_<ADMIN_ROLE_NAME>} when the
 * admin status came from {@code ADMIN_USER_ID} or the store rather than a role.
 */
public final class CodemieAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient EffectivePermissions permissions;

    public CodemieAuthentication(EffectivePermissions permissions, String adminRoleName) {
        super(AuthorityUtils.createAuthorityList(authorities(permissions, adminRoleName)));
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        setAuthenticated(true);
    }

    private static Set<String> authorities(EffectivePermissions permissions, String adminRoleName) {
        Set<String> authorities = new LinkedHashSet<>();
        permissions.roles().forEach(role -> authorities.add("ROLE_" + role));
        if (permissions.admin()) {
            authorities.add("ROLE_" + adminRoleName);
        }
        return authorities;
    }

    /** The caller's effective permissions. */
    public EffectivePermissions permissions() {
        return permissions;
    }

    @Override
    public EffectivePermissions getPrincipal() {
        return permissions;
    }

    /** No credentials: the token is not kept. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return permissions.id();
    }
}
