package ai.codemie.auth.token;

import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the local issuer's RSA keys from files: PEM ({@code PUBLIC KEY}, {@code RSA PUBLIC KEY},
 * {@code CERTIFICATE}, {@code PRIVATE KEY}, {@code RSA PRIVATE KEY}) or JSON (a JWK or a JWK set). A key without a
 * {@code kid} gets its RFC 7638 thumbprint, so every replica reading the same file names the key the same way.
 */
final class LocalKeys {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** DER AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private LocalKeys() {
    }

    /** The public RSA keys in the file. */
    static List<RSAKey> readPublicKeys(Path file, String setting) {
        String text = read(file, setting);
        List<RSAKey> keys = new ArrayList<>();
        try {
            if (isJson(text)) {
                for (JWK jwk : parseJwks(text)) {
                    keys.add(withDefaults(rsa(jwk, file, setting).toPublicJWK(), file, setting));
                }
            } else {
                for (PemBlock block : pemBlocks(text, file, setting)) {
                    keys.add(withDefaults(new RSAKey.Builder(publicKey(block)).build(), file, setting));
                }
            }
        } catch (ParseException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(setting, "'" + file + "' holds no usable RSA public key: "
                    + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(setting, "'" + file + "' holds no key");
        }
        return keys;
    }

    /** The one RSA private key in the file, with its public half. */
    static RSAKey readPrivateKey(Path file, String setting) {
        String text = read(file, setting);
        List<RSAKey> keys = new ArrayList<>();
        try {
            if (isJson(text)) {
                for (JWK jwk : parseJwks(text)) {
                    if (jwk.isPrivate()) {
                        keys.add(rsa(jwk, file, setting));
                    }
                }
            } else {
                for (PemBlock block : pemBlocks(text, file, setting)) {
                    RSAPrivateCrtKey key = privateKey(block);
                    RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                            .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
                    keys.add(new RSAKey.Builder(publicKey).privateKey(key).build());
                }
            }
        } catch (ParseException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(setting, "'" + file + "' holds no usable RSA private key: "
                    + e.getMessage(), e);
        }
        if (keys.size() != 1) {
            throw new InvalidConfigurationException(setting, "'" + file + "' must hold exactly one RSA private key, "
                    + "found " + keys.size());
        }
        return withDefaults(keys.get(0), file, setting);
    }

    /** A fresh 2048-bit key, for the development switch only. */
    static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(IssuerKeys.MIN_RSA_BITS);
            var pair = generator.generateKeyPair();
            return withDefaults(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .build(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    private static RSAKey withDefaults(RSAKey key, Path file, String setting) {
        if (key.size() < IssuerKeys.MIN_RSA_BITS) {
            throw new InvalidConfigurationException(setting, "'" + file + "' holds an RSA key of " + key.size()
                    + " bits; at least " + IssuerKeys.MIN_RSA_BITS + " are required");
        }
        try {
            RSAKey.Builder builder = new RSAKey.Builder(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
            return (key.getKeyID() == null ? builder.keyIDFromThumbprint() : builder).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static RSAKey rsa(JWK jwk, Path file, String setting) {
        if (!(jwk instanceof RSAKey rsa)) {
            throw new InvalidConfigurationException(setting, "'" + file + "' holds a " + jwk.getKeyType()
                    + " key; local tokens are RS256");
        }
        return rsa;
    }

    private static boolean isJson(String text) {
        return text.strip().startsWith("{");
    }

    private static List<JWK> parseJwks(String json) throws ParseException {
        Map<String, Object> object = JSONObjectUtils.parse(json);
        return object.containsKey("keys") ? JWKSet.parse(object).getKeys() : List.of(JWK.parse(object));
    }

    private static RSAPublicKey publicKey(PemBlock block) throws GeneralSecurityException {
        PublicKey key = switch (block.type()) {
            case "PUBLIC KEY" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(block.der()));
            case "RSA PUBLIC KEY" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    der(0x30, RSA_ALGORITHM, der(0x03, new byte[] {0}, block.der()))));
            case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der())).getPublicKey();
            default -> throw new GeneralSecurityException("a PEM " + block.type() + " is not a public key");
        };
        if (key instanceof RSAPublicKey rsa) {
            return rsa;
        }
        throw new GeneralSecurityException("a " + key.getAlgorithm() + " key is not an RSA key");
    }

    private static RSAPrivateCrtKey privateKey(PemBlock block) throws GeneralSecurityException {
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> der(0x30, new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, der(0x04, block.der()));
            default -> throw new GeneralSecurityException("a PEM " + block.type()
                    + " is not an unencrypted private key");
        };
        if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8))
                instanceof RSAPrivateCrtKey key) {
            return key;
        }
        throw new GeneralSecurityException("the private key lacks its public exponent");
    }

    private static List<PemBlock> pemBlocks(String text, Path file, String setting) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(setting, "'" + file + "' has a PEM block that is not base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidConfigurationException(setting, "'" + file + "' is neither PEM nor a JWK (set)");
        }
        return blocks;
    }

    /** A DER element with the tag and the concatenated contents. */
    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException(setting, "cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    private record PemBlock(String type, byte[] der) {
    }
}
