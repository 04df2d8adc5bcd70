package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    @Test
    void readsTheBearerSchemeInAnyCase() {
        assertThat(BearerTokens.extract(List.of("Bearer abc"), List.of())).isEqualTo("abc");
        assertThat(BearerTokens.extract(List.of("bearer abc"), List.of())).isEqualTo("abc");
        assertThat(BearerTokens.extract(List.of("BEARER   abc  "), List.of())).isEqualTo("abc");
        assertThat(BearerTokens.extract(List.of("bEaReR\tabc"), List.of())).isEqualTo("abc");
    }

    @Test
    void readsTheCookieWhenThereIsNoHeader() {
        assertThat(BearerTokens.extract(List.of(), List.of("from-cookie"))).isEqualTo("from-cookie");
    }

    @Test
    void ignoresBasicAuthorizationAndUsesTheCookie() {
        assertThat(BearerTokens.extract(List.of("Basic dXNlcjpwYXNz"), List.of("from-cookie")))
                .isEqualTo("from-cookie");
    }

    @Test
    void refusesBasicAuthorizationAloneAsMissingAuthentication() {
        AuthenticationException e = refused(List.of("Basic dXNlcjpwYXNz"), List.of());
        assertThat(e.problem().message()).isEqualTo("Authentication required");
        assertThat(e.bearerError()).isEqualTo(BearerError.NONE);
    }

    @Test
    void doesNotTakeASchemeThatOnlyStartsWithBearer() {
        AuthenticationException e = refused(List.of("Bearerabc"), List.of());
        assertThat(e.problem().message()).isEqualTo("Authentication required");
        // shorter, longer, or with a letter outside ASCII: other schemes, so the cookie is the token
        for (String other : List.of("Beare abc", "Bearers abc", "Bearer\u0131 abc", "B\u0435arer abc",
                "bearer\u017F abc")) {
            assertThat(BearerTokens.extract(List.of(other), List.of("from-cookie"))).as(other).isEqualTo("from-cookie");
        }
    }

    @Test
    void refusesARequestWithoutAnyToken() {
        AuthenticationException e = refused(List.of(), List.of());
        assertThat(e.problem().status().code()).isEqualTo(401);
        assertThat(e.problem().message()).isEqualTo("Authentication required");
        assertThat(e.bearerError().challenge()).isEqualTo("Bearer");
    }

    @Test
    void refusesHeaderAndCookieTogetherAsAmbiguous() {
        AuthenticationException e = refused(List.of("Bearer abc"), List.of("abc"));
        assertThat(e.problem().message()).isEqualTo("Ambiguous authentication");
        assertThat(e.bearerError().challenge()).isEqualTo("Bearer error=\"invalid_request\"");
    }

    @Test
    void refusesTwoAuthorizationHeadersAsAmbiguous() {
        assertThat(refused(List.of("Bearer abc", "Bearer abc"), List.of()).problem().message())
                .isEqualTo("Ambiguous authentication");
        assertThat(refused(List.of("Basic x", "Bearer abc"), List.of()).bearerError())
                .isEqualTo(BearerError.INVALID_REQUEST);
    }

    @Test
    void refusesTwoAuthenticationCookiesAsAmbiguous() {
        assertThat(refused(List.of(), List.of("a", "b")).problem().message()).isEqualTo("Ambiguous authentication");
    }

    @Test
    void treatsAnEmptyCookieAsAbsent() {
        assertThat(BearerTokens.extract(List.of("Bearer abc"), List.of(""))).isEqualTo("abc");
        assertThat(refused(List.of(), List.of(" ")).problem().message()).isEqualTo("Authentication required");
    }

    @Test
    void stripsACookieOfWhiteSpaceAsTheHeaderIsStrippedAndNeverAnswersAnEmptyToken() {
        assertThat(BearerTokens.extract(List.of(), List.of("\u2003abc\u3000"))).isEqualTo("abc");
        assertThat(BearerTokens.extract(List.of(), List.of(" \u0001"))).isEqualTo("\u0001");
    }

    @Test
    void refusesABearerSchemeWithoutToken() {
        AuthenticationException e = refused(List.of("Bearer   "), List.of("cookie"));
        assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_REQUEST);
        assertThat(e.problem().message()).startsWith("Malformed Authorization header");
    }

    private static AuthenticationException refused(List<String> headers, List<String> cookies) {
        return catchThrowableOfType(AuthenticationException.class, () -> BearerTokens.extract(headers, cookies));
    }
}
