package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.VerifiedToken;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;

/** Stands in for the library's verifier until it lands on main: signature, issuer and expiry only. */
final class InterimNimbusVerifier {

    private InterimNimbusVerifier() {
    }

    static TokenVerifier create(AuthSettings settings) throws Exception {
        var issuer = settings.trustedIssuers().get(0);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(issuer.jwksUri().toURL()).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("sub", "exp")));
        return token -> {
            try {
                JWTClaimsSet claims = processor.process(token, null);
                return new VerifiedToken(issuer, claims.toJSONObject(), claims.getExpirationTime().toInstant());
            } catch (Exception e) {
                String message = e.getMessage() != null && e.getMessage().contains("Expired") ? "Token expired"
                        : "Invalid token";
                throw new AuthenticationException(BearerError.INVALID_TOKEN, "invalid_token", message);
            }
        };
    }
}
