package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the strict JSON reader of token headers and payloads with any text: it returns a value or refuses the text
 * with its {@link StrictJson.MalformedJsonException}, never anything else; what it returns is immutable, typed as
 * nimbus types claims, nested at most {@value StrictJson#MAX_DEPTH} deep, and equal to what nimbus' own (strict)
 * parser reads from the same text, so the stricter reader never changes a claim's meaning.
 */
class StrictJsonFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsWhatNimbusReadsOrRefusesTheText(byte[] input) throws ParseException {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, Object> object;
        try {
            object = StrictJson.parseObject(text);
        } catch (StrictJson.MalformedJsonException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }

        assertWellTyped(object, 1);
        assertThat(JSONObjectUtils.parse(text)).as("nimbus' reading").isEqualTo(object);
        assertThat(StrictJson.parseObject(JSONObjectUtils.toJSONString(object))).as("read again once written")
                .isEqualTo(object);
    }

    /** Unmodifiable maps and lists, string names, the scalar types of nimbus, no deeper than allowed. */
    private static void assertWellTyped(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            assertThat(depth).isLessThanOrEqualTo(StrictJson.MAX_DEPTH);
            assertThat(map).isUnmodifiable();
            map.forEach((name, member) -> {
                assertThat(name).isInstanceOf(String.class);
                assertWellTyped(member, depth + 1);
            });
        } else if (value instanceof List<?> list) {
            assertThat(depth).isLessThanOrEqualTo(StrictJson.MAX_DEPTH);
            assertThat(list).isUnmodifiable();
            list.forEach(element -> assertWellTyped(element, depth + 1));
        } else if (value instanceof Double number) {
            assertThat(number).isFinite();
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Long.class);
        }
    }
}
