package ai.codemie.auth.examples.spring;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's own error answers (unknown path, method not allowed, unsupported media type, an exception in a
 * handler) in the platform's envelope instead of Spring Boot's {@code {timestamp, status, error, path}}: the
 * status's standard text, never the exception or a stack trace. Replaces Spring Boot's error controller.
 */
@RestController
class ErrorEnvelopeController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = HttpStatus.resolve(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                instanceof Integer code ? code : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        // the Problem's own status is not used: only its texts go into the envelope
        Problem problem = Problem.of(Problem.Status.BAD_REQUEST, "http_" + status.value(), status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponseWriter.envelope(problem));
    }
}
