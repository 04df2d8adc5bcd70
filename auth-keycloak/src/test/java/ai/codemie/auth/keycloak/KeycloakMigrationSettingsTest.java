package ai.codemie.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeycloakMigrationSettingsTest {

    private static final String SECRET = "very-secret-value";

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("KEYCLOAK_ADMIN_URL", "https://keycloak.example.com");
        env.put("KEYCLOAK_ADMIN_REALM", "codemie-prod");
        env.put("KEYCLOAK_ADMIN_CLIENT_ID", "codemie-migration");
        env.put("KEYCLOAK_ADMIN_CLIENT_SECRET", SECRET);
        return env;
    }

    @Test
    void readsTheSettingsWithTheirDefaults() {
        KeycloakMigrationSettings settings = KeycloakMigrationSettings.fromEnvironment(complete()::get);

        assertThat(settings.adminUrl()).hasToString("https://keycloak.example.com");
        assertThat(settings.get(KeycloakMigrationSettings.ADMIN_REALM)).isEqualTo("codemie-prod");
        assertThat(settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_ID)).isEqualTo("codemie-migration");
        assertThat(settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET)).isEqualTo(SECRET);
        assertThat(settings.get(KeycloakMigrationSettings.PAGE_SIZE)).isEqualTo(100);
        assertThat(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsPageSizeAndTimeout() {
        Map<String, String> env = complete();
        env.put("CODEMIE_AUTH_MIGRATION_PAGE_SIZE", "25");
        env.put("CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS", "7");

        KeycloakMigrationSettings settings = KeycloakMigrationSettings.fromEnvironment(env::get);

        assertThat(settings.get(KeycloakMigrationSettings.PAGE_SIZE)).isEqualTo(25);
        assertThat(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS)).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEYCLOAK_ADMIN_URL", "KEYCLOAK_ADMIN_REALM", "KEYCLOAK_ADMIN_CLIENT_ID",
            "KEYCLOAK_ADMIN_CLIENT_SECRET"})
    void namesAMissingOrBlankSetting(String setting) {
        Map<String, String> missing = complete();
        missing.remove(setting);
        Map<String, String> blank = complete();
        blank.put(setting, "  ");

        for (Map<String, String> env : java.util.List.of(missing, blank)) {
            InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                    () -> KeycloakMigrationSettings.fromEnvironment(env::get));
            assertThat(error.setting()).isEqualTo(setting);
            assertThat(error).hasMessage(setting + ": must be set");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak.example.com", "ftp://keycloak.example.com", "https://keycloak.example.com/",
            "https://keycloak.example.com/auth", "https://keycloak.example.com?realm=x", "https://",
            "https://keycloak example.com"})
    void refusesAMalformedUrlNamingIt(String url) {
        Map<String, String> env = complete();
        env.put("KEYCLOAK_ADMIN_URL", url);

        assertThatThrownBy(() -> KeycloakMigrationSettings.fromEnvironment(env::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("KEYCLOAK_ADMIN_URL: ");
    }

    @Test
    void acceptsAKeycloakBehindAPathPrefix() {
        Map<String, String> env = complete();
        env.put("KEYCLOAK_ADMIN_URL", "https://sso.example.com/keycloak");

        assertThat(KeycloakMigrationSettings.fromEnvironment(env::get).adminUrl())
                .hasToString("https://sso.example.com/keycloak");
    }

    @Test
    void doesNotShowCredentialsWrittenIntoTheUrl() {
        Map<String, String> env = complete();
        env.put("KEYCLOAK_ADMIN_URL", "https://admin:" + SECRET + "@keycloak.example.com");

        assertThatThrownBy(() -> KeycloakMigrationSettings.fromEnvironment(env::get))
                .hasMessageStartingWith("KEYCLOAK_ADMIN_URL: must not hold credentials")
                .hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest
    @CsvSource({"CODEMIE_AUTH_MIGRATION_PAGE_SIZE, 0", "CODEMIE_AUTH_MIGRATION_PAGE_SIZE, 1001",
            "CODEMIE_AUTH_MIGRATION_PAGE_SIZE, -5", "CODEMIE_AUTH_MIGRATION_PAGE_SIZE, ten",
            "CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS, 0", "CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS, 301",
            "CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS, soon"})
    void refusesANumberOutOfBoundsNamingIt(String setting, String value) {
        Map<String, String> env = complete();
        env.put(setting, value);

        assertThatThrownBy(() -> KeycloakMigrationSettings.fromEnvironment(env::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(setting + ": ");
    }

    @Test
    void neverShowsTheSecret() {
        KeycloakMigrationSettings settings = KeycloakMigrationSettings.fromEnvironment(complete()::get);

        assertThat(settings.toString()).doesNotContain(SECRET).contains("clientSecret=***");
    }

    @Test
    void isEnabledOnlyByATrueValue() {
        assertThat(KeycloakMigrationSettings.enabledIn(name -> null)).isFalse();
        assertThat(KeycloakMigrationSettings.enabledIn(name -> " ")).isFalse();
        assertThat(KeycloakMigrationSettings.enabledIn(name -> "false")).isFalse();
        assertThat(KeycloakMigrationSettings.enabledIn(name -> "TRUE")).isTrue();
        assertThatThrownBy(() -> KeycloakMigrationSettings.enabledIn(name -> "sometimes"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("KEYCLOAK_MIGRATION_ENABLED: is not a boolean");
    }
}
