package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.b64;
import static ai.codemie.auth.token.TestTokens.ec;
import static ai.codemie.auth.token.TestTokens.fixed;
import static ai.codemie.auth.token.TestTokens.hmac;
import static ai.codemie.auth.token.TestTokens.json;
import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static ai.codemie.auth.token.TestTokens.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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
 * Forged and malformed tokens: every one is refused, for the right reason, without quoting the token, and without
 * the verifier ever fetching a key from an address the token names.
 */
class TokenAttackTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long EXP = NOW.getEpochSecond() + 300;
    static final String ISSUER_A = "https://idp-a.example/realms/codemie";
    static final String ISSUER_B = "https://idp-b.example/realms/other";
    static final String ISSUER_HMAC = "https://hmac.example";
    static final String AUDIENCE = "codemie";
    static final byte[] SECRET = "a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    static final RSAKey KEY_A = TestTokens.rsaKey("a-rsa");
    static final ECKey EC_A = TestTokens.ecKey("a-ec");
    static final TestTokens.EdKey ED_A = TestTokens.EdKey.generate("a-ed");
    static final RSAKey WEAK_A = TestTokens.weakRsaKey("a-weak", 1024);
    static final RSAKey KEY_B = TestTokens.rsaKey("b-rsa");
    /** The attacker's own key, published under the victim's kid on the attacker's server. */
    static final RSAKey ATTACKER = TestTokens.rsaKey("a-rsa");
    static final RSAKey ATTACKER_OWN_KID = TestTokens.rsaKey("attacker-1");
    static final ECKey EC_ATTACKER = TestTokens.ecKey("a-ec");
    static final TestTokens.EdKey ED_ATTACKER = TestTokens.EdKey.generate("a-ed");

    static final JwksServer IDP_A = start(KEY_A, EC_A, ED_A.jwk(), WEAK_A);
    static final JwksServer IDP_B = start(KEY_B);
    static final JwksServer ATTACKER_SERVER = start(ATTACKER, ATTACKER_OWN_KID);

    static JwtTokenVerifier verifier;

    @BeforeAll
    static void createVerifier() {
        AuthSettings settings = AuthSettings.builder()
                .addTrustedIssuer(TrustedIssuer.withJwks(ISSUER_A, AUDIENCE, IDP_A.jwksUri(), ClaimPreset.KEYCLOAK))
                .addTrustedIssuer(TrustedIssuer.withJwks(ISSUER_B, null, IDP_B.jwksUri(), ClaimPreset.KEYCLOAK))
                .addTrustedIssuer(new TrustedIssuer(ISSUER_HMAC, null, null, null, List.of("HS256"),
                        ClaimPreset.OIDC, null, null, null, new String(SECRET, StandardCharsets.UTF_8)))
                .set(AuthSettings.JWKS_LEEWAY_SECONDS, Duration.ofSeconds(30))
                .set(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS, Duration.ofSeconds(2))
                .build();
        verifier = TokenVerifiers.create(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        verifier.close();
        IDP_A.close();
        IDP_B.close();
        ATTACKER_SERVER.close();
    }

    record Attack(String name, String token, TokenRejection expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesForgedOrMalformedTokenForTheRightReason(Attack attack) {
        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(attack.token()));

        assertThat(rejected).as(attack.name()).isNotNull();
        assertThat(rejected.rejection()).as(attack.name()).isEqualTo(attack.expected());
        Problem problem = rejected.problem();
        assertThat(problem.status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
        assertThat(problem.reason()).isEqualTo(attack.expected().code());
        assertThat(rejected.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
        for (String part : attack.token().split("\\.")) {
            if (part.length() > 8) {
                assertThat(problem.message()).doesNotContain(part);
                assertThat(rejected.getMessage()).doesNotContain(part);
            }
        }
    }

    @Test
    void checksEveryHeaderAfterAGenuineTokenWithTheSameKeyId() {
        // the verifier keeps the last header that passed: each attack comes right after a genuine token, and one whose
        // header differs from the kept one by a single member must still be refused for its own reason
        String genuine = signedA(claims());
        attacks().forEach(attack -> {
            assertThat(verifier.verify(genuine).subject()).isEqualTo("user-1");
            assertThat(rejection(attack.token())).as(attack.name()).isEqualTo(attack.expected());
        });
        assertThat(verifier.verify(genuine).subject()).isEqualTo("user-1");
    }

    @Test
    void hasAtLeastFortyAttacks() {
        assertThat(attacks().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void neverFetchesTheKeyAddressesATokenNames() {
        attacks().filter(a -> a.name().startsWith("embedded") || a.name().startsWith("header names"))
                .forEach(a -> assertThat(catchThrowableOfType(TokenRejectedException.class,
                        () -> verifier.verify(a.token()))).isNotNull());

        assertThat(ATTACKER_SERVER.paths()).isEmpty();
    }

    @Test
    void asksTheIssuersKeyEndpointForNothingButItsKeySet() {
        attacks().filter(a -> a.name().startsWith("kid")).forEach(a -> catchThrowableOfType(
                TokenRejectedException.class, () -> verifier.verify(a.token())));

        assertThat(IDP_A.paths()).isNotEmpty().allMatch("/jwks"::equals);
    }

    @Test
    void refusesAnUnknownIssuerWithoutAnyNetworkCall() {
        int fetchesA = IDP_A.fetches();
        int fetchesB = IDP_B.fetches();
        String token = signedA(with(claims(), "iss", ATTACKER_SERVER.uri("/realms/evil").toString()));

        assertThat(rejection(token)).isEqualTo(TokenRejection.UNKNOWN_ISSUER);
        assertThat(IDP_A.fetches()).isEqualTo(fetchesA);
        assertThat(IDP_B.fetches()).isEqualTo(fetchesB);
        assertThat(ATTACKER_SERVER.paths()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuineTokens")
    void acceptsGenuineTokens(String name, String token, String subject) {
        VerifiedToken verified = verifier.verify(token);

        assertThat(verified.subject()).isEqualTo(subject);
        assertThat(verified.expiresAt()).isAfter(NOW.minusSeconds(31));
    }

    @Test
    void keepsTheVerifiedClaimsImmutableAndTyped() {
        VerifiedToken verified = verifier.verify(signedA(claims()));

        assertThat(verified.issuer().issuer()).isEqualTo(ISSUER_A);
        assertThat(verified.expiresAt()).isEqualTo(Instant.ofEpochSecond(EXP));
        assertThat(verified.claims().get("exp")).isEqualTo(EXP);
        @SuppressWarnings("unchecked")
        Map<String, Object> realmAccess = (Map<String, Object>) verified.claims().get("realm_access");
        assertThat(realmAccess.get("roles")).isEqualTo(List.of("developer"));
        assertThat(catchThrowableOfType(UnsupportedOperationException.class,
                () -> realmAccess.put("roles", List.of("admin")))).isNotNull();
    }

    static Stream<Arguments> genuineTokens() {
        Map<String, Object> claims = claims();
        String deep = "{" + BASE + ",\"deep\":" + "[".repeat(StrictJson.MAX_DEPTH - 1) + "]".repeat(StrictJson.MAX_DEPTH - 1) + "}";
        return Stream.of(
                Arguments.of("RS256", signedA(claims), "user-1"),
                Arguments.of("PS256", token("PS256", "a-rsa", claims, rsa(KEY_A)), "user-1"),
                Arguments.of("ES256", token("ES256", "a-ec", claims, ec(EC_A)), "user-1"),
                Arguments.of("EdDSA", token("EdDSA", "a-ed", claims, ED_A.signer()), "user-1"),
                Arguments.of("no kid: every RSA key of the issuer is tried", token("RS256", null, claims, rsa(KEY_A)),
                        "user-1"),
                Arguments.of("HS256 from the issuer configured with the secret", token("HS256", null,
                        with(with(claims, "iss", ISSUER_HMAC), "sub", "svc"), hmac(SECRET)), "svc"),
                Arguments.of("second issuer with its own key and no audience configured",
                        token("RS256", "b-rsa", without(with(claims, "iss", ISSUER_B), "aud"), rsa(KEY_B)), "user-1"),
                Arguments.of("no typ header", token("RS256", "{\"alg\":\"RS256\",\"kid\":\"a-rsa\"}", json(claims),
                        rsa(KEY_A)), "user-1"),
                Arguments.of("typ at+jwt", header("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"a-rsa\"}"), "user-1"),
                Arguments.of("typ application/AT+JWT", header(
                        "{\"alg\":\"RS256\",\"typ\":\"application/AT+JWT\",\"kid\":\"a-rsa\"}"), "user-1"),
                Arguments.of("typ jwt lower case", header("{\"alg\":\"RS256\",\"typ\":\"jwt\",\"kid\":\"a-rsa\"}"),
                        "user-1"),
                Arguments.of("no payload typ", signedA(without(claims, "typ")), "user-1"),
                Arguments.of("expired within the leeway", signedA(with(claims, "exp", NOW.getEpochSecond() - 29)),
                        "user-1"),
                Arguments.of("nbf and iat within the leeway", signedA(with(with(claims, "nbf",
                        NOW.getEpochSecond() + 29), "iat", NOW.getEpochSecond() + 29)), "user-1"),
                Arguments.of("fractional exp", signedA(with(claims, "exp", EXP + 0.5)), "user-1"),
                Arguments.of("aud list containing the audience", signedA(with(claims, "aud",
                        List.of("account", AUDIENCE))), "user-1"),
                Arguments.of("token of 16 KiB", largestTokenWithin(16 * 1024), "user-1"),
                Arguments.of("nesting at the depth limit", rawA(deep), "user-1"),
                Arguments.of("non-ASCII UTF-8 and escaped surrogate pairs", rawA("{" + BASE
                        + ",\"name\":\"Zo\u00eb \u4e2d\u6587 \\ud83d\\ude00 \\u00e9\"}"), "user-1"));
    }

    static Stream<Attack> attacks() {
        Map<String, Object> claims = claims();
        String valid = signedA(claims);
        String[] validParts = valid.split("\\.");
        List<Attack> attacks = new ArrayList<>();

        // alg none in all spellings, with and without a signature
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            attacks.add(new Attack("alg " + none, token(none, "{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}",
                    json(claims), unsigned()), TokenRejection.UNSUPPORTED_ALGORITHM));
        }
        attacks.add(new Attack("alg none with the kid and a real signature", b64("{\"alg\":\"none\",\"kid\":"
                + "\"a-rsa\"}") + "." + validParts[1] + "." + validParts[2], TokenRejection.UNSUPPORTED_ALGORITHM));

        // HMAC keyed with public material
        String publicPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                publicKeyBytes(KEY_A)) + "\n-----END PUBLIC KEY-----\n";
        attacks.add(new Attack("HS256 signed with the RSA public key PEM", token("HS256", "a-rsa", claims,
                hmac(publicPem.getBytes(StandardCharsets.US_ASCII))), TokenRejection.UNSUPPORTED_ALGORITHM));
        attacks.add(new Attack("HS256 signed with the public JWK JSON", token("HS256", "a-rsa", claims,
                hmac(KEY_A.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))),
                TokenRejection.UNSUPPORTED_ALGORITHM));
        attacks.add(new Attack("HS512 signed with the RSA modulus", token("HS512", null, claims,
                hmac(KEY_A.getModulus().decode())), TokenRejection.UNSUPPORTED_ALGORITHM));
        attacks.add(new Attack("HS256 with a wrong secret for the HMAC issuer", token("HS256", null,
                with(claims, "iss", ISSUER_HMAC), hmac("another-secret-also-of-32-bytes-length".getBytes(
                        StandardCharsets.UTF_8))), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("RS256 for the issuer that only allows HS256", token("RS256", "a-rsa",
                with(claims, "iss", ISSUER_HMAC), rsa(KEY_A)), TokenRejection.UNSUPPORTED_ALGORITHM));
        attacks.add(new Attack("PS512, not in the default allow-list", token("PS512", "a-rsa", claims, rsa(KEY_A)),
                TokenRejection.UNSUPPORTED_ALGORITHM));
        attacks.add(new Attack("alg missing", header("{\"typ\":\"JWT\",\"kid\":\"a-rsa\"}"), TokenRejection.MALFORMED));
        attacks.add(new Attack("alg a number", header("{\"alg\":256,\"kid\":\"a-rsa\"}"), TokenRejection.MALFORMED));

        // keys named by the token itself
        String attackerJwk = ATTACKER_OWN_KID.toPublicJWK().toJSONString();
        attacks.add(new Attack("embedded jwk with its own kid", token("RS256", "{\"alg\":\"RS256\",\"kid\":"
                + "\"attacker-1\",\"jwk\":" + attackerJwk + "}", json(claims), rsa(ATTACKER_OWN_KID)),
                TokenRejection.UNKNOWN_KEY));
        attacks.add(new Attack("embedded jwk under the victim's kid", token("RS256", "{\"alg\":\"RS256\",\"kid\":"
                + "\"a-rsa\",\"jwk\":" + ATTACKER.toPublicJWK().toJSONString() + "}", json(claims), rsa(ATTACKER)),
                TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("header names jku on the attacker's server", token("RS256", "{\"alg\":\"RS256\","
                + "\"kid\":\"attacker-1\",\"jku\":\"" + ATTACKER_SERVER.jwksUri() + "\"}", json(claims),
                rsa(ATTACKER_OWN_KID)), TokenRejection.UNKNOWN_KEY));
        attacks.add(new Attack("header names jku with the victim's kid", token("RS256", "{\"alg\":\"RS256\","
                + "\"kid\":\"a-rsa\",\"jku\":\"" + ATTACKER_SERVER.jwksUri() + "\"}", json(claims), rsa(ATTACKER)),
                TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("header names x5u on the attacker's server", token("RS256", "{\"alg\":\"RS256\","
                + "\"kid\":\"a-rsa\",\"x5u\":\"" + ATTACKER_SERVER.uri("/cert.pem") + "\"}", json(claims),
                rsa(ATTACKER)), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("embedded x5c chain", token("RS256", "{\"alg\":\"RS256\",\"kid\":\"a-rsa\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(publicKeyBytes(ATTACKER)) + "\"]}", json(claims),
                rsa(ATTACKER)), TokenRejection.BAD_SIGNATURE));

        // kid tricks: a kid is only ever compared with the issuer's key ids
        for (String kid : List.of("../../../../../../dev/null", "/jwks?kid=a-rsa", "' OR '1'='1", "a-rsa\\u0000",
                "A-RSA", "a-rsa ", "http://127.0.0.1/jwks")) {
            attacks.add(new Attack("kid " + kid, token("RS256", "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}",
                    json(claims), rsa(ATTACKER)), TokenRejection.UNKNOWN_KEY));
        }
        attacks.add(new Attack("kid of the EC key on an RS256 token", token("RS256", "a-ec", claims, rsa(ATTACKER)),
                TokenRejection.UNKNOWN_KEY));
        attacks.add(new Attack("kid a number", header("{\"alg\":\"RS256\",\"kid\":7}"), TokenRejection.MALFORMED));

        // headers that change how the token is read
        attacks.add(new Attack("unknown crit", header("{\"alg\":\"RS256\",\"kid\":\"a-rsa\",\"crit\":[\"exp\"],"
                + "\"exp\":1}"), TokenRejection.UNSUPPORTED_HEADER));
        attacks.add(new Attack("crit naming a private extension", header("{\"alg\":\"RS256\",\"kid\":\"a-rsa\","
                + "\"crit\":[\"https://evil.example/skip-checks\"],\"https://evil.example/skip-checks\":true}"),
                TokenRejection.UNSUPPORTED_HEADER));
        String b64False = "{\"alg\":\"RS256\",\"kid\":\"a-rsa\",\"b64\":false,\"crit\":[\"b64\"]}";
        attacks.add(new Attack("b64 false with an unencoded payload", b64(b64False) + "." + "{\"sub\":\"admin\"}" + "."
                + validParts[2], TokenRejection.UNSUPPORTED_HEADER));
        attacks.add(new Attack("b64 false with a detached payload", token("RS256", b64False, "", rsa(KEY_A)),
                TokenRejection.UNSUPPORTED_HEADER));
        attacks.add(new Attack("zip on a signed token", header("{\"alg\":\"RS256\",\"kid\":\"a-rsa\",\"zip\":\"DEF\"}"),
                TokenRejection.UNSUPPORTED_HEADER));
        attacks.add(new Attack("JWE encrypted to the issuer's public key", jwe(claims), TokenRejection.UNSUPPORTED_FORMAT));
        attacks.add(new Attack("enc in a three-part token", header("{\"alg\":\"RS256\",\"enc\":\"A256GCM\","
                + "\"kid\":\"a-rsa\"}"), TokenRejection.UNSUPPORTED_FORMAT));
        attacks.add(new Attack("nested token (cty JWT)", token("RS256", "{\"alg\":\"RS256\",\"kid\":\"a-rsa\","
                + "\"cty\":\"JWT\"}", valid, rsa(KEY_A)), TokenRejection.UNSUPPORTED_FORMAT));
        attacks.add(new Attack("header typ of a security event", header("{\"alg\":\"RS256\",\"kid\":\"a-rsa\","
                + "\"typ\":\"secevent+jwt\"}"), TokenRejection.WRONG_TOKEN_TYPE));
        attacks.add(new Attack("header typ not a string", header("{\"alg\":\"RS256\",\"kid\":\"a-rsa\",\"typ\":1}"),
                TokenRejection.WRONG_TOKEN_TYPE));

        // signatures
        attacks.add(new Attack("wrong key with the right kid", token("RS256", "a-rsa", claims, rsa(ATTACKER)),
                TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("ECDSA r = s = 0 (psychic signature)", token("ES256", "a-ec", claims,
                fixed(new byte[64])), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("ECDSA r = s = 0 in DER form", token("ES256", "a-ec", claims,
                fixed(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00})), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("ES256 by another EC key with the right kid", token("ES256", "a-ec", claims,
                ec(EC_ATTACKER)), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("EdDSA by another key with the right kid", token("EdDSA", "a-ed", claims,
                ED_ATTACKER.signer()), TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("empty signature", validParts[0] + "." + validParts[1] + ".",
                TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("payload changed after signing", validParts[0] + "." + b64(json(with(claims, "sub",
                "admin"))) + "." + validParts[2], TokenRejection.BAD_SIGNATURE));
        attacks.add(new Attack("signed with a 1024-bit key the issuer publishes", token("RS256", "a-weak", claims,
                TestTokens.jdkRs256(WEAK_A)), TokenRejection.WEAK_KEY));

        // exp, nbf, iat
        attacks.add(new Attack("exp missing", signedA(without(claims, "exp")), TokenRejection.MISSING_CLAIM));
        attacks.add(new Attack("exp null", signedA(with(claims, "exp", null)), TokenRejection.MISSING_CLAIM));
        attacks.add(new Attack("exp a string", signedA(with(claims, "exp", String.valueOf(EXP))),
                TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("exp a boolean", signedA(with(claims, "exp", true)), TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("exp an array", signedA(with(claims, "exp", List.of(EXP))), TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("exp beyond any date", rawA("{" + BASE.replace("\"exp\":" + EXP, "\"exp\":1e300")
                + "}"), TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("exp past beyond the leeway", signedA(with(claims, "exp", NOW.getEpochSecond() - 31)),
                TokenRejection.EXPIRED));
        attacks.add(new Attack("nbf in the future beyond the leeway", signedA(with(claims, "nbf",
                NOW.getEpochSecond() + 31)), TokenRejection.NOT_YET_VALID));
        attacks.add(new Attack("iat in the future beyond the leeway", signedA(with(claims, "iat",
                NOW.getEpochSecond() + 31)), TokenRejection.ISSUED_IN_FUTURE));
        attacks.add(new Attack("nbf a string", signedA(with(claims, "nbf", "0")), TokenRejection.INVALID_CLAIM));

        // subject and issuer
        attacks.add(new Attack("sub missing", signedA(without(claims, "sub")), TokenRejection.MISSING_CLAIM));
        attacks.add(new Attack("sub a number", signedA(with(claims, "sub", 42)), TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("sub empty", signedA(with(claims, "sub", "")), TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("iss missing", signedA(without(claims, "iss")), TokenRejection.MISSING_CLAIM));
        attacks.add(new Attack("iss an array", signedA(with(claims, "iss", List.of(ISSUER_A))),
                TokenRejection.INVALID_CLAIM));
        attacks.add(new Attack("wrong iss", signedA(with(claims, "iss", "https://evil.example/realms/codemie")),
                TokenRejection.UNKNOWN_ISSUER));
        attacks.add(new Attack("iss with a trailing slash", signedA(with(claims, "iss", ISSUER_A + "/")),
                TokenRejection.UNKNOWN_ISSUER));
        attacks.add(new Attack("iss in another case", signedA(with(claims, "iss", ISSUER_A.toUpperCase())),
                TokenRejection.UNKNOWN_ISSUER));
        attacks.add(new Attack("second issuer's claims signed with the first issuer's key", signedA(with(claims, "iss",
                ISSUER_B)), TokenRejection.UNKNOWN_KEY));
        attacks.add(new Attack("second issuer's claims signed with the first issuer's key, no kid", token("RS256", null,
                with(claims, "iss", ISSUER_B), rsa(KEY_A)), TokenRejection.BAD_SIGNATURE));

        // audience and token type
        attacks.add(new Attack("wrong aud", signedA(with(claims, "aud", "another-service")),
                TokenRejection.WRONG_AUDIENCE));
        attacks.add(new Attack("aud missing", signedA(without(claims, "aud")), TokenRejection.WRONG_AUDIENCE));
        attacks.add(new Attack("aud list without the audience", signedA(with(claims, "aud", List.of("account",
                "codemie-admin"))), TokenRejection.WRONG_AUDIENCE));
        attacks.add(new Attack("Keycloak ID token", signedA(with(claims, "typ", "ID")), TokenRejection.WRONG_TOKEN_TYPE));
        attacks.add(new Attack("Keycloak refresh token", signedA(with(claims, "typ", "Refresh")),
                TokenRejection.WRONG_TOKEN_TYPE));
        attacks.add(new Attack("Keycloak refresh token, HMAC-signed as Keycloak signs them", token("HS512",
                "{\"alg\":\"HS512\",\"typ\":\"JWT\",\"kid\":\"realm-hmac\"}", json(with(claims, "typ", "Refresh")),
                hmac(new byte[64])), TokenRejection.WRONG_TOKEN_TYPE));

        // JSON that nimbus alone would read leniently
        attacks.add(new Attack("duplicate roles", rawA("{" + BASE + ",\"roles\":[\"developer\"],\"roles\":[\"admin\"]}"),
                TokenRejection.MALFORMED));
        attacks.add(new Attack("duplicate realm_access.roles", rawA("{" + BASE + ",\"realm_access\":{\"roles\":"
                + "[\"developer\"],\"roles\":[\"admin\"]}}"), TokenRejection.MALFORMED));
        attacks.add(new Attack("duplicate roles spelt with an escape", rawA("{" + BASE + ",\"roles\":[\"developer\"],"
                + "\"rol\\u0065s\":[\"admin\"]}"), TokenRejection.MALFORMED));
        attacks.add(new Attack("duplicate exp, null then a number", rawA("{\"exp\":null," + BASE + "}"),
                TokenRejection.MALFORMED));
        attacks.add(new Attack("duplicate alg in the header", header("{\"alg\":\"none\",\"alg\":\"RS256\","
                + "\"kid\":\"a-rsa\"}"), TokenRejection.MALFORMED));
        attacks.add(new Attack("deep nesting", rawA("{" + BASE + ",\"deep\":" + "[".repeat(1000) + "]".repeat(1000)
                + "}"), TokenRejection.MALFORMED));
        attacks.add(new Attack("nesting one past the limit", rawA("{" + BASE + ",\"deep\":"
                + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}"), TokenRejection.MALFORMED));
        for (String lenient : List.of(
                "{'iss':'" + ISSUER_A + "'}",
                "{" + BASE + ",}",
                "{" + BASE + "/* admin */}",
                "{" + BASE + ",\"n\":NaN}",
                "{" + BASE + ",roles:[\"admin\"]}",
                "{" + BASE + ",\"n\":01}",
                "{" + BASE + ",\"n\":0x1F}",
                "{" + BASE + "}garbage",
                "{" + BASE + "}{\"roles\":[\"admin\"]}",
                "{" + BASE + ",\"n\":True}",
                "{" + BASE + ",\"s\":\"tab\there\"}",
                "{" + BASE + ",\"s\":\"\\ud800\"}",
                "{" + BASE + ",\"s\":\"\\x41\"}",
                "[" + "{" + BASE + "}" + "]",
                "\"" + ISSUER_A + "\"",
                "")) {
            attacks.add(new Attack("lenient or non-object JSON " + abbreviate(lenient), rawA(lenient),
                    TokenRejection.MALFORMED));
        }
        String header = "{\"alg\":\"RS256\",\"kid\":\"a-rsa\"}";
        byte[] utf8 = ("{" + BASE + "}").getBytes(StandardCharsets.UTF_8);
        attacks.add(new Attack("byte order mark before the payload", token("RS256", header,
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8), rsa(KEY_A)), TokenRejection.MALFORMED));
        attacks.add(new Attack("invalid UTF-8 in a claim", token("RS256", header, concat(("{" + BASE + ",\"s\":\"")
                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, '"', '}'}), rsa(KEY_A)),
                TokenRejection.MALFORMED));
        attacks.add(new Attack("overlong UTF-8 for a slash", token("RS256", header, concat(("{" + BASE + ",\"s\":\"")
                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF, '"', '}'}), rsa(KEY_A)),
                TokenRejection.MALFORMED));
        attacks.add(new Attack("UTF-16 payload", token("RS256", header, ("{" + BASE + "}").getBytes(
                StandardCharsets.UTF_16), rsa(KEY_A)), TokenRejection.MALFORMED));

        // size and encoding
        attacks.add(new Attack("oversized token", signedA(with(claims, "roles", List.of("x".repeat(16 * 1024)))),
                TokenRejection.TOO_LARGE));
        attacks.add(new Attack("base64 padding", validParts[0] + "==." + validParts[1] + "." + validParts[2],
                TokenRejection.MALFORMED));
        attacks.add(new Attack("standard base64 alphabet: +", validParts[0] + "." + validParts[1] + ".+"
                + validParts[2].substring(1), TokenRejection.MALFORMED));
        attacks.add(new Attack("standard base64 alphabet: /", validParts[0] + "." + validParts[1] + "./"
                + validParts[2].substring(1), TokenRejection.MALFORMED));
        attacks.add(new Attack("non-canonical last base64 character", nonCanonical(valid), TokenRejection.MALFORMED));
        attacks.add(new Attack("impossible base64 length", validParts[0] + "." + validParts[1] + "A." + validParts[2],
                TokenRejection.MALFORMED));
        attacks.add(new Attack("whitespace around the token", " " + valid, TokenRejection.MALFORMED));
        attacks.add(new Attack("two parts", validParts[0] + "." + validParts[1], TokenRejection.MALFORMED));
        attacks.add(new Attack("four parts", valid + "." + validParts[2], TokenRejection.MALFORMED));
        attacks.add(new Attack("only dots", "..", TokenRejection.MALFORMED));
        attacks.add(new Attack("empty", "", TokenRejection.MALFORMED));
        attacks.add(new Attack("non-ASCII in the signature", valid + "\u00e9", TokenRejection.MALFORMED));
        return attacks.stream();
    }

    // --- building blocks -------------------------------------------------------------------------------------------

    /** Valid claims of issuer A, as a mutable copy. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER_A);
        claims.put("sub", "user-1");
        claims.put("aud", AUDIENCE);
        claims.put("exp", EXP);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("typ", "Bearer");
        claims.put("realm_access", Map.of("roles", List.of("developer")));
        return claims;
    }

    /** The required claims of issuer A as JSON members, for hand-written payloads. */
    static final String BASE = "\"iss\":\"" + ISSUER_A + "\",\"sub\":\"user-1\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + EXP;

    static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.remove(name);
        return copy;
    }

    static String signedA(Map<String, Object> claims) {
        return token("RS256", "a-rsa", claims, rsa(KEY_A));
    }

    /** A payload written by hand, signed by issuer A's key. */
    static String rawA(String payloadJson) {
        return token("RS256", "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"a-rsa\"}", payloadJson, rsa(KEY_A));
    }

    /** A header written by hand over valid claims, signed by issuer A's key. */
    static String header(String headerJson) {
        return token("RS256", headerJson, json(claims()), rsa(KEY_A));
    }

    static TokenRejection rejection(String token) {
        return TestTokens.rejectionOf(verifier, token);
    }

    /** The longest token of issuer A (padded with a long role) that fits in the limit, at most 3 bytes short. */
    static String largestTokenWithin(int limit) {
        int low = 0;
        int high = limit;
        String best = null;
        while (low <= high) {
            int padding = (low + high) >>> 1;
            String token = signedA(with(claims(), "roles", List.of("x".repeat(padding))));
            if (token.length() <= limit) {
                best = token;
                low = padding + 1;
            } else {
                high = padding - 1;
            }
        }
        if (best == null || best.length() < limit - 3) {
            throw new IllegalStateException("no token close to " + limit + " bytes");
        }
        return best;
    }

    private static String jwe(Map<String, Object> claims) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                    .keyID("a-rsa").build(), new Payload(json(claims)));
            jwe.encrypt(new RSAEncrypter(KEY_A.toRSAPublicKey()));
            return jwe.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its signature's last character changed to another encoding of the same bytes. */
    private static String nonCanonical(String token) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        if (signature.length() % 4 == 0) {
            throw new IllegalStateException("an RSA-2048 signature has unused bits in its last character");
        }
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char twin = alphabet.charAt(alphabet.indexOf(last) | 1); // sets an unused low bit
        return token.substring(0, token.length() - 1) + twin;
    }

    private static byte[] publicKeyBytes(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : "..." + text.substring(text.length() - 37);
    }

    private static JwksServer start(com.nimbusds.jose.jwk.JWK... keys) {
        try {
            return new JwksServer(keys);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
