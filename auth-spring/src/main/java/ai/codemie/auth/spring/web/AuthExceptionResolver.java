package ai.codemie.auth.spring.web;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.servlet.ErrorResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Writes every {@link AuthException} — from the access annotations or thrown by a handler, such as the
 * administration API's 400, 404 and 409 — as the platform's error envelope with its status and headers.
 */
public final class AuthExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(AuthExceptionResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(ex instanceof AuthException refusal)) {
            return null;
        }
        LOG.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), refusal.getMessage());
        try {
            ErrorResponseWriter.write(response, refusal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
