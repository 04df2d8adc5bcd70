package ai.codemie.auth.test;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.resolve.PermissionResolvers;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trusted token issuer for tests: an in-process RSA key whose public half is served as a JWKS (and an OpenID
 * discovery document) on a loopback port, and a fluent minter for tokens with any claims. Settings built from it
 * trust exactly this issuer. Close it to stop the server.
 *
 * <pre>{@code
 * try (TestTokens tokens = TestTokens.start()) {
 *     String token = tokens.forUser("alice").roles("developer").applications("proj-a").sign();
 *     AuthSettings settings = tokens.settings();
 * }
 * }</pre>
 */
public final class TestTokens implements AutoCloseable {

    /** The audience of minted tokens and of the trusted issuer. */
    public static final String AUDIENCE = "codemie";
    /** The issuer's path under the server's address, in Keycloak's shape. */
    public static final String REALM_PATH = "/realms/codemie-test";

    private final RSAKey signingKey;
    private final RSAKey untrustedKey;
    private final JwksServer server;
    private final String issuer;
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    private TestTokens(RSAKey signingKey, RSAKey untrustedKey) {
        this.signingKey = signingKey;
        this.untrustedKey = untrustedKey;
        this.server = JwksServer.start(REALM_PATH, REALM_PATH + "/protocol/openid-connect/certs", signingKey);
        this.issuer = server.uri(REALM_PATH).toString();
    }

    /** Generates a 2048-bit RSA key and starts serving its JWKS on a free loopback port. */
    public static TestTokens start() {
        RSAKey trusted = generateKey(UUID.randomUUID().toString());
        return new TestTokens(trusted, generateKey(trusted.getKeyID()));
    }

    /** The {@code iss} of minted tokens. */
    public String issuer() {
        return issuer;
    }

    /** Where the public key is served. */
    public URI jwksUri() {
        return server.jwksUri();
    }

    /** The issuer's OpenID discovery document, which names {@link #jwksUri()}. */
    public URI discoveryUri() {
        return server.uri(REALM_PATH + JwksServer.DISCOVERY_PATH);
    }

    /** The signing key, private half included, for tests that sign tokens themselves. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** An issuer entry that trusts this kit's key, with the Keycloak claim preset and the {@link #AUDIENCE}. */
    public TrustedIssuer trustedIssuer() {
        return TrustedIssuer.withJwks(issuer, AUDIENCE, jwksUri(), ClaimPreset.KEYCLOAK);
    }

    /** A settings builder with the defaults and this issuer trusted; add what the test needs and build. */
    public AuthSettings.Builder settingsBuilder() {
        return AuthSettings.builder().addTrustedIssuer(trustedIssuer());
    }

    /** The default settings with this issuer trusted. */
    public AuthSettings settings() {
        return settingsBuilder().build();
    }

    /** The value of {@code JWKS_TRUSTED_ISSUERS} that trusts this issuer, for services configured by environment. */
    public String trustedIssuersJson() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("issuer", issuer);
        entry.put("audience", AUDIENCE);
        entry.put("jwks_uri", jwksUri().toString());
        return JSONArrayUtils.toJSONString(List.of(entry));
    }

    /** A Keycloak-managed {@link CodemieAuth} with the default settings and the library's verifier trusting this issuer. */
    public CodemieAuth codemieAuth() {
        return codemieAuth(settings(), null);
    }

    /**
     * A {@link CodemieAuth} with the settings (which should trust this issuer, see {@link #settingsBuilder()}) and
     * the library's verifier; in platform-managed mode its resolver reads the store. Verifier and resolver are closed
     * with this object.
     *
     * @param store the user store of platform-managed mode, or null in Keycloak-managed mode
     */
    public CodemieAuth codemieAuth(AuthSettings settings, UserStore store) {
        JwtTokenVerifier verifier = TokenVerifiers.create(settings);
        resources.add(verifier);
        PermissionResolver resolver = PermissionResolvers.forMode(settings, () -> store, Clock.systemUTC());
        if (resolver instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        return CodemieAuth.builder(settings).tokenVerifier(verifier).permissionResolver(resolver).userStore(store)
                .build();
    }

    /** The signing key as PEM files, as an operator gives a local issuer its key. */
    public record KeyFiles(Path privateKey, Path publicKey) {

        /**
         * The settings naming the files, by the platform's environment names:
         * {@code CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE} and {@code CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE}, each only when
         * asked for.
         */
        public Map<String, String> settings(boolean withPublicKey, boolean withPrivateKey) {
            Map<String, String> settings = new LinkedHashMap<>();
            if (withPublicKey) {
                settings.put(AuthSettings.LOCAL_PUBLIC_KEY_FILE.name(), publicKey.toString());
            }
            if (withPrivateKey) {
                settings.put(AuthSettings.LOCAL_PRIVATE_KEY_FILE.name(), privateKey.toString());
            }
            return settings;
        }
    }

    /**
     * Writes the signing key into the directory as {@code private.pem} (PKCS#8) and {@code public.pem}
     * (SubjectPublicKeyInfo), the files {@code CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE} and
     * {@code CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE} name.
     */
    public KeyFiles writeKeyFiles(Path directory) {
        try {
            return new KeyFiles(
                    Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY",
                            signingKey.toPrivateKey().getEncoded())),
                    Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY",
                            signingKey.toPublicKey().getEncoded())));
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key has no usable halves", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the key files", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A token for the subject, by default valid for an hour; chain claims and {@link TokenBuilder#sign()}. */
    public TokenBuilder forUser(String subject) {
        return new TokenBuilder(this, subject);
    }

    /**
     * Makes the key endpoints answer 503 (false) or serve again (true), to test what happens when the identity
     * provider is down.
     */
    public void jwksAvailable(boolean value) {
        server.available(value);
    }

    /** How many times the key set has been requested. */
    public int jwksRequests() {
        return server.jwksRequests();
    }

    /** Stops the server, and the verifiers and resolvers this object made. */
    @Override
    public void close() {
        server.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource, e);
            }
        }
        resources.clear();
    }

    RSAKey key(boolean trusted) {
        return trusted ? signingKey : untrustedKey;
    }

    /** The forged key carries the trusted key's id, so only the signature tells them apart. */
    private static RSAKey generateKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
    }
}
