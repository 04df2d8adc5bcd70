package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.VerifiedToken;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Settings, tokens and callers for the tests of platform-managed mode. */
public final class PlatformFixture {

    public static final TrustedIssuer KEYCLOAK = TrustedIssuer.withJwks("https://keycloak.example.com/realms/codemie",
            null, URI.create("https://keycloak.example.com/realms/codemie/certs"), ClaimPreset.KEYCLOAK);
    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** {@code USER_PROJECT_LIMIT} in these tests: not the default 3, so a hard-coded 3 would show. */
    public static final int USER_PROJECT_LIMIT = 7;

    private PlatformFixture() {
    }

    /** Platform-managed settings trusting {@link #KEYCLOAK}, adjusted by the test. */
    public static AuthSettings settings(UnaryOperator<AuthSettings.Builder> adjust) {
        return adjust.apply(AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .addTrustedIssuer(KEYCLOAK)
                .set(AuthSettings.USER_PROJECT_LIMIT, USER_PROJECT_LIMIT)).build();
    }

    public static AuthSettings settings() {
        return settings(b -> b);
    }

    /** A verified Keycloak token of the subject with the given extra claims (name, value, name, value…). */
    public static VerifiedToken token(String subject, Object... claims) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("iss", KEYCLOAK.issuer());
        payload.put("sub", subject);
        for (int i = 0; i < claims.length; i += 2) {
            payload.put((String) claims[i], claims[i + 1]);
        }
        return new VerifiedToken(KEYCLOAK, payload, NOW.plus(Duration.ofMinutes(5)));
    }

    /** A verified Keycloak token of a developer (passes the sign-in gate) with the given extra claims. */
    public static VerifiedToken developer(String subject, Object... claims) {
        Object[] all = new Object[claims.length + 2];
        all[0] = "realm_access";
        all[1] = realmRoles("developer");
        System.arraycopy(claims, 0, all, 2, claims.length);
        return token(subject, all);
    }

    /** The {@code realm_access} claim with the roles. */
    public static Map<String, Object> realmRoles(String... roles) {
        return Map.of("roles", List.of(roles));
    }

    /** A resolver on the store with {@link #settings()}, a ticker that stands still and {@link #CLOCK}. */
    public static PlatformManagedResolver resolver(UserStore store) {
        return resolver(settings(), store, new ManualTicker());
    }

    /** A resolver reading claims as the default one does, with the cache's time source given, on {@link #CLOCK}. */
    public static PlatformManagedResolver resolver(AuthSettings settings, UserStore store, Ticker ticker) {
        return new PlatformManagedResolver(settings, store, new TokenClaims(settings), ticker, CLOCK);
    }

    /** The effective permissions of a store user, as the resolver computes them. */
    public static EffectivePermissions caller(AuthSettings settings, UserStore store, String userId) {
        return store.inTransaction(tx -> StoredPermissions.load(settings, tx, tx.users().find(userId).orElseThrow()));
    }

    /** The store's transactions with another change feed, as a database store whose feed the test controls. */
    public static UserStore withFeed(UserStore store, ChangeFeed feed) {
        return new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                return store.inTransaction(work);
            }

            @Override
            public ChangeFeed changeFeed() {
                return feed;
            }
        };
    }

    /** A ticker the test moves by hand. */
    public static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        public void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
