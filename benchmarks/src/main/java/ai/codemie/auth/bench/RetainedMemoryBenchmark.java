package ai.codemie.auth.bench;

import ai.codemie.auth.bench.BenchIssuer.User;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.KeycloakManagedResolver;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import java.util.Random;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jol.info.GraphLayout;

/**
 * Scenario 5: heap retained per cached user with access to 10 projects: the live heap (the JVM's class histogram,
 * taken after a full collection) before and after {@value #USERS} users enter a fresh cache, divided by the number
 * of users. Every request brings its own strings (a fresh token text, claims parsed anew, rows read from
 * PostgreSQL), so what the cache keeps is counted and nothing the benchmark holds is.
 */
@State(Scope.Benchmark)
public class RetainedMemoryBenchmark extends MemoryBenchmark {

    static final int USERS = 1024;

    private RequestPathFixture fixture;
    private BenchDatabase database;
    private JdbcUserStore store;
    private AuthSettings settings;
    private JwtTokenVerifier uncachedVerifier;
    private String[] tokens;

    /** Bytes one user costs in the platform-managed permission cache. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CachedUser {
        /** Heap retained per cached user: key, cache entry and permissions. */
        public long bytesPerUser;
        /** Of which the cached {@link EffectivePermissions} value (measured with JOL). */
        public long permissionsBytes;
    }

    /** Bytes one token costs in Keycloak-managed mode: the verified-token cache and the permissions kept for it. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CachedToken {
        /**
         * Heap retained per cached token: the token text as key, the verified claims, and the permissions the
         * resolver keeps for that verified token.
         */
        public long bytesPerToken;
    }

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new RequestPathFixture();
        database = BenchDatabase.create();
        store = JdbcUserStore.create(database.dataSource());
        settings = fixture.settings(true).set(AuthSettings.ENABLE_USER_MANAGEMENT, true).build();
        uncachedVerifier = TokenVerifiers.create(fixture.settings(false).build());
        Random random = new Random(11);
        tokens = new String[USERS];
        for (int i = 0; i < USERS; i++) {
            User user = Population.user(i, false, 10, random);
            tokens[i] = fixture.issuer().mint(user);
        }
        // first logins, so that the measured requests are later logins as in a running service
        AuthSettings noCache = fixture.settings(false).set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.PERMISSION_CACHE_SIZE, 0).build();
        try (PlatformManagedResolver provisioning = new PlatformManagedResolver(noCache, store)) {
            for (String token : tokens) {
                EffectivePermissions permissions = provisioning.resolve(uncachedVerifier.verify(token));
                // every membership, the personal project included
                if (permissions.projects().size() != 11) {
                    throw new IllegalStateException("user " + permissions.id() + " should have 10 projects and a "
                            + "personal one, has " + permissions.projects());
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        uncachedVerifier.close();
        store.close();
        database.close();
        fixture.close();
    }

    /** Platform-managed mode: the permission cache, keyed by user id, holding the permissions read from the store. */
    @Benchmark
    public void platformPermissionCache(CachedUser retained) {
        try (PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store)) {
            long before = liveHeapBytes();
            for (String token : tokens) {
                resolver.resolve(uncachedVerifier.verify(fresh(token)));
            }
            long after = liveHeapBytes();
            retained.bytesPerUser = (after - before) / USERS;
            // a hit returns the cached value itself; using the resolver here also keeps it alive through the count
            retained.permissionsBytes = GraphLayout.parseInstance(
                    resolver.resolve(uncachedVerifier.verify(tokens[0]))).totalSize();
        }
    }

    /**
     * Keycloak-managed mode: the verified-token cache, keyed by the token text, holding the verified claims, and the
     * permissions {@link KeycloakManagedResolver} keeps per verified token.
     */
    @Benchmark
    public void verifiedTokenCache(CachedToken retained) {
        try (JwtTokenVerifier verifier = TokenVerifiers.create(settings)) {
            KeycloakManagedResolver resolver = new KeycloakManagedResolver(settings);
            long before = liveHeapBytes();
            for (String token : tokens) {
                resolver.resolve(verifier.verify(fresh(token)));
            }
            long after = liveHeapBytes();
            retained.bytesPerToken = (after - before) / USERS;
            // keeps verifier and resolver, and so their caches, alive through the count
            resolver.resolve(verifier.verify(tokens[0]));
        }
    }

    /** A copy of the token text, as each request reads its own from the header. */
    private static String fresh(String token) {
        return new String(token.toCharArray());
    }
}
