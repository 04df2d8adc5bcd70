package ai.codemie.auth.spring;

import ai.codemie.auth.config.AuthSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Spring-only properties under {@code codemie.auth}. The library's settings are {@code codemie.auth.*}
 * properties too, each an alias of one of the platform's environment names: {@link SettingProperties} binds them
 * from the declarations in {@link AuthSettings}.
 */
@ConfigurationProperties(prefix = "codemie.auth")
public class CodemieAuthProperties {

    /** Whether the auto-configuration is active at all. */
    private boolean enabled = true;

    /**
     * Whether a handler without any access annotation is refused (403). When false such handlers are open to every
     * signed-in caller and flagged as unprotected in the startup report.
     */
    private boolean denyUnannotated = true;

    /**
     * Whether the framework's own errors (unknown path, wrong method, unreadable body, a URL or headers Tomcat
     * refuses) are answered in the platform's error envelope, like the library's refusals.
     */
    private boolean errorEnvelope = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isDenyUnannotated() { return denyUnannotated; }
    public void setDenyUnannotated(boolean denyUnannotated) { this.denyUnannotated = denyUnannotated; }
    public boolean isErrorEnvelope() { return errorEnvelope; }
    public void setErrorEnvelope(boolean errorEnvelope) { this.errorEnvelope = errorEnvelope; }

    /** One trusted issuer: an element of JWKS_TRUSTED_ISSUERS. */
    public static class Issuer {

        /** The exact iss value. */
        private String issuer;

        /** The value aud must contain; unset skips the audience check. */
        private String audience;

        /** Where the issuer publishes its keys. */
        private String jwksUri;

        /** The issuer's OpenID discovery document, instead of jwks-uri. */
        private String discoveryUrl;

        /** Accepted signature algorithms (default RS256, PS256, ES256, EdDSA). */
        private List<String> algorithms;

        /** How roles and identity are read from the claims: keycloak, entra or oidc. */
        private String preset;

        /** Dotted claim paths that hold role lists. */
        private List<String> roleClaims;

        /** Group id to platform role (Entra ID groups). */
        private Map<String, String> groupRoles;

        /** Clients whose resource_access roles count as platform roles. */
        private List<String> resourceAccessClients;

        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            put(json, "issuer", issuer);
            put(json, "audience", audience);
            put(json, "jwks_uri", jwksUri);
            put(json, "discovery_url", discoveryUrl);
            put(json, "algorithms", algorithms);
            put(json, "preset", preset);
            put(json, "role_claims", roleClaims);
            put(json, "group_roles", groupRoles);
            put(json, "resource_access_clients", resourceAccessClients);
            return json;
        }

        private static void put(Map<String, Object> json, String name, Object value) {
            if (value != null) {
                json.put(name, value);
            }
        }

        public String getIssuer() { return issuer; }
        public void setIssuer(String issuer) { this.issuer = issuer; }
        public String getAudience() { return audience; }
        public void setAudience(String audience) { this.audience = audience; }
        public String getJwksUri() { return jwksUri; }
        public void setJwksUri(String jwksUri) { this.jwksUri = jwksUri; }
        public String getDiscoveryUrl() { return discoveryUrl; }
        public void setDiscoveryUrl(String discoveryUrl) { this.discoveryUrl = discoveryUrl; }
        public List<String> getAlgorithms() { return algorithms; }
        public void setAlgorithms(List<String> algorithms) { this.algorithms = algorithms; }
        public String getPreset() { return preset; }
        public void setPreset(String preset) { this.preset = preset; }
        public List<String> getRoleClaims() { return roleClaims; }
        public void setRoleClaims(List<String> roleClaims) { this.roleClaims = roleClaims; }
        public Map<String, String> getGroupRoles() { return groupRoles; }
        public void setGroupRoles(Map<String, String> groupRoles) { this.groupRoles = groupRoles; }
        public List<String> getResourceAccessClients() { return resourceAccessClients; }
        public void setResourceAccessClients(List<String> resourceAccessClients) { this.resourceAccessClients = resourceAccessClients; }
    }
}
