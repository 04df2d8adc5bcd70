package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.token.VerifiedToken;

/**
 * Keycloak-managed mode: the permissions are a pure function of the token's claims (read with the claims
 * mapper of the issuer's preset), and the sign-in gate applies to every request. No store is involved.
 */
public final class KeycloakManagedResolver implements PermissionResolver {

    private final TokenClaims claims;
    private final SignInGate signInGate;

    public KeycloakManagedResolver(AuthSettings settings) {
        this.claims = new TokenClaims(settings);
        this.signInGate = SignInGate.from(settings);
    }

    @Override
    public EffectivePermissions resolve(VerifiedToken token) {
        EffectivePermissions permissions = claims.apply(token);
        signInGate.check(permissions).orThrow();
        return permissions;
    }
}
