package ai.codemie.auth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenRejectedException;
import ai.codemie.auth.token.TokenRejection;
import ai.codemie.auth.token.TokenVerifiers;
import ai.codemie.auth.token.VerifiedToken;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens from a real Keycloak 26 (password grant of the {@code codemie-cli} client), checked by our verifier. */
class KeycloakTokenVerificationIT {

    static KeycloakProcess keycloak;
    static JwtTokenVerifier verifier;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = KeycloakProcess.start();
        verifier = TokenVerifiers.create(AuthSettings.builder()
                .addTrustedIssuer(new TrustedIssuer(keycloak.issuer(), null, null, keycloak.discoveryUrl(), null,
                        ClaimPreset.KEYCLOAK, null, null, null, null))
                .build());
    }

    @AfterAll
    static void stopKeycloak() {
        if (verifier != null) {
            verifier.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void verifiesAlicesAccessTokenWithHerRealmRole() throws Exception {
        String accessToken = aliceTokens().get("access_token");

        VerifiedToken verified = verifier.verify(accessToken);

        assertThat(verified.issuer().issuer()).isEqualTo(keycloak.issuer());
        assertThat(verified.subject()).isNotBlank();
        assertThat(verified.claims()).containsEntry("preferred_username", "alice")
                .containsEntry("typ", "Bearer")
                .containsEntry("azp", "codemie-cli")
                .containsEntry("applications", "proj-a,proj-b");
        assertThat(realmRoles(verified)).contains("developer").doesNotContain("admin");
    }

    @Test
    void verifiesBobsAccessTokenWithTheAdminRole() throws Exception {
        String accessToken = (String) keycloak.passwordGrant("codemie-cli", "bob", "bob-pw").get("access_token");

        VerifiedToken verified = verifier.verify(accessToken);

        assertThat(verified.claims()).containsEntry("preferred_username", "bob");
        assertThat(realmRoles(verified)).contains("admin", "developer");
    }

    @Test
    void refusesKeycloaksIdTokenAsAnAccessToken() throws Exception {
        String idToken = aliceTokens().get("id_token");

        assertThat(rejectionOf(idToken)).isEqualTo(TokenRejection.WRONG_TOKEN_TYPE);
    }

    @Test
    void refusesKeycloaksRefreshToken() throws Exception {
        String refreshToken = aliceTokens().get("refresh_token");

        // refused for what it is, not for the realm's HMAC key it is signed with
        assertThat(rejectionOf(refreshToken)).isEqualTo(TokenRejection.WRONG_TOKEN_TYPE);
    }

    @Test
    void refusesAliceGrantingHerselfTheAdminRole() throws Exception {
        String accessToken = aliceTokens().get("access_token");
        String[] parts = accessToken.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"developer\"", "\"developer\",\"admin\"");
        String forged = parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(payload).contains("\"admin\"");
        assertThat(rejectionOf(forged)).isEqualTo(TokenRejection.BAD_SIGNATURE);
    }

    /** Alice's access, ID and refresh tokens from the password grant. */
    private static Map<String, String> aliceTokens() throws Exception {
        Map<String, Object> response = keycloak.passwordGrant("codemie-cli", "alice", "alice-pw");
        return Map.of("access_token", (String) response.get("access_token"), "id_token",
                (String) response.get("id_token"), "refresh_token", (String) response.get("refresh_token"));
    }

    private static TokenRejection rejectionOf(String token) {
        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(token));
        assertThat(rejected).as("rejection").isNotNull();
        return rejected.rejection();
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(VerifiedToken token) {
        return (List<String>) ((Map<String, Object>) token.claims().get("realm_access")).get("roles");
    }
}
