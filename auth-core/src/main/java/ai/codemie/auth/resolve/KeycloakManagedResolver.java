package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.token.ClockTicker;
import ai.codemie.auth.token.RetainedBytes;
import ai.codemie.auth.token.VerifiedToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keycloak-managed mode: the permissions are a pure function of the token's claims (read with the claims
 * mapper of the issuer's preset), and the sign-in gate applies to every request. No store is involved.
 *
 * <p>As the verifier hands out the same {@link VerifiedToken} for a token it has cached, the permissions mapped
 * from it are remembered for that very instance (compared by identity, at most
 * {@code CODEMIE_AUTH_TOKEN_CACHE_SIZE} of them and {@code CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES} of estimated heap,
 * never past the token's expiry, and dropped with the instance), so that a repeated token is not mapped again.
 * Nothing is shared between two tokens.
 */
public final class KeycloakManagedResolver implements PermissionResolver {

    /** A cache entry beside the permissions' contents: Caffeine's node, the weak key, the permissions' objects. */
    private static final int CACHE_ENTRY = 256;

    private final TokenClaims claims;
    private final SignInGate signInGate;
    /** Null when the verifier caches no tokens: every token is then a new instance, never seen again. */
    private final Cache<VerifiedToken, EffectivePermissions> mapped;
    private final Clock clock;

    /** A resolver on the system clock. */
    public KeycloakManagedResolver(AuthSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * A resolver whose remembered permissions end with their token's expiry on the given clock (the verifier's).
     */
    public KeycloakManagedResolver(AuthSettings settings, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claims = new TokenClaims(settings);
        this.signInGate = SignInGate.from(settings);
        this.mapped = settings.get(AuthSettings.TOKEN_CACHE_SIZE) == 0 ? null : RetainedBytes.boundedCache(settings.get(AuthSettings.TOKEN_CACHE_SIZE),
                        settings.get(AuthSettings.TOKEN_CACHE_MAX_BYTES), KeycloakManagedResolver::retainedBytes)
                .weakKeys() // identity keys, gone when the verifier's cache and every caller have let go
                .expireAfter(Expiry.creating(this::untilExpiry))
                .ticker(ClockTicker.of(clock))
                .build();
    }

    @Override
    public EffectivePermissions resolve(VerifiedToken token) {
        EffectivePermissions permissions = mapped == null ? null : mapped.getIfPresent(token);
        if (permissions == null) {
            permissions = claims.apply(token); // a token the mapper refuses is not remembered, and refused again
            if (mapped != null) {
                mapped.put(token, permissions);
            }
        }
        signInGate.check(permissions).orThrow();
        return permissions;
    }

    /**
     * The estimated heap an entry keeps alive: the permissions' names (the token's claims may hold the same strings;
     * counted anyway), and the entry with its weak reference.
     */
    static long retainedBytes(VerifiedToken token, EffectivePermissions permissions) {
        UserIdentity identity = permissions.identity();
        return CACHE_ENTRY + RetainedBytes.of(Arrays.asList(identity.id(), identity.username(), identity.name(),
                identity.email(), identity.picture(), identity.userType()))
                + RetainedBytes.of(permissions.roles()) + RetainedBytes.of(permissions.projects())
                + RetainedBytes.of(permissions.adminProjects()) + RetainedBytes.of(permissions.knowledgeBases());
        // no tenant term: claims never grant tenant roles, so these permissions hold no tenant memberships
    }

    private Duration untilExpiry(VerifiedToken token, EffectivePermissions permissions) {
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
