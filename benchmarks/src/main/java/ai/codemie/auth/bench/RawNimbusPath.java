package ai.codemie.auth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nimbus-jose-jwt used directly: its {@link DefaultJWTProcessor} with the public key in hand (no key fetching), the
 * same issuer, audience and required claims as the library, and the project rule written directly on the claims.
 * What a service writing its own check on nimbus would have; the crypto floor is {@link JdkSignatureFloor}.
 */
public final class RawNimbusPath implements RequestPath {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public RawNimbusPath(RSAKey publicKey) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(publicKey))));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                BenchIssuer.AUDIENCE, new JWTClaimsSet.Builder().issuer(BenchIssuer.ISSUER).build(),
                Set.of("sub", "exp"));
        claimsVerifier.setMaxClockSkew(30);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
    }

    @Override
    public boolean allows(String token, String project) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new IllegalStateException("raw nimbus refused a benchmark token", e);
        }
        Map<String, Object> claimMap = claims.getClaims();
        return realmRoles(claimMap).contains(BenchIssuer.ADMIN_ROLE)
                || listClaim(claimMap, "applications").contains(project)
                || listClaim(claimMap, "applications_admin").contains(project);
    }

    private static List<?> realmRoles(Map<String, Object> claims) {
        return claims.get("realm_access") instanceof Map<?, ?> realmAccess && realmAccess.get("roles") instanceof List<?> roles
                ? roles : List.of();
    }

    private static List<?> listClaim(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof List<?> list ? list : List.of();
    }
}
