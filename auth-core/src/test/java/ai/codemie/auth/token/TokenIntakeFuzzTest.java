package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.ec;
import static ai.codemie.auth.token.TestTokens.hmac;
import static ai.codemie.auth.token.TestTokens.jdkRs256;
import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.Problem;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes the whole token verifier with a fixed set of keys (no network): whatever comes in, the only outcomes are a
 * {@link TokenRejectedException} or a verified token, and a verified token is one this test signed with a key the
 * token's issuer really holds, as the JDK's own signature check confirms on the exact bytes.
 *
 * <p>An input is either the token text itself, or a recipe: {@code #}, a signer, a mutation, its position and its
 * character (one byte each), then the header JSON, a newline and the payload JSON. The test encodes the recipe's
 * header and payload as they are (any bytes), signs them with the signer, then applies the mutation to the token.
 * Signers: {@code r} RS256, {@code p} PS256, {@code e} ES256, {@code d} EdDSA with issuer A's keys; {@code b} RS256
 * with issuer B's kid-less key; {@code h} HS256 with the HMAC issuer's secret; attacks: {@code w} RS256 with A's
 * 1024-bit key, {@code a} RS256 with an attacker's key, {@code k} HS256 keyed with A's RSA public key,
 * {@code n} no signature. Mutations: {@code -} none, {@code c} set a character, {@code i} insert one, {@code x}
 * delete one, {@code t} truncate, {@code s} drop the signature, {@code =} pad the signature, {@code j} add two parts,
 * {@code w} swap header and payload.
 */
class TokenIntakeFuzzTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration LEEWAY = Duration.ofSeconds(30);
    static final String ISSUER_A = "https://idp-a.example";
    static final String ISSUER_B = "https://idp-b.example";
    static final String ISSUER_HMAC = "https://hmac.example";
    static final String AUDIENCE = "codemie";

    static final RSAKey RSA_A = TestTokens.rsaKey("rsa");
    static final ECKey EC_A = TestTokens.ecKey("ec");
    static final TestTokens.EdKey ED_A = TestTokens.EdKey.generate("ed");
    static final RSAKey WEAK_A = TestTokens.weakRsaKey("weak", 1024);
    static final RSAKey RSA_B = TestTokens.rsaKey(null);
    static final RSAKey ATTACKER = TestTokens.rsaKey("rsa");
    static final byte[] SECRET = randomSecret();

    /** Who signs a recipe's token, with which algorithm. */
    private record Signing(String algorithm, TestTokens.Signer signer) {
    }

    private static final Map<Character, Signing> SIGNINGS = Map.of(
            'r', new Signing("RS256", rsa(RSA_A)),
            'p', new Signing("PS256", rsa(RSA_A)),
            'e', new Signing("ES256", ec(EC_A)),
            'd', new Signing("EdDSA", ED_A.signer()),
            'b', new Signing("RS256", rsa(RSA_B)),
            'h', new Signing("HS256", hmac(SECRET)),
            'w', new Signing("RS256", jdkRs256(WEAK_A)),
            'a', new Signing("RS256", rsa(ATTACKER)),
            'k', new Signing("HS256", hmac(publicKey(RSA_A).getEncoded())),
            'n', new Signing("none", unsigned()));

    /** The keys each issuer really holds, as the JDK sees them: the weak key is published but must never count. */
    private static final Map<String, List<PublicKey>> GENUINE_KEYS = Map.of(
            ISSUER_A, List.of(publicKey(RSA_A), publicKey(EC_A), ED_A.pair().getPublic()),
            ISSUER_B, List.of(publicKey(RSA_B)),
            ISSUER_HMAC, List.of());

    private static final JwtTokenVerifier VERIFIER = new JwtTokenVerifier(Map.of(
            ISSUER_A, issuer(new TrustedIssuer(ISSUER_A, AUDIENCE, URI.create(ISSUER_A + "/jwks"), null, null,
                    ClaimPreset.KEYCLOAK, null, null, null, null),
                    RSA_A.toPublicJWK(), EC_A.toPublicJWK(), ED_A.jwk(), WEAK_A.toPublicJWK()),
            ISSUER_B, issuer(new TrustedIssuer(ISSUER_B, null, URI.create(ISSUER_B + "/jwks"), null,
                    List.of("RS256", "ES256"), ClaimPreset.KEYCLOAK, null, null, null, null), RSA_B.toPublicJWK()),
            ISSUER_HMAC, new JwtTokenVerifier.Issuer(new TrustedIssuer(ISSUER_HMAC, null, null, null,
                    List.of("HS256"), ClaimPreset.OIDC, null, null, null, new String(SECRET, StandardCharsets.UTF_8)),
                    new IssuerKeys(ISSUER_HMAC, null, macVerifier()))),
            Clock.fixed(NOW, ZoneOffset.UTC), LEEWAY, 16 * 1024, 0, 64L * 1024 * 1024, null);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"alg\":\"RS256\"", "\"alg\":\"PS256\"", "\"alg\":\"ES256\"", "\"alg\":\"EdDSA\"",
        "\"alg\":\"HS256\"", "\"alg\":\"none\"", "\"kid\":\"rsa\"", "\"kid\":\"ec\"", "\"kid\":\"ed\"",
        "\"kid\":\"weak\"", "\"typ\":\"JWT\"", "\"typ\":\"at+jwt\"", "\"typ\":\"Bearer\"", "\"crit\"", "\"jku\"",
        "\"jwk\"", "\"x5c\"", "\"zip\"", "\"b64\"", "\"enc\"", "\"cty\"", "\"iss\":\"" + ISSUER_A + "\"",
        "\"iss\":\"" + ISSUER_B + "\"", "\"iss\":\"" + ISSUER_HMAC + "\"", "\"aud\":\"codemie\"", "\"sub\":",
        "\"exp\":1772366700", "\"nbf\":", "\"iat\":"})
    void acceptsOnlyTokensSignedWithTheIssuersKeys(byte[] input) {
        Recipe recipe = Recipe.read(input);
        String signed = recipe == null ? null : recipe.sign();
        String token = recipe == null ? new String(input, StandardCharsets.UTF_8) : recipe.mutate(signed);

        VerifiedToken verified;
        try {
            verified = VERIFIER.verify(token);
        } catch (TokenRejectedException rejected) {
            assertRefusedCleanly(rejected, token);
            return;
        }
        if (!token.equals(signed)) {
            fail("accepted a token this test never signed: " + token);
        }
        assertGenuine(token, verified);
    }

    /** A 401 whose message never quotes the token. */
    private static void assertRefusedCleanly(TokenRejectedException rejected, String token) {
        assertThat(rejected.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
        assertThat(rejected.problem().reason()).isEqualTo(rejected.rejection().code());
        for (String part : token.split("\\.")) {
            if (part.length() >= 16) {
                assertThat(rejected.getMessage()).doesNotContain(part);
            }
        }
    }

    /** Checks a verified token independently of the verifier: its signature, header and claims. */
    private static void assertGenuine(String token, VerifiedToken verified) {
        String issuer = verified.issuer().issuer();
        String[] parts = token.split("\\.", -1);
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        String algorithm = (String) header.get("alg");
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);

        assertThat(verifiesWithJdk(issuer, algorithm, signingInput, signature))
                .as("the JDK confirms the signature with a key of %s", issuer).isTrue();
        assertThat(verified.issuer().algorithms()).contains(algorithm);
        assertThat(header).doesNotContainKeys("crit", "b64", "zip", "enc", "cty");
        assertThat(verified.claims()).isEqualTo(claims);
        assertThat(claims.get("iss")).isEqualTo(issuer);
        assertThat(claims.get("sub")).isInstanceOfSatisfying(String.class, sub -> assertThat(sub).isNotEmpty());
        assertThat(claims.get("typ")).isIn(null, "Bearer");
        long now = NOW.toEpochMilli();
        long leeway = LEEWAY.toMillis();
        assertThat(millis(claims.get("exp"))).isGreaterThan(BigDecimal.valueOf(now - leeway));
        for (String notInFuture : List.of("nbf", "iat")) {
            if (claims.get(notInFuture) != null) {
                assertThat(millis(claims.get(notInFuture))).isLessThan(BigDecimal.valueOf(now + leeway + 1));
            }
        }
        if (verified.issuer().audience() != null) {
            Object aud = claims.get("aud");
            assertThat(aud instanceof List<?> list ? list : List.of(aud)).contains(verified.issuer().audience());
        }
    }

    private static BigDecimal millis(Object seconds) {
        assertThat(seconds).isInstanceOf(Number.class);
        return new BigDecimal(seconds.toString()).movePointRight(3);
    }

    /** The JDK's verdict on the signature, with every genuine key of the issuer that fits the algorithm. */
    private static boolean verifiesWithJdk(String issuer, String algorithm, byte[] input, byte[] signature) {
        try {
            if (algorithm.equals("HS256")) {
                if (!issuer.equals(ISSUER_HMAC)) {
                    return false;
                }
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
                return MessageDigest.isEqual(mac.doFinal(input), signature);
            }
            for (PublicKey key : GENUINE_KEYS.get(issuer)) {
                Signature jdk = switch (algorithm) {
                    case "RS256" -> Signature.getInstance("SHA256withRSA");
                    case "PS256" -> pss();
                    case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                    case "EdDSA" -> Signature.getInstance("Ed25519");
                    default -> null;
                };
                if (jdk == null) {
                    return false;
                }
                try {
                    jdk.initVerify(key);
                } catch (java.security.InvalidKeyException wrongKeyType) {
                    continue;
                }
                jdk.update(input);
                if (jdk.verify(signature)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Signature pss() throws GeneralSecurityException {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return pss;
    }

    private static Map<String, Object> json(String part) {
        try {
            return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new AssertionError("verified, yet nimbus cannot read the part", e);
        }
    }

    /** Tokens signed so far, by signer, header and payload: signing costs most of an execution, so reuse them. */
    private static final Map<String, String> SIGNED = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 1024;
        }
    };

    /** A token to sign and mutate, read from a fuzz input that starts with '#'. */
    private record Recipe(String key, Signing signing, char mutation, int position, char character, byte[] header,
                          byte[] payload) {

        static Recipe read(byte[] input) {
            if (input.length < 5 || input[0] != '#' || !SIGNINGS.containsKey((char) input[1])) {
                return null;
            }
            int newline = 5;
            while (newline < input.length && input[newline] != '\n') {
                newline++;
            }
            String key = (char) input[1] + new String(input, 5, input.length - 5, StandardCharsets.ISO_8859_1);
            return new Recipe(key, SIGNINGS.get((char) input[1]), (char) input[2], input[3] & 0xff,
                    (char) (input[4] & 0xff), Arrays.copyOfRange(input, 5, newline),
                    newline < input.length ? Arrays.copyOfRange(input, newline + 1, input.length) : new byte[0]);
        }

        String sign() {
            return SIGNED.computeIfAbsent(key,
                    k -> TestTokens.token(signing.algorithm(), header, payload, signing.signer()));
        }

        String mutate(String token) {
            int at = position * (token.length() + 1) / 256;
            int lastDot = token.lastIndexOf('.');
            return switch (mutation) {
                case 'c' -> at < token.length() ? token.substring(0, at) + character + token.substring(at + 1) : token;
                case 'i' -> token.substring(0, at) + character + token.substring(at);
                case 'x' -> at < token.length() ? token.substring(0, at) + token.substring(at + 1) : token;
                case 't' -> token.substring(0, at);
                case 's' -> token.substring(0, lastDot + 1);
                case '=' -> token + "=";
                case 'j' -> token + ".AAAA.AAAA";
                case 'w' -> {
                    String[] parts = token.split("\\.", -1);
                    yield parts[1] + "." + parts[0] + "." + parts[2];
                }
                default -> token;
            };
        }
    }

    private static JwtTokenVerifier.Issuer issuer(TrustedIssuer trusted, JWK... keys) {
        return new JwtTokenVerifier.Issuer(trusted,
                new IssuerKeys(trusted.issuer(), new StaticKeySource(List.of(keys)), null));
    }

    private static MACVerifier macVerifier() {
        try {
            return new MACVerifier(SECRET);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKey(JWK key) {
        try {
            return key instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) key).toPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh secret of 32 printable bytes: the issuer's configuration holds it as text. */
    private static byte[] randomSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encode(random);
    }
}
