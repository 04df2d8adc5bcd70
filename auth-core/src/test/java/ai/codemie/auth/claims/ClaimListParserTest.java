package ai.codemie.auth.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimListParserTest {

    static Stream<Arguments> claimValues() {
        return Stream.of(
                Arguments.of("missing (null)", null, List.of()),
                Arguments.of("empty string", "", List.of()),
                Arguments.of("empty list", List.of(), List.of()),
                Arguments.of("comma string with blanks and trailing comma", " a , b ,", List.of("a", "b")),
                Arguments.of("list with a comma-joined element", List.of("a", "b,c"), List.of("a", "b", "c")),
                Arguments.of("non-strings dropped", Arrays.asList(1L, "a", null, List.of("x")), List.of("a")),
                Arguments.of("object is empty", Map.of("a", 1L), List.of()),
                Arguments.of("number is empty", 42L, List.of()),
                Arguments.of("boolean is empty", Boolean.TRUE, List.of()),
                Arguments.of("NBSP trimmed", "\u00a0proj-a\u00a0", List.of("proj-a")),
                Arguments.of("em space trimmed", "\u2003proj-a\u2003", List.of("proj-a")),
                Arguments.of("ideographic space trimmed", "\u3000proj-a\u3000", List.of("proj-a")),
                Arguments.of("zero-width space kept", "\u200bproj-a", List.of("\u200bproj-a")),
                Arguments.of("BOM kept", "\ufeffproj-a", List.of("\ufeffproj-a")),
                Arguments.of("tabs and newlines trimmed", "\tproj-a\n,\r\nproj-b", List.of("proj-a", "proj-b")),
                Arguments.of("case kept: A and a are two projects", "A,a", List.of("A", "a")),
                Arguments.of("duplicates removed keeping first-seen order", List.of("b,a", "b", "c,a"),
                        List.of("b", "a", "c")),
                Arguments.of("duplicates of many names removed, before and after the ninth distinct name",
                        List.of("p1,p2,p3,p4,p5,p6,p7,p8", "p1, p8", "p9,p2,p10", "p9,p10,p11,p1"),
                        List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11")),
                Arguments.of("only separators", " , ,, ", List.of()),
                Arguments.of("inner whitespace kept", "my project", List.of("my project")),
                Arguments.of("Keycloak single comma-joined attribute", List.of("a@x.com,proj-a,proj-b"),
                        List.of("a@x.com", "proj-a", "proj-b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimValues")
    void parsesClaimValuesLikeThePlatform(String description, Object value, List<String> expected) {
        assertThat(ClaimListParser.parse(value)).containsExactlyElementsOf(expected);
    }

    @Test
    void readsAMissingClaimAsEmpty() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("applications", null);
        assertThat(ClaimListParser.parse(claims, "applications")).isEmpty();
        assertThat(ClaimListParser.parse(claims, "knowledge_bases")).isEmpty();
    }

    @Test
    void countsTheSameCharactersAsWhitespaceAsPython() {
        // Python: ''.join(chr(c) for c in range(0x10000) if chr(c).isspace())
        String python = "\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004"
                + "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
        StringBuilder ours = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (ClaimListParser.isPythonWhitespace(c)) {
                ours.append(c);
            }
        }
        assertThat(ours.toString()).isEqualTo(python);
    }
}
