package ai.codemie.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keys and hand-made tokens for the tests: any header and payload text, signed by any key. */
public final class TestTokens {

    private TestTokens() {
    }

    /** Signs the bytes of a signing input. */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(String algorithm, byte[] signingInput) throws Exception;
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA key shorter than nimbus' generator allows. */
    static RSAKey weakRsaKey(String kid, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(kid).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key pair: the JWK (public) and the JDK private key to sign with. */
    record EdKey(OctetKeyPair jwk, KeyPair pair) {
        static EdKey generate(String kid) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] encoded = pair.getPublic().getEncoded(); // SPKI: 12 header bytes, then the 32 key bytes
                byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
                return new EdKey(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid)
                        .keyUse(KeyUse.SIGNATURE).build(), pair);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Signer signer() {
            return (algorithm, input) -> {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(pair.getPrivate());
                signature.update(input);
                return signature.sign();
            };
        }
    }

    public static Signer rsa(RSAKey key) {
        return nimbus(() -> new RSASSASigner(key));
    }

    static Signer ec(ECKey key) {
        return nimbus(() -> new ECDSASigner(key));
    }

    static Signer hmac(byte[] secret) {
        return nimbus(() -> new MACSigner(secret));
    }

    /** RS256 with the JDK, which (unlike nimbus' signer) also signs with keys under 2048 bits. */
    static Signer jdkRs256(RSAKey key) {
        return (algorithm, input) -> {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.toPrivateKey());
            signature.update(input);
            return signature.sign();
        };
    }

    /** No signature at all (for alg none). */
    static Signer unsigned() {
        return (algorithm, input) -> new byte[0];
    }

    /** A fixed signature, whatever the input. */
    static Signer fixed(byte[] signature) {
        return (algorithm, input) -> signature;
    }

    private interface SignerFactory {
        JWSSigner create() throws JOSEException;
    }

    private static Signer nimbus(SignerFactory factory) {
        return (algorithm, input) -> factory.create()
                .sign(new JWSHeader(JWSAlgorithm.parse(algorithm)), input).decode();
    }

    /** A compact token from raw header and payload JSON text; the signer gets the header's algorithm. */
    static String token(String algorithm, String headerJson, String payloadJson, Signer signer) {
        return token(algorithm, headerJson, payloadJson.getBytes(StandardCharsets.UTF_8), signer);
    }

    /** A compact token whose payload is any bytes (not necessarily UTF-8). */
    static String token(String algorithm, String headerJson, byte[] payload, Signer signer) {
        return token(algorithm, headerJson.getBytes(StandardCharsets.UTF_8), payload, signer);
    }

    /** A compact token whose header and payload are any bytes. */
    static String token(String algorithm, byte[] header, byte[] payload, Signer signer) {
        String input = b64(header) + "." + b64(payload);
        try {
            byte[] signature = signer.sign(algorithm, input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64URL.encode(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with a standard header (alg, typ JWT, kid when not null). */
    public static String token(String algorithm, String kid, Map<String, Object> claims, Signer signer) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("typ", "JWT");
        if (kid != null) {
            header.put("kid", kid);
        }
        return token(algorithm, json(header), json(claims), signer);
    }

    /** Why the verifier refuses the token; fails the test if it accepts it or throws anything else. */
    public static TokenRejection rejectionOf(TokenVerifier verifier, String token) {
        TokenRejectedException rejected = org.assertj.core.api.Assertions.catchThrowableOfType(
                TokenRejectedException.class, () -> verifier.verify(token));
        org.assertj.core.api.Assertions.assertThat(rejected).as("rejection").isNotNull();
        return rejected.rejection();
    }

    static String json(Map<String, Object> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }
}
