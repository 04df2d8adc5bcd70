package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.token.TokenVerifiers;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fuzzes how a request's bearer token is found, with any {@code Authorization} headers and cookies: the answer is
 * the token, "no token" or another 401 (ambiguous, malformed), never another exception; a servlet request gives the
 * same answer as the plain header and cookie values; and the whole authentication of the request, with a real
 * verifier (an HMAC issuer with a fixed secret), ends in permissions, a 401 or the sign-in gate's 403.
 *
 * <p>An input is lines: {@code A:<value>} an {@code Authorization} header, {@code C:<value>} the authentication
 * cookie, {@code O:<value>} a cookie of another name.
 */
class BearerTokensFuzzTest {

    /** The fixed clock the seed tokens are valid at (they expire five minutes later). */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String SECRET = "a-fixed-fuzzing-secret-of-32-bytes-or-more";

    private static final AuthSettings SETTINGS = AuthSettings.builder()
            .addTrustedIssuer(new TrustedIssuer("https://svc.example", null, null, null, List.of("HS256"),
                    ClaimPreset.KEYCLOAK, null, null, null, SECRET))
            .build();
    private static final RequestAuthenticator AUTHENTICATOR = new RequestAuthenticator(CodemieAuth.builder(SETTINGS)
            .tokenVerifier(TokenVerifiers.create(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC)))
            .build());

    @FuzzTest(maxDuration = "20s")
    void findsOneTokenOrRefusesWithA401(byte[] input) {
        List<String> headers = new ArrayList<>();
        List<String> cookieValues = new ArrayList<>();
        List<Cookie> cookies = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            String value = line.length() >= 2 ? line.substring(2) : "";
            if (line.startsWith("A:")) {
                headers.add(value);
            } else if (line.startsWith("C:")) {
                cookieValues.add(value);
                cookies.add(new Cookie(SETTINGS.get(AuthSettings.AUTH_COOKIE_NAME), value));
            } else if (line.startsWith("O:")) {
                cookies.add(new Cookie("other", value));
            }
        }
        HttpServletRequest request = request(headers, cookies);

        Throwable refused = catchThrowable(() -> BearerTokens.extract(headers, cookieValues));
        Throwable refusedForRequest = catchThrowable(() -> BearerTokens.extract(request,
                SETTINGS.get(AuthSettings.AUTH_COOKIE_NAME)));
        Throwable authentication = catchThrowable(() -> AUTHENTICATOR.authenticate(request));

        if (refused == null) {
            String token = BearerTokens.extract(headers, cookieValues);
            assertFoundIn(token, headers, cookieValues);
            assertThat(refusedForRequest).isNull();
            assertThat(BearerTokens.extract(request, SETTINGS.get(AuthSettings.AUTH_COOKIE_NAME))).isEqualTo(token);
            if (authentication instanceof AuthenticationException rejected) {
                assertThat(rejected.bearerError()).as("a sent token is refused as invalid")
                        .isEqualTo(BearerError.INVALID_TOKEN);
            } else if (authentication != null) {
                assertThat(authentication).isInstanceOf(AccessDeniedException.class);
            }
        } else {
            assertRefusedWithA401(refused, headers, cookieValues);
            assertThat(refusedForRequest).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) refusedForRequest).problem())
                    .isEqualTo(((AuthenticationException) refused).problem());
            assertThat(authentication).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) authentication).problem())
                    .isEqualTo(((AuthenticationException) refused).problem());
        }
    }

    /** The token is the credentials of the one Bearer header, or the one non-blank cookie, and nothing else. */
    private static void assertFoundIn(String token, List<String> headers, List<String> cookies) {
        assertThat(token).isNotBlank();
        List<String> nonBlankCookies = cookies.stream().filter(cookie -> !cookie.isBlank()).toList();
        assertThat(headers).hasSizeLessThanOrEqualTo(1);
        if (!headers.isEmpty() && bearerScheme(headers.get(0))) {
            assertThat(nonBlankCookies).isEmpty();
            String credentials = headers.get(0).strip().substring("Bearer".length()).strip();
            assertThat(token).isEqualTo(credentials);
        } else {
            assertThat(nonBlankCookies).hasSize(1);
            assertThat(token).isEqualTo(nonBlankCookies.get(0).strip());
        }
    }

    /** A 401 that says what was wrong with the request. */
    private static void assertRefusedWithA401(Throwable refused, List<String> headers, List<String> cookies) {
        assertThat(refused).isInstanceOf(AuthenticationException.class);
        AuthenticationException rejected = (AuthenticationException) refused;
        assertThat(rejected.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
        if (headers.size() > 1) {
            assertThat(rejected.problem().reason()).isEqualTo("ambiguous_authentication");
        }
        if (rejected.bearerError() == BearerError.NONE) {
            assertThat(rejected.problem().message()).isEqualTo(BearerTokens.AUTHENTICATION_REQUIRED);
            assertThat(headers.stream().filter(BearerTokensFuzzTest::bearerScheme)).isEmpty();
            assertThat(cookies).allMatch(String::isBlank);
        } else {
            assertThat(rejected.bearerError()).isEqualTo(BearerError.INVALID_REQUEST);
            assertThat(rejected.problem().reason()).isIn("ambiguous_authentication", "malformed_authorization");
        }
    }

    /** Whether the header's scheme, its first word, is Bearer in any case. */
    private static boolean bearerScheme(String header) {
        String value = header.strip();
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end).equalsIgnoreCase("bearer");
    }

    /** A request that has these headers and cookies and nothing else a servlet container would add. */
    private static HttpServletRequest request(List<String> headers, List<Cookie> cookies) {
        return (HttpServletRequest) Proxy.newProxyInstance(BearerTokensFuzzTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration(
                            "authorization".equalsIgnoreCase((String) args[0]) ? headers : List.of());
                    case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> "/fuzz";
                    case "toString" -> "fuzzed request";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
