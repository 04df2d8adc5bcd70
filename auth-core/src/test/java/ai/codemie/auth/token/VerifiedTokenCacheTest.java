package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A token verified once is served from the cache until its expiry, and only the very same text hits. */
class VerifiedTokenCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void servesTheSameVerificationForTheSameTokenText() {
        try (JwtTokenVerifier verifier = verifier(100)) {
            String token = verifier.localTokenIssuer().orElseThrow().issue("user-1", null);

            VerifiedToken first = verifier.verify(token);

            assertThat(verifier.verify(token)).isSameAs(first);
        }
    }

    @Test
    void verifiesEveryTimeWhenTheCacheIsOff() {
        try (JwtTokenVerifier verifier = verifier(0)) {
            String token = verifier.localTokenIssuer().orElseThrow().issue("user-1", null);

            VerifiedToken first = verifier.verify(token);

            assertThat(verifier.verify(token)).isNotSameAs(first).isEqualTo(first);
        }
    }

    @Test
    void neverServesATokenPastItsExpiry() {
        try (JwtTokenVerifier verifier = verifier(100)) {
            String token = verifier.localTokenIssuer().orElseThrow().issue("user-1", null);
            verifier.verify(token);

            clock.advance(Duration.ofMinutes(10).plusSeconds(31)); // the token lives 10 minutes, the leeway is 30 s

            assertThat(TestTokens.rejectionOf(verifier, token))
                    .isEqualTo(TokenRejection.EXPIRED);
        }
    }

    @Test
    void refusesAnotherEncodingOfACachedTokenInsteadOfHittingTheCache() {
        try (JwtTokenVerifier verifier = verifier(100)) {
            String token = verifier.localTokenIssuer().orElseThrow().issue("user-1", null);
            verifier.verify(token);
            char last = token.charAt(token.length() - 1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            String twin = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);

            assertThat(TestTokens.rejectionOf(verifier, twin))
                    .isEqualTo(TokenRejection.MALFORMED);
        }
    }

    private JwtTokenVerifier verifier(int cacheSize) {
        return TokenVerifiers.create(AuthSettings.builder()
                .idpProvider(IdpProvider.LOCAL)
                .devGenerateLocalKey(true)
                .localTokenTtl(Duration.ofMinutes(10))
                .tokenCacheSize(cacheSize)
                .build(), clock);
    }
}
