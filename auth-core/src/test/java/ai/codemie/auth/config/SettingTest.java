package ai.codemie.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingTest {

    private static final Setting<Boolean> FLAG = Setting.bool("FLAG", false).check(Setting.required());
    private static final Setting<String> NAME = Setting.text("NAME", "x").check(Setting.notEmpty());
    private static final Setting<Integer> COUNT = Setting.integer("COUNT", 3).check(Setting.atLeast(0));
    private static final Setting<Long> SIZE = Setting.bytes("SIZE", 2048).check(Setting.between(1024, 4096));
    private static final Setting<Duration> WAIT = Setting.seconds("WAIT", Duration.ofSeconds(5))
            .check(Setting.duration(true));
    private static final Setting<Path> FILE = Setting.path("FILE");
    private static final Setting<Set<String>> ROLES = Setting.words("ROLES", Set.of("developer"));
    private static final Setting<ProjectLimitMode> MODE = Setting.choice("MODE", ProjectLimitMode.ASSIGNED,
            ProjectLimitMode::value, "project limit mode");
    /** Read after the others: its value says what MODE was read as. */
    private static final Setting<String> ECHO = Setting.<String>of("ECHO", Setting.Kind.TEXT,
            (setting, text, soFar) -> text + ":" + soFar.get(MODE).value()).readLast();
    private static final List<Setting<?>> ALL = List.of(ECHO, FLAG, NAME, COUNT, SIZE, WAIT, FILE, ROLES, MODE);

    private static SettingValues read(Map<String, String> environment) {
        SettingValues values = SettingValues.defaults(ALL);
        values.read(environment::get);
        return values.checked();
    }

    @Test
    void readsEachKindFromAMapOfEnvironmentNames() {
        SettingValues values = read(Map.of("FLAG", " Yes ", "NAME", "  alice ", "COUNT", "7", "SIZE", "3000",
                "WAIT", "9", "FILE", "/keys/a.pem", "ROLES", "developer, analyst,,", "MODE", "CREATED",
                "ECHO", "e"));
        assertThat(values.get(FLAG)).isTrue();
        assertThat(values.get(NAME)).isEqualTo("alice");
        assertThat(values.get(COUNT)).isEqualTo(7);
        assertThat(values.get(SIZE)).isEqualTo(3000L);
        assertThat(values.get(WAIT)).isEqualTo(Duration.ofSeconds(9));
        assertThat(values.get(FILE)).isEqualTo(Path.of("/keys/a.pem"));
        assertThat(values.get(ROLES)).containsExactlyInAnyOrder("developer", "analyst");
        assertThat(values.get(MODE)).isEqualTo(ProjectLimitMode.CREATED);
        assertThat(values.get(ECHO)).as("read after MODE though declared first").isEqualTo("e:created");
    }

    @Test
    void unsetAndBlankNamesKeepTheDefaults() {
        SettingValues values = read(Map.of("NAME", "   ", "COUNT", ""));
        assertThat(values.get(FLAG)).isFalse();
        assertThat(values.get(NAME)).isEqualTo("x");
        assertThat(values.get(COUNT)).isEqualTo(3);
        assertThat(values.get(FILE)).isNull();
        assertThat(values.get(ROLES)).containsExactly("developer");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "FLAG  | maybe       | FLAG: is not a boolean: 'maybe'; use true or false",
        "COUNT | three       | COUNT: is not a whole number: 'three'",
        "COUNT | 4294967296  | COUNT: is out of range: '4294967296'",
        "COUNT | -1          | COUNT: must be at least 0, was -1",
        "SIZE  | 1023        | SIZE: must be between 1024 and 4096, was 1023",
        "SIZE  | 4097        | SIZE: must be between 1024 and 4096, was 4097",
        "SIZE  | 2KB         | SIZE: is not a whole number: '2KB'",
        "WAIT  | -3          | WAIT: must not be negative, was -3",
        "WAIT  | 0           | WAIT: must be positive, was 0 seconds",
        "MODE  | owned       | MODE: unknown project limit mode 'owned'; expected one of assigned, created"})
    void aBadValueIsAnErrorNamingTheSetting(String name, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(name, value)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo(name))
                .hasMessage(message);
    }

    @Test
    void aValueSetInCodePassesTheSameChecks() {
        SettingValues values = SettingValues.defaults(ALL);
        values.set(NAME, " ");
        assertThatThrownBy(values::checked).hasMessage("NAME: must not be empty");
        values.set(NAME, "bob");
        values.set(WAIT, Duration.ofSeconds(-1));
        assertThatThrownBy(values::checked).hasMessage("WAIT: must be positive, was -1 seconds");
    }

    @Test
    void refusesASettingThatIsNotDeclared() {
        SettingValues values = SettingValues.defaults(List.of(FLAG));
        assertThatThrownBy(() -> values.set(NAME, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME");
        assertThatThrownBy(() -> values.get(NAME)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isShownInMessagesAndDocumentationByItsName() {
        assertThat(COUNT).hasToString("COUNT");
        assertThat("set " + WAIT + "=1").isEqualTo("set WAIT=1");
        assertThat(WAIT.write(Duration.ofMinutes(1))).isEqualTo("60");
        assertThat(WAIT.shownDefault()).isEqualTo("`5`");
        assertThat(FILE.shownDefault()).isEqualTo("unset");
        assertThat(Setting.text("EMPTY", "").shownDefault()).isEqualTo("empty");
        assertThat(MODE.shownDefault()).isEqualTo("`assigned`");
    }

    @Test
    void tablesTheSettingsUnderTheirGroups() {
        Setting<Integer> a = Setting.integer("A", 1).group("First").doc("the a");
        Setting<Integer> b = Setting.integer("B", 2).group("First").doc("the b");
        Setting<Boolean> c = Setting.bool("C", true).group("Second").doc("the c");
        assertThat(Setting.markdownTable(List.of(a, b, c))).isEqualTo("""
                | name | default | meaning |
                |---|---|---|
                | **First** | | |
                | `A` | `1` | the a |
                | `B` | `2` | the b |
                | **Second** | | |
                | `C` | `true` | the c |
                """);
    }
}
