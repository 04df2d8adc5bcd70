package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is served from the cache until its expiry, and only the very same text hits. The cache is
 * bounded by its estimated bytes, not only by its count: 10,000 distinct 15 KB tokens with large claims once kept
 * about 1.1 GB alive.
 */
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

    @Test
    void neverHoldsMoreThanItsByteBoundHoweverManyLargeTokensArrive() {
        long bound = 1 << 20;
        try (JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.TOKEN_CACHE_MAX_BYTES, bound))) {
            List<String> tokens = new ArrayList<>();
            List<VerifiedToken> verified = new ArrayList<>();
            long offered = 0;
            for (int i = 0; i < 100; i++) {
                String token = largeToken(verifier, "user-" + i);
                tokens.add(token);
                verified.add(verifier.verify(token));
                offered += JwtTokenVerifier.retainedBytes(token, verified.get(i));
            }

            long held = heldBytes(verifier, tokens, verified);

            assertThat(tokens.get(0).length()).as("a large token").isBetween(11 * 1024, 16 * 1024);
            assertThat(offered).as("what a count-only cache of 10,000 would hold").isGreaterThan(4 * bound);
            assertThat(held).isPositive().isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void keepsTheCountBoundBesideTheByteBound() {
        try (JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.TOKEN_CACHE_SIZE, 5))) {
            List<String> tokens = new ArrayList<>();
            List<VerifiedToken> verified = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tokens.add(verifier.localTokenIssuer().orElseThrow().issue("user-" + i, null));
                verified.add(verifier.verify(tokens.get(i)));
            }

            int hits = 0;
            for (int i = 0; i < tokens.size(); i++) {
                hits += verifier.verify(tokens.get(i)) == verified.get(i) ? 1 : 0;
            }

            assertThat(hits).isBetween(1, 5);
        }
    }

    @Test
    void estimatesATokenAtLeastAtItsTextAndItsClaimsJson() {
        try (JwtTokenVerifier verifier = verifier(b -> b)) {
            String token = largeToken(verifier, "user-1");
            VerifiedToken verified = verifier.verify(token);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);

            assertThat(JwtTokenVerifier.retainedBytes(token, verified))
                    .isGreaterThan(token.length() + payload.length())
                    .isEqualTo(JwtTokenVerifier.retainedBytes(new String(token.toCharArray()), verified));
        }
    }

    /**
     * The estimated bytes of the cached verifications still held: each token is asked again, and only those
     * answered with the very instance verified first were held throughout (a miss verifies anew and may evict
     * others, so the answer can only undercount what is held, never add to it).
     */
    private static long heldBytes(JwtTokenVerifier verifier, List<String> tokens, List<VerifiedToken> verified) {
        long held = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (verifier.verify(tokens.get(i)) == verified.get(i)) {
                held += JwtTokenVerifier.retainedBytes(tokens.get(i), verified.get(i));
            }
        }
        return held;
    }

    /** A token of about 12 KB: 600 project names, as Keycloak writes them for a user in many projects. */
    private static String largeToken(JwtTokenVerifier verifier, String subject) {
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            projects.add("project-" + i);
        }
        return verifier.localTokenIssuer().orElseThrow().issue(subject, subject + "@example.com",
                Map.of("applications", projects, "realm_access", Map.of("roles", List.of("developer"))));
    }

    private JwtTokenVerifier verifier(int cacheSize) {
        return verifier(b -> b.set(AuthSettings.TOKEN_CACHE_SIZE, cacheSize));
    }

    private JwtTokenVerifier verifier(UnaryOperator<AuthSettings.Builder> adjust) {
        return TokenVerifiers.create(adjust.apply(AuthSettings.builder()
                .set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true)
                .set(AuthSettings.LOCAL_TOKEN_TTL_SECONDS, Duration.ofMinutes(10))).build(), clock);
    }
}
