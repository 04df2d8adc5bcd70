package ai.codemie.auth.token;

import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.IssuerKeysStatus;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks signatures with one issuer's keys: public keys from its {@link KeySource}, HMAC only with its configured
 * shared secret. Keys are looked up by the header's {@code kid} and {@code alg} only; {@code jku}, {@code x5u},
 * {@code jwk} and {@code x5c} never reach this class. A signature that is not exactly as long as its algorithm's
 * signatures are is refused before any verification: some verifiers ignore extra bytes (the JDK 17 Ed25519 one
 * ignores appended zero bytes), which would let a second text of a token be accepted as the same token.
 */
final class IssuerKeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);

    /** Shorter RSA keys are refused (NIST SP 800-131A). */
    static final int MIN_RSA_BITS = 2048;

    private final String issuer;
    private final KeySource publicKeys;
    private final JWSVerifier secretVerifier;
    // a verifier per key object of the current key set: building one converts the key, so do it once
    private final Cache<JWK, Optional<KeyVerifier>> verifiers = Caffeine.newBuilder()
            .weakKeys().maximumSize(256).build();
    // the header and key matcher of each algorithm and key id seen, built once: tokens of one issuer name few keys;
    // bounded, as the key id is read before the signature is checked
    private final Cache<KeyQuery.Name, KeyQuery> queries = Caffeine.newBuilder().maximumSize(64).build();

    /**
     * @param publicKeys     the issuer's public keys, or null when it signs with a shared secret only
     * @param secretVerifier the verifier of its shared secret, or null
     */
    IssuerKeys(String issuer, KeySource publicKeys, JWSVerifier secretVerifier) {
        this.issuer = issuer;
        this.publicKeys = publicKeys;
        this.secretVerifier = secretVerifier;
    }

    /**
     * Returns if a key of the issuer verifies the signature, throws the reason otherwise.
     *
     * @param algorithm the header's {@code alg}, one the issuer accepts
     * @param keyId     the header's {@code kid}, or null
     */
    void verify(String algorithm, String keyId, byte[] signingInput, DecodedSignature signature) {
        KeyQuery.Name name = new KeyQuery.Name(algorithm, keyId);
        KeyQuery query = queries.getIfPresent(name);
        if (query == null) {
            query = queries.get(name, KeyQuery::of);
        }
        verify(query, signingInput, signature);
    }

    private void verify(KeyQuery query, byte[] signingInput, DecodedSignature signature) {
        JWSHeader header = query.header();
        JWSAlgorithm algorithm = header.getAlgorithm();
        int signatureLength = signature.length();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            if (secretVerifier == null) {
                throw new TokenRejectedException(TokenRejection.UNSUPPORTED_ALGORITHM);
            }
            if (signatureLength != signatureLength(algorithm, -1)
                    || !verifies(secretVerifier, header, signingInput, signature)) {
                throw new TokenRejectedException(TokenRejection.BAD_SIGNATURE);
            }
            return;
        }
        if (publicKeys == null) {
            throw new TokenRejectedException(TokenRejection.UNKNOWN_KEY);
        }
        boolean tried = false;
        boolean weak = false;
        for (JWK jwk : publicKeys.select(query.matcher())) {
            Optional<KeyVerifier> verifier = verifiers.get(jwk, this::verifierFor);
            if (verifier.isEmpty()) {
                weak |= jwk instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS;
                continue;
            }
            if (signatureLength == signatureLength(algorithm, verifier.get().rsaModulusBytes())
                    && verifies(verifier.get().verifier(), header, signingInput, signature)) {
                return;
            }
            tried = true;
        }
        throw new TokenRejectedException(!tried && weak ? TokenRejection.WEAK_KEY : TokenRejection.BAD_SIGNATURE);
    }

    IssuerKeysStatus status() {
        return publicKeys == null ? new IssuerKeysStatus(issuer, false, true, true, 0) : publicKeys.status(issuer);
    }

    void observeWith(AuthObserver observer) {
        if (publicKeys != null) {
            publicKeys.observeWith(observer);
        }
    }

    void warmUp() {
        if (publicKeys != null) {
            publicKeys.warmUp();
        }
    }

    @Override
    public void close() {
        if (publicKeys != null) {
            publicKeys.close();
        }
    }

    /**
     * The length in bytes of every signature of the algorithm (RFC 7518 section 3, RFC 8037 section 3.1): the
     * modulus length of the RSA key for RS* and PS*, R and S of the curve's size side by side for ES*, 64 for
     * Ed25519, the hash length for HS*; -1, which no signature has, for anything else.
     *
     * @param rsaModulusBytes the modulus length of the RSA key the signature is checked with, -1 for any other key
     *                        or HMAC
     */
    static int signatureLength(JWSAlgorithm algorithm, int rsaModulusBytes) {
        return switch (algorithm.getName()) {
            case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> rsaModulusBytes;
            case "ES256" -> 64;
            case "ES384" -> 96;
            case "ES512" -> 132;
            case "EdDSA", "Ed25519" -> JdkEd25519Verifier.SIGNATURE_LENGTH;
            case "HS256" -> 32;
            case "HS384" -> 48;
            case "HS512" -> 64;
            default -> -1;
        };
    }

    /** The length in bytes of the RSA key's modulus, which is that of its signatures. */
    private static int modulusBytes(RSAKey rsa) {
        return (rsa.getModulus().decodeToBigInteger().bitLength() + 7) / 8;
    }

    /**
     * A key's verifier beside its modulus length, computed once with the verifier (decoding the modulus on every
     * check cost about as much as parsing the payload).
     *
     * @param rsaModulusBytes the modulus length of an RSA key, -1 for any other key
     */
    private record KeyVerifier(JWSVerifier verifier, int rsaModulusBytes) {
    }

    /**
     * What a verification asks of the key set for one {@code alg} and {@code kid}: the header handed to the
     * verifier, which carries only these two (never {@code jku}, {@code x5u}, {@code jwk} or {@code x5c}, which must
     * not choose a key), and the matcher of the keys that may have made the signature.
     */
    private record KeyQuery(JWSHeader header, JWKMatcher matcher) {

        /** The cache key: the header's {@code alg} and {@code kid} (null when absent). */
        record Name(String algorithm, String keyId) {
        }

        static KeyQuery of(Name name) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.algorithm());
            JWSHeader header = new JWSHeader.Builder(algorithm).keyID(name.keyId()).build();
            Set<Curve> curves = Curve.forJWSAlgorithm(algorithm);
            JWKMatcher matcher = new JWKMatcher.Builder()
                    .keyType(KeyType.forAlgorithm(algorithm))
                    .keyID(name.keyId())
                    .keyUses(KeyUse.SIGNATURE, null)
                    .algorithms(algorithm, null)
                    .curves(curves)
                    .build();
            return new KeyQuery(header, matcher);
        }
    }

    private Optional<KeyVerifier> verifierFor(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa) {
                if (rsa.size() < MIN_RSA_BITS) {
                    LOG.warn("Issuer '{}' publishes RSA key '{}' of {} bits; keys under {} bits are refused", issuer,
                            jwk.getKeyID(), rsa.size(), MIN_RSA_BITS);
                    return Optional.empty();
                }
                return Optional.of(new KeyVerifier(new RSASSAVerifier(rsa), modulusBytes(rsa)));
            }
            if (jwk instanceof ECKey ec) {
                return Optional.of(new KeyVerifier(new ECDSAVerifier(ec), -1));
            }
            if (jwk instanceof OctetKeyPair okp) {
                return Optional.of(new KeyVerifier(new JdkEd25519Verifier(okp), -1));
            }
        } catch (JOSEException e) {
            LOG.warn("Issuer '{}' publishes key '{}' that cannot verify signatures: {}", issuer, jwk.getKeyID(),
                    e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean verifies(JWSVerifier verifier, JWSHeader header, byte[] signingInput, Base64URL signature) {
        try {
            return verifier.verify(header, signingInput, signature);
        } catch (JOSEException e) {
            return false; // the verifier could not check it at all: not a valid signature
        }
    }
}
