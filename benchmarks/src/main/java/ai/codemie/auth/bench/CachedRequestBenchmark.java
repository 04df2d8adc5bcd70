package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 2: the request path for tokens seen before. This library's verified-token cache (default size) holds
 * all {@value TokenRequests#USERS} tokens after the parity check, so every measured request is a hit: no signature
 * check, but the claims are still mapped and the decision taken. Neither nimbus nor Spring Security caches
 * verified tokens; their figures are those of scenario 1.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedRequestBenchmark extends TimedBenchmark {

    private RequestPathFixture fixture;
    private Request[] requests;
    private RequestPath codemieAuth;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new RequestPathFixture();
        requests = fixture.requests();
        codemieAuth = fixture.codemieAuth(true);
        Parity.require("cached request path", requests, Request::expected,
                Map.of("codemie-auth", codemieAuth::allows));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public void codemieAuthCached(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(codemieAuth.allows(cursor.next(requests)));
    }
}
