package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
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
 * Scenario 1: the whole request path without any token cache, RS256 token text to project-access decision, for
 * this library (verified-token cache off), raw nimbus with the key in hand and Spring Security's resource-server
 * stack; beside them the crypto floor, the JDK's RSA signature check of the same tokens and nothing else.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UncachedRequestBenchmark extends TimedBenchmark {

    private RequestPathFixture fixture;
    private Request[] requests;
    private RequestPath codemieAuth;
    private RequestPath rawNimbus;
    private RequestPath springSecurity;
    private JdkSignatureFloor signatureFloor;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new RequestPathFixture();
        requests = fixture.requests();
        codemieAuth = fixture.codemieAuth(false);
        rawNimbus = new RawNimbusPath(fixture.issuer().publicKey());
        springSecurity = new SpringSecurityPath(fixture.jwks().jwksUri());
        Map<String, Predicate<Request>> contenders = new LinkedHashMap<>();
        contenders.put("codemie-auth", codemieAuth::allows);
        contenders.put("raw nimbus", rawNimbus::allows);
        contenders.put("Spring Security", springSecurity::allows);
        Parity.require("uncached request path", requests, Request::expected, contenders);
        signatureFloor = new JdkSignatureFloor(fixture.issuer().publicKey(), requests);
        for (int i = 0; i < signatureFloor.size(); i++) {
            if (!signatureFloor.verifies(i)) {
                throw new IllegalStateException("the JDK refused the signature of benchmark token " + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public void codemieAuth(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(codemieAuth.allows(cursor.next(requests)));
    }

    @Benchmark
    public void rawNimbus(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(rawNimbus.allows(cursor.next(requests)));
    }

    @Benchmark
    public void springSecurity(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(springSecurity.allows(cursor.next(requests)));
    }

    @Benchmark
    public void jdkSignatureFloor(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(signatureFloor.verifies(cursor.nextIndex(signatureFloor.size())));
    }
}
