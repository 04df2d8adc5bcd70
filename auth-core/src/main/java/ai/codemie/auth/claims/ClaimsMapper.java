package ai.codemie.auth.claims;

import ai.codemie.auth.model.EffectivePermissions;
import java.util.Map;

/**
 * A pure function from verified claims to effective permissions (Keycloak-managed mode), or an
 * {@link ai.codemie.auth.error.AuthenticationException} when the claims name an unusable identity.
 */
@FunctionalInterface
public interface ClaimsMapper {

    /** The effective permissions the claims grant. */
    EffectivePermissions map(Map<String, Object> claims);
}
