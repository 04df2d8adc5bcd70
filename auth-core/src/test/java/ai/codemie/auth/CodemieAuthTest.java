package ai.codemie.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.token.TokenVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the facade builds it also closes; what it is given stays the caller's. */
class CodemieAuthTest {

    /** The name of the threads that refresh an issuer's keys ahead of expiry. */
    static final String REFRESH_THREAD = "codemie-auth-jwks-refresh";

    HttpServer idp;

    @BeforeEach
    void startIdp() throws Exception {
        String jwks = new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK()).toString();
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
    }

    @AfterEach
    void stopIdp() {
        idp.stop(0);
    }

    @Test
    void closeStopsTheKeyRefreshOfTheVerifierItBuilt() {
        int before = refreshThreads();
        CodemieAuth auth = CodemieAuth.builder(remoteIssuerSettings().build()).build();
        assertThat(refreshThreads()).isGreaterThan(before);

        auth.close();

        pollUntilRefreshThreadsAre(before);
    }

    @Test
    void leavesNoKeyRefreshRunningWhenTheConfigurationIsRefused() {
        int before = refreshThreads();

        assertThatThrownBy(() -> CodemieAuth.builder(remoteIssuerSettings().set(AuthSettings.ENABLE_USER_MANAGEMENT,
                true).build())
                .build()).isInstanceOf(InvalidConfigurationException.class);

        pollUntilRefreshThreadsAre(before);
    }

    @Test
    void closeStopsListeningToTheStoresChangeFeed() {
        CountingFeed feed = new CountingFeed();
        CodemieAuth auth = CodemieAuth.builder(localSettings().set(AuthSettings.ENABLE_USER_MANAGEMENT, true).build())
                .userStore(PlatformFixture.withFeed(new InMemoryUserStore(), feed)).build();
        assertThat(feed.openSubscriptions.get()).isEqualTo(1);

        auth.close();

        assertThat(feed.openSubscriptions.get()).isZero();
    }

    @Test
    void closeLeavesAGivenVerifierOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        ClosableVerifier given = new ClosableVerifier(closed);

        CodemieAuth.builder(localSettings().build()).tokenVerifier(given).build().close();

        assertThat(closed).isFalse();
    }

    private AuthSettings.Builder remoteIssuerSettings() {
        URI jwks = URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks");
        return AuthSettings.builder().addTrustedIssuer(
                TrustedIssuer.withJwks("https://idp.example/realms/codemie", null, jwks, ClaimPreset.KEYCLOAK));
    }

    private static AuthSettings.Builder localSettings() {
        return AuthSettings.builder().set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true);
    }

    private static int refreshThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(REFRESH_THREAD) && thread.isAlive())
                .count();
    }

    private static void pollUntilRefreshThreadsAre(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refreshThreads() != expected) {
            assertThat(System.nanoTime()).as("key refresh threads still running").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** A change feed that counts the subscriptions not yet closed. */
    private static final class CountingFeed implements ChangeFeed {
        final AtomicInteger openSubscriptions = new AtomicInteger();

        @Override
        public AutoCloseable subscribe(ChangeListener listener) {
            openSubscriptions.incrementAndGet();
            return openSubscriptions::decrementAndGet;
        }
    }

    private record ClosableVerifier(AtomicBoolean closed) implements TokenVerifier, AutoCloseable {
        @Override
        public ai.codemie.auth.token.VerifiedToken verify(String token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
