package ai.codemie.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Configuration" table is the declarations in {@link AuthSettings}, row for row; when this test fails
 * it writes the table the declarations call for to {@code target/configuration-table.md}, to paste into the README.
 */
class SettingsTableTest {

    @Test
    void theReadmesConfigurationTableIsTheDeclaredSettings() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("\n## Configuration\n"),
                readme.indexOf("\n## ", readme.indexOf("\n## Configuration\n") + 1));
        String table = Setting.markdownTable(AuthSettings.SETTINGS);
        // a whole table: from a blank line to a blank line
        if (!section.contains("\n\n" + table + "\n")) {
            Files.writeString(Path.of("target", "configuration-table.md"), table);
        }
        assertThat(section).as("the declared table is in target/configuration-table.md")
                .contains("\n\n" + table + "\n");
    }

    @Test
    void everySettingIsDocumentedInAGroup() {
        assertThat(AuthSettings.SETTINGS).allSatisfy(setting -> {
            assertThat(setting.group()).as(setting.name()).isNotBlank();
            assertThat(setting.description()).as(setting.name()).isNotBlank().doesNotContain("|", "\n");
        });
    }
}
