package ai.codemie.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of the Keycloak import's settings is their declarations, row for row. */
class KeycloakSettingsTableTest {

    @Test
    void theReadmesImportTableIsTheDeclaredSettings() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String table = Setting.markdownTable(KeycloakMigrationSettings.SETTINGS);
        // a whole table: from a blank line to a blank line
        if (!readme.contains("\n\n" + table + "\n")) {
            Files.writeString(Path.of("target", "keycloak-import-table.md"), table);
        }
        assertThat(readme).as("the declared table is in target/keycloak-import-table.md")
                .contains("\n\n" + table + "\n");
    }
}
