package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.UnavailableException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The issuer's keys from a real HTTP endpoint: caching, rotation, rate-limited refetch and outages. */
class RemoteKeySourceTest {

    static final String ISSUER = "https://idp.example/realms/codemie";
    static final RSAKey KEY_1 = TestTokens.rsaKey("key-1");
    static final RSAKey KEY_2 = TestTokens.rsaKey("key-2");
    /**
     * Bound for "answers, never hangs": a hang never answers, while the fetch timeout in these tests is 1 s. It is
     * that far above the timeout so that a machine busy with other builds cannot fail the test; it proves no speed.
     */
    static final Duration NO_HANG = Duration.ofSeconds(60);
    /** The fetch timeout: what a slow endpoint costs, and what a prompt one must never take, even on a busy machine. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(1);
    /** The key cache's time to live in these tests: the clock is moved past it by hand, never waited for. */
    static final Duration TTL = Duration.ofSeconds(10);
    /** Longer than the TTL, so that an expired key set is refetched while the unknown-kid window stays spent. */
    static final Duration REFETCH_WINDOW = Duration.ofSeconds(30);
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    /** Decides on every expiry, outage tolerance and refetch window here; moved only by the tests. */
    final MutableClock clock = new MutableClock(START);

    @AutoClose
    final Closer closer = new Closer();

    @Test
    void fetchesTheKeysOnceAtStartupAndVerifiesFromTheCache() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp);

        assertThat(idp.fetches()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            assertVerifies(verifier, KEY_1);
        }
        assertThat(idp.fetches()).isEqualTo(1);
    }

    @Test
    void startsWhileTheIdpIsDownAndVerifiesOnceItAnswers() throws IOException {
        JwksServer idp = idp(KEY_1);
        idp.mode(JwksServer.Mode.ERROR);
        JwtTokenVerifier verifier = verifier(idp);

        assertUnavailable(verifier, tokenOf(KEY_1));

        idp.mode(JwksServer.Mode.SERVE);
        assertVerifies(verifier, KEY_1);
    }

    @Test
    void keepsVerifyingKnownKeysWhenTheEndpointGoesDownAndAnswersUnknownKidsWith503() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp);
        verifier.verify(tokenOf(KEY_1));

        idp.stop();

        assertVerifies(verifier, KEY_1);
        UnavailableException unavailable = assertUnavailable(verifier, tokenOf(KEY_2));
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        // the refetch window is spent now; the kid is still answered 503, not 401, while the endpoint is down
        assertUnavailable(verifier, token("RS256", "key-3", claims(), rsa(KEY_2)));
        assertVerifies(verifier, KEY_1);
    }

    @Test
    void answersAnUnknownKidWith401WhileTheEndpointAnswers() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp);

        assertThat(rejection(verifier, tokenOf(KEY_2))).isEqualTo(TokenRejection.UNKNOWN_KEY);
        assertThat(idp.fetches()).isEqualTo(2);
    }

    @Test
    void picksUpARotatedKeyAtOnce() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp);
        verifier.verify(tokenOf(KEY_1));

        idp.publish(KEY_2);

        assertVerifies(verifier, KEY_2);
        assertThat(idp.fetches()).isEqualTo(2);
        assertThat(rejection(verifier, tokenOf(KEY_1))).isEqualTo(TokenRejection.UNKNOWN_KEY);
    }

    @Test
    void treatsAGarbageResponseAsAnOutage() throws IOException {
        JwksServer idp = idp(KEY_1);
        idp.mode(JwksServer.Mode.GARBAGE);
        JwtTokenVerifier cold = verifier(idp);
        assertUnavailable(cold, tokenOf(KEY_1));

        idp.mode(JwksServer.Mode.SERVE);
        JwtTokenVerifier warm = verifier(idp);
        assertVerifies(warm, KEY_1);
        idp.mode(JwksServer.Mode.GARBAGE);

        assertVerifies(warm, KEY_1);
        assertUnavailable(warm, tokenOf(KEY_2));
    }

    @Test
    void refusesAKeySetLargerThanTheSizeLimit() throws IOException {
        JwksServer idp = idp(KEY_1);
        idp.mode(JwksServer.Mode.HUGE);
        JwtTokenVerifier verifier = verifier(idp);

        assertUnavailable(verifier, tokenOf(KEY_1));
    }

    @Test
    void answersWithinTheTimeoutWhenTheEndpointIsSlow() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier warm = verifier(idp);
        assertVerifies(warm, KEY_1); // warm for sure: a second chance if a busy machine stalled the warm-up
        idp.mode(JwksServer.Mode.SLOW);
        JwtTokenVerifier cold = verifier(idp);

        assertUnavailable(cold, tokenOf(KEY_1));
        assertVerifies(warm, KEY_1);
        assertUnavailable(warm, tokenOf(KEY_2));
    }

    @Test
    void answersWithinTheTimeoutWhenTheEndpointSendsItsAnswerAByteAtATime() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier warm = verifier(idp);
        assertVerifies(warm, KEY_1);
        idp.mode(JwksServer.Mode.DRIBBLE);
        // each byte arrives within the read timeout, so only a deadline on the whole fetch ends it
        JwtTokenVerifier cold = assertTimeoutPreemptively(NO_HANG, () -> verifier(idp));

        assertUnavailable(cold, tokenOf(KEY_1));
        assertVerifies(warm, KEY_1);
        assertUnavailable(warm, tokenOf(KEY_2));
    }

    @Test
    void aStormOfTwoHundredUnknownKidsCausesAtMostTwoFetches() throws Exception {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        closer.track(pool::shutdownNow);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TokenRejection>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String forged = token("RS256", "forged-" + i, claims(), rsa(KEY_2));
            results.add(pool.submit(() -> {
                start.await();
                return rejection(verifier, forged);
            }));
        }

        start.countDown();

        for (Future<TokenRejection> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(TokenRejection.UNKNOWN_KEY);
        }
        assertThat(idp.fetches()).isBetween(1, 2);
        assertVerifies(verifier, KEY_1);
    }

    @Test
    void refreshesExpiredKeysEvenWhileUnknownKidsKeepTheRefetchWindowSpent() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp.jwksUri(), b -> b);
        for (int i = 0; i < 5; i++) {
            assertThat(rejection(verifier, token("RS256", "forged-" + i, claims(), rsa(KEY_2))))
                    .isEqualTo(TokenRejection.UNKNOWN_KEY);
        }
        int fetchesAfterStorm = idp.fetches();

        // past the TTL the cache must refetch, although the unknown-kid limiter stays closed for 30 s
        clock.advance(TTL.plusMillis(1));

        assertVerifies(verifier, KEY_1);
        assertThat(idp.fetches()).isEqualTo(fetchesAfterStorm + 1);
        assertVerifies(verifier, KEY_1);
        assertThat(idp.fetches()).isEqualTo(fetchesAfterStorm + 1);
    }

    @Test
    void refetchesForAnUnknownKidAgainOnlyOnceTheClockPassesTheRefetchWindow() throws IOException {
        JwksServer idp = idp(KEY_1);
        // a TTL beyond the window, so that only the window can let the new key in
        JwtTokenVerifier verifier = verifier(idp.jwksUri(), b -> b.set(AuthSettings.JWKS_CACHE_TTL_SECONDS, REFETCH_WINDOW.multipliedBy(10)));
        assertThat(rejection(verifier, token("RS256", "forged", claims(), rsa(KEY_2))))
                .isEqualTo(TokenRejection.UNKNOWN_KEY);
        idp.publish(KEY_1, KEY_2);

        clock.advance(REFETCH_WINDOW.minusMillis(1));
        assertThat(rejection(verifier, tokenOf(KEY_2))).isEqualTo(TokenRejection.UNKNOWN_KEY);
        assertThat(idp.fetches()).isEqualTo(2);

        clock.advance(Duration.ofMillis(2));
        assertVerifies(verifier, KEY_2);
        assertThat(idp.fetches()).isEqualTo(3);
    }

    @Test
    void keepsCachedKeysPastTheirTtlWhileTheEndpointFails() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp.jwksUri(), b -> b);
        idp.mode(JwksServer.Mode.ERROR);

        for (int refresh = 1; refresh <= 2; refresh++) {
            clock.advance(TTL.plusMillis(1));
            assertVerifies(verifier, KEY_1);
            assertThat(idp.fetches()).as("fetches after failed refresh %d", refresh).isEqualTo(1 + refresh);
        }
        assertVerifies(verifier, KEY_1);
    }

    @Test
    void withoutOutageToleranceExpiredKeysGive503WhileTheEndpointFails() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = verifier(idp.jwksUri(), b -> b.set(AuthSettings.JWKS_OUTAGE_TOLERANCE_SECONDS, Duration.ZERO));
        assertVerifies(verifier, KEY_1);
        idp.mode(JwksServer.Mode.ERROR);

        clock.advance(TTL.plusMillis(1));
        assertUnavailable(verifier, tokenOf(KEY_1));
    }

    @Test
    void findsTheKeySetThroughTheDiscoveryDocument() throws IOException {
        JwksServer idp = idp(KEY_1);
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings(b -> b.addTrustedIssuer(
                new TrustedIssuer(ISSUER, null, null, idp.discoveryUrl(), null, ClaimPreset.KEYCLOAK, null, null,
                        null, null))).build(), clock));

        assertVerifies(verifier, KEY_1);
        assertThat(idp.count("/.well-known/openid-configuration")).isEqualTo(1);
        assertThat(idp.fetches()).isEqualTo(1);
    }

    @Test
    void refusesACacheTtlShorterThanTheFetchTimeout() throws IOException {
        JwksServer idp = idp(KEY_1);

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> verifier(idp.jwksUri(), b -> b.set(AuthSettings.JWKS_CACHE_TTL_SECONDS, Duration.ofMillis(100))));

        assertThat(error.setting()).isEqualTo(AuthSettings.JWKS_CACHE_TTL_SECONDS.name());
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private JwksServer idp(RSAKey... keys) throws IOException {
        return closer.track(new JwksServer(keys));
    }

    /** A verifier of the issuer whose keys the server publishes, with the default key settings. */
    private JwtTokenVerifier verifier(JwksServer idp) {
        return verifier(idp.jwksUri(), b -> b);
    }

    private JwtTokenVerifier verifier(URI jwksUri, UnaryOperator<AuthSettings.Builder> tweak) {
        AuthSettings settings = tweak.apply(settings(b -> b.addTrustedIssuer(
                TrustedIssuer.withJwks(ISSUER, null, jwksUri, ClaimPreset.KEYCLOAK)))).build();
        return closer.track(TokenVerifiers.create(settings, clock));
    }

    private static AuthSettings.Builder settings(UnaryOperator<AuthSettings.Builder> issuers) {
        return issuers.apply(AuthSettings.builder()
                .set(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS, FETCH_TIMEOUT)
                .set(AuthSettings.JWKS_CACHE_TTL_SECONDS, TTL)
                .set(AuthSettings.JWKS_REFETCH_WINDOW_SECONDS, REFETCH_WINDOW)
                .set(AuthSettings.TOKEN_CACHE_SIZE, 0));
    }

    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "user-1");
        claims.put("exp", START.plus(Duration.ofDays(1)).getEpochSecond()); // far beyond any move of the test clock
        return claims;
    }

    static String tokenOf(RSAKey key) {
        return token("RS256", key.getKeyID(), claims(), rsa(key));
    }

    static TokenRejection rejection(JwtTokenVerifier verifier, String token) {
        return TestTokens.rejectionOf(verifier, token);
    }

    static void assertVerifies(JwtTokenVerifier verifier, RSAKey key) {
        assertThat(verifier.verify(tokenOf(key)).subject()).isEqualTo("user-1");
    }

    /** Asserts a 503 that arrives without hanging, with the reason, message and Retry-After of a key outage. */
    static UnavailableException assertUnavailable(JwtTokenVerifier verifier, String token) {
        UnavailableException unavailable = assertTimeoutPreemptively(NO_HANG,
                () -> catchThrowableOfType(UnavailableException.class, () -> verifier.verify(token)));
        assertThat(unavailable).isNotNull();
        assertThat(unavailable.problem().status()).isEqualTo(Problem.Status.UNAVAILABLE);
        assertThat(unavailable.problem().reason()).isEqualTo("token_validation_unavailable");
        assertThat(unavailable.problem().message()).isEqualTo("Token validation unavailable");
        assertThat(unavailable.retryAfter()).isPositive();
        return unavailable;
    }
}
