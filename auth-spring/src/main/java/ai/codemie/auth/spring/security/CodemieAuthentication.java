package ai.codemie.auth.spring.security;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.AnsweredRoles;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller authenticated by codemie-auth, as Spring Security sees it: the principal is the caller's
 * {@link EffectivePermissions}, the name is the user id, and every platform role is a {@code ROLE_<role>}
 * authority — so {@code hasRole('developer')} works — and so is every role it answers to ({@link AnsweredRoles}):
 * an admin also holds {@code ROLE_<ADMIN_ROLE_NAME>}.
 */
public final class CodemieAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient EffectivePermissions permissions;

    public CodemieAuthentication(EffectivePermissions permissions, String adminRoleName) {
        super(AuthorityUtils.createAuthorityList(AnsweredRoles.of(permissions, adminRoleName).stream()
                .map(role -> "ROLE_" + role).toList()));
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        setAuthenticated(true);
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
