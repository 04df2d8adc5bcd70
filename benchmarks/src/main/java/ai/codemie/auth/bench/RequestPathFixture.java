package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TokenRequests.Request;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.resolve.KeycloakManagedResolver;
import ai.codemie.auth.test.JwksServer;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * What the request-path scenarios share: the issuer, its JWKS endpoint on loopback, the generated requests, and
 * this library set up in Keycloak-managed mode against them. Close it to stop the endpoint and the verifiers.
 */
public final class RequestPathFixture implements AutoCloseable {

    private final BenchIssuer issuer = new BenchIssuer();
    private final JwksServer jwks = JwksServer.start("", "/jwks", issuer.publicKey());
    private final Request[] requests = TokenRequests.generate(issuer, 7);
    private final List<JwtTokenVerifier> verifiers = new ArrayList<>();

    public BenchIssuer issuer() {
        return issuer;
    }

    public JwksServer jwks() {
        return jwks;
    }

    public Request[] requests() {
        return requests;
    }

    /**
     * Settings trusting the issuer, defaults otherwise, but for the sign-in gate (off: no other contender has one)
     * and, unless {@code tokenCache}, the verified-token cache (size 0).
     */
    public AuthSettings.Builder settings(boolean tokenCache) {
        AuthSettings.Builder settings = AuthSettings.builder()
                .addTrustedIssuer(TrustedIssuer.withJwks(BenchIssuer.ISSUER, BenchIssuer.AUDIENCE, jwks.jwksUri(),
                        ClaimPreset.KEYCLOAK))
                .set(AuthSettings.SIGN_IN_GATE, false);
        return tokenCache ? settings : settings.set(AuthSettings.TOKEN_CACHE_SIZE, 0);
    }

    /** This library in Keycloak-managed mode: verifier, claims resolver and authorizer. */
    public CodemieAuthPath codemieAuth(boolean tokenCache) {
        AuthSettings settings = settings(tokenCache).build();
        JwtTokenVerifier verifier = TokenVerifiers.create(settings);
        verifiers.add(verifier);
        return new CodemieAuthPath(verifier, new KeycloakManagedResolver(settings));
    }

    @Override
    public void close() {
        verifiers.forEach(JwtTokenVerifier::close);
        jwks.close();
    }
}
