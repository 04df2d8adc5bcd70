package ai.codemie.auth.observe;

/**
 * Whether the tokens of one trusted issuer can be checked now, for a health check.
 *
 * @param issuer            the configured {@code iss}
 * @param remote            whether its keys come from a key endpoint ({@code jwks_uri} or {@code discovery_url});
 *                          keys from a file or a shared secret are always available
 * @param available         whether a key set is at hand (cached, or fetched for this check): false exactly when its
 *                          tokens get the 503 "Token validation unavailable"
 * @param endpointAnswering whether the last fetch of its key endpoint succeeded (true for keys that are not remote);
 *                          while it fails, the cached keys are still served for {@code JWKS_OUTAGE_TOLERANCE_SECONDS}
 * @param keys              how many keys are at hand (public keys; 0 for a shared secret alone)
 */
public record IssuerKeysStatus(String issuer, boolean remote, boolean available, boolean endpointAnswering,
                               int keys) {
}
