package ai.codemie.auth.examples.spring;

import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.policy.TenantHeader;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A malformed tenant id, role name, permission or pattern, in a path, a query or a body, is a 400 "Invalid ..."
 * whose details name the value and what is wrong with it.
 */
@RestControllerAdvice
class TenantErrors {

    @ExceptionHandler(InvalidSyntaxException.class)
    void malformed(InvalidSyntaxException malformed, HttpServletResponse response) throws IOException {
        ErrorResponseWriter.write(response, TenantHeader.invalid(malformed).problem());
    }
}
