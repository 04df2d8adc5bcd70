package ai.codemie.auth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.TestTokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The development token endpoint must never sign with, or be trusted beside, the shared production key: the
 * development switch together with any local key file stops startup, naming both settings.
 */
@CodemieAuthTest
class DevTokenBesideProductionKeyTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "public key file {0}, private key file {1}")
    @CsvSource({"true, false", "false, true", "true, true"})
    void refusesToStartWithTheDevelopmentSwitchBesideTheProductionKey(boolean publicKey, boolean privateKey,
            TestTokens issuer) {
        Map<String, String> keyFiles = issuer.writeKeyFiles(directory).settings(publicKey, privateKey);
        Map<String, String> environment = new HashMap<>(keyFiles);
        environment.putAll(Map.of("PORT", "0", AuthSettings.IDP_PROVIDER.name(), "local",
                AuthSettings.DEV_GENERATE_LOCAL_KEY.name(), "true"));

        assertThatThrownBy(() -> ServletService.start(environment).close())
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo(AuthSettings.DEV_GENERATE_LOCAL_KEY.name()))
                .hasMessageContaining(AuthSettings.DEV_GENERATE_LOCAL_KEY.name())
                .hasMessageContainingAll(keyFiles.keySet().toArray(String[]::new));
    }

    @Test
    void servesNoDevelopmentTokensWithTheProductionKeyAlone(TestTokens issuer) throws Exception {
        TestTokens.KeyFiles files = issuer.writeKeyFiles(directory);
        try (ServletService service = ServletService.start(Map.of("PORT", "0", AuthSettings.IDP_PROVIDER.name(),
                "local",
                AuthSettings.LOCAL_PRIVATE_KEY_FILE.name(), files.privateKey().toString()))) {
            assertThat(new ServiceClient(service.port()).send("POST", "/dev/token", "{\"sub\":\"root\"}")
                    .statusCode()).isEqualTo(401);
        }
    }
}
