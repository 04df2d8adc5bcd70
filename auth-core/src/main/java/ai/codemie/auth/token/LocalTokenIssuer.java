package ai.codemie.auth.token;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the platform's local tokens (RS256, {@code iss=codemie-local}, {@code sub}, {@code email},
 * {@code auth_source=local}, {@code iat}, {@code exp}, header {@code kid}) and publishes the public key as a JWK set.
 *
 * <p>The private key comes from {@code CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE} (PEM or JWK), which all replicas share,
 * so a token issued by one verifies on every other. Only the development switch
 * {@code CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true} makes a per-process key instead, with a warning; the settings
 * refuse that switch beside a key file, so a development key never signs with, or is trusted beside, a configured
 * one. Thread-safe.
 *
 * <pre>{@code
 * LocalTokenIssuer issuer = LocalTokenIssuer.fromSettings(settings);
 * String token = issuer.issue("5f0c...", "alice@example.com");
 * String jwks = issuer.publicJwkSet();   // serve it at the service's JWKS address
 * }</pre>
 */
public final class LocalTokenIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTokenIssuer.class);

    private final RSAKey key;
    private final RSASSASigner signer;
    private final Duration ttl;
    private final Clock clock;

    private LocalTokenIssuer(RSAKey key, Duration ttl, Clock clock) {
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new InvalidConfigurationException(AuthSettings.LOCAL_PRIVATE_KEY_FILE.name(), "the key cannot sign: "
                    + e.getMessage(), e);
        }
    }

    /** The issuer of the configured key, with tokens living {@code CODEMIE_AUTH_LOCAL_TOKEN_TTL_SECONDS}. */
    public static LocalTokenIssuer fromSettings(AuthSettings settings) {
        return fromSettings(settings, Clock.systemUTC());
    }

    /**
     * As {@link #fromSettings(AuthSettings)}, with the clock that dates the tokens.
     *
     * @throws InvalidConfigurationException when no private key file is set (and the development switch is off)
     *                                       or the file holds no usable RSA private key of at least 2048 bits
     */
    public static LocalTokenIssuer fromSettings(AuthSettings settings, Clock clock) {
        RSAKey key;
        if (settings.get(AuthSettings.LOCAL_PRIVATE_KEY_FILE) != null) {
            key = LocalKeys.readPrivateKey(settings.get(AuthSettings.LOCAL_PRIVATE_KEY_FILE),
                    AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
        } else if (settings.get(AuthSettings.DEV_GENERATE_LOCAL_KEY)) {
            key = LocalKeys.generate();
            LOG.warn("{}=true: generated a local signing key for this process only (kid {}). Its tokens do not "
                    + "verify on other replicas or after a restart. Development only: set {} in production.",
                    AuthSettings.DEV_GENERATE_LOCAL_KEY.name(), key.getKeyID(),
                            AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
        } else {
            throw new InvalidConfigurationException(AuthSettings.LOCAL_PRIVATE_KEY_FILE.name(),
                    "is needed to issue local tokens (a PEM or JWK file shared by all replicas)");
        }
        return new LocalTokenIssuer(key, settings.get(AuthSettings.LOCAL_TOKEN_TTL_SECONDS), clock);
    }

    /**
     * A signed local token for the user.
     *
     * @param subject the user's id ({@code sub}); not blank
     * @param email   the user's e-mail, or null to leave the claim out
     */
    public String issue(String subject, String email) {
        return issue(subject, email, Map.of());
    }

    /**
     * A signed local token for the user with further claims (roles, project lists…), for development tokens in
     * Keycloak-managed mode. The further claims cannot replace the registered ones this issuer sets.
     *
     * @param claims further claims; {@code iss}, {@code sub}, {@code iat}, {@code exp}, {@code nbf}, {@code email}
     *               and {@code auth_source} among them are refused
     */
    public String issue(String subject, String email, Map<String, Object> claims) {
        for (String name : List.of("iss", "sub", "iat", "exp", "nbf", "email", "auth_source")) {
            if (claims.containsKey(name)) {
                throw new IllegalArgumentException("the claim '" + name + "' is set by the issuer");
            }
        }
        if (Objects.requireNonNull(subject, "subject").isBlank()) {
            throw new IllegalArgumentException("the subject of a token must not be blank");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(AuthSettings.LOCAL_ISSUER)
                .subject(subject)
                .claim("auth_source", "local")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (email != null) {
            builder.claim("email", email);
        }
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a local token failed", e);
        }
        return jwt.serialize();
    }

    /** The public key as a JWK set document ({@code {"keys":[...]}}), for a JWKS endpoint. */
    public String publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The {@code kid} of the signing key. */
    public String keyId() {
        return key.getKeyID();
    }

    /** The public half of the signing key. */
    RSAKey publicKey() {
        return key.toPublicJWK();
    }
}
