package ai.codemie.auth.servlet;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a servlet request: finds its bearer token ({@link BearerTokens}) and resolves the caller's
 * effective permissions through {@link CodemieAuth}. Every failure is an {@link AuthException} an adapter can
 * write with {@link ErrorResponseWriter}; an unexpected error is a refusal too (503), never a pass. Thread-safe.
 */
public final class RequestAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

    /** How long a client is asked to wait after an unexpected authentication error. */
    static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(5);

    private final CodemieAuth auth;
    /** The authentication cookie's name ({@code AUTH_COOKIE_NAME}), read once: settings do not change. */
    private final String cookieName;

    public RequestAuthenticator(CodemieAuth auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.cookieName = auth.settings().get(AuthSettings.AUTH_COOKIE_NAME);
    }

    /** The library this authenticator uses. */
    public CodemieAuth auth() {
        return auth;
    }

    /**
     * The effective permissions of the request's caller.
     *
     * @throws AuthenticationException 401: no token, more than one, or a token refused
     * @throws ai.codemie.auth.error.AccessDeniedException 403: the sign-in gate refused the caller
     * @throws UnavailableException    503: keys or the store cannot be reached, or authentication failed
     *                                 unexpectedly
     */
    public EffectivePermissions authenticate(HttpServletRequest request) {
        String token = BearerTokens.extract(request, cookieName);
        try {
            return Objects.requireNonNull(auth.authenticate(token), "the resolver returned no permissions");
        } catch (AuthenticationException e) {
            if (e.bearerError() == BearerError.NONE) {
                // a token was sent, so the challenge must say it was refused (RFC 6750 section 3.1)
                throw new AuthenticationException(BearerError.INVALID_TOKEN, e.problem().reason(),
                        e.problem().message(), e);
            }
            throw e;
        } catch (AuthException e) {
            throw e;
        } catch (RuntimeException e) {
            // fail closed: a bug or an unforeseen failure must never let the request through
            LOG.error("Authentication failed unexpectedly for {} {}; refusing the request", request.getMethod(),
                    request.getRequestURI(), e);
            throw new UnavailableException("authentication_error", "Authentication unavailable",
                    RETRY_AFTER_ERROR, e);
        }
    }
}
