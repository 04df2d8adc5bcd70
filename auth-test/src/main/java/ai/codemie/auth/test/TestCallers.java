package ai.codemie.auth.test;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.VerifiedToken;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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
 * String editor = callers.install(TestCallers.user("bob")
 *         .tenants(List.of(TestCallers.tenantRoles(store, "acme", "editor"))).build());
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

    /** The name of the one role {@link #tenantPatterns} gives. */
    public static final String PATTERNS_ROLE = "test-role";

    /**
     * A membership of the tenant as the store holds it, with these of its roles (matched ignoring case), for
     * {@link EffectivePermissions.Builder#tenants}: the tenant's boundary and the roles' patterns as seeded.
     *
     * @throws IllegalArgumentException when the store has no such tenant, or the tenant no such role
     */
    public static TenantAccess tenantRoles(UserStore store, String tenant, String... roles) {
        TenantDefinition definition = store.inTransaction(tx -> tx.tenants().definition(tenant))
                .orElseThrow(() -> new IllegalArgumentException("the store has no tenant '" + tenant + "'"));
        for (String role : roles) {
            if (definition.role(role).isEmpty()) {
                throw new IllegalArgumentException("the tenant '" + tenant + "' has no role '" + role + "'; it has "
                        + definition.roles().stream().map(TenantRole::name).toList());
            }
        }
        return definition.access(List.of(roles));
    }

    /**
     * A membership of a tenant whose boundary is {@code *:*}, holding one role ({@value #PATTERNS_ROLE}) with these
     * patterns, e.g. {@code tenantPatterns("acme", "agent:chat")}, or no role at all without patterns; no store
     * needed.
     */
    public static TenantAccess tenantPatterns(String tenant, String... patterns) {
        return TenantAccess.of(tenant, List.of(PermissionPattern.parse("*:*")),
                patterns.length == 0 ? List.of() : List.of(TenantRole.of(PATTERNS_ROLE, patterns)));
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
