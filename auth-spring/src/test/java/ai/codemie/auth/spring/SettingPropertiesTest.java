package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SettingPropertiesTest {

    @Test
    void writesEachKindOfPropertyAsItsEnvironmentNameWouldBeWritten() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "codemie.auth.enable-user-management", "true",
                "codemie.auth.admin-role-name", "boss",
                "codemie.auth.user-project-limit", "7",
                "codemie.auth.token-cache-max-bytes", "2MB",
                "codemie.auth.jwks.leeway", "1m",
                "codemie.auth.sign-in-roles", "developer,analyst",
                "codemie.auth.local.public-key-file", "/keys/a.pem",
                "codemie.auth.jwks.trusted-issuers[0].issuer", "https://idp.example",
                "codemie.auth.jwks.trusted-issuers[0].jwks-uri", "https://idp.example/certs")));

        assertThat(SettingProperties.asEnvironment(binder)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ENABLE_USER_MANAGEMENT", "true",
                "ADMIN_ROLE_NAME", "boss",
                "USER_PROJECT_LIMIT", "7",
                "CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "2097152",
                "JWKS_LEEWAY_SECONDS", "60",
                "CODEMIE_AUTH_SIGN_IN_ROLES", "developer,analyst",
                "CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/a.pem",
                "JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"https://idp.example\",\"jwks_uri\":\"https://idp.example/certs\"}]"));
    }

    @Test
    void unsetPropertiesAreAbsent() {
        assertThat(SettingProperties.asEnvironment(new Binder(new MapConfigurationPropertySource(Map.of()))))
                .isEmpty();
    }
}
