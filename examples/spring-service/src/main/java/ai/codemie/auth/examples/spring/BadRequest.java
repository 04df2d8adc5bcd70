package ai.codemie.auth.examples.spring;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request body member the endpoint cannot take: 400 "Invalid request body" with what is wrong in the details.
 * Members the endpoint does not know are not its concern: the readers below look only at the members they name.
 */
final class BadRequest extends AuthException {

    private static final long serialVersionUID = 1L;

    BadRequest(String details) {
        super(Problem.invalidBody(details));
    }

    /** The body's member as a non-blank string. */
    static String requireText(Map<String, Object> body, String member) {
        if (body == null || !(body.get(member) instanceof String text) || text.isBlank()) {
            throw new BadRequest("'" + member + "' must be a non-empty string.");
        }
        return text;
    }

    /** The body's member as a string, or null when it is absent or null. */
    static String optionalText(Map<String, Object> body, String member) {
        Object value = body.get(member);
        if (value != null && !(value instanceof String)) {
            throw new BadRequest("'" + member + "' must be a string.");
        }
        return (String) value;
    }

    /** The body's member as a list of strings (possibly empty). */
    static List<String> requireStrings(Map<String, Object> body, String member) {
        List<String> strings = optionalStrings(body, member);
        if (strings == null) {
            throw new BadRequest("'" + member + "' must be a list of strings.");
        }
        return strings;
    }

    /** The body's member as a list of strings, or null when it is absent or null. */
    static List<String> optionalStrings(Map<String, Object> body, String member) {
        Object value = body.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            throw new BadRequest("'" + member + "' must be a list of strings.");
        }
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new BadRequest("'" + member + "' must be a list of strings.");
            }
            strings.add(text);
        }
        return strings;
    }
}
