package ai.codemie.auth.claims;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the platform's project-list claims ({@code applications}, {@code applications_admin},
 * {@code knowledge_bases}) exactly as the platform does, except that duplicates are removed.
 *
 * <ul>
 *   <li>missing, null, empty string, empty list: empty;</li>
 *   <li>a string: split on {@code ,}, each part trimmed of whitespace as Python's {@code str.strip} trims it,
 *       empty parts dropped;</li>
 *   <li>a list: each string element parsed as a string and the results flattened; other elements dropped;</li>
 *   <li>any other type: empty.</li>
 * </ul>
 * Case is kept; the first occurrence of a duplicate keeps its place.
 */
public final class ClaimListParser {

    private ClaimListParser() {
    }

    /** The names the claim value lists, in order, without duplicates. */
    public static List<String> parse(Object claimValue) {
        Set<String> names = new LinkedHashSet<>();
        if (claimValue instanceof String text) {
            addParts(text, names);
        } else if (claimValue instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text) {
                    addParts(text, names);
                }
            }
        }
        return List.copyOf(names);
    }

    /** The value at a claim, parsed; {@code claims} may lack it. */
    public static List<String> parse(Map<String, Object> claims, String claim) {
        return parse(claims.get(claim));
    }

    private static void addParts(String text, Set<String> names) {
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String part = strip(text, start, end);
            if (!part.isEmpty()) {
                names.add(part);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }

    /** Python's {@code str.strip()} on a range of the text. */
    static String strip(String text, int start, int end) {
        while (start < end && isPythonWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Whether Python's {@code str.isspace()} is true for the character: the Unicode space separators, the
     * line and paragraph separators, and the ASCII and C1 control characters that Python counts as white space.
     * The zero-width space (U+200B) and the byte order mark (U+FEFF) are not white space.
     */
    static boolean isPythonWhitespace(char c) {
        if (c > ' ' && c < '\u0085') {
            return false; // printable ASCII and DEL, and the C1 controls below NEL: the characters of most names
        }
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0',
                    '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }
}
