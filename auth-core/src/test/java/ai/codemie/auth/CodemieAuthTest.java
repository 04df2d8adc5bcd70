package ai.codemie.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.test.StoreSeeder;
import ai.codemie.auth.token.JwksServer;
import ai.codemie.auth.token.MutableClock;
import ai.codemie.auth.token.TestTokens;
import ai.codemie.auth.token.TokenRejectedException;
import ai.codemie.auth.token.TokenRejection;
import ai.codemie.auth.token.TokenVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the facade builds it also closes; what it is given stays the caller's; its clock decides on time. */
class CodemieAuthTest {

    /** The name of the threads that refresh an issuer's keys ahead of expiry. */
    static final String REFRESH_THREAD = "codemie-auth-jwks-refresh";
    static final String ISSUER = "https://idp.example/realms/codemie";
    static final RSAKey KEY = TestTokens.rsaKey("k1");
    /** Guards the joins below against hanging; a thread that stops answers at once. */
    static final Duration NO_HANG = Duration.ofSeconds(60);

    JwksServer idp;

    @BeforeEach
    void startIdp() throws Exception {
        idp = new JwksServer(KEY);
    }

    @AfterEach
    void stopIdp() {
        idp.close();
    }

    @Test
    void closeStopsTheKeyRefreshOfTheVerifierItBuilt() throws InterruptedException {
        Set<Thread> before = refreshThreads();
        CodemieAuth auth = CodemieAuth.builder(remoteIssuerSettings().build()).build();
        Set<Thread> started = refreshThreads();
        started.removeAll(before);
        assertThat(started).as("key refresh threads of the verifier it built").isNotEmpty();

        auth.close();

        for (Thread thread : started) {
            thread.join(NO_HANG.toMillis());
            assertThat(thread.isAlive()).as("%s still running after close", thread).isFalse();
        }
    }

    @Test
    void leavesNoKeyRefreshRunningWhenTheConfigurationIsRefused() {
        Set<Thread> before = refreshThreads();

        assertThatThrownBy(() -> CodemieAuth.builder(remoteIssuerSettings().set(AuthSettings.ENABLE_USER_MANAGEMENT,
                true).build())
                .build()).isInstanceOf(InvalidConfigurationException.class);

        // the resolver is refused before a verifier exists: no key was ever fetched, no refresh started
        assertThat(idp.fetches()).isZero();
        Set<Thread> started = refreshThreads();
        started.removeAll(before);
        assertThat(started).isEmpty();
    }

    @Test
    void theClockGivenToTheBuilderDecidesWhenATokenHasExpired() {
        Instant start = Instant.parse("2026-03-01T12:00:00Z");
        MutableClock clock = new MutableClock(start);
        AuthSettings settings = remoteIssuerSettings().set(AuthSettings.JWKS_LEEWAY_SECONDS, Duration.ZERO).build();
        String token = token(start.plusSeconds(60));
        try (CodemieAuth auth = CodemieAuth.builder(settings).clock(clock).build()) {
            assertThat(auth.authenticate(token).id()).isEqualTo(ALICE);

            clock.advance(Duration.ofSeconds(60));

            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOfSatisfying(
                    TokenRejectedException.class, e -> assertThat(e.rejection()).isEqualTo(TokenRejection.EXPIRED));
        }
    }

    @Test
    void theClockAndAuditSinkGivenToTheBuilderAreTheAdministrations() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        InMemoryUserStore store = new InMemoryUserStore();
        StoreSeeder.of(store).user(ALICE);
        EffectivePermissions admin = EffectivePermissions.builder(
                new UserIdentity(ADMIN, "root", "Root", "root@example.com", null, UserIdentity.REGULAR))
                .admin(true).build();
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        try (CodemieAuth auth = CodemieAuth.builder(localSettings().set(AuthSettings.ENABLE_USER_MANAGEMENT, true).build())
                .userStore(store).clock(new MutableClock(now)).audit(events::add).build()) {

            auth.administration().deactivateUser(admin, ALICE);
        }

        assertThat(store.inTransaction(tx -> tx.users().find(ALICE)).orElseThrow().deletedAt()).isEqualTo(now);
        assertThat(events).containsExactly(new AuditEvent(now, ADMIN, "user.deactivate", null, null, ALICE,
                Audit.state("is_active", true, "deleted_at", null),
                Audit.state("is_active", false, "deleted_at", now.toString())));
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

    static final String ALICE = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";
    static final String ADMIN = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    /** A token of the remote issuer for a developer, expiring at the instant. */
    private static String token(Instant expiry) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", ALICE);
        claims.put("exp", expiry.getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of("developer")));
        return TestTokens.token("RS256", KEY.getKeyID(), claims, TestTokens.rsa(KEY));
    }

    private AuthSettings.Builder remoteIssuerSettings() {
        return AuthSettings.builder().addTrustedIssuer(
                TrustedIssuer.withJwks(ISSUER, null, idp.jwksUri(), ClaimPreset.KEYCLOAK));
    }

    private static AuthSettings.Builder localSettings() {
        return AuthSettings.builder().set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true);
    }

    /** The live threads that refresh keys; the tests compare the very threads, never their number. */
    private static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(REFRESH_THREAD) && thread.isAlive())
                .collect(Collectors.toSet());
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
