package ai.codemie.auth.test;

import ai.codemie.auth.config.AuthSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@CodemieAuthTest
class TestTokensTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void mintsTokensThatVerifyAgainstTheServedKeySet(TestTokens tokens) throws Exception {
        String token = tokens.forUser("alice").roles("developer").applications("proj-a").sign();
        JWTClaimsSet claims = processor(tokens).process(token, null);
        assertThat(claims.getIssuer()).isEqualTo(tokens.issuer());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(claims.getJSONObjectClaim("realm_access")).isEqualTo(Map.of("roles", List.of("developer")));
        assertThat(claims.getStringListClaim("applications")).containsExactly("proj-a");
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @Test
    void signsForgeriesWithAnotherKeyUnderTheTrustedKeyId(TestTokens tokens) throws Exception {
        String forged = tokens.forUser("mallory").roles("admin").signWithUntrustedKey();
        assertThat(SignedJWT.parse(forged).getHeader().getKeyID()).isEqualTo(tokens.signingKey().getKeyID());
        assertThatThrownBy(() -> processor(tokens).process(forged, null)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void mintsExpiredTokens(TestTokens tokens) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(tokens.forUser("alice").expired().sign()).getJWTClaimsSet();
        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().minusSeconds(3000));
    }

    @Test
    void buildsAttacksByChangingOrDroppingClaims(TestTokens tokens) throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.forUser("alice").claim("sub", 42).without("exp").keyId(null)
                .headerType(null).sign());
        assertThat(jwt.getPayload().toJSONObject()).containsEntry("sub", 42L).doesNotContainKey("exp");
        assertThat(jwt.getHeader().getKeyID()).isNull();
        assertThat(jwt.getHeader().getType()).isNull();
    }

    @Test
    void servesADiscoveryDocumentAndCanSimulateAnOutage(TestTokens tokens) throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(fetch(tokens.discoveryUri()).body());
        assertThat(discovery).containsEntry("issuer", tokens.issuer())
                .containsEntry("jwks_uri", tokens.jwksUri().toString());
        tokens.jwksAvailable(false);
        assertThat(fetch(tokens.jwksUri()).statusCode()).isEqualTo(503);
        tokens.jwksAvailable(true);
        assertThat(fetch(tokens.jwksUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void describesTheIssuerForSettingsAndEnvironment(TestTokens tokens) throws Exception {
        assertThat(tokens.settings().get(AuthSettings.JWKS_TRUSTED_ISSUERS)).containsExactly(tokens.trustedIssuer());
        assertThat(ai.codemie.auth.config.AuthSettings.fromEnvironment(
                Map.of("JWKS_TRUSTED_ISSUERS", tokens.trustedIssuersJson())).get(AuthSettings.JWKS_TRUSTED_ISSUERS))
                .containsExactly(tokens.trustedIssuer());
    }

    @Test
    void resolvesTheSameIssuerForEveryTestOfAClass(TestTokens first, TestTokens second) {
        assertThat(first).isSameAs(second);
    }

    private HttpResponse<String> fetch(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain nimbus processor over the served key set: checks the kit, not the library's verifier. */
    private DefaultJWTProcessor<SecurityContext> processor(TestTokens tokens) throws Exception {
        JWKSet served = JWKSet.parse(fetch(tokens.jwksUri()).body());
        assertThat(served.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(served)));
        return processor;
    }
}
