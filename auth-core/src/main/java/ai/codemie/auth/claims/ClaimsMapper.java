package ai.codemie.auth.claims;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import java.util.Map;

/**
 * A pure function from verified claims to effective permissions (Keycloak-managed mode), or an
 * {@link ai.codemie.auth.error.AuthenticationException} when the claims name an unusable identity.
 */
@FunctionalInterface
public interface ClaimsMapper {

    /** The effective permissions the claims grant. */
    EffectivePermissions map(Map<String, Object> claims);

    /**
     * Who the claims name: the identity {@link #map} would return, refused for the same reasons, without working
     * out the permissions.
     */
    default UserIdentity identity(Map<String, Object> claims) {
        return map(claims).identity();
    }
}
