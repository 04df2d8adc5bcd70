package ai.codemie.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthSettingsTest {

    static final String ISSUERS = "[{\"issuer\":\"https://kc/realms/r\",\"audience\":\"codemie\","
            + "\"jwks_uri\":\"https://kc/realms/r/protocol/openid-connect/certs\"}]";

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("JWKS_TRUSTED_ISSUERS", ISSUERS);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void hasThePlatformsDefaults() {
        AuthSettings s = AuthSettings.fromEnvironment(env());
        assertThat(s.get(AuthSettings.ENABLE_USER_MANAGEMENT)).isFalse();
        assertThat(s.get(AuthSettings.IDP_PROVIDER)).isEqualTo(IdpProvider.KEYCLOAK);
        assertThat(s.get(AuthSettings.ADMIN_ROLE_NAME)).isEqualTo("admin");
        assertThat(s.get(AuthSettings.ADMIN_USER_ID)).isEmpty();
        assertThat(s.get(AuthSettings.MAINTAINER_USER_ID)).isEmpty();
        assertThat(s.get(AuthSettings.USER_PROJECT_LIMIT)).isEqualTo(3);
        assertThat(s.get(AuthSettings.JWKS_LEEWAY_SECONDS)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.get(AuthSettings.JWKS_CACHE_TTL_SECONDS)).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.get(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS)).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.get(AuthSettings.AUTH_COOKIE_NAME)).isEqualTo("codemie_access_token");
        assertThat(s.get(AuthSettings.EXTERNAL_USER_TYPE)).isEqualTo("external");
        assertThat(s.get(AuthSettings.PROJECT_LIMIT_MODE)).isEqualTo(ProjectLimitMode.ASSIGNED);
        assertThat(s.get(AuthSettings.SIGN_IN_GATE)).isTrue();
        assertThat(s.get(AuthSettings.SIGN_IN_ROLES)).containsExactly("developer");
        assertThat(s.get(AuthSettings.MAINTAINER_ROLE_NAME)).isNull();
        assertThat(s.get(AuthSettings.MAX_TOKEN_BYTES)).isEqualTo(16 * 1024);
        assertThat(s.get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.get(AuthSettings.JDBC_INSTALL_TRIGGERS)).isFalse();
        assertThat(s.get(AuthSettings.TOKEN_CACHE_SIZE)).isEqualTo(10_000);
        assertThat(s.get(AuthSettings.TOKEN_CACHE_MAX_BYTES)).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void readsTheSwitchOfTheJdbcChangeTriggers() {
        assertThat(AuthSettings.fromEnvironment(env("CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS", "true"))
                .get(AuthSettings.JDBC_INSTALL_TRIGGERS)).isTrue();
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(env("CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS", "sometimes")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS:").hasMessageContaining("sometimes");
    }

    @Test
    void readsTheTokenCacheBoundsInEntriesAndBytes() {
        AuthSettings s = AuthSettings.fromEnvironment(env("CODEMIE_AUTH_TOKEN_CACHE_SIZE", "500",
                "CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "1073741824"));
        assertThat(s.get(AuthSettings.TOKEN_CACHE_SIZE)).isEqualTo(500);
        assertThat(s.get(AuthSettings.TOKEN_CACHE_MAX_BYTES)).isEqualTo(1L << 30);
        assertThat(AuthSettings.fromEnvironment(env("CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "1048576"))
                .get(AuthSettings.TOKEN_CACHE_MAX_BYTES)).isEqualTo(1L << 20);
    }

    @Test
    void readsEveryPlatformName() {
        AuthSettings s = AuthSettings.fromEnvironment(env(
                "ENABLE_USER_MANAGEMENT", "True", "IDP_PROVIDER", "oidc", "ADMIN_ROLE_NAME", "platform-admin",
                "ADMIN_USER_ID", "root-id", "MAINTAINER_USER_ID", "m-id", "USER_PROJECT_LIMIT", "7",
                "JWKS_LEEWAY_SECONDS", "5", "JWKS_CACHE_TTL_SECONDS", "60", "JWKS_HTTP_TIMEOUT_SECONDS", "2",
                "AUTH_COOKIE_NAME", "tok", "EXTERNAL_USER_TYPE", "External",
                "CODEMIE_AUTH_PROJECT_LIMIT_MODE", "created", "CODEMIE_AUTH_SIGN_IN_GATE", "false",
                "CODEMIE_AUTH_SIGN_IN_ROLES", "developer, analyst", "CODEMIE_AUTH_MAINTAINER_ROLE_NAME", "maintainer"));
        assertThat(s.get(AuthSettings.ENABLE_USER_MANAGEMENT)).isTrue();
        assertThat(s.get(AuthSettings.IDP_PROVIDER)).isEqualTo(IdpProvider.OIDC);
        assertThat(s.get(AuthSettings.ADMIN_ROLE_NAME)).isEqualTo("platform-admin");
        assertThat(s.isConfiguredAdmin("root-id")).isTrue();
        assertThat(s.isConfiguredMaintainer("m-id")).isTrue();
        assertThat(s.get(AuthSettings.USER_PROJECT_LIMIT)).isEqualTo(7);
        assertThat(s.get(AuthSettings.JWKS_LEEWAY_SECONDS)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.get(AuthSettings.JWKS_CACHE_TTL_SECONDS)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.get(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.get(AuthSettings.AUTH_COOKIE_NAME)).isEqualTo("tok");
        assertThat(s.get(AuthSettings.EXTERNAL_USER_TYPE)).isEqualTo("external");
        assertThat(s.get(AuthSettings.PROJECT_LIMIT_MODE)).isEqualTo(ProjectLimitMode.CREATED);
        assertThat(s.get(AuthSettings.SIGN_IN_GATE)).isFalse();
        assertThat(s.get(AuthSettings.SIGN_IN_ROLES)).containsExactlyInAnyOrder("developer", "analyst");
        assertThat(s.get(AuthSettings.MAINTAINER_ROLE_NAME)).isEqualTo("maintainer");
        TrustedIssuer issuer = s.get(AuthSettings.JWKS_TRUSTED_ISSUERS).get(0);
        assertThat(issuer.issuer()).isEqualTo("https://kc/realms/r");
        assertThat(issuer.audience()).isEqualTo("codemie");
        assertThat(issuer.preset()).as("preset follows IDP_PROVIDER").isEqualTo(ClaimPreset.OIDC);
        assertThat(issuer.algorithms()).containsExactly("RS256", "PS256", "ES256", "EdDSA");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("IDP_PROVIDER", "keycloack", "keycloack"),
                Arguments.of("IDP_PROVIDER", "header", "header"),
                Arguments.of("USER_PROJECT_LIMIT", "-1", "-1"),
                Arguments.of("USER_PROJECT_LIMIT", "three", "three"),
                Arguments.of("ENABLE_USER_MANAGEMENT", "maybe", "maybe"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "{not json", "is not a JSON list of issuer objects"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"audience\":\"x\",\"jwks_uri\":\"https://a/b\"}]", "issuer"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\"}]", "jwks_uri"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"file:///etc/passwd\"}]",
                        "file:///etc/passwd"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"algorithms\":[\"none\"]}]",
                        "none"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"algorithms\":[\"HS256\"]}]",
                        "shared_secret"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"jwks\":\"x\"}]",
                        "jwks"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[]", "no trusted issuer"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", " null ", "null is not a list"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"algorithms\":[null]}]",
                        "\"algorithms\" must be a list of strings"),
                Arguments.of("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"role_claims\":[\"a\",null]}]",
                        "\"role_claims\" must be a list of strings"),
                Arguments.of("JWKS_TRUSTED_ISSUERS",
                        "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\",\"resource_access_clients\":[null]}]",
                        "\"resource_access_clients\" must be a list of strings"),
                Arguments.of("JWKS_LEEWAY_SECONDS", "-5", "-5"),
                Arguments.of("JWKS_HTTP_TIMEOUT_SECONDS", "0", "0"),
                Arguments.of("CODEMIE_AUTH_PROJECT_LIMIT_MODE", "owned", "owned"),
                Arguments.of("CODEMIE_AUTH_SIGN_IN_ROLES", ",", "sign-in"),
                Arguments.of("CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "1048575", "1048575"),
                Arguments.of("CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "1073741825", "1073741825"),
                Arguments.of("CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", "64MB", "64MB"),
                Arguments.of("CODEMIE_AUTH_TOKEN_CACHE_SIZE", "4294967296", "4294967296"),
                Arguments.of("CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/lo\u0000cal.pem", "not a file path"),
                Arguments.of("CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE", "keys/\u0000/local.key", "not a file path"),
                Arguments.of("CODEMIE_AUTH_TENANTS_ENABLED", "yes please", "yes please"),
                Arguments.of("CODEMIE_AUTH_DEFAULT_TENANT", "Default", "'Default'"),
                Arguments.of("CODEMIE_AUTH_DEFAULT_TENANT", "-acme", "'-acme'"),
                Arguments.of("CODEMIE_AUTH_DEFAULT_TENANT", "acme corp", "'acme corp'"),
                Arguments.of("CODEMIE_AUTH_FIRST_LOGIN_ROLES", "reader,chat/bot", "'chat/bot'"),
                Arguments.of("CODEMIE_AUTH_FIRST_LOGIN_ROLES", "reader," + "r".repeat(65), "r".repeat(65)),
                Arguments.of("CODEMIE_AUTH_PLACEHOLDER_REQUIRE_VERIFIED_EMAIL", "sometimes", "sometimes"),
                Arguments.of("CODEMIE_AUTH_TENANT_HEADER", "X Tenant", "'X Tenant'"),
                Arguments.of("CODEMIE_AUTH_TENANT_HEADER", "X-Tenant:", "'X-Tenant:'"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void stopsStartupNamingTheSettingAndTheBadValue(String name, String value, String mentioned) {
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(env(name, value)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo(name))
                .hasMessageStartingWith(name + ":")
                .hasMessageContaining(mentioned);
    }

    @Test
    void refusesToStartWithoutAnyTrustedIssuer() {
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("JWKS_TRUSTED_ISSUERS"));
    }

    @Test
    void localProviderNeedsTheLocalKey() {
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(Map.of("IDP_PROVIDER", "local")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE"));
        assertThat(AuthSettings.fromEnvironment(Map.of("IDP_PROVIDER", "local",
                "CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/local.pem")).get(AuthSettings.LOCAL_PUBLIC_KEY_FILE))
                .hasToString("/keys/local.pem");
    }

    /** The development switch beside each configured local key ("/dev/token signs with the production key"). */
    static Stream<Arguments> developmentKeyBesideAConfiguredKey() {
        String localIssuerWithJwks = "[{\"issuer\":\"codemie-local\",\"jwks_uri\":\"https://idp/jwks\"}]";
        return Stream.of(
                Arguments.of(Map.of("CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/public.pem"),
                        new String[] {"CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/public.pem"}),
                Arguments.of(Map.of("CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE", "/keys/private.pem"),
                        new String[] {"CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE", "/keys/private.pem"}),
                Arguments.of(Map.of("CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/public.pem",
                        "CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE", "/keys/private.pem"),
                        new String[] {"CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE"}),
                Arguments.of(Map.of("JWKS_TRUSTED_ISSUERS", localIssuerWithJwks),
                        new String[] {"JWKS_TRUSTED_ISSUERS", "codemie-local"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("developmentKeyBesideAConfiguredKey")
    void refusesTheDevelopmentKeySwitchBesideAConfiguredLocalKey(Map<String, String> keySettings, String[] named) {
        for (String provider : new String[] {"local", "keycloak"}) {
            Map<String, String> environment = env("IDP_PROVIDER", provider,
                    "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true");
            environment.putAll(keySettings);

            assertThatThrownBy(() -> AuthSettings.fromEnvironment(environment)).as(provider)
                    .isInstanceOfSatisfying(InvalidConfigurationException.class,
                            e -> assertThat(e.setting()).isEqualTo("CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY"))
                    .hasMessageStartingWith("CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY:")
                    .hasMessageContaining(named[0]).hasMessageContaining(named[1]);
        }
    }

    @Test
    void refusesTheDevelopmentKeySwitchBesideAKeyFileSetInCode() {
        assertThatThrownBy(() -> AuthSettings.builder().set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true)
                .set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, java.nio.file.Path.of("/keys/private.pem")).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY"))
                .hasMessageContaining("CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE");
    }

    @Test
    void generatesADevelopmentKeyOnlyForTheLocalIssuerWithoutAnyConfiguredKey() {
        assertThat(AuthSettings.fromEnvironment(Map.of("IDP_PROVIDER", "local",
                "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true")).generatesDevelopmentKey()).isTrue();
        // the local issuer listed without a key source of its own takes the development key
        assertThat(AuthSettings.fromEnvironment(Map.of("IDP_PROVIDER", "local",
                "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true",
                "JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"codemie-local\"}]")).generatesDevelopmentKey()).isTrue();
        assertThat(AuthSettings.fromEnvironment(env("CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true"))
                .generatesDevelopmentKey()).isFalse();
        assertThat(AuthSettings.fromEnvironment(Map.of("IDP_PROVIDER", "local",
                "CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE", "/keys/public.pem")).generatesDevelopmentKey()).isFalse();
    }

    @Test
    void refusesAnIssuerListedTwice() {
        String twice = "[{\"issuer\":\"i\",\"jwks_uri\":\"https://a/b\"},{\"issuer\":\"i\",\"jwks_uri\":\"https://a/c\"}]";
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(env("JWKS_TRUSTED_ISSUERS", twice)))
                .hasMessageContaining("listed twice");
    }

    @Test
    void treatsBlankValuesAsUnset() {
        assertThat(AuthSettings.fromEnvironment(env("USER_PROJECT_LIMIT", " ", "ADMIN_ROLE_NAME",
                "")).get(AuthSettings.USER_PROJECT_LIMIT))
                .isEqualTo(3);
    }

    @Test
    void neverPrintsASharedSecret() {
        AuthSettings s = AuthSettings.fromEnvironment(env("JWKS_TRUSTED_ISSUERS",
                "[{\"issuer\":\"i\",\"shared_secret\":\"s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t\"}]"));
        assertThat(s.get(AuthSettings.JWKS_TRUSTED_ISSUERS).get(0).algorithms()).containsExactly("HS256");
        assertThat(s.toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "[{\"issuer\":\"i\",\"shared_secret\":\"s3cr3t-s3cr3t,s3cr3t-\\\"s3cr3t-s3cr3t\"},]",
        "[{\"issuer\":\"i\",'shared_secret': s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t}]",
        // found by fuzzing: a mangled member name hid the secret from masking, and the value was quoted
        "[{\"issuer\":\"https:/:svc.example\",\"shared_\"secret\":\"s3cr3t-s3cr3t-s3cr3t-s3cr3t\"}]"})
    void neverPrintsASharedSecretWhenTheIssuerListIsMalformed(String malformed) {
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(env("JWKS_TRUSTED_ISSUERS", malformed)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("JWKS_TRUSTED_ISSUERS:")
                .hasMessageContaining("the value is not shown")
                .hasMessageNotContaining("s3cr3t");
    }
}
