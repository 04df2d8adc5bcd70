package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 4: platform-managed mode on the JDBC store in a PostgreSQL database on loopback (a pool of 4
 * connections). Tokens are seen before (verified-token cache warm) in both cases, so what differs is the
 * permission cache: warm (every request a hit), or off (every request a miss: the login transaction that locks the
 * user row, refreshes the profile and last login time, and reads the memberships).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlatformManagedBenchmark extends TimedBenchmark {

    private RequestPathFixture fixture;
    private BenchDatabase database;
    private JdbcUserStore store;
    private JwtTokenVerifier verifier;
    private PlatformManagedResolver warmResolver;
    private PlatformManagedResolver missResolver;
    private Request[] requests;
    private RequestPath warm;
    private RequestPath miss;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new RequestPathFixture();
        requests = fixture.requests();
        database = BenchDatabase.create();
        store = JdbcUserStore.create(database.dataSource());
        AuthSettings cached = fixture.settings(true).set(AuthSettings.ENABLE_USER_MANAGEMENT, true).build();
        AuthSettings uncached = fixture.settings(true).set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.PERMISSION_CACHE_SIZE, 0).build();
        verifier = TokenVerifiers.create(cached);
        warmResolver = new PlatformManagedResolver(cached, store);
        missResolver = new PlatformManagedResolver(uncached, store);
        warm = new CodemieAuthPath(verifier, warmResolver);
        miss = new CodemieAuthPath(verifier, missResolver);
        // the first request of each user is its first login, which creates it in the store
        Map<String, Predicate<Request>> contenders = new LinkedHashMap<>();
        contenders.put("codemie-auth, permission cache", warm::allows);
        contenders.put("codemie-auth, PostgreSQL", miss::allows);
        Parity.require("platform-managed mode", requests, Request::expected, contenders);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        warmResolver.close();
        missResolver.close();
        verifier.close();
        store.close();
        database.close();
        fixture.close();
    }

    @Benchmark
    public void permissionCacheHit(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(warm.allows(cursor.next(requests)));
    }

    @Benchmark
    public void postgresMiss(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(miss.allows(cursor.next(requests)));
    }
}
