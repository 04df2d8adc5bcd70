package ai.codemie.auth.resolve;

import ai.codemie.auth.claims.ClaimsMapper;
import ai.codemie.auth.claims.ClaimsMappers;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.token.VerifiedToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Reads a verified token's claims with the claims mapper of its issuer's preset, one mapper per issuer. */
final class TokenClaims implements Function<VerifiedToken, EffectivePermissions> {

    private final AuthSettings settings;
    private final Map<String, ClaimsMapper> mappers = new ConcurrentHashMap<>();

    TokenClaims(AuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public EffectivePermissions apply(VerifiedToken token) {
        return mapper(token).map(token.claims());
    }

    /** Who the token names, checked as {@link #apply} checks it, without the permissions. */
    UserIdentity identity(VerifiedToken token) {
        return mapper(token).identity(token.claims());
    }

    private ClaimsMapper mapper(VerifiedToken token) {
        ClaimsMapper mapper = mappers.get(token.issuer().issuer()); // no lambda per request once the mapper exists
        return mapper != null ? mapper : mappers.computeIfAbsent(token.issuer().issuer(),
                issuer -> ClaimsMappers.forIssuer(settings, token.issuer()));
    }
}
