package ai.codemie.auth.servlet;

import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds the bearer token of a request: the {@code Authorization} header with the {@code Bearer}
 * scheme (any case), or the authentication cookie. A header with another scheme ({@code Basic} …) is not a bearer
 * token and is ignored. Exactly one token source is allowed; anything else is refused with a 401.
 */
public final class BearerTokens {

    /** Message of a request that carries no token. */
    public static final String AUTHENTICATION_REQUIRED = "Authentication required";
    /** Message of a request that carries more than one token. */
    public static final String AMBIGUOUS_AUTHENTICATION = "Ambiguous authentication";

    private static final String BEARER = "bearer";

    private BearerTokens() {
    }

    /**
     * The token of a servlet request.
     *
     * @param cookieName the name of the cookie that may carry the token ({@code AUTH_COOKIE_NAME})
     * @throws AuthenticationException 401 "Authentication required" when there is none, 401 "Ambiguous
     *                                 authentication" when there is more than one
     */
    public static String extract(HttpServletRequest request, String cookieName) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        List<String> cookies = new ArrayList<>();
        Cookie[] all = request.getCookies();
        if (all != null) {
            for (Cookie cookie : all) {
                if (cookie.getName().equals(cookieName)) {
                    cookies.add(cookie.getValue());
                }
            }
        }
        return extract(headers, cookies);
    }

    /**
     * The token carried by these header and cookie values.
     *
     * @param authorizationHeaders every value of the {@code Authorization} header, in order
     * @param cookieValues         every value of the authentication cookie, in order
     * @throws AuthenticationException as {@link #extract(HttpServletRequest, String)}
     */
    public static String extract(List<String> authorizationHeaders, List<String> cookieValues) {
        if (authorizationHeaders.size() > 1) {
            throw ambiguous();
        }
        String headerToken = authorizationHeaders.isEmpty() ? null : bearerCredentials(authorizationHeaders.get(0));
        // white space as the header's (strip, not trim): trim would turn a value of control characters into ""
        String cookieToken = null;
        for (String value : cookieValues) {
            String stripped = value == null ? "" : value.strip();
            if (!stripped.isEmpty()) {
                if (cookieToken != null) {
                    throw ambiguous();
                }
                cookieToken = stripped;
            }
        }
        if (headerToken != null && cookieToken != null) {
            throw ambiguous();
        }
        if (headerToken != null) {
            return headerToken;
        }
        if (cookieToken != null) {
            return cookieToken;
        }
        throw new AuthenticationException(BearerError.NONE, "authentication_required", AUTHENTICATION_REQUIRED);
    }

    /** The credentials of a {@code Bearer} header; null for another scheme. */
    private static String bearerCredentials(String header) {
        String value = header.strip();
        int space = indexOfWhitespace(value);
        int schemeLength = space < 0 ? value.length() : space;
        // the letters of "bearer" have no other upper or lower case form, so this is equals after toLowerCase(ROOT)
        if (schemeLength != BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, schemeLength)) {
            return null;
        }
        String credentials = space < 0 ? "" : value.substring(space).strip();
        if (credentials.isEmpty()) {
            throw new AuthenticationException(BearerError.INVALID_REQUEST, "malformed_authorization",
                    "Malformed Authorization header: the Bearer scheme needs a token");
        }
        return credentials;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static AuthenticationException ambiguous() {
        return new AuthenticationException(BearerError.INVALID_REQUEST, "ambiguous_authentication",
                AMBIGUOUS_AUTHENTICATION);
    }
}
