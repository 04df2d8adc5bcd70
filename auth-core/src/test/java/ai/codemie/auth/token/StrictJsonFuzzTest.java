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
 * parser reads from the same text, so the stricter reader never changes a claim's meaning. The one exception is
 * nimbus' (Gson's) own: it refuses some valid integers of more than 19 digits.
 */
class StrictJsonFuzzTest {

    @FuzzTest(maxDuration = "20s")
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
        assertThat(StrictJson.parseObject(JSONObjectUtils.toJSONString(object))).as("read again once written")
                .isEqualTo(object);
        Map<String, Object> nimbus;
        try {
            nimbus = JSONObjectUtils.parse(text);
        } catch (ParseException refused) {
            // Gson's overflow check mistakes some integer parts beyond a long (digits that wrap to 0) for a leading 0
            assertThat(hasIntegerPartBeyondLong(text)).as("nimbus refuses what StrictJson reads").isTrue();
            return;
        }
        assertThat(nimbus).as("nimbus' reading").isEqualTo(object);
    }

    /** Whether a number of the JSON text (not a string) has more than 19 digits before its fraction and exponent. */
    private static boolean hasIntegerPartBeyondLong(String json) {
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (isDigit(c) && !continuesANumber(json, i)) {
                int end = i;
                while (end < json.length() && isDigit(json.charAt(end))) {
                    end++;
                }
                if (end - i > 19) {
                    return true;
                }
                i = end - 1;
            }
        }
        return false;
    }

    /** Whether the digit at {@code i} belongs to a fraction or an exponent rather than starting an integer part. */
    private static boolean continuesANumber(String json, int i) {
        char before = i == 0 ? ' ' : json.charAt(i - 1);
        boolean exponentSign = (before == '-' || before == '+') && i >= 2 && "eE".indexOf(json.charAt(i - 2)) >= 0;
        return ".eE+".indexOf(before) >= 0 || exponentSign;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
