package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The contenders of scenario 1, set up and checked: this library with its verified-token cache off, raw nimbus,
 * Spring Security's resource-server stack, each past the parity check, and the JDK signature check of the same
 * tokens (the crypto floor), checked to accept every token. Close it to stop the key endpoint and the verifiers.
 */
public final class UncachedContenders implements AutoCloseable {

    /**
     * The targets of scenario 1, each on the ratio of two contenders' times (by benchmark method name), for the
     * report of a JMH run and for {@link PairedRatios} alike.
     */
    public static final List<RatioTarget> RATIO_TARGETS = List.of(
            new RatioTarget("uncached ≤ 1.25 × the JDK signature check", "codemieAuth", "jdkSignatureFloor", 1.25,
                    true, "×"),
            new RatioTarget("uncached ≤ 1.2 × raw nimbus", "codemieAuth", "rawNimbus", 1.2, true, "×"),
            new RatioTarget("uncached ≥ 1.5 × faster than Spring Security", "springSecurity", "codemieAuth", 1.5, false,
                    "× faster"));

    /**
     * A target on {@code numerator}'s time over {@code denominator}'s: at most {@code bound} when {@code atMost},
     * otherwise at least.
     *
     * @param unit how the ratio reads in a table ({@code ×}, {@code × faster})
     */
    public record RatioTarget(String name, String numerator, String denominator, double bound, boolean atMost,
                              String unit) {

        /** Whether the ratio meets the target; a ratio that could not be measured (NaN) never does. */
        public boolean met(double ratio) {
            return atMost ? ratio <= bound : ratio >= bound;
        }
    }

    private final RequestPathFixture fixture = new RequestPathFixture();
    private final Request[] requests = fixture.requests();
    private final RequestPath codemieAuth = fixture.codemieAuth(false);
    private final RequestPath rawNimbus = new RawNimbusPath(fixture.issuer().publicKey());
    private final RequestPath springSecurity = new SpringSecurityPath(fixture.jwks().jwksUri());
    private final JdkSignatureFloor signatureFloor;

    public UncachedContenders() {
        Map<String, Predicate<Request>> paths = new LinkedHashMap<>();
        paths.put("codemie-auth", codemieAuth::allows);
        paths.put("raw nimbus", rawNimbus::allows);
        paths.put("Spring Security", springSecurity::allows);
        Parity.require("uncached request path", requests, Request::expected, paths);
        signatureFloor = new JdkSignatureFloor(fixture.issuer().publicKey(), requests);
        for (int i = 0; i < signatureFloor.size(); i++) {
            if (!signatureFloor.verifies(i)) {
                throw new IllegalStateException("the JDK refused the signature of benchmark token " + i);
            }
        }
    }

    public Request[] requests() {
        return requests;
    }

    public RequestPath codemieAuth() {
        return codemieAuth;
    }

    public RequestPath rawNimbus() {
        return rawNimbus;
    }

    public RequestPath springSecurity() {
        return springSecurity;
    }

    public JdkSignatureFloor signatureFloor() {
        return signatureFloor;
    }

    /**
     * Every contender by its benchmark method's name, answering for the request at an index: the three request
     * paths' decisions, and for the floor whether the token's signature verifies (always).
     */
    public Map<String, IntPredicate> byBenchmarkName() {
        Map<String, IntPredicate> all = new LinkedHashMap<>();
        all.put("codemieAuth", i -> codemieAuth.allows(requests[i]));
        all.put("jdkSignatureFloor", signatureFloor::verifies);
        all.put("rawNimbus", i -> rawNimbus.allows(requests[i]));
        all.put("springSecurity", i -> springSecurity.allows(requests[i]));
        return all;
    }

    @Override
    public void close() {
        fixture.close();
    }
}
