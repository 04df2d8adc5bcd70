package ai.codemie.auth.spring.web;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The error envelope of the framework's and the server's own errors — unknown path, wrong method, unreadable body,
 * malformed URL — in the words of the platform's envelope: the status's standard text as the message and, for the
 * errors a client can fix, what to fix. Never the exception's own message, which may quote the request or the code.
 */
final class FrameworkErrors {

    private FrameworkErrors() {
    }

    /**
     * The envelope of an error answer as JSON text.
     *
     * @param status the answer's status (4xx or 5xx)
     * @param error  the exception behind it, or null
     */
    static String json(int status, Throwable error) {
        if (error instanceof HttpMessageNotReadableException) {
            Problem unreadable = Problem.unreadableBody();
            return ErrorResponseWriter.json(unreadable.message(), unreadable.details());
        }
        return ErrorResponseWriter.json(reasonPhrase(status), details(error));
    }

    private static String details(Throwable error) {
        if (error instanceof MissingServletRequestParameterException missing) {
            return "The request parameter '" + missing.getParameterName() + "' is missing.";
        }
        if (error instanceof MethodArgumentTypeMismatchException mismatch) {
            return "The value of '" + mismatch.getName() + "' is not valid.";
        }
        if (error instanceof HttpRequestMethodNotSupportedException method && method.getSupportedMethods() != null) {
            return "Allowed methods: " + String.join(", ", method.getSupportedMethods()) + ".";
        }
        if (error instanceof HttpMediaTypeNotSupportedException media && !media.getSupportedMediaTypes().isEmpty()) {
            return "Supported content types: " + media.getSupportedMediaTypes().stream().map(MediaType::toString)
                    .collect(Collectors.joining(", ")) + ".";
        }
        return null;
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error " + status;
    }
}
