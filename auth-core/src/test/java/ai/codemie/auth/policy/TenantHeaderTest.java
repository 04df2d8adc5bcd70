package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the active tenant of a request from its tenant header and the settings. */
class TenantHeaderTest {

    private static AuthSettings settings(boolean platformManaged, boolean tenants) {
        return AuthSettings.builder().addTrustedIssuer(TrustedIssuer.withJwks("https://issuer.test", null,
                        URI.create("https://issuer.test/jwks"), ClaimPreset.KEYCLOAK))
                .set(AuthSettings.ENABLE_USER_MANAGEMENT, platformManaged)
                .set(AuthSettings.TENANTS_ENABLED, tenants).set(AuthSettings.DEFAULT_TENANT, "home")
                .set(AuthSettings.TENANT_HEADER, "X-Tenant").build();
    }

    @Test
    void takesTheHeaderElseTheDefaultTenant() {
        assertThat(TenantHeader.activeTenant(settings(true, true), List.of("acme"))).isEqualTo("acme");
        assertThat(TenantHeader.activeTenant(settings(true, true), List.of())).isEqualTo("home");
    }

    @Test
    void refusesAMalformedOrRepeatedHeaderNamingIt() {
        for (List<String> values : List.of(List.of(""), List.of("ACME"), List.of("acme", "acme"), List.of("a_b"))) {
            assertThatThrownBy(() -> TenantHeader.activeTenant(settings(true, true), values)).as("%s", values)
                    .isInstanceOfSatisfying(AuthException.class, refused -> {
                        assertThat(refused.problem().status().code()).isEqualTo(400);
                        assertThat(refused.problem().reason()).isEqualTo("invalid_tenant_header");
                        assertThat(refused.problem().message()).isEqualTo("Invalid tenant header 'X-Tenant'");
                    });
        }
    }

    @Test
    void refusesEveryRequestWhileTenantsAreOffOrInKeycloakManagedMode() {
        for (AuthSettings off : List.of(settings(true, false), settings(false, true), settings(false, false))) {
            assertThat(TenantHeader.enabled(off)).isFalse();
            assertThatThrownBy(() -> TenantHeader.activeTenant(off, List.of("acme")))
                    .isInstanceOfSatisfying(AuthException.class,
                            refused -> assertThat(refused.problem()).isEqualTo(TenantHeader.NOT_ENABLED));
        }
        assertThat(TenantHeader.NOT_ENABLED.message()).isEqualTo("Tenants not enabled");
        assertThat(TenantHeader.NOT_ENABLED.status().code()).isEqualTo(400);
    }
}
