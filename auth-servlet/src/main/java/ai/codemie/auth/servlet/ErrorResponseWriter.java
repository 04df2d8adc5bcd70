package ai.codemie.auth.servlet;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.UnavailableException;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a refusal as the platform's error envelope:
 * {@code {"error": {"message": "...", "details": ... or null, "help": ... or null}}}, with
 * {@code WWW-Authenticate} on a 401 and {@code Retry-After} on a 503. The body holds only the problem's texts,
 * never a token or a stack trace.
 */
public final class ErrorResponseWriter {

    /** The content type of every error body. */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private ErrorResponseWriter() {
    }

    /** Writes the refusal the exception stands for, with the headers its kind calls for. */
    public static void write(HttpServletResponse response, AuthException refusal) throws IOException {
        if (refusal instanceof AuthenticationException unauthenticated) {
            response.setHeader("WWW-Authenticate", unauthenticated.bearerError().challenge());
        } else if (refusal instanceof UnavailableException unavailable) {
            response.setHeader("Retry-After", retryAfterSeconds(unavailable.retryAfter()));
        }
        write(response, refusal.problem());
    }

    /**
     * Writes a problem's status and envelope, for refusals that need no header (403, and the 400/404/409 answers
     * of an application). Discards whatever was buffered but not yet sent. The answer stays uncommitted until the
     * request ends, so that the container can add {@code Connection: close} when the request's body was not read.
     *
     * @throws IllegalStateException when the response is already committed
     */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status().code());
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        // No Content-Length of our own: writing that many bytes would commit the answer at once, and Jetty would then
        // drop the connection after it without saying so when the body was not read, failing a client that reuses it.
        response.getOutputStream().write(json(problem).getBytes(StandardCharsets.UTF_8));
    }

    /** The envelope of a problem as JSON text; all three members are present, null when empty. */
    public static String json(Problem problem) {
        return JSONObjectUtils.toJSONString(envelope(problem));
    }

    /**
     * The envelope of an error that is not a refusal of the library — a framework's or a server's own, such as an
     * unknown path — as JSON text.
     *
     * @param details the envelope's {@code details}, or null
     */
    public static String json(String message, String details) {
        return JSONObjectUtils.toJSONString(envelope(message, details, null));
    }

    /** The envelope of a problem as a JSON-ready map, for frameworks that serialize bodies themselves. */
    public static Map<String, Object> envelope(Problem problem) {
        return envelope(problem.message(), problem.details(), problem.help());
    }

    private static Map<String, Object> envelope(String message, String details, String help) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("details", emptyToNull(details));
        error.put("help", emptyToNull(help));
        return Map.of("error", Collections.unmodifiableMap(error));
    }

    /** The value of {@code Retry-After}: whole seconds, rounded up, at least 1. */
    public static String retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
