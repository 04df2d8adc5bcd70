package ai.codemie.auth.spring.web;

import ai.codemie.auth.servlet.ErrorResponseWriter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Spring Boot's error page in the platform's error envelope instead of {@code {timestamp, status, error, path}}:
 * an unknown path, a method or a content type the endpoint does not take, a body it cannot read, an exception in a
 * handler. Replaces Spring Boot's own error controller while {@code codemie.auth.error-envelope} is on (the
 * default); an application's own {@link ErrorController} bean replaces this one.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public final class EnvelopeErrorController implements ErrorController {

    private final ObjectProvider<ErrorAttributes> errorAttributes;

    /** @param errorAttributes where Spring Boot keeps the exception behind an error, when there was one */
    public EnvelopeErrorController(ObjectProvider<ErrorAttributes> errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    /** Answers the error dispatch with the original status and the envelope. */
    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        ErrorAttributes attributes = errorAttributes.getIfAvailable();
        Throwable error = attributes == null ? null : attributes.getError(new ServletWebRequest(request));
        response.setStatus(status);
        response.setContentType(ErrorResponseWriter.CONTENT_TYPE);
        // Left uncommitted until the request ends, for the reason ErrorResponseWriter gives.
        response.getOutputStream().write(FrameworkErrors.json(status, error).getBytes(StandardCharsets.UTF_8));
    }
}
