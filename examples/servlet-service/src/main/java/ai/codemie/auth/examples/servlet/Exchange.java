package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import ai.codemie.auth.servlet.RequestPermissions;
import ai.codemie.auth.token.StrictJson;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One request to an endpoint: its path variables, caller and body, and the ways to answer it. */
record Exchange(HttpServletRequest request, HttpServletResponse response, Map<String, String> variables) {

    /** The largest request body the service reads. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** The value of a path variable. */
    String variable(String name) {
        return variables.get(name);
    }

    /** The authenticated caller. */
    EffectivePermissions caller() {
        return RequestPermissions.get(request);
    }

    /**
     * The body as a JSON object, parsed as strictly as a token: a member name twice (where a lenient parser keeps
     * the last, so {@code {"is_admin":false,"is_admin":true}} would promote), a comment or trailing content is
     * refused.
     *
     * @throws BadRequest when the body is missing, too large or not one strict JSON object
     */
    Map<String, Object> jsonBody() throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadRequest("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
        }
        try {
            return StrictJson.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (StrictJson.MalformedJsonException e) {
            throw new BadRequest(Problem.unreadableBody().details());
        }
    }

    /** A required non-empty string member of a JSON body. */
    static String requiredString(Map<String, Object> body, String member) {
        if (body.get(member) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new BadRequest("'" + member + "' must be a non-empty string.");
    }

    /** Answers with a JSON object. */
    void json(int status, Map<String, ?> body) throws IOException {
        write(status, JSONObjectUtils.toJSONString(body));
    }

    /** Answers with a JSON array. */
    void json(int status, List<?> body) throws IOException {
        write(status, JSONArrayUtils.toJSONString(body));
    }

    /** Answers 204 without a body. */
    void noContent() {
        response.setStatus(204);
    }

    /** Answers with the error envelope. */
    void problem(Problem problem) throws IOException {
        ErrorResponseWriter.write(response, problem);
    }

    private void write(int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        // Left uncommitted until the request ends, for the reason ErrorResponseWriter gives.
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A request body the endpoint cannot take: answered 400 "Invalid request body" with the message as details. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
