package ai.codemie.auth.token;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link TokenVerifier} the settings describe.
 *
 * <pre>{@code
 * JwtTokenVerifier verifier = TokenVerifiers.create(AuthSettings.fromEnvironment(System.getenv()));
 * VerifiedToken token = verifier.verify(bearerToken);   // TokenRejectedException (401), UnavailableException (503)
 * String subject = token.subject();
 * }</pre>
 */
public final class TokenVerifiers {

    private TokenVerifiers() {
    }

    /** The verifier of the settings' trusted issuers (and of the local issuer when {@code IDP_PROVIDER=local}). */
    public static JwtTokenVerifier create(AuthSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /**
     * As {@link #create(AuthSettings)}, with the clock that times the claims, the verified-token cache, the local
     * tokens and the key caches (expiry, outage tolerance, refetch window). Fetches every issuer's keys before returning; an issuer that does not answer is logged, not fatal.
     *
     * @throws InvalidConfigurationException when a key file, a shared secret or a cache setting is unusable
     */
    public static JwtTokenVerifier create(AuthSettings settings, Clock clock) {
        boolean local = settings.get(AuthSettings.IDP_PROVIDER) == IdpProvider.LOCAL;
        LocalTokenIssuer localTokenIssuer = (local && settings.get(AuthSettings.LOCAL_PRIVATE_KEY_FILE) != null)
                || settings.generatesDevelopmentKey() ? LocalTokenIssuer.fromSettings(settings, clock) : null;
        Map<String, JwtTokenVerifier.Issuer> issuers = new LinkedHashMap<>();
        try {
            for (TrustedIssuer trusted : settings.get(AuthSettings.JWKS_TRUSTED_ISSUERS)) {
                issuers.put(trusted.issuer(),
                        new JwtTokenVerifier.Issuer(trusted, keysOf(trusted, settings, localTokenIssuer, clock)));
            }
            if (local && !issuers.containsKey(AuthSettings.LOCAL_ISSUER)) {
                TrustedIssuer trusted = new TrustedIssuer(AuthSettings.LOCAL_ISSUER, null, null, null,
                        List.of(JWSAlgorithm.RS256.getName()), ClaimPreset.defaultFor(IdpProvider.LOCAL), null, null,
                        null, null);
                issuers.put(trusted.issuer(), new JwtTokenVerifier.Issuer(trusted, new IssuerKeys(trusted.issuer(),
                        localKeys(settings, localTokenIssuer), null)));
            }
        } catch (RuntimeException e) {
            issuers.values().forEach(issuer -> issuer.keys().close());
            throw e;
        }
        JwtTokenVerifier verifier = new JwtTokenVerifier(issuers, clock, settings.get(AuthSettings.JWKS_LEEWAY_SECONDS),
                settings.get(AuthSettings.MAX_TOKEN_BYTES), settings.get(AuthSettings.TOKEN_CACHE_SIZE),
                        settings.get(AuthSettings.TOKEN_CACHE_MAX_BYTES), localTokenIssuer);
        verifier.warmUp();
        return verifier;
    }

    private static IssuerKeys keysOf(TrustedIssuer trusted, AuthSettings settings, LocalTokenIssuer localTokenIssuer,
            Clock clock) {
        JWSVerifier secret = trusted.sharedSecret() == null ? null : secretVerifier(trusted);
        KeySource publicKeys;
        if (trusted.jwksUri() != null || trusted.discoveryUrl() != null) {
            publicKeys = RemoteKeySource.create(trusted, settings, clock);
        } else if (secret == null) {
            publicKeys = localKeys(settings, localTokenIssuer); // codemie-local listed without a key source
        } else {
            publicKeys = null;
            for (String algorithm : trusted.algorithms()) {
                if (!JWSAlgorithm.Family.HMAC_SHA.contains(JWSAlgorithm.parse(algorithm))) {
                    throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "issuer '"
                            + trusted.issuer() + "' allows " + algorithm + " but has no \"jwks_uri\" or "
                            + "\"discovery_url\" to take its public keys from");
                }
            }
        }
        return new IssuerKeys(trusted.issuer(), publicKeys, secret);
    }

    /**
     * The local issuer's public keys: the public key file, and the half of the private key this process signs with;
     * or, under the development switch, the generated key alone (the settings refuse it beside a key file).
     */
    private static KeySource localKeys(AuthSettings settings, LocalTokenIssuer localTokenIssuer) {
        List<JWK> keys = new ArrayList<>();
        if (settings.get(AuthSettings.LOCAL_PUBLIC_KEY_FILE) != null) {
            keys.addAll(LocalKeys.readPublicKeys(settings.get(AuthSettings.LOCAL_PUBLIC_KEY_FILE),
                    AuthSettings.LOCAL_PUBLIC_KEY_FILE.name()));
        }
        if (localTokenIssuer != null) {
            keys.add(localTokenIssuer.publicKey());
        }
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(AuthSettings.LOCAL_PUBLIC_KEY_FILE.name(), "the local issuer '"
                    + AuthSettings.LOCAL_ISSUER + "' needs its public key: set "
                    + AuthSettings.LOCAL_PUBLIC_KEY_FILE.name()
                    + " or, with " + AuthSettings.IDP_PROVIDER.name() + "=local, "
                    + AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
        }
        return new StaticKeySource(keys);
    }

    private static JWSVerifier secretVerifier(TrustedIssuer trusted) {
        byte[] secret = trusted.sharedSecret().getBytes(StandardCharsets.UTF_8);
        for (String algorithm : trusted.algorithms()) {
            int bits = switch (algorithm) {
                case "HS256" -> 256;
                case "HS384" -> 384;
                case "HS512" -> 512;
                default -> 0;
            };
            if (secret.length * 8 < bits) {
                throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "issuer '"
                        + trusted.issuer() + "' allows " + algorithm + " but its \"shared_secret\" is shorter than "
                        + bits / 8 + " bytes");
            }
        }
        try {
            return new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "issuer '"
                    + trusted.issuer()
                    + "' has an unusable \"shared_secret\": " + e.getMessage());
        }
    }
}
