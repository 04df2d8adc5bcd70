package ai.codemie.auth.spring;

import ai.codemie.auth.config.AuthSettings;
import com.nimbusds.jose.util.JSONArrayUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The library's settings as Spring properties under {@code codemie.auth}. Every property is an alias of one of
 * the platform's environment names (named in its description); an environment name that is set wins over its
 * alias, so that a deployment's Helm values override what the application packaged. Unset properties keep the
 * library's defaults.
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

    /** Platform-managed mode: roles and projects come from the user store (ENABLE_USER_MANAGEMENT). */
    private Boolean enableUserManagement;

    /** Identity provider: keycloak, oidc, entraid-oidc or local (IDP_PROVIDER). */
    private String idpProvider;

    /** Role that makes a user admin, exact and case-sensitive (ADMIN_ROLE_NAME). */
    private String adminRoleName;

    /** Subject that is always admin (ADMIN_USER_ID). */
    private String adminUserId;

    /** Subject that is always maintainer and admin (MAINTAINER_USER_ID). */
    private String maintainerUserId;

    /** Limit given to non-admin users when they are created (USER_PROJECT_LIMIT). */
    private Integer userProjectLimit;

    /** What the project limit counts: assigned or created (CODEMIE_AUTH_PROJECT_LIMIT_MODE). */
    private String projectLimitMode;

    /** Cookie that may carry the token (AUTH_COOKIE_NAME). */
    private String authCookieName;

    /** Value of user_type that marks external users (EXTERNAL_USER_TYPE). */
    private String externalUserType;

    /** Whether a caller needs one of the sign-in roles (CODEMIE_AUTH_SIGN_IN_GATE). */
    private Boolean signInGate;

    /** Roles that let a caller sign in (CODEMIE_AUTH_SIGN_IN_ROLES). */
    private List<String> signInRoles;

    /** Token role that makes a maintainer in Keycloak-managed mode (CODEMIE_AUTH_MAINTAINER_ROLE_NAME). */
    private String maintainerRoleName;

    /** Longest accepted token in bytes (CODEMIE_AUTH_MAX_TOKEN_BYTES). */
    private Integer maxTokenBytes;

    /** How many verified tokens are cached (CODEMIE_AUTH_TOKEN_CACHE_SIZE). */
    private Integer tokenCacheSize;

    /**
     * How much heap, estimated, the verified-token cache may hold, e.g. 64MB; a plain number is bytes
     * (CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES).
     */
    private DataSize tokenCacheMaxBytes;

    /** How many users' permissions are cached in platform-managed mode (CODEMIE_AUTH_PERMISSION_CACHE_SIZE). */
    private Integer permissionCacheSize;

    /** How long cached permissions live at most (CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS). */
    private Duration permissionCacheTtl;

    /** Whether a JDBC store on PostgreSQL installs its change triggers (CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS). */
    private Boolean jdbcInstallTriggers;

    /** Token verification and key fetching. */
    private final Jwks jwks = new Jwks();

    /** The platform's local issuer (IDP_PROVIDER=local). */
    private final Local local = new Local();

    /**
     * The values of these properties under the platform's environment names, for
     * {@link AuthSettings.Builder#environment}; properties that are not set are absent.
     */
    public Map<String, String> asEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, AuthSettings.ENABLE_USER_MANAGEMENT, enableUserManagement);
        put(env, AuthSettings.IDP_PROVIDER, idpProvider);
        put(env, AuthSettings.ADMIN_ROLE_NAME, adminRoleName);
        put(env, AuthSettings.ADMIN_USER_ID, adminUserId);
        put(env, AuthSettings.MAINTAINER_USER_ID, maintainerUserId);
        put(env, AuthSettings.USER_PROJECT_LIMIT, userProjectLimit);
        put(env, AuthSettings.PROJECT_LIMIT_MODE, projectLimitMode);
        put(env, AuthSettings.AUTH_COOKIE_NAME, authCookieName);
        put(env, AuthSettings.EXTERNAL_USER_TYPE, externalUserType);
        put(env, AuthSettings.SIGN_IN_GATE, signInGate);
        put(env, AuthSettings.SIGN_IN_ROLES, signInRoles == null ? null : String.join(",", signInRoles));
        put(env, AuthSettings.MAINTAINER_ROLE_NAME, maintainerRoleName);
        put(env, AuthSettings.MAX_TOKEN_BYTES, maxTokenBytes);
        put(env, AuthSettings.TOKEN_CACHE_SIZE, tokenCacheSize);
        put(env, AuthSettings.TOKEN_CACHE_MAX_BYTES, tokenCacheMaxBytes == null ? null : tokenCacheMaxBytes.toBytes());
        put(env, AuthSettings.PERMISSION_CACHE_SIZE, permissionCacheSize);
        putSeconds(env, AuthSettings.PERMISSION_CACHE_TTL_SECONDS, permissionCacheTtl);
        put(env, AuthSettings.JDBC_INSTALL_TRIGGERS, jdbcInstallTriggers);
        putSeconds(env, AuthSettings.JWKS_LEEWAY_SECONDS, jwks.leeway);
        putSeconds(env, AuthSettings.JWKS_CACHE_TTL_SECONDS, jwks.cacheTtl);
        putSeconds(env, AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS, jwks.httpTimeout);
        putSeconds(env, AuthSettings.JWKS_OUTAGE_TOLERANCE_SECONDS, jwks.outageTolerance);
        putSeconds(env, AuthSettings.JWKS_REFETCH_WINDOW_SECONDS, jwks.refetchWindow);
        if (!jwks.trustedIssuers.isEmpty()) {
            List<Object> issuers = new ArrayList<>();
            jwks.trustedIssuers.forEach(issuer -> issuers.add(issuer.asJson()));
            env.put(AuthSettings.JWKS_TRUSTED_ISSUERS, JSONArrayUtils.toJSONString(issuers));
        }
        put(env, AuthSettings.LOCAL_PUBLIC_KEY_FILE, local.publicKeyFile);
        put(env, AuthSettings.LOCAL_PRIVATE_KEY_FILE, local.privateKeyFile);
        putSeconds(env, AuthSettings.LOCAL_TOKEN_TTL_SECONDS, local.tokenTtl);
        put(env, AuthSettings.DEV_GENERATE_LOCAL_KEY, local.devGenerateKey);
        return env;
    }

    /**
     * The settings: each platform environment name is looked up in the Spring environment first (environment
     * variables, system properties, application properties under that exact name), then in these properties.
     */
    public AuthSettings toSettings(Function<String, String> environmentNames) {
        return settingsBuilder(environmentNames).build();
    }

    /** A settings builder holding what {@link #toSettings} would build, for callers that add to it. */
    public AuthSettings.Builder settingsBuilder(Function<String, String> environmentNames) {
        Map<String, String> aliases = asEnvironment();
        return AuthSettings.builder().environment(name -> {
            String value = environmentNames.apply(name);
            return value == null || value.isBlank() ? aliases.get(name) : value;
        });
    }

    private static void put(Map<String, String> env, String name, Object value) {
        if (value != null) {
            env.put(name, value.toString());
        }
    }

    private static void putSeconds(Map<String, String> env, String name, Duration value) {
        if (value != null) {
            env.put(name, Long.toString(value.toSeconds()));
        }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isDenyUnannotated() { return denyUnannotated; }
    public void setDenyUnannotated(boolean denyUnannotated) { this.denyUnannotated = denyUnannotated; }
    public boolean isErrorEnvelope() { return errorEnvelope; }
    public void setErrorEnvelope(boolean errorEnvelope) { this.errorEnvelope = errorEnvelope; }
    public Boolean getEnableUserManagement() { return enableUserManagement; }
    public void setEnableUserManagement(Boolean enableUserManagement) { this.enableUserManagement = enableUserManagement; }
    public String getIdpProvider() { return idpProvider; }
    public void setIdpProvider(String idpProvider) { this.idpProvider = idpProvider; }
    public String getAdminRoleName() { return adminRoleName; }
    public void setAdminRoleName(String adminRoleName) { this.adminRoleName = adminRoleName; }
    public String getAdminUserId() { return adminUserId; }
    public void setAdminUserId(String adminUserId) { this.adminUserId = adminUserId; }
    public String getMaintainerUserId() { return maintainerUserId; }
    public void setMaintainerUserId(String maintainerUserId) { this.maintainerUserId = maintainerUserId; }
    public Integer getUserProjectLimit() { return userProjectLimit; }
    public void setUserProjectLimit(Integer userProjectLimit) { this.userProjectLimit = userProjectLimit; }
    public String getProjectLimitMode() { return projectLimitMode; }
    public void setProjectLimitMode(String projectLimitMode) { this.projectLimitMode = projectLimitMode; }
    public String getAuthCookieName() { return authCookieName; }
    public void setAuthCookieName(String authCookieName) { this.authCookieName = authCookieName; }
    public String getExternalUserType() { return externalUserType; }
    public void setExternalUserType(String externalUserType) { this.externalUserType = externalUserType; }
    public Boolean getSignInGate() { return signInGate; }
    public void setSignInGate(Boolean signInGate) { this.signInGate = signInGate; }
    public List<String> getSignInRoles() { return signInRoles; }
    public void setSignInRoles(List<String> signInRoles) { this.signInRoles = signInRoles; }
    public String getMaintainerRoleName() { return maintainerRoleName; }
    public void setMaintainerRoleName(String maintainerRoleName) { this.maintainerRoleName = maintainerRoleName; }
    public Integer getMaxTokenBytes() { return maxTokenBytes; }
    public void setMaxTokenBytes(Integer maxTokenBytes) { this.maxTokenBytes = maxTokenBytes; }
    public Integer getTokenCacheSize() { return tokenCacheSize; }
    public void setTokenCacheSize(Integer tokenCacheSize) { this.tokenCacheSize = tokenCacheSize; }
    public DataSize getTokenCacheMaxBytes() { return tokenCacheMaxBytes; }
    public void setTokenCacheMaxBytes(DataSize tokenCacheMaxBytes) { this.tokenCacheMaxBytes = tokenCacheMaxBytes; }
    public Integer getPermissionCacheSize() { return permissionCacheSize; }
    public void setPermissionCacheSize(Integer permissionCacheSize) { this.permissionCacheSize = permissionCacheSize; }
    public Duration getPermissionCacheTtl() { return permissionCacheTtl; }
    public void setPermissionCacheTtl(Duration permissionCacheTtl) { this.permissionCacheTtl = permissionCacheTtl; }
    public Boolean getJdbcInstallTriggers() { return jdbcInstallTriggers; }
    public void setJdbcInstallTriggers(Boolean jdbcInstallTriggers) { this.jdbcInstallTriggers = jdbcInstallTriggers; }
    public Jwks getJwks() { return jwks; }
    public Local getLocal() { return local; }

    /** Token verification and key fetching ({@code codemie.auth.jwks.*}). */
    public static class Jwks {

        /** Issuers whose tokens are accepted (JWKS_TRUSTED_ISSUERS). */
        private final List<Issuer> trustedIssuers = new ArrayList<>();

        /** Clock skew allowed on exp, nbf and iat (JWKS_LEEWAY_SECONDS). */
        private Duration leeway;

        /** How long fetched keys are fresh (JWKS_CACHE_TTL_SECONDS). */
        private Duration cacheTtl;

        /** Key fetch timeout (JWKS_HTTP_TIMEOUT_SECONDS). */
        private Duration httpTimeout;

        /** How long cached keys keep working while the key endpoint is down (JWKS_OUTAGE_TOLERANCE_SECONDS). */
        private Duration outageTolerance;

        /** At most one refetch for an unknown key id per this window (JWKS_REFETCH_WINDOW_SECONDS). */
        private Duration refetchWindow;

        public List<Issuer> getTrustedIssuers() { return trustedIssuers; }
        public Duration getLeeway() { return leeway; }
        public void setLeeway(Duration leeway) { this.leeway = leeway; }
        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
        public Duration getHttpTimeout() { return httpTimeout; }
        public void setHttpTimeout(Duration httpTimeout) { this.httpTimeout = httpTimeout; }
        public Duration getOutageTolerance() { return outageTolerance; }
        public void setOutageTolerance(Duration outageTolerance) { this.outageTolerance = outageTolerance; }
        public Duration getRefetchWindow() { return refetchWindow; }
        public void setRefetchWindow(Duration refetchWindow) { this.refetchWindow = refetchWindow; }
    }

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

    /** The platform's local issuer ({@code codemie.auth.local.*}). */
    public static class Local {

        /** Public key of the local issuer: a PEM or JWK set file (CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE). */
        private String publicKeyFile;

        /** Private key for issuing local tokens: a PEM or JWK file (CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE). */
        private String privateKeyFile;

        /** Lifetime of issued local tokens (CODEMIE_AUTH_LOCAL_TOKEN_TTL_SECONDS). */
        private Duration tokenTtl;

        /** Development only: generate a per-process key at startup (CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY). */
        private Boolean devGenerateKey;

        public String getPublicKeyFile() { return publicKeyFile; }
        public void setPublicKeyFile(String publicKeyFile) { this.publicKeyFile = publicKeyFile; }
        public String getPrivateKeyFile() { return privateKeyFile; }
        public void setPrivateKeyFile(String privateKeyFile) { this.privateKeyFile = privateKeyFile; }
        public Duration getTokenTtl() { return tokenTtl; }
        public void setTokenTtl(Duration tokenTtl) { this.tokenTtl = tokenTtl; }
        public Boolean getDevGenerateKey() { return devGenerateKey; }
        public void setDevGenerateKey(Boolean devGenerateKey) { this.devGenerateKey = devGenerateKey; }
    }
}
