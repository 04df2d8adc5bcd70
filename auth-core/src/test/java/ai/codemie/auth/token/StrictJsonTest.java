package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @Test
    void readsObjectsArraysAndScalarsAsNimbusTypes() {
        Map<String, Object> object = StrictJson.parseObject(" {\"a\":{\"b\":[1,-2.5,1e3,true,false,null,\"x\"]},"
                + "\"big\":123456789012345678901234567890,\"zero\":-0} ");

        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) ((Map<String, Object>) object.get("a")).get("b");
        assertThat(list).containsExactly(1L, -2.5, 1000.0, true, false, null, "x");
        assertThat(object.get("big")).isEqualTo(1.2345678901234568E29);
        assertThat(object.get("zero")).isEqualTo(0L);
        assertThat(object).containsOnlyKeys("a", "big", "zero");
    }

    @Test
    void readsEveryIntegerThatFitsALongAsALongLikeNimbus() {
        Map<String, Object> object = StrictJson.parseObject("{\"max\":9223372036854775807,"
                + "\"min\":-9223372036854775808,\"nineteen\":-1234567890123345678,\"beyond\":9223372036854775808}");

        assertThat(object.get("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(object.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(object.get("nineteen")).isEqualTo(-1234567890123345678L);
        assertThat(object.get("beyond")).isEqualTo(9.223372036854775808E18);
    }

    @Test
    void decodesEveryEscape() {
        Map<String, Object> object = StrictJson.parseObject("{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}");

        assertThat(object.get("s")).isEqualTo("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
    }

    @Test
    void refusesADuplicateNameAtAnyDepth() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\"a\":[{\"b\":{\"c\":[{\"d\":1,\"d\":1}]}}]}"))
                .isInstanceOf(StrictJson.MalformedJsonException.class)
                .hasMessage("duplicate member name");
    }

    @Test
    void allowsTheSameNameInDifferentObjects() {
        assertThat(StrictJson.parseObject("{\"a\":{\"x\":1},\"b\":{\"x\":2}}")).containsOnlyKeys("a", "b");
    }

    @Test
    void limitsTheNestingDepth() {
        String atLimit = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH - 1) + "]".repeat(StrictJson.MAX_DEPTH - 1) + "}";
        String beyond = "{\"a\":" + "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);

        assertThat(StrictJson.parseObject(atLimit)).containsKey("a");
        assertThatThrownBy(() -> StrictJson.parseObject(beyond)).hasMessageContaining("nesting deeper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{,}",
            "{\"a\":1e}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":nul}",
            "{\"a\":\"\\u12\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"unterminated}",
            "{\"a\":1}\n}", "{\"a\":1e400}", "\u00a0{}", "{}\u0000"})
    void refusesWhatRfc8259DoesNotAllow(String text) {
        assertThatThrownBy(() -> StrictJson.parseObject(text)).isInstanceOf(StrictJson.MalformedJsonException.class);
    }

    @Test
    void neverQuotesTheInputInItsMessage() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\"secret-value\":'x'}"))
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void returnsObjectsNothingCanChangeEqualToTheirMembersInOrder() {
        Map<String, Object> object = StrictJson.parseObject("{\"b\":1,\"a\":{\"c\":null},\"n\":null}");

        assertThat(object.keySet()).containsExactly("b", "a", "n");
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("b", 1L);
        expected.put("a", java.util.Collections.singletonMap("c", null));
        expected.put("n", null);
        assertThat(object).isEqualTo(expected);
        assertThat(object.hashCode()).isEqualTo(expected.hashCode());
        assertThat(object.containsKey("n")).isTrue();
        assertThat(object.get("n")).isNull();
        assertThat(object.getOrDefault("n", "default")).isNull();
        assertThat(object.getOrDefault("absent", "default")).isEqualTo("default");
        for (Runnable change : List.<Runnable>of(() -> object.put("x", 1L), () -> object.remove("b"),
                object::clear, () -> object.putAll(Map.of("x", 1L)), () -> object.entrySet().iterator().next()
                        .setValue(2L), () -> object.keySet().remove("b"), () -> object.values().clear(),
                () -> object.computeIfAbsent("x", key -> 1L), () -> object.replaceAll((key, value) -> 1L),
                () -> object.compute("absent", (key, value) -> null), () -> object.remove("absent", null),
                () -> object.merge("b", 1L, (a, b) -> a), () -> object.putIfAbsent("b", 1L))) {
            assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(object).hasSize(3).containsEntry("b", 1L);
    }

    @Test
    void refusesADuplicateMemberWhoseFirstValueIsNull() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\"roles\":null,\"roles\":[\"admin\"]}"))
                .isInstanceOf(StrictJson.MalformedJsonException.class)
                .hasMessageContaining("duplicate");
    }
}
