package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.Setting;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Spring configuration metadata (what an IDE completes) describes every setting's property as the declarations
 * in {@link AuthSettings} do. The settings are not fields, so the metadata is the file
 * {@code META-INF/additional-spring-configuration-metadata.json}, which the configuration processor merges into
 * the jar's metadata; when this test fails it writes the expected file to {@code target/} to copy over.
 */
class SettingPropertiesMetadataTest {

    private static final String SOURCE_TYPE = CodemieAuthProperties.class.getName();

    @Test
    void theMetadataDescribesEveryPropertyAsItsSettingDeclaresIt() throws Exception {
        Map<String, Object> expected = expectedMetadata();
        Map<String, Object> shipped = JSONObjectUtils.parse(
                read("META-INF/additional-spring-configuration-metadata.json"));
        if (!expected.equals(shipped)) {
            Path file = Path.of("target", "additional-spring-configuration-metadata.json");
            Files.writeString(file, JSONObjectUtils.toJSONString(expected));
        }
        assertThat(shipped).as("regenerated into target/additional-spring-configuration-metadata.json")
                .isEqualTo(expected);
    }

    @Test
    void theJarsMetadataHoldsEverySettingBesideTheSpringOnlyProperties() throws Exception {
        Map<String, Object> merged = JSONObjectUtils.parse(read("META-INF/spring-configuration-metadata.json"));
        List<String> names = Arrays.stream(JSONObjectUtils.getJSONObjectArray(merged, "properties"))
                .map(property -> (String) property.get("name")).toList();
        List<String> declared = AuthSettings.SETTINGS.stream().map(SettingProperties::propertyOf).toList();
        assertThat(names).containsAll(declared)
                .contains("codemie.auth.enabled", "codemie.auth.deny-unannotated", "codemie.auth.error-envelope");
    }

    @Test
    void everySettingOfTheLibraryHasAProperty() {
        assertThat(AuthSettings.SETTINGS).allSatisfy(setting -> assertThat(setting.property()).as(setting.name())
                .isNotBlank());
        assertThat(new TreeSet<>(AuthSettings.SETTINGS.stream().map(Setting::property).toList()))
                .as("no two settings share a property").hasSize(AuthSettings.SETTINGS.size());
    }

    /** The metadata the declarations call for: one group per nested prefix, one property per setting. */
    static Map<String, Object> expectedMetadata() {
        List<Object> groups = new ArrayList<>();
        AuthSettings.SETTINGS.stream().map(Setting::property).filter(property -> property.contains("."))
                .map(property -> property.substring(0, property.lastIndexOf('.'))).distinct()
                .forEach(prefix -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("name", SettingProperties.PREFIX + "." + prefix);
                    group.put("sourceType", SOURCE_TYPE);
                    groups.add(group);
                });
        List<Object> properties = new ArrayList<>();
        for (Setting<?> setting : AuthSettings.SETTINGS) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("name", SettingProperties.propertyOf(setting));
            property.put("type", SettingProperties.typeOf(setting));
            property.put("description", plain(setting.description()) + " (" + setting.name() + ").");
            property.put("sourceType", SOURCE_TYPE);
            properties.add(property);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("groups", groups);
        metadata.put("properties", properties);
        return metadata;
    }

    /** Markdown as plain text: no code spans, emphasis or links. */
    private static String plain(String markdown) {
        String text = markdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("**", "");
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = SettingPropertiesMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
