package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
        String setting = AuthSettings.JWKS_TRUSTED_ISSUERS.name();
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
            throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "issuer '" + issuer
                    + "' has \"" + field + "\" '" + uri + "' that is not an absolute http(s) URL");
        }
    }

    /**
     * Parses the JSON of {@code JWKS_TRUSTED_ISSUERS}; issuers without a {@code preset} get the one that fits the
     * identity provider.
     */
    public static List<TrustedIssuer> parseList(String json, IdpProvider provider) {
        String setting = AuthSettings.JWKS_TRUSTED_ISSUERS.name();
        List<Object> elements;
        try {
            elements = JSONArrayUtils.parse(json);
            if (elements == null) {
                throw new ParseException("null is not a list", 0); // the JSON literal null
            }
        } catch (ParseException e) {
            // The value is not quoted: in JSON this broken nothing can tell where a shared secret starts (a mangled
            // member name hid one from the masking; fuzzing found it), and the message ends up in logs.
            throw new InvalidConfigurationException(setting, "is not a JSON list of issuer objects: " + e.getMessage()
                    + " (the value is not shown, as it may hold a shared secret)");
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof Map<?, ?> raw)) {
                throw new InvalidConfigurationException(setting, "element " + i + " is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) raw;
            Set<String> known = Set.of("issuer", "audience", "jwks_uri", "discovery_url", "algorithms", "preset",
                    "role_claims", "group_roles", "resource_access_clients", "shared_secret");
            for (String key : entry.keySet()) {
                if (!known.contains(key)) {
                    throw new InvalidConfigurationException(setting, "element " + i + " has unknown member \"" + key
                            + "\"; known members are " + new TreeSet<>(known));
                }
            }
            try {
                String presetName = JSONObjectUtils.getString(entry, "preset");
                issuers.add(new TrustedIssuer(
                        JSONObjectUtils.getString(entry, "issuer"),
                        JSONObjectUtils.getString(entry, "audience"),
                        uri(entry, "jwks_uri", i),
                        uri(entry, "discovery_url", i),
                        stringList(entry, "algorithms"),
                        presetName == null ? ClaimPreset.defaultFor(provider) : ClaimPreset.parse(setting, presetName),
                        stringList(entry, "role_claims"),
                        stringMap(entry, "group_roles"),
                        stringList(entry, "resource_access_clients"),
                        JSONObjectUtils.getString(entry, "shared_secret")));
            } catch (ParseException e) {
                throw new InvalidConfigurationException(setting, "element " + i + ": " + e.getMessage());
            }
        }
        return issuers;
    }

    private static URI uri(Map<String, Object> entry, String key, int index) throws ParseException {
        String value = JSONObjectUtils.getString(entry, key);
        if (value == null) {
            return null;
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "element " + index
                    + " has \"" + key + "\" that is not a URL: " + value);
        }
    }

    private static List<String> stringList(Map<String, Object> entry, String key) throws ParseException {
        String[] values = JSONObjectUtils.getStringArray(entry, key);
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (value == null) {
                throw new ParseException("\"" + key + "\" must be a list of strings, without null", 0);
            }
        }
        return List.of(values);
    }

    private static Map<String, String> stringMap(Map<String, Object> entry, String key) throws ParseException {
        Map<String, Object> raw = JSONObjectUtils.getJSONObject(entry, key);
        if (raw == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!(e.getValue() instanceof String role)) {
                throw new ParseException("\"" + key + "\" must map group ids to role names", 0);
            }
            result.put(e.getKey(), role);
        }
        return result;
    }

    /** A quoted shared secret, or (in JSON too broken to tell) whatever follows the member name up to , or }. */
    private static final Pattern SHARED_SECRET = Pattern.compile(
            "(shared_secret[\"']?\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}]*)");

    /** The value with every shared secret masked: an error message ends up in logs. */
    private static String withoutSecrets(String json) {
        return SHARED_SECRET.matcher(json).replaceAll("$1\"***\"");
    }

    /**
     * A setting's value as logs and startup errors may show it: the whole value of a setting named like a secret or
     * a password is masked, and so is every {@code shared_secret} inside any value (such as
     * {@code JWKS_TRUSTED_ISSUERS}).
     *
     * @return the shown value, or null for null
     */
    public static String maskedValue(String setting, String value) {
        if (value == null) {
            return null;
        }
        String name = setting.toUpperCase(Locale.ROOT);
        if (name.contains("SECRET") || name.contains("PASSWORD")) {
            return "***";
        }
        return AuthSettings.JWKS_TRUSTED_ISSUERS.name().equals(setting) ? shownIssuers(value) : withoutSecrets(value);
    }

    /** The members of a trusted issuer whose values are never secret; the others are shown as {@code "***"}. */
    private static final Set<String> SHOWN_ISSUER_MEMBERS = Set.of("issuer", "audience", "jwks_uri", "discovery_url",
            "algorithms", "preset", "role_claims", "group_roles", "resource_access_clients");

    /**
     * The issuer list as it may be shown: only valid JSON is shown (in broken JSON a mangled member name hides where a
     * secret starts; fuzzing found one), with the value of every member that is not known to be harmless, a
     * misspelt {@code shared_secret} included, replaced by {@code "***"}.
     */
    private static String shownIssuers(String value) {
        List<Object> elements;
        try {
            elements = JSONArrayUtils.parse(value);
        } catch (ParseException | RuntimeException e) {
            return "(not shown: not a valid JSON list, and it may hold a shared secret)";
        }
        if (elements == null) {
            return "null";
        }
        List<Object> shown = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (element instanceof Map<?, ?> issuer) {
                Map<String, Object> copy = new LinkedHashMap<>();
                issuer.forEach((member, memberValue) -> copy.put(String.valueOf(member),
                        SHOWN_ISSUER_MEMBERS.contains(String.valueOf(member)) ? memberValue : "***"));
                shown.add(copy);
            } else {
                shown.add("***");
            }
        }
        return JSONArrayUtils.toJSONString(shown);
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
