package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionPatternTest {

    static final String PART_64 = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"agent:chat", "agent:chat:finance-bot", "process:run", "knowledge:ingest",
        "agent:chat:*", "agent:*:finance-bot", "*:*", "*:*:*", "*:chat", "tenant.users:manage",
        "a_b.c-d:0-9:Finance_Bot.v2", "agent:chat:UPPER"})
    void acceptsWellFormedPatterns(String text) {
        assertThat(PermissionPattern.parse(text)).hasToString(text);
    }

    @Test
    void acceptsPartsOfSixtyFourCharacters() {
        String text = PART_64 + ":" + PART_64 + ":" + PART_64;
        assertThat(PermissionPattern.parse(text).instance()).isEqualTo(PART_64);
        assertThat(PermissionRequest.parse(text).instance()).isEqualTo(PART_64);
    }

    static Stream<Arguments> malformedPatterns() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("agent", "resource:action or resource:action:instance"),
                Arguments.of("agent:chat:x:y", "resource:action or resource:action:instance"),
                Arguments.of(":chat", "the resource is empty"),
                Arguments.of("agent:", "the action is empty"),
                Arguments.of("agent::x", "the action is empty"),
                Arguments.of("agent:chat:", "the instance is empty"),
                Arguments.of("agent:chat ", "the action may hold only"),
                Arguments.of(" agent:chat", "the resource may hold only"),
                Arguments.of("agent: chat", "the action may hold only"),
                Arguments.of("agent:**", "the action may hold only"),
                Arguments.of("agent:ch*", "the action may hold only"),
                Arguments.of("Agent:chat", "the resource may hold only"),
                Arguments.of("agent:Chat", "the action may hold only"),
                Arguments.of("agent:chat:bot/1", "the instance may hold only"),
                Arguments.of("agent:chat:bøt", "the instance may hold only"),
                Arguments.of(PART_64 + "a:chat", "the resource has more than 64 characters"),
                Arguments.of("agent:chat:" + PART_64 + "a", "the instance has more than 64 characters"),
                Arguments.of("a".repeat(1000), "more than 194 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPatterns")
    void refusesMalformedPatternsNamingThem(String text, String problem) {
        assertThatThrownBy(() -> PermissionPattern.parse(text))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidSyntaxException.Kind.PATTERN);
                    assertThat(e.input()).isEqualTo(text);
                })
                .hasMessageStartingWith("Invalid permission pattern '" + text.substring(0, Math.min(100,
                        text.length())))
                .hasMessageContaining(problem);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PermissionPattern.parse(null)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage("Invalid permission pattern 'null': it must not be empty");
        assertThatThrownBy(() -> PermissionRequest.parse(null)).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void cutsAnOversizedInputInTheMessage() {
        String text = "x".repeat(5000);
        assertThatThrownBy(() -> PermissionPattern.parse(text)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage("Invalid permission pattern '" + "x".repeat(100) + "…': it has more than 194 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent:chat", "agent:chat:finance-bot", "agent:chat:Finance_Bot", "tenant.users:view"})
    void acceptsWellFormedPermissions(String text) {
        assertThat(PermissionRequest.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*:*", "agent:*", "*:chat", "agent:chat:*", "agent:chat:x:y", "agent", "agent:**", "",
        "agent:chat ", "Agent:chat", "agent::x"})
    void refusesPermissionsThatAreNotConcrete(String text) {
        assertThatThrownBy(() -> PermissionRequest.parse(text))
                .isInstanceOfSatisfying(InvalidSyntaxException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidSyntaxException.Kind.PERMISSION))
                .hasMessageStartingWith("Invalid permission '" + text + "'");
    }

    @Test
    void namesTheStarOfAPermissionAskedAbout() {
        assertThatThrownBy(() -> PermissionRequest.parse("agent:*"))
                .hasMessage("Invalid permission 'agent:*': a permission asked about names its action, '*' is for "
                        + "patterns");
    }

    @Test
    void buildsAPermissionFromItsPartsCheckingEach() {
        assertThat(PermissionRequest.of("agent", "chat", "finance-bot"))
                .isEqualTo(PermissionRequest.parse("agent:chat:finance-bot"))
                .hasToString("agent:chat:finance-bot");
        assertThat(PermissionRequest.of("agent", "chat")).isEqualTo(PermissionRequest.parse("agent:chat"));
        assertThat(PermissionRequest.of("agent", "chat").instance()).isNull();
        assertThatThrownBy(() -> PermissionRequest.of("agent", "chat", "bot 1"))
                .isInstanceOf(InvalidSyntaxException.class)
                .hasMessageStartingWith("Invalid permission 'agent:chat:bot 1': the instance may hold only");
        assertThatThrownBy(() -> PermissionRequest.of("agent", "*", "x"))
                .hasMessageStartingWith("Invalid permission 'agent:*:x'");
        assertThatThrownBy(() -> PermissionRequest.of("agent", "chat", "")).hasMessageContaining("instance is empty");
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("agent:chat", "agent:chat", true),
                Arguments.of("agent:chat", "agent:chat:x", true),
                Arguments.of("agent:chat:*", "agent:chat", true),
                Arguments.of("agent:chat:*", "agent:chat:x", true),
                Arguments.of("agent:*:finance-bot", "agent:chat:finance-bot", true),
                Arguments.of("agent:*:finance-bot", "agent:view:finance-bot", true),
                Arguments.of("agent:*:finance-bot", "agent:chat:hr-bot", false),
                Arguments.of("agent:*:finance-bot", "agent:chat", false),
                Arguments.of("*:*", "agent:chat", true),
                Arguments.of("*:*", "process:run:nightly", true),
                Arguments.of("*:*:*", "process:run", true),
                Arguments.of("*:run", "process:run:nightly", true),
                Arguments.of("*:run", "process:view", false),
                Arguments.of("agent:chat:x", "agent:chat", false),
                Arguments.of("agent:chat:x", "agent:chat:y", false),
                Arguments.of("agent:chat:x", "agent:chat:X", false),
                Arguments.of("agent:chat", "agent:view", false),
                Arguments.of("agent:chat", "agents:chat", false),
                Arguments.of("agent:*", "process:run", false));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource("matching")
    void matchesPermissionsPartByPart(String pattern, String permission, boolean matches) {
        assertThat(PermissionPattern.parse(pattern).matches(PermissionRequest.parse(permission))).isEqualTo(matches);
    }

    @Test
    void omittedInstanceIsTheSamePatternAsStar() {
        PermissionPattern omitted = PermissionPattern.parse("agent:chat");
        PermissionPattern star = PermissionPattern.parse("agent:chat:*");
        assertThat(omitted).isEqualTo(star).hasSameHashCodeAs(star);
        assertThat(omitted).hasToString("agent:chat");
        assertThat(star).hasToString("agent:chat:*");
        assertThat(omitted.instance()).isEqualTo("*");
        assertThat(PermissionPattern.parse("*:chat").resource()).isEqualTo("*");
    }

    static Stream<Arguments> covering() {
        return Stream.of(
                Arguments.of("*:*", "agent:chat:x", true),
                Arguments.of("*:*", "*:*", true),
                Arguments.of("agent:*", "agent:chat", true),
                Arguments.of("agent:chat", "agent:chat:x", true),
                Arguments.of("agent:chat", "agent:*", false),
                Arguments.of("agent:chat:x", "agent:chat", false),
                Arguments.of("agent:chat:x", "agent:chat:x", true),
                Arguments.of("agent:*:x", "agent:chat:x", true),
                Arguments.of("agent:*:x", "agent:chat", false),
                Arguments.of("*:chat", "*:*", false));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @MethodSource("covering")
    void coversPartByPart(String pattern, String other, boolean covers) {
        assertThat(PermissionPattern.parse(pattern).covers(PermissionPattern.parse(other))).isEqualTo(covers);
    }

    static Stream<Arguments> intersections() {
        return Stream.of(
                Arguments.of("*:*", "agent:*", "agent:*"),
                Arguments.of("agent:*", "*:chat", "agent:chat"),
                Arguments.of("agent:*:x", "*:chat", "agent:chat:x"),
                Arguments.of("agent:chat:*", "agent:chat", "agent:chat"),
                Arguments.of("agent:*", "process:*", null),
                Arguments.of("agent:chat:x", "agent:chat:y", null),
                Arguments.of("agent:chat", "agent:view", null));
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @MethodSource("intersections")
    void intersectsPartByPart(String a, String b, String expected) {
        assertThat(PermissionPattern.parse(a).intersection(PermissionPattern.parse(b)).map(Object::toString))
                .isEqualTo(Optional.ofNullable(expected));
        assertThat(PermissionPattern.parse(b).intersection(PermissionPattern.parse(a)).map(Object::toString))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void parsesAListAndNamesTheFirstMalformedPattern() {
        assertThat(PermissionPattern.parseAll(List.of("agent:chat", "*:*")))
                .containsExactly(PermissionPattern.parse("agent:chat"), PermissionPattern.parse("*:*"));
        assertThatThrownBy(() -> PermissionPattern.parseAll(List.of("agent:chat", "bad", "worse")))
                .hasMessageStartingWith("Invalid permission pattern 'bad'");
    }
}
