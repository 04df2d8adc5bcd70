package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.observe.AuthCache;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.IssuerKeysStatus;
import ai.codemie.auth.observe.StoreCall;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.KeycloakManagedResolver;
import ai.codemie.auth.store.InMemoryUserStore;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** What a real {@link CodemieAuth} tells its {@link AuthObserver}, and what its verifier says about the keys. */
class AuthObservationTest {

    static final String ISSUER = "https://idp.example/realms/codemie";
    static final RSAKey KEY = TestTokens.rsaKey("key-1");
    static final String USER = "0b7e8a52-3c1d-4f5e-9a6b-7c8d9e0f1a2b";

    @AutoClose
    final Closer closer = new Closer();
    final Recorder recorder = new Recorder();

    @Test
    void reportsTokenCacheLookupsDecisionsAndRejectionsOfRealRequests() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        AuthSettings settings = settings(idp.jwksUri()).build();
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings));
        CodemieAuth auth = closer.track(CodemieAuth.builder(settings).tokenVerifier(verifier)
                .permissionResolver(new KeycloakManagedResolver(settings)).observer(recorder).build());
        String token = tokenOf(USER, "developer");

        EffectivePermissions caller = auth.authenticate(token);
        auth.authenticate(token);
        auth.authorize(caller, Requirements.authenticated());
        auth.authorize(caller, Requirements.projectAccess("proj-a"));
        assertThatThrownBy(() -> auth.authenticate(expiredTokenOf(USER)))
                .isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> auth.authenticate("not-a-token")).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> auth.authenticate(tokenOf(USER))).isInstanceOf(AccessDeniedException.class);

        assertThat(recorder.events).containsExactly(
                "cache verified_tokens miss", "cache verified_tokens hit",
                "decided allow", "decided deny not_project_member",
                "cache verified_tokens miss", "rejected token_expired",
                "cache verified_tokens miss", "rejected token_malformed",
                "cache verified_tokens miss", "denied no_sign_in_role");
    }

    @Test
    void reportsPermissionCacheLookupsAndTheSignInTransactionOfABuiltResolver() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        CodemieAuth auth = closer.track(CodemieAuth.builder(settings(idp.jwksUri()).set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.TOKEN_CACHE_SIZE, 0).build()).userStore(new InMemoryUserStore()).observer(recorder).build());

        auth.authenticate(tokenOf(USER, "developer"));
        auth.authenticate(tokenOf(USER, "developer"));

        assertThat(recorder.events).containsExactly(
                "cache permissions miss", "store sign_in ok", "cache permissions hit");
        assertThat(recorder.storeNanos).singleElement().satisfies(nanos -> assertThat(nanos).isNotNegative());
    }

    @Test
    void reportsFailedAndSucceededKeyFetchesByTheConfiguredIssuer() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        idp.mode(JwksServer.Mode.ERROR);
        CodemieAuth auth = closer.track(CodemieAuth.builder(settings(idp.jwksUri()).build()).observer(recorder)
                .build());

        assertThatThrownBy(() -> auth.authenticate(tokenOf(USER, "developer")))
                .isInstanceOf(UnavailableException.class);
        idp.mode(JwksServer.Mode.SERVE);
        auth.authenticate(tokenOf(USER, "developer"));

        assertThat(recorder.events).filteredOn(event -> event.startsWith("keys"))
                .containsExactly("keys " + ISSUER + " failed", "keys " + ISSUER + " ok");
    }

    @Test
    void refusesASecondObserverForAVerifierThatReportsToAnotherOne() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        AuthSettings settings = settings(idp.jwksUri()).build();
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings));
        closer.track(CodemieAuth.builder(settings).tokenVerifier(verifier).observer(recorder).build());

        assertThatThrownBy(() -> CodemieAuth.builder(settings).tokenVerifier(verifier).observer(new Recorder())
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("another AuthObserver");
    }

    @Test
    void keysAreAvailableWhileTheEndpointServesThem() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings(idp.jwksUri()).build()));

        assertThat(verifier.keysStatus()).containsExactly(new IssuerKeysStatus(ISSUER, true, true, true, 1));
    }

    @Test
    void keysAreUnavailableExactlyWhenTokensGet503BecauseTheEndpointNeverAnswered() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        idp.stop(); // the port is closed from now on
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings(idp.jwksUri()).build()));

        assertThat(verifier.keysStatus()).containsExactly(new IssuerKeysStatus(ISSUER, true, false, false, 0));
        assertThatThrownBy(() -> verifier.verify(tokenOf(USER, "developer")))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void keysStayAvailableFromTheCacheWhenTheEndpointGoesDownAfterServingThem() throws IOException {
        JwksServer idp = closer.track(new JwksServer(KEY));
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings(idp.jwksUri()).build()));

        idp.stop();

        assertThat(verifier.keysStatus()).singleElement().satisfies(status -> {
            assertThat(status.available()).isTrue();
            assertThat(status.keys()).isEqualTo(1);
        });
        assertThat(verifier.verify(tokenOf(USER, "developer")).subject()).isEqualTo(USER);
    }

    @Test
    void keysOfASharedSecretAreAlwaysAvailable() {
        AuthSettings settings = AuthSettings.builder().addTrustedIssuer(new TrustedIssuer(ISSUER, null, null, null,
                List.of("HS256"), ClaimPreset.KEYCLOAK, null, null, null, "a-shared-secret-of-at-least-32-bytes!"))
                .build();
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(settings));

        assertThat(verifier.keysStatus()).containsExactly(new IssuerKeysStatus(ISSUER, false, true, true, 0));
    }

    private static AuthSettings.Builder settings(URI jwksUri) {
        return AuthSettings.builder().set(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS, Duration.ofMillis(500))
                .addTrustedIssuer(TrustedIssuer.withJwks(ISSUER, null, jwksUri, ClaimPreset.KEYCLOAK));
    }

    private static String tokenOf(String subject, String... roles) {
        return token("RS256", KEY.getKeyID(), claims(subject, Instant.now().plusSeconds(300), roles), rsa(KEY));
    }

    private static String expiredTokenOf(String subject) {
        return token("RS256", KEY.getKeyID(), claims(subject, Instant.now().minusSeconds(3600), "developer"),
                rsa(KEY));
    }

    private static Map<String, Object> claims(String subject, Instant expiry, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("exp", expiry.getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of(roles)));
        return claims;
    }

    /** Writes down what it hears, in order. */
    static final class Recorder implements AuthObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Long> storeNanos = new CopyOnWriteArrayList<>();

        @Override
        public void decided(Decision decision) {
            events.add("decided " + (decision.allowed() ? "allow" : "deny " + decision.reason().code()));
        }

        @Override
        public void accessDenied(Problem problem) {
            events.add("denied " + problem.reason());
        }

        @Override
        public void tokenRejected(TokenRejection rejection) {
            events.add("rejected " + rejection.code());
        }

        @Override
        public void cacheLookedUp(AuthCache cache, boolean hit) {
            events.add("cache " + cache.tag() + (hit ? " hit" : " miss"));
        }

        @Override
        public void keysFetched(String issuer, boolean succeeded) {
            events.add("keys " + issuer + (succeeded ? " ok" : " failed"));
        }

        @Override
        public void storeCalled(StoreCall call, long nanos, Throwable failure) {
            storeNanos.add(nanos);
            events.add("store " + call.tag() + (failure == null ? " ok" : " " + failure.getClass().getSimpleName()));
        }
    }
}
