package ai.codemie.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * EdDSA (Ed25519) verification with the JDK's own implementation: nimbus' {@code Ed25519Verifier} needs Google
 * Tink, which auth-core may not depend on. Only signatures of exactly {@value #SIGNATURE_LENGTH} bytes can verify:
 * the JDK 17 implementation ignores zero bytes appended to a valid signature.
 */
final class JdkEd25519Verifier implements JWSVerifier {

    /** The length of every Ed25519 signature (RFC 8032 section 5.1.6). */
    static final int SIGNATURE_LENGTH = 64;

    /** DER SubjectPublicKeyInfo header of an Ed25519 key (OID 1.3.101.112); the 32 raw key bytes follow. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey key;
    private final JCAContext jcaContext = new JCAContext();

    JdkEd25519Verifier(OctetKeyPair jwk) throws JOSEException {
        byte[] x = jwk.getX().decode();
        if (!Curve.Ed25519.equals(jwk.getCurve()) || x.length != 32) {
            throw new JOSEException("not an Ed25519 public key");
        }
        byte[] spki = new byte[SPKI_PREFIX.length + x.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, SPKI_PREFIX.length, x.length);
        try {
            this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 public key", e);
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
        byte[] bytes = signature.decode();
        if (bytes.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedContent);
            return verifier.verify(bytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
