package ai.codemie.auth.examples.spring;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import java.util.Map;

/** A request body member the endpoint cannot take: 400 "Invalid request body" with what is wrong in the details. */
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
}
