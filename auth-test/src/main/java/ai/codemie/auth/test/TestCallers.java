package ai.codemie.auth.test;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.VerifiedToken;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Callers whose effective permissions are installed directly, skipping token signing and verification: each
 * installed caller gets an opaque token that the {@link #codemieAuth(AuthSettings) CodemieAuth} of this object
 * resolves to exactly those permissions. For tests of application code behind the filter or the Spring adapter.
 * Thread-safe.
 *
 * <pre>{@code
 * TestCallers callers = new TestCallers();
 * String token = callers.install(TestCallers.user("alice").roles(List.of("developer")).build());
 * CodemieAuth auth = callers.codemieAuth();
 * }</pre>
 */
public final class TestCallers {

    /** The issuer the opaque tokens claim to come from; never contacted. */
    public static final TrustedIssuer ISSUER = TrustedIssuer.withJwks("https://test-callers.invalid", null,
            URI.create("https://test-callers.invalid/jwks"), ClaimPreset.KEYCLOAK);

    private static final String CALLER_CLAIM = "test_caller";

    private final Map<String, EffectivePermissions> installed = new ConcurrentHashMap<>();

    /** A permissions builder for a regular user whose id, username and name are {@code id}. */
    public static EffectivePermissions.Builder user(String id) {
        return EffectivePermissions.builder(new UserIdentity(id, id, id, id + "@example.com", null,
                UserIdentity.REGULAR));
    }

    /** Installs a caller; the returned opaque token authenticates as exactly these permissions. */
    public String install(EffectivePermissions permissions) {
        Objects.requireNonNull(permissions, "permissions");
        String token = "test-caller-" + UUID.randomUUID();
        installed.put(token, permissions);
        return token;
    }

    /** Forgets every installed caller: their tokens are refused from now on. */
    public void clear() {
        installed.clear();
    }

    /** Verifies installed tokens; any other token is refused with a 401 {@code invalid_token}. */
    public TokenVerifier tokenVerifier() {
        return token -> {
            EffectivePermissions permissions = installed.get(token);
            if (permissions == null) {
                throw new AuthenticationException(BearerError.INVALID_TOKEN, "unknown_test_caller", "Invalid token");
            }
            return new VerifiedToken(ISSUER, Map.of("iss", ISSUER.issuer(), "sub", permissions.id(),
                    CALLER_CLAIM, token), Instant.now().plusSeconds(3600));
        };
    }

    /** Answers the installed permissions of the verified token, as they were installed (no sign-in gate). */
    public PermissionResolver permissionResolver() {
        return verified -> {
            EffectivePermissions permissions = installed.get((String) verified.claims().get(CALLER_CLAIM));
            if (permissions == null) {
                throw new AuthenticationException(BearerError.INVALID_TOKEN, "unknown_test_caller", "Invalid token");
            }
            return permissions;
        };
    }

    /** Default settings that name {@link #ISSUER}, so that no real issuer needs to be configured. */
    public AuthSettings settings() {
        return AuthSettings.builder().addTrustedIssuer(ISSUER).build();
    }

    /** A {@link CodemieAuth} with {@link #settings()} that authenticates installed callers. */
    public CodemieAuth codemieAuth() {
        return codemieAuth(settings());
    }

    /** A {@link CodemieAuth} with the given settings that authenticates installed callers. */
    public CodemieAuth codemieAuth(AuthSettings settings) {
        return CodemieAuth.builder(settings).tokenVerifier(tokenVerifier()).permissionResolver(permissionResolver())
                .build();
    }
}
