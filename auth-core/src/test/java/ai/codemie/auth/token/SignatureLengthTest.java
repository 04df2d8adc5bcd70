package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.ec;
import static ai.codemie.auth.token.TestTokens.hmac;
import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A signature is accepted only at the exact length its algorithm produces. The JDK 17 Ed25519 verifier ignores
 * bytes after the 64 of a signature, so a valid EdDSA token with a byte appended verified: a second token string
 * accepted as the same token, which defeats everything keyed on the token text (a deny list, a replay check, the
 * verified-token cache). Every algorithm family is checked the same way, with real signatures.
 */
class SignatureLengthTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://idp.example/realms/codemie";
    static final String ISSUER_HMAC = "https://hmac.example";
    /** Long enough for HS512. */
    static final byte[] SECRET = "a-shared-secret-that-is-long-enough-for-hs512-a-shared-secret-64b"
            .getBytes(StandardCharsets.UTF_8);

    static final RSAKey RSA_2048 = TestTokens.rsaKey("rsa-2048");
    static final RSAKey RSA_3072 = rsaKey("rsa-3072", 3072);
    static final ECKey P_256 = ecKey("p-256", Curve.P_256);
    static final ECKey P_384 = ecKey("p-384", Curve.P_384);
    static final ECKey P_521 = ecKey("p-521", Curve.P_521);
    static final TestTokens.EdKey ED25519 = TestTokens.EdKey.generate("ed25519");

    static JwksServer idp;
    static JwtTokenVerifier verifier;

    @BeforeAll
    static void createVerifier() throws Exception {
        idp = new JwksServer(RSA_2048, RSA_3072, P_256, P_384, P_521, ED25519.jwk());
        AuthSettings settings = AuthSettings.builder()
                .addTrustedIssuer(new TrustedIssuer(ISSUER, null, idp.jwksUri(), null, List.of("RS256", "RS384",
                        "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"), ClaimPreset.KEYCLOAK,
                        null, null, null, null))
                .addTrustedIssuer(new TrustedIssuer(ISSUER_HMAC, null, null, null, List.of("HS256", "HS384", "HS512"),
                        ClaimPreset.OIDC, null, null, null, new String(SECRET, StandardCharsets.UTF_8)))
                .set(AuthSettings.TOKEN_CACHE_SIZE, 0) // every token is verified, none answered from the cache
                .build();
        verifier = TokenVerifiers.create(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        verifier.close();
        idp.close();
    }

    /** A genuine token of each algorithm, with the length its signature must have. */
    static Stream<Arguments> genuineTokens() {
        return Stream.of(
                Arguments.of("RS256", token("RS256", "rsa-2048", claims(ISSUER), rsa(RSA_2048)), 256),
                Arguments.of("RS384 with a 3072-bit key", token("RS384", "rsa-3072", claims(ISSUER), rsa(RSA_3072)),
                        384),
                Arguments.of("RS512", token("RS512", "rsa-2048", claims(ISSUER), rsa(RSA_2048)), 256),
                Arguments.of("PS256", token("PS256", "rsa-2048", claims(ISSUER), rsa(RSA_2048)), 256),
                Arguments.of("PS384", token("PS384", "rsa-2048", claims(ISSUER), rsa(RSA_2048)), 256),
                Arguments.of("PS512 with a 3072-bit key", token("PS512", "rsa-3072", claims(ISSUER), rsa(RSA_3072)),
                        384),
                Arguments.of("ES256", token("ES256", "p-256", claims(ISSUER), ec(P_256)), 64),
                Arguments.of("ES384", token("ES384", "p-384", claims(ISSUER), ec(P_384)), 96),
                Arguments.of("ES512", token("ES512", "p-521", claims(ISSUER), ec(P_521)), 132),
                Arguments.of("EdDSA", token("EdDSA", "ed25519", claims(ISSUER), ED25519.signer()), 64),
                Arguments.of("HS256", token("HS256", null, claims(ISSUER_HMAC), hmac(SECRET)), 32),
                Arguments.of("HS384", token("HS384", null, claims(ISSUER_HMAC), hmac(SECRET)), 48),
                Arguments.of("HS512", token("HS512", null, claims(ISSUER_HMAC), hmac(SECRET)), 64));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void acceptsTheGenuineSignatureOfExactlyTheAlgorithmsLength(String name, String token, int length) {
        assertThat(signature(token)).hasSize(length);
        assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void refusesTheSignatureWithAZeroByteAppended(String name, String token, int length) {
        assertBadSignature(withSignature(token, Arrays.copyOf(signature(token), length + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void refusesTheSignatureWithOtherBytesAppended(String name, String token, int length) {
        byte[] signature = signature(token);
        byte[] longer = Arrays.copyOf(signature, length + 2);
        longer[length] = (byte) 0xff;
        longer[length + 1] = 0x01;
        assertBadSignature(withSignature(token, longer));
        assertBadSignature(withSignature(token, concat(signature, signature)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void refusesTheSignatureWithItsLastByteRemoved(String name, String token, int length) {
        assertBadSignature(withSignature(token, Arrays.copyOf(signature(token), length - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void refusesTheSignatureWithAZeroBytePrepended(String name, String token, int length) {
        assertBadSignature(withSignature(token, concat(new byte[1], signature(token))));
    }

    @Test
    void anAppendedByteDoesNotMakeASecondAcceptedEdDsaToken() {
        String genuine = token("EdDSA", "ed25519", claims(ISSUER), ED25519.signer());
        String twin = withSignature(genuine, Arrays.copyOf(signature(genuine), 65));

        assertThat(twin).isNotEqualTo(genuine);
        assertThat(verifier.verify(genuine).subject()).isEqualTo("user-1");
        assertBadSignature(twin);
    }

    private static void assertBadSignature(String token) {
        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(token));
        assertThat(rejected).as("rejection").isNotNull();
        assertThat(rejected.rejection()).isEqualTo(TokenRejection.BAD_SIGNATURE);
        assertThat(rejected.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
        assertThat(rejected.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
    }

    private static byte[] signature(String token) {
        return Base64URL.from(token.substring(token.lastIndexOf('.') + 1)).decode();
    }

    private static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode(signature);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static Map<String, Object> claims(String issuer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "user-1");
        claims.put("exp", NOW.getEpochSecond() + 300);
        return claims;
    }

    private static RSAKey rsaKey(String kid, int bits) {
        try {
            return new RSAKeyGenerator(bits).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ecKey(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
