package ai.codemie.auth.spring.security;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.AnsweredRoles;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirement;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller authenticated by codemie-auth, as Spring Security sees it: the principal is the caller's
 * {@link EffectivePermissions}, the name is the user id, and every platform role is a {@code ROLE_<role>}
 * authority — so {@code hasRole('developer')} works — and so is every role it answers to ({@link AnsweredRoles}):
 * an admin also holds {@code ROLE_<ADMIN_ROLE_NAME>}. Its requirements are decided by the {@link CodemieAuth}
 * that authenticated the caller, so that a decision made through Spring Security is the same decision, reported to
 * the same observer, as one made by the filter or an annotation.
 */
public final class CodemieAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** For a caller built without a {@link CodemieAuth} (tests): decides alone, reporting to nobody. */
    private static final Authorizer UNOBSERVED = new Authorizer();

    private final transient EffectivePermissions permissions;
    private final transient CodemieAuth auth;

    /** The caller as authenticated by {@code auth}, which also decides its requirements. */
    public CodemieAuthentication(EffectivePermissions permissions, CodemieAuth auth) {
        this(permissions, auth.settings().get(AuthSettings.ADMIN_ROLE_NAME), auth);
    }

    /** A caller whose requirements are decided without a {@link CodemieAuth} (nothing observes them). */
    public CodemieAuthentication(EffectivePermissions permissions, String adminRoleName) {
        this(permissions, adminRoleName, null);
    }

    private CodemieAuthentication(EffectivePermissions permissions, String adminRoleName, CodemieAuth auth) {
        super(AuthorityUtils.createAuthorityList(AnsweredRoles.of(permissions, adminRoleName).stream()
                .map(role -> "ROLE_" + role).toList()));
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.auth = auth;
        setAuthenticated(true);
    }

    /** The decision on this caller for the requirement; never throws, a failing requirement is a deny. */
    public Decision decide(Requirement requirement) {
        return auth != null ? auth.authorize(permissions, requirement) : UNOBSERVED.decide(permissions, requirement);
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
