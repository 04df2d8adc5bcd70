package ai.codemie.auth.examples.spring;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body that is not the JSON an endpoint expects is a 400 with the error envelope, never Spring's own page; so is
 * a body with a member name twice (the service's Jackson detects duplicates at every depth).
 */
@RestControllerAdvice
class RequestErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, Object> unreadable(HttpMessageNotReadableException e) {
        return ErrorResponseWriter.envelope(new Problem(Problem.Status.BAD_REQUEST, "invalid_body",
                BadRequest.MESSAGE, "The body must be a JSON object, with each member name at most once.", null));
    }
}
