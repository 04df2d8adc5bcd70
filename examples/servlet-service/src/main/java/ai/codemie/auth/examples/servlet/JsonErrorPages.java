package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request, headers too large, an exception in a handler) in the
 * platform's envelope instead of an HTML page: the status's standard text, never the exception or a stack.
 */
final class JsonErrorPages {

    private JsonErrorPages() {
    }

    /** For errors the server answers before any context is chosen (protocol errors). */
    static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeEnvelope(response, callback, code);
        }
    }

    /** For errors inside the servlet context (an exception escaping a servlet). */
    static final class ContextErrors extends org.eclipse.jetty.ee11.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeEnvelope(response, callback, code);
        }
    }

    private static boolean writeEnvelope(Response response, Callback callback, int code) {
        // the Problem's own status is not used: only its texts go into the envelope
        Problem problem = Problem.of(Problem.Status.BAD_REQUEST, "http_" + code, HttpStatus.getMessage(code));
        byte[] body = ErrorResponseWriter.json(problem).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponseWriter.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
