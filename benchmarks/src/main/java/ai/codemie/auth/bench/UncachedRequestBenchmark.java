package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
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
 * Scenario 1: the whole request path without any token cache, RS256 token text to project-access decision, for
 * this library (verified-token cache off), raw nimbus with the key in hand and Spring Security's resource-server
 * stack; beside them the crypto floor, the JDK's RSA signature check of the same tokens and nothing else.
 * {@link PairedRatios} measures the same contenders side by side in one JVM.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UncachedRequestBenchmark extends TimedBenchmark {

    private UncachedContenders contenders;
    private Request[] requests;
    private RequestPath codemieAuth;
    private RequestPath rawNimbus;
    private RequestPath springSecurity;
    private JdkSignatureFloor signatureFloor;

    @Setup(Level.Trial)
    public void setUp() {
        contenders = new UncachedContenders();
        requests = contenders.requests();
        codemieAuth = contenders.codemieAuth();
        rawNimbus = contenders.rawNimbus();
        springSecurity = contenders.springSecurity();
        signatureFloor = contenders.signatureFloor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        contenders.close();
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
