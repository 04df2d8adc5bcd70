package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One issuer whose tokens are accepted: one element of {@code JWKS_TRUSTED_ISSUERS}.
 *
 * <p>JSON form: {@code {"issuer": "...", "audience": "...", "jwks_uri": "..." | "discovery_url": "...",
 * "algorithms": ["RS256"], "preset": "keycloak" | "entra" | "oidc", "role_claims": ["realm_access.roles"],
 * "group_roles": {"<group id>": "<role>"}, "resource_access_clients": ["<client>"], "shared_secret": "..."}}.
 * Only {@code issuer} and one key source ({@code jwks_uri}, {@code discovery_url} or {@code shared_secret}) are
 * required; the local issuer {@code codemie-local} may omit the key source, its keys then come from
 * {@code CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE} / {@code CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE}.
 *
 * @param issuer                the exact {@code iss} value
 * @param audience              the value {@code aud} must contain, or null to skip the audience check
 * @param jwksUri               where the issuer publishes its keys, or null
 * @param discoveryUrl          the issuer's OpenID discovery document, or null
 * @param algorithms            accepted signature algorithms (default RS256, PS256, ES256, EdDSA)
 * @param preset                how roles and identity are read from the claims
 * @param roleClaims            dotted claim paths that hold role lists (generic OIDC; also added for the others)
 * @param groupRoles            group id to platform role (Entra ID groups)
 * @param resourceAccessClients clients whose {@code resource_access.<client>.roles} count as platform roles
 * @param sharedSecret          an HMAC secret; only when set are HS256/384/512 tokens accepted from this issuer
 */
public record TrustedIssuer(
        String issuer,
        String audience,
        URI jwksUri,
        URI discoveryUrl,
        List<String> algorithms,
        ClaimPreset preset,
        List<String> roleClaims,
        Map<String, String> groupRoles,
        List<String> resourceAccessClients,
        String sharedSecret) {

    /** The algorithms accepted when an issuer lists none. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "PS256", "ES256", "EdDSA");

    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA", "Ed25519");
    private static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");

    public TrustedIssuer {
        String setting = AuthSettings.JWKS_TRUSTED_ISSUERS;
        if (issuer == null || issuer.isBlank()) {
            throw new InvalidConfigurationException(setting, "every trusted issuer needs a non-empty \"issuer\"");
        }
        algorithms = algorithms == null || algorithms.isEmpty()
                ? (sharedSecret != null ? List.of("HS256") : DEFAULT_ALGORITHMS)
                : List.copyOf(algorithms);
        for (String algorithm : algorithms) {
            if (HMAC.contains(algorithm)) {
                if (sharedSecret == null) {
                    throw new InvalidConfigurationException(setting, "issuer '" + issuer + "' allows " + algorithm
                            + " but has no \"shared_secret\"");
                }
            } else if (!ASYMMETRIC.contains(algorithm)) {
                throw new InvalidConfigurationException(setting, "issuer '" + issuer + "' lists unsupported algorithm '"
                        + algorithm + "'");
            }
        }
        int keySources = (jwksUri != null ? 1 : 0) + (discoveryUrl != null ? 1 : 0);
        if (keySources > 1) {
            throw new InvalidConfigurationException(setting, "issuer '" + issuer
                    + "' has both \"jwks_uri\" and \"discovery_url\"; give one");
        }
        // the local issuer may name no key source: its keys then come from the local key files
        if (keySources == 0 && sharedSecret == null && !AuthSettings.LOCAL_ISSUER.equals(issuer)) {
            throw new InvalidConfigurationException(setting, "issuer '" + issuer
                    + "' needs \"jwks_uri\", \"discovery_url\" or \"shared_secret\"");
        }
        requireHttp(issuer, "jwks_uri", jwksUri);
        requireHttp(issuer, "discovery_url", discoveryUrl);
        Objects.requireNonNull(preset, "preset");
        roleClaims = roleClaims == null ? List.of() : List.copyOf(roleClaims);
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(groupRoles);
        resourceAccessClients = resourceAccessClients == null ? List.of() : List.copyOf(resourceAccessClients);
    }

    /** An issuer with a JWKS endpoint and default everything else. */
    public static TrustedIssuer withJwks(String issuer, String audience, URI jwksUri, ClaimPreset preset) {
        return new TrustedIssuer(issuer, audience, jwksUri, null, null, preset, null, null, null, null);
    }

    private static void requireHttp(String issuer, String field, URI uri) {
        if (uri != null && (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())))) {
            throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS, "issuer '" + issuer + "' has \""
                    + field + "\" '" + uri + "' that is not an absolute http(s) URL");
        }
    }

    /** Never prints the shared secret. */
    @Override
    public String toString() {
        return "TrustedIssuer[issuer=" + issuer + ", audience=" + audience + ", jwksUri=" + jwksUri + ", discoveryUrl="
                + discoveryUrl + ", algorithms=" + algorithms + ", preset=" + preset + ", roleClaims=" + roleClaims
                + ", groupRoles=" + groupRoles + ", resourceAccessClients=" + resourceAccessClients
                + ", sharedSecret=" + (sharedSecret == null ? "none" : "***") + "]";
    }
}
