package ai.codemie.auth.examples.spring;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;

/** A malformed request body (400 with the error envelope). */
final class BadRequest extends AuthException {

    private static final long serialVersionUID = 1L;

    /** The envelope message of every malformed body. */
    static final String MESSAGE = "Invalid request body";

    BadRequest(String details) {
        super(new Problem(Problem.Status.BAD_REQUEST, "invalid_body", MESSAGE, details, null));
    }

    /** The body's member as a non-blank string. */
    static String requireText(java.util.Map<String, Object> body, String member) {
        if (body == null || !(body.get(member) instanceof String text) || text.isBlank()) {
            throw new BadRequest("'" + member + "' must be a non-empty string.");
        }
        return text;
    }
}
