package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.test.TestTokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The development token endpoint must never sign with, or be trusted beside, the shared production key: the
 * development switch together with any local key file stops startup, naming both settings. (Before, a public key
 * file gave {@code /dev/token} a verifier that trusted the generated key next to the real one.)
 */
class DevTokenBesideProductionKeyTest {

    static final TestTokens KEYS = TestTokens.start();

    @TempDir
    Path directory;

    @AfterAll
    static void stop() {
        KEYS.close();
    }

    @ParameterizedTest(name = "public key file {0}, private key file {1}")
    @CsvSource({"true, false", "false, true", "true, true"})
    void refusesToStartWithTheDevelopmentSwitchBesideTheProductionKey(boolean publicKey, boolean privateKey) {
        Map<String, String> keyFiles = KEYS.writeKeyFiles(directory).settings(publicKey, privateKey);
        Map<String, Object> environment = new HashMap<>(keyFiles);
        environment.putAll(Map.of("PORT", "0", AuthSettings.IDP_PROVIDER.name(), "local",
                AuthSettings.DEV_GENERATE_LOCAL_KEY.name(), "true"));

        assertThatThrownBy(() -> start(environment).close()).rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo(AuthSettings.DEV_GENERATE_LOCAL_KEY.name()))
                .hasMessageContaining(AuthSettings.DEV_GENERATE_LOCAL_KEY.name())
                .hasMessageContainingAll(keyFiles.keySet().toArray(String[]::new));
    }

    @Test
    void servesNoDevelopmentTokensWithTheProductionKeyAlone() {
        TestTokens.KeyFiles files = KEYS.writeKeyFiles(directory);
        try (ConfigurableApplicationContext service = start(Map.of("PORT", "0", AuthSettings.IDP_PROVIDER.name(),
                "local",
                AuthSettings.LOCAL_PRIVATE_KEY_FILE.name(), files.privateKey().toString()))) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().post().uri("/dev/token")
                    .header("Content-Type", "application/json").body("{\"sub\":\"root\"}").exchange()
                    .expectStatus().isUnauthorized();
            assertThat(service.getBeanNamesForType(DevTokenController.class)).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> environment) {
        return new SpringApplicationBuilder(SpringServiceApplication.class).properties(environment).run();
    }
}
