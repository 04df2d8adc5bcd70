package ai.codemie.auth.resolve;

import ai.codemie.auth.claims.ClaimsMapper;
import ai.codemie.auth.claims.ClaimsMappers;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.token.VerifiedToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycloak-managed mode: the permissions are a pure function of the token's claims (read with the claims
 * mapper of the issuer's preset), and the sign-in gate applies to every request. No store is involved.
 */
public final class KeycloakManagedResolver implements PermissionResolver {

    private final AuthSettings settings;
    private final SignInGate signInGate;
    private final Map<String, ClaimsMapper> mappers = new ConcurrentHashMap<>();

    public KeycloakManagedResolver(AuthSettings settings) {
        this.settings = settings;
        this.signInGate = SignInGate.from(settings);
    }

    @Override
    public EffectivePermissions resolve(VerifiedToken token) {
        ClaimsMapper mapper = mappers.computeIfAbsent(token.issuer().issuer(),
                issuer -> ClaimsMappers.forIssuer(settings, token.issuer()));
        EffectivePermissions permissions = mapper.map(token.claims());
        signInGate.check(permissions).orThrow();
        return permissions;
    }
}
