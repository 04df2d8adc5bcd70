package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.KEYCLOAK;
import static ai.codemie.auth.resolve.PlatformFixture.realmRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.token.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeycloakManagedResolverTest {

    private static final String ALICE = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";

    private static KeycloakManagedResolver resolver(UnaryOperator<AuthSettings.Builder> adjust) {
        return new KeycloakManagedResolver(adjust.apply(AuthSettings.builder().addTrustedIssuer(KEYCLOAK)).build());
    }

    /** A token valid for an hour from now, as the verifier hands it out. */
    private static VerifiedToken token(Object... claims) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("iss", KEYCLOAK.issuer());
        payload.put("sub", ALICE);
        for (int i = 0; i < claims.length; i += 2) {
            payload.put((String) claims[i], claims[i + 1]);
        }
        return new VerifiedToken(KEYCLOAK, payload, Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void mapsTheClaimsOfTheSameTokenInstanceOnce() {
        KeycloakManagedResolver resolver = resolver(b -> b);
        VerifiedToken token = token("realm_access", realmRoles("developer"), "applications", "proj-a");
        EffectivePermissions first = resolver.resolve(token);
        assertThat(first.projects()).containsExactly("proj-a");
        assertThat(resolver.resolve(token)).isSameAs(first);
    }

    @Test
    void mapsAnEqualTokenOfItsOwnAfresh() {
        KeycloakManagedResolver resolver = resolver(b -> b);
        VerifiedToken token = token("realm_access", realmRoles("developer"), "applications", "proj-a");
        VerifiedToken equalToken = new VerifiedToken(token.issuer(), token.claims(), token.expiresAt());
        EffectivePermissions first = resolver.resolve(token);
        assertThat(equalToken).isEqualTo(token);
        assertThat(resolver.resolve(equalToken)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void remembersNothingWhenTheVerifierCachesNoTokens() {
        KeycloakManagedResolver resolver = resolver(b -> b.set(AuthSettings.TOKEN_CACHE_SIZE, 0));
        VerifiedToken token = token("realm_access", realmRoles("developer"), "applications", "proj-a");
        assertThat(resolver.resolve(token)).isNotSameAs(resolver.resolve(token));
    }

    @Test
    void keepsThePermissionsOfCachedTokensWithinTheTokenCachesByteBound() {
        long bound = 1 << 20;
        KeycloakManagedResolver resolver = resolver(b -> b.set(AuthSettings.TOKEN_CACHE_MAX_BYTES, bound));
        List<VerifiedToken> tokens = new ArrayList<>(); // held here, as the verifier's cache would
        List<EffectivePermissions> mapped = new ArrayList<>();
        long offered = 0;
        for (int i = 0; i < 60; i++) {
            // one comma-joined attribute, as Keycloak often writes it: every name a string of its own once split
            String projects = String.join(",", IntStream.range(0, 600).mapToObj(p -> "token-" + p + "-project")
                    .toList());
            tokens.add(token("realm_access", realmRoles("developer"), "applications", projects));
            mapped.add(resolver.resolve(tokens.get(i)));
            offered += KeycloakManagedResolver.retainedBytes(tokens.get(i), mapped.get(i));
        }

        // asked again, only the permissions held throughout come back as the very same instance
        long held = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (resolver.resolve(tokens.get(i)) == mapped.get(i)) {
                held += KeycloakManagedResolver.retainedBytes(tokens.get(i), mapped.get(i));
            }
        }

        assertThat(offered).isGreaterThan(2 * bound);
        assertThat(held).isPositive().isLessThanOrEqualTo(bound);
    }

    @Test
    void refusesARepeatedTokenAtTheSignInGateEveryTime() {
        KeycloakManagedResolver resolver = resolver(b -> b.set(AuthSettings.SIGN_IN_GATE, true));
        VerifiedToken token = token("applications", "proj-a");
        for (int request = 0; request < 3; request++) {
            assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOf(AccessDeniedException.class);
        }
        VerifiedToken developer = token("realm_access", realmRoles("developer"));
        assertThat(resolver.resolve(developer)).isSameAs(resolver.resolve(developer));
    }

    @Test
    void refusesARepeatedTokenWithAnInvalidUserTypeEveryTime() {
        KeycloakManagedResolver resolver = resolver(b -> b);
        VerifiedToken token = token("user_type", "contractor", "applications", List.of("proj-a"));
        for (int request = 0; request < 3; request++) {
            assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Invalid user_type");
        }
    }
}
