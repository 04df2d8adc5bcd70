package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.error.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CodemieAuthPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CodemieAuthAutoConfiguration.class))
            .withBean(ai.codemie.auth.token.TokenVerifier.class, () -> token -> {
                throw new IllegalStateException("not used");
            })
            .withPropertyValues("codemie.auth.jwks.trusted-issuers[0].issuer=https://idp.example/realms/codemie",
                    "codemie.auth.jwks.trusted-issuers[0].jwks-uri=https://idp.example/realms/codemie/certs");

    @Test
    void bindsCodemieAuthPropertiesToSettings() {
        runner.withPropertyValues("codemie.auth.admin-role-name=boss", "codemie.auth.user-project-limit=7",
                        "codemie.auth.jwks.leeway=45s", "codemie.auth.sign-in-roles=developer,analyst",
                        "codemie.auth.jwks.trusted-issuers[0].audience=codemie")
                .run(context -> {
                    AuthSettings settings = context.getBean(AuthSettings.class);
                    assertThat(settings.get(AuthSettings.ADMIN_ROLE_NAME)).isEqualTo("boss");
                    assertThat(settings.get(AuthSettings.USER_PROJECT_LIMIT)).isEqualTo(7);
                    assertThat(settings.get(AuthSettings.JWKS_LEEWAY_SECONDS)).isEqualTo(Duration.ofSeconds(45));
                    assertThat(settings.get(AuthSettings.SIGN_IN_ROLES)).containsExactlyInAnyOrder("developer",
                            "analyst");
                    assertThat(settings.get(AuthSettings.JWKS_TRUSTED_ISSUERS)).singleElement().satisfies(issuer -> {
                        assertThat(issuer.issuer()).isEqualTo("https://idp.example/realms/codemie");
                        assertThat(issuer.audience()).isEqualTo("codemie");
                    });
                });
    }

    @Test
    void bindsTheSwitchOfTheJdbcChangeTriggers() {
        runner.withPropertyValues("codemie.auth.jdbc-install-triggers=true").run(context ->
                assertThat(context.getBean(AuthSettings.class).get(AuthSettings.JDBC_INSTALL_TRIGGERS)).isTrue());
    }

    @Test
    void bindsTheTokenCacheByteBoundAsADataSize() {
        runner.withPropertyValues("codemie.auth.token-cache-max-bytes=32MB", "codemie.auth.token-cache-size=500")
                .run(context -> {
                    AuthSettings settings = context.getBean(AuthSettings.class);
                    assertThat(settings.get(AuthSettings.TOKEN_CACHE_MAX_BYTES)).isEqualTo(32L * 1024 * 1024);
                    assertThat(settings.get(AuthSettings.TOKEN_CACHE_SIZE)).isEqualTo(500);
                });
        runner.withPropertyValues("codemie.auth.token-cache-max-bytes=2097152")
                .run(context -> assertThat(context.getBean(AuthSettings.class).get(AuthSettings.TOKEN_CACHE_MAX_BYTES))
                        .isEqualTo(2L * 1024 * 1024));
        runner.withPropertyValues("codemie.auth.token-cache-max-bytes=2GB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES:").hasMessageContaining("2147483648");
        });
    }

    @Test
    void platformEnvironmentNameWinsOverItsProperty() {
        runner.withPropertyValues("codemie.auth.admin-role-name=boss", "ADMIN_ROLE_NAME=chief",
                        "IDP_PROVIDER=oidc")
                .run(context -> {
                    AuthSettings settings = context.getBean(AuthSettings.class);
                    assertThat(settings.get(AuthSettings.ADMIN_ROLE_NAME)).isEqualTo("chief");
                    assertThat(settings.get(AuthSettings.IDP_PROVIDER)).isEqualTo(IdpProvider.OIDC);
                });
    }

    @Test
    void stopsStartupNamingTheBadSetting() {
        runner.withPropertyValues("IDP_PROVIDER=header").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("IDP_PROVIDER:");
        });
    }

    @Test
    void backsOffWhenSwitchedOff() {
        runner.withPropertyValues("codemie.auth.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AuthSettings.class));
    }
}
