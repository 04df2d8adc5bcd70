package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Every setting of the library, validated once when built: a bad value stops startup with an
 * {@link InvalidConfigurationException} that names the setting and the value.
 *
 * <p>Build it from the platform's environment variable names with {@link #fromEnvironment(Map)}, or in code
 * with {@link #builder()}. Instances are immutable.
 */
public final class AuthSettings {

    /** Mode switch: {@code true} for platform-managed mode (roles in the user store). */
    public static final String ENABLE_USER_MANAGEMENT = "ENABLE_USER_MANAGEMENT";
    /** {@code keycloak}, {@code oidc}, {@code entraid-oidc} or {@code local}. */
    public static final String IDP_PROVIDER = "IDP_PROVIDER";
    /** Role that makes a user admin (exact, case-sensitive). */
    public static final String ADMIN_ROLE_NAME = "ADMIN_ROLE_NAME";
    /** Subject that is always admin. */
    public static final String ADMIN_USER_ID = "ADMIN_USER_ID";
    /** Subject that is always maintainer (and so admin). */
    public static final String MAINTAINER_USER_ID = "MAINTAINER_USER_ID";
    /** Limit given to non-admin users when they are created. */
    public static final String USER_PROJECT_LIMIT = "USER_PROJECT_LIMIT";
    /** JSON list of trusted issuers, see {@link TrustedIssuer}. */
    public static final String JWKS_TRUSTED_ISSUERS = "JWKS_TRUSTED_ISSUERS";
    /** Clock skew allowed on {@code exp}, {@code nbf}, {@code iat}, in seconds. */
    public static final String JWKS_LEEWAY_SECONDS = "JWKS_LEEWAY_SECONDS";
    /** How long fetched keys are fresh, in seconds. */
    public static final String JWKS_CACHE_TTL_SECONDS = "JWKS_CACHE_TTL_SECONDS";
    /** Key fetch timeout, in seconds. */
    public static final String JWKS_HTTP_TIMEOUT_SECONDS = "JWKS_HTTP_TIMEOUT_SECONDS";
    /** How long cached keys keep working while the key endpoint is down, in seconds. */
    public static final String JWKS_OUTAGE_TOLERANCE_SECONDS = "JWKS_OUTAGE_TOLERANCE_SECONDS";
    /** At most one refetch for an unknown key id per this many seconds. */
    public static final String JWKS_REFETCH_WINDOW_SECONDS = "JWKS_REFETCH_WINDOW_SECONDS";
    /** Cookie that may carry the token. */
    public static final String AUTH_COOKIE_NAME = "AUTH_COOKIE_NAME";
    /** Value of {@code user_type} that marks external users. */
    public static final String EXTERNAL_USER_TYPE = "EXTERNAL_USER_TYPE";
    /** What the project limit counts: {@code assigned} (default) or {@code created}. */
    public static final String PROJECT_LIMIT_MODE = "CODEMIE_AUTH_PROJECT_LIMIT_MODE";
    /** Whether a caller needs a sign-in role (default {@code true}). */
    public static final String SIGN_IN_GATE = "CODEMIE_AUTH_SIGN_IN_GATE";
    /** Comma-separated roles that let a caller sign in (default {@code developer}). */
    public static final String SIGN_IN_ROLES = "CODEMIE_AUTH_SIGN_IN_ROLES";
    /** Token role that makes a user maintainer in Keycloak-managed mode (unset by default). */
    public static final String MAINTAINER_ROLE_NAME = "CODEMIE_AUTH_MAINTAINER_ROLE_NAME";
    /** Longest accepted token, in bytes (default 16384). */
    public static final String MAX_TOKEN_BYTES = "CODEMIE_AUTH_MAX_TOKEN_BYTES";
    /** How many verified tokens are cached (default 10000). */
    public static final String TOKEN_CACHE_SIZE = "CODEMIE_AUTH_TOKEN_CACHE_SIZE";
    /** How many bytes of heap, estimated, the verified-token cache may hold (default 64 MiB). */
    public static final String TOKEN_CACHE_MAX_BYTES = "CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES";
    /** How many users' effective permissions are cached in platform-managed mode (default 10000). */
    public static final String PERMISSION_CACHE_SIZE = "CODEMIE_AUTH_PERMISSION_CACHE_SIZE";
    /** How long cached effective permissions live at most, in seconds (default 30). */
    public static final String PERMISSION_CACHE_TTL_SECONDS = "CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS";
    /** Whether the JDBC store installs change triggers on the platform's PostgreSQL tables (default false). */
    public static final String JDBC_INSTALL_TRIGGERS = "CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS";
    /** Public key of the local issuer: a PEM file or a JWK set file. */
    public static final String LOCAL_PUBLIC_KEY_FILE = "CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE";
    /** Private key of the local issuer, for issuing local tokens: a PEM file or a JWK file. */
    public static final String LOCAL_PRIVATE_KEY_FILE = "CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE";
    /** Lifetime of issued local tokens, in seconds (default 3600). */
    public static final String LOCAL_TOKEN_TTL_SECONDS = "CODEMIE_AUTH_LOCAL_TOKEN_TTL_SECONDS";
    /** Development only: generate a per-process local key at startup (default {@code false}). */
    public static final String DEV_GENERATE_LOCAL_KEY = "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY";

    /** The issuer of the platform's local tokens. */
    public static final String LOCAL_ISSUER = "codemie-local";

    /** The bounds of {@value #TOKEN_CACHE_MAX_BYTES}: 1 MiB and 1 GiB. */
    private static final long MIN_TOKEN_CACHE_BYTES = 1L << 20;
    private static final long MAX_TOKEN_CACHE_BYTES = 1L << 30;

    private final boolean userManagementEnabled;
    private final IdpProvider idpProvider;
    private final String adminRoleName;
    private final String adminUserId;
    private final String maintainerUserId;
    private final int userProjectLimit;
    private final List<TrustedIssuer> trustedIssuers;
    private final Duration jwksLeeway;
    private final Duration jwksCacheTtl;
    private final Duration jwksHttpTimeout;
    private final Duration jwksOutageTolerance;
    private final Duration jwksRefetchWindow;
    private final String authCookieName;
    private final String externalUserType;
    private final ProjectLimitMode projectLimitMode;
    private final boolean signInGate;
    private final Set<String> signInRoles;
    private final String maintainerRoleName;
    private final int maxTokenBytes;
    private final int tokenCacheSize;
    private final long tokenCacheMaxBytes;
    private final int permissionCacheSize;
    private final Duration permissionCacheTtl;
    private final boolean jdbcInstallTriggers;
    private final Path localPublicKeyFile;
    private final Path localPrivateKeyFile;
    private final Duration localTokenTtl;
    private final boolean devGenerateLocalKey;

    private AuthSettings(Builder b) {
        this.userManagementEnabled = b.userManagementEnabled;
        this.idpProvider = Objects.requireNonNull(b.idpProvider, IDP_PROVIDER);
        this.adminRoleName = requireText(ADMIN_ROLE_NAME, b.adminRoleName);
        this.adminUserId = b.adminUserId == null ? "" : b.adminUserId.trim();
        this.maintainerUserId = b.maintainerUserId == null ? "" : b.maintainerUserId.trim();
        this.userProjectLimit = requireAtLeast(USER_PROJECT_LIMIT, b.userProjectLimit, 0);
        this.trustedIssuers = List.copyOf(b.trustedIssuers);
        this.jwksLeeway = requireDuration(JWKS_LEEWAY_SECONDS, b.jwksLeeway, false);
        this.jwksCacheTtl = requireDuration(JWKS_CACHE_TTL_SECONDS, b.jwksCacheTtl, true);
        this.jwksHttpTimeout = requireDuration(JWKS_HTTP_TIMEOUT_SECONDS, b.jwksHttpTimeout, true);
        this.jwksOutageTolerance = requireDuration(JWKS_OUTAGE_TOLERANCE_SECONDS, b.jwksOutageTolerance, false);
        this.jwksRefetchWindow = requireDuration(JWKS_REFETCH_WINDOW_SECONDS, b.jwksRefetchWindow, true);
        this.authCookieName = requireText(AUTH_COOKIE_NAME, b.authCookieName);
        this.externalUserType = requireText(EXTERNAL_USER_TYPE, b.externalUserType).toLowerCase(Locale.ROOT);
        this.projectLimitMode = Objects.requireNonNull(b.projectLimitMode, PROJECT_LIMIT_MODE);
        this.signInGate = b.signInGate;
        this.signInRoles = Set.copyOf(b.signInRoles);
        if (signInGate && signInRoles.isEmpty()) {
            throw new InvalidConfigurationException(SIGN_IN_ROLES,
                    "the sign-in gate is on but no sign-in role is configured; name at least one role or set "
                            + SIGN_IN_GATE + "=false");
        }
        this.maintainerRoleName = b.maintainerRoleName == null || b.maintainerRoleName.isBlank()
                ? null : b.maintainerRoleName.trim();
        this.maxTokenBytes = requireAtLeast(MAX_TOKEN_BYTES, b.maxTokenBytes, 1024);
        this.tokenCacheSize = requireAtLeast(TOKEN_CACHE_SIZE, b.tokenCacheSize, 0);
        this.tokenCacheMaxBytes = requireBetween(TOKEN_CACHE_MAX_BYTES, b.tokenCacheMaxBytes, MIN_TOKEN_CACHE_BYTES,
                MAX_TOKEN_CACHE_BYTES);
        this.permissionCacheSize = requireAtLeast(PERMISSION_CACHE_SIZE, b.permissionCacheSize, 0);
        this.permissionCacheTtl = requireDuration(PERMISSION_CACHE_TTL_SECONDS, b.permissionCacheTtl, false);
        this.jdbcInstallTriggers = b.jdbcInstallTriggers;
        this.localPublicKeyFile = b.localPublicKeyFile;
        this.localPrivateKeyFile = b.localPrivateKeyFile;
        this.localTokenTtl = requireDuration(LOCAL_TOKEN_TTL_SECONDS, b.localTokenTtl, true);
        this.devGenerateLocalKey = b.devGenerateLocalKey;
        validateIssuers();
        validateDevelopmentKey();
    }

    /**
     * The development key is the local issuer's only key or none: beside a configured key it would sign whatever
     * the development token endpoint is asked for with the production key, or be trusted next to it.
     */
    private void validateDevelopmentKey() {
        if (!devGenerateLocalKey) {
            return;
        }
        List<String> configured = new ArrayList<>();
        if (localPublicKeyFile != null) {
            configured.add(LOCAL_PUBLIC_KEY_FILE + " ('" + localPublicKeyFile + "')");
        }
        if (localPrivateKeyFile != null) {
            configured.add(LOCAL_PRIVATE_KEY_FILE + " ('" + localPrivateKeyFile + "')");
        }
        trustedIssuers.stream().filter(issuer -> issuer.issuer().equals(LOCAL_ISSUER))
                .filter(issuer -> issuer.jwksUri() != null || issuer.discoveryUrl() != null
                        || issuer.sharedSecret() != null)
                .forEach(issuer -> configured.add(JWKS_TRUSTED_ISSUERS + " (issuer '" + LOCAL_ISSUER
                        + "' with its own key source)"));
        if (!configured.isEmpty()) {
            throw new InvalidConfigurationException(DEV_GENERATE_LOCAL_KEY, "is true, but the local issuer's key is "
                    + "configured in " + String.join(" and ", configured) + "; a generated development key never "
                    + "signs or is trusted beside a configured key: unset " + DEV_GENERATE_LOCAL_KEY
                    + " (development only) or the key settings");
        }
    }

    private void validateIssuers() {
        Set<String> seen = new LinkedHashSet<>();
        for (TrustedIssuer issuer : trustedIssuers) {
            if (!seen.add(issuer.issuer())) {
                throw new InvalidConfigurationException(JWKS_TRUSTED_ISSUERS, "issuer '" + issuer.issuer()
                        + "' is listed twice");
            }
        }
        if (idpProvider == IdpProvider.LOCAL) {
            boolean hasLocalKey = localPublicKeyFile != null || localPrivateKeyFile != null || devGenerateLocalKey
                    || seen.contains(LOCAL_ISSUER);
            if (!hasLocalKey) {
                throw new InvalidConfigurationException(LOCAL_PUBLIC_KEY_FILE, IDP_PROVIDER
                        + "=local needs the local issuer's key: set " + LOCAL_PUBLIC_KEY_FILE + " or "
                        + LOCAL_PRIVATE_KEY_FILE + ", or list issuer '" + LOCAL_ISSUER + "' in "
                        + JWKS_TRUSTED_ISSUERS);
            }
        } else if (trustedIssuers.isEmpty()) {
            throw new InvalidConfigurationException(JWKS_TRUSTED_ISSUERS, "no trusted issuer is configured and "
                    + IDP_PROVIDER + " is '" + idpProvider.value() + "', so no token could ever be accepted");
        }
    }

    /** Settings read from environment variables with the platform's names; unset or blank names take defaults. */
    public static AuthSettings fromEnvironment(Map<String, String> environment) {
        return builder().environment(environment::get).build();
    }

    /** A builder holding the defaults of every setting. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@value #ENABLE_USER_MANAGEMENT}: whether platform-managed mode is on (default false). */
    public boolean userManagementEnabled() { return userManagementEnabled; }
    /** {@value #IDP_PROVIDER}: the identity provider (default keycloak). */
    public IdpProvider idpProvider() { return idpProvider; }
    /** {@value #ADMIN_ROLE_NAME}: the role that makes a user admin, matched exactly (default admin). */
    public String adminRoleName() { return adminRoleName; }
    /** The subject that is always admin, or empty when unset (an empty value never matches). */
    public String adminUserId() { return adminUserId; }
    /** The subject that is always maintainer, or empty when unset (an empty value never matches). */
    public String maintainerUserId() { return maintainerUserId; }
    /** {@value #USER_PROJECT_LIMIT}: the limit given to non-admin users when they are created (default 3). */
    public int userProjectLimit() { return userProjectLimit; }
    /** {@value #JWKS_TRUSTED_ISSUERS}: the issuers whose tokens are accepted; unmodifiable. */
    public List<TrustedIssuer> trustedIssuers() { return trustedIssuers; }
    /** {@value #JWKS_LEEWAY_SECONDS}: the clock skew allowed on exp, nbf and iat (default 30 s). */
    public Duration jwksLeeway() { return jwksLeeway; }
    /** {@value #JWKS_CACHE_TTL_SECONDS}: how long fetched keys are fresh (default 300 s). */
    public Duration jwksCacheTtl() { return jwksCacheTtl; }
    /** {@value #JWKS_HTTP_TIMEOUT_SECONDS}: the deadline of one key fetch (default 3 s). */
    public Duration jwksHttpTimeout() { return jwksHttpTimeout; }
    /**
     * {@value #JWKS_OUTAGE_TOLERANCE_SECONDS}: how long cached keys keep working while the key endpoint is down
     * (default 1 h; zero: not at all).
     */
    public Duration jwksOutageTolerance() { return jwksOutageTolerance; }
    /** {@value #JWKS_REFETCH_WINDOW_SECONDS}: at most one refetch for unknown key ids per window (default 30 s). */
    public Duration jwksRefetchWindow() { return jwksRefetchWindow; }
    /** {@value #AUTH_COOKIE_NAME}: the cookie that may carry the token (default codemie_access_token). */
    public String authCookieName() { return authCookieName; }
    /** The lower-cased {@code user_type} value of external users. */
    public String externalUserType() { return externalUserType; }
    /** {@value #PROJECT_LIMIT_MODE}: what the project limit counts (default assigned). */
    public ProjectLimitMode projectLimitMode() { return projectLimitMode; }
    /** {@value #SIGN_IN_GATE}: whether a caller needs a sign-in role (default true). */
    public boolean signInGate() { return signInGate; }
    /** {@value #SIGN_IN_ROLES}: the roles that let a caller sign in (default developer); unmodifiable. */
    public Set<String> signInRoles() { return signInRoles; }
    /** The token role that makes a maintainer in Keycloak-managed mode, or null when unset. */
    public String maintainerRoleName() { return maintainerRoleName; }
    /** {@value #MAX_TOKEN_BYTES}: the longest accepted token (default 16384, at least 1024). */
    public int maxTokenBytes() { return maxTokenBytes; }
    /** {@value #TOKEN_CACHE_SIZE}: how many verified tokens are cached (default 10000; 0: none). */
    public int tokenCacheSize() { return tokenCacheSize; }
    /**
     * {@value #TOKEN_CACHE_MAX_BYTES}: how many bytes of heap, estimated, the verified-token cache may hold, and
     * in Keycloak-managed mode also the permissions kept for the cached tokens (default 64 MiB, 1 MiB to 1 GiB).
     */
    public long tokenCacheMaxBytes() { return tokenCacheMaxBytes; }
    /** {@value #PERMISSION_CACHE_SIZE}: how many users' effective permissions are cached (default 10000). */
    public int permissionCacheSize() { return permissionCacheSize; }
    /** {@value #PERMISSION_CACHE_TTL_SECONDS}: the longest life of cached effective permissions (default 30 s). */
    public Duration permissionCacheTtl() { return permissionCacheTtl; }
    /**
     * {@value #JDBC_INSTALL_TRIGGERS}: whether a JDBC store on PostgreSQL installs triggers that announce writes made
     * outside this library to every replica (default false).
     */
    public boolean jdbcInstallTriggers() { return jdbcInstallTriggers; }
    /** The local issuer's public key file, or null. */
    public Path localPublicKeyFile() { return localPublicKeyFile; }
    /** The local issuer's private key file, or null. */
    public Path localPrivateKeyFile() { return localPrivateKeyFile; }
    /** {@value #LOCAL_TOKEN_TTL_SECONDS}: the lifetime of issued local tokens (default 1 h). */
    public Duration localTokenTtl() { return localTokenTtl; }
    /**
     * {@value #DEV_GENERATE_LOCAL_KEY}: development only, whether a per-process local key is made (default false);
     * never true beside a configured local key.
     */
    public boolean devGenerateLocalKey() { return devGenerateLocalKey; }

    /**
     * Whether the local issuer signs and verifies with a key generated for this process only:
     * {@code IDP_PROVIDER=local} with {@value #DEV_GENERATE_LOCAL_KEY}. Then no local key is configured, and a
     * development token endpoint may exist.
     */
    public boolean generatesDevelopmentKey() { return idpProvider == IdpProvider.LOCAL && devGenerateLocalKey; }

    /** Whether the subject is {@code ADMIN_USER_ID}; never true for an empty setting or subject. */
    public boolean isConfiguredAdmin(String subject) {
        return !adminUserId.isEmpty() && adminUserId.equals(subject);
    }

    /** Whether the subject is {@code MAINTAINER_USER_ID}; never true for an empty setting or subject. */
    public boolean isConfiguredMaintainer(String subject) {
        return !maintainerUserId.isEmpty() && maintainerUserId.equals(subject);
    }

    @Override
    public String toString() {
        return "AuthSettings[userManagementEnabled=" + userManagementEnabled + ", idpProvider=" + idpProvider.value()
                + ", adminRoleName=" + adminRoleName + ", adminUserId=" + adminUserId + ", maintainerUserId="
                + maintainerUserId + ", userProjectLimit=" + userProjectLimit + ", projectLimitMode="
                + projectLimitMode.value() + ", trustedIssuers=" + trustedIssuers + ", signInGate=" + signInGate
                + ", signInRoles=" + signInRoles + "]";
    }

    private static String requireText(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(setting, "must not be empty");
        }
        return value.trim();
    }

    private static long requireBetween(String setting, long value, long minimum, long maximum) {
        if (value < minimum || value > maximum) {
            throw new InvalidConfigurationException(setting, "must be between " + minimum + " and " + maximum
                    + ", was " + value);
        }
        return value;
    }

    private static int requireAtLeast(String setting, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidConfigurationException(setting, "must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    private static Duration requireDuration(String setting, Duration value, boolean positive) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || (positive && value.isZero())) {
            throw new InvalidConfigurationException(setting, "must be " + (positive ? "positive" : "zero or more")
                    + ", was " + value.toSeconds() + " seconds");
        }
        return value;
    }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private boolean userManagementEnabled;
        private IdpProvider idpProvider = IdpProvider.KEYCLOAK;
        private String adminRoleName = "admin";
        private String adminUserId = "";
        private String maintainerUserId = "";
        private int userProjectLimit = 3;
        private List<TrustedIssuer> trustedIssuers = new ArrayList<>();
        private Duration jwksLeeway = Duration.ofSeconds(30);
        private Duration jwksCacheTtl = Duration.ofSeconds(300);
        private Duration jwksHttpTimeout = Duration.ofSeconds(3);
        private Duration jwksOutageTolerance = Duration.ofHours(1);
        private Duration jwksRefetchWindow = Duration.ofSeconds(30);
        private String authCookieName = "codemie_access_token";
        private String externalUserType = "external";
        private ProjectLimitMode projectLimitMode = ProjectLimitMode.ASSIGNED;
        private boolean signInGate = true;
        private Set<String> signInRoles = Set.of("developer");
        private String maintainerRoleName;
        private int maxTokenBytes = 16 * 1024;
        private int tokenCacheSize = 10_000;
        private long tokenCacheMaxBytes = 64L << 20;
        private int permissionCacheSize = 10_000;
        private Duration permissionCacheTtl = Duration.ofSeconds(30);
        private boolean jdbcInstallTriggers;
        private Path localPublicKeyFile;
        private Path localPrivateKeyFile;
        private Duration localTokenTtl = Duration.ofHours(1);
        private boolean devGenerateLocalKey;

        private Builder() {
        }

        /** Sets {@link AuthSettings#userManagementEnabled()}. */
        public Builder userManagementEnabled(boolean value) { this.userManagementEnabled = value; return this; }
        /** Sets {@link AuthSettings#idpProvider()}. */
        public Builder idpProvider(IdpProvider value) { this.idpProvider = value; return this; }
        /** Sets {@link AuthSettings#adminRoleName()}. */
        public Builder adminRoleName(String value) { this.adminRoleName = value; return this; }
        /** Sets {@link AuthSettings#adminUserId()}. */
        public Builder adminUserId(String value) { this.adminUserId = value; return this; }
        /** Sets {@link AuthSettings#maintainerUserId()}. */
        public Builder maintainerUserId(String value) { this.maintainerUserId = value; return this; }
        /** Sets {@link AuthSettings#userProjectLimit()}. */
        public Builder userProjectLimit(int value) { this.userProjectLimit = value; return this; }
        /** Sets {@link AuthSettings#trustedIssuers()}. */
        public Builder trustedIssuers(Collection<TrustedIssuer> value) { this.trustedIssuers = new ArrayList<>(value); return this; }
        /** Adds one trusted issuer to {@link AuthSettings#trustedIssuers()}. */
        public Builder addTrustedIssuer(TrustedIssuer value) { this.trustedIssuers.add(Objects.requireNonNull(value)); return this; }
        /** Sets {@link AuthSettings#jwksLeeway()}. */
        public Builder jwksLeeway(Duration value) { this.jwksLeeway = value; return this; }
        /** Sets {@link AuthSettings#jwksCacheTtl()}. */
        public Builder jwksCacheTtl(Duration value) { this.jwksCacheTtl = value; return this; }
        /** Sets {@link AuthSettings#jwksHttpTimeout()}. */
        public Builder jwksHttpTimeout(Duration value) { this.jwksHttpTimeout = value; return this; }
        /** Sets {@link AuthSettings#jwksOutageTolerance()}. */
        public Builder jwksOutageTolerance(Duration value) { this.jwksOutageTolerance = value; return this; }
        /** Sets {@link AuthSettings#jwksRefetchWindow()}. */
        public Builder jwksRefetchWindow(Duration value) { this.jwksRefetchWindow = value; return this; }
        /** Sets {@link AuthSettings#authCookieName()}. */
        public Builder authCookieName(String value) { this.authCookieName = value; return this; }
        /** Sets {@link AuthSettings#externalUserType()}. */
        public Builder externalUserType(String value) { this.externalUserType = value; return this; }
        /** Sets {@link AuthSettings#projectLimitMode()}. */
        public Builder projectLimitMode(ProjectLimitMode value) { this.projectLimitMode = value; return this; }
        /** Sets {@link AuthSettings#signInGate()}. */
        public Builder signInGate(boolean value) { this.signInGate = value; return this; }
        /** Sets {@link AuthSettings#signInRoles()}. */
        public Builder signInRoles(Collection<String> value) { this.signInRoles = Set.copyOf(value); return this; }
        /** Sets {@link AuthSettings#maintainerRoleName()}. */
        public Builder maintainerRoleName(String value) { this.maintainerRoleName = value; return this; }
        /** Sets {@link AuthSettings#maxTokenBytes()}. */
        public Builder maxTokenBytes(int value) { this.maxTokenBytes = value; return this; }
        /** Sets {@link AuthSettings#tokenCacheSize()}. */
        public Builder tokenCacheSize(int value) { this.tokenCacheSize = value; return this; }
        /** Sets {@link AuthSettings#tokenCacheMaxBytes()}. */
        public Builder tokenCacheMaxBytes(long value) { this.tokenCacheMaxBytes = value; return this; }
        /** Sets {@link AuthSettings#permissionCacheSize()}. */
        public Builder permissionCacheSize(int value) { this.permissionCacheSize = value; return this; }
        /** Sets {@link AuthSettings#permissionCacheTtl()}. */
        public Builder permissionCacheTtl(Duration value) { this.permissionCacheTtl = value; return this; }
        /** Sets {@link AuthSettings#jdbcInstallTriggers()}. */
        public Builder jdbcInstallTriggers(boolean value) { this.jdbcInstallTriggers = value; return this; }
        /** Sets {@link AuthSettings#localPublicKeyFile()}. */
        public Builder localPublicKeyFile(Path value) { this.localPublicKeyFile = value; return this; }
        /** Sets {@link AuthSettings#localPrivateKeyFile()}. */
        public Builder localPrivateKeyFile(Path value) { this.localPrivateKeyFile = value; return this; }
        /** Sets {@link AuthSettings#localTokenTtl()}. */
        public Builder localTokenTtl(Duration value) { this.localTokenTtl = value; return this; }
        /** Sets {@link AuthSettings#devGenerateLocalKey()}. */
        public Builder devGenerateLocalKey(boolean value) { this.devGenerateLocalKey = value; return this; }

        /**
         * Reads every setting this library knows from a lookup of names to values (environment variables, or
         * properties translated to these names). Names the lookup does not know, or maps to a blank value, keep
         * the builder's current value.
         */
        public Builder environment(Function<String, String> lookup) {
            Source source = new Source(lookup);
            source.bool(ENABLE_USER_MANAGEMENT, this::userManagementEnabled);
            source.text(IDP_PROVIDER, v -> idpProvider(IdpProvider.parse(IDP_PROVIDER, v)));
            source.text(ADMIN_ROLE_NAME, this::adminRoleName);
            source.text(ADMIN_USER_ID, this::adminUserId);
            source.text(MAINTAINER_USER_ID, this::maintainerUserId);
            source.integer(USER_PROJECT_LIMIT, this::userProjectLimit);
            source.seconds(JWKS_LEEWAY_SECONDS, this::jwksLeeway);
            source.seconds(JWKS_CACHE_TTL_SECONDS, this::jwksCacheTtl);
            source.seconds(JWKS_HTTP_TIMEOUT_SECONDS, this::jwksHttpTimeout);
            source.seconds(JWKS_OUTAGE_TOLERANCE_SECONDS, this::jwksOutageTolerance);
            source.seconds(JWKS_REFETCH_WINDOW_SECONDS, this::jwksRefetchWindow);
            source.text(AUTH_COOKIE_NAME, this::authCookieName);
            source.text(EXTERNAL_USER_TYPE, this::externalUserType);
            source.text(PROJECT_LIMIT_MODE, v -> projectLimitMode(ProjectLimitMode.parse(PROJECT_LIMIT_MODE, v)));
            source.bool(SIGN_IN_GATE, this::signInGate);
            source.text(SIGN_IN_ROLES, v -> signInRoles(splitList(v)));
            source.text(MAINTAINER_ROLE_NAME, this::maintainerRoleName);
            source.integer(MAX_TOKEN_BYTES, this::maxTokenBytes);
            source.integer(TOKEN_CACHE_SIZE, this::tokenCacheSize);
            source.wholeNumber(TOKEN_CACHE_MAX_BYTES, this::tokenCacheMaxBytes);
            source.integer(PERMISSION_CACHE_SIZE, this::permissionCacheSize);
            source.seconds(PERMISSION_CACHE_TTL_SECONDS, this::permissionCacheTtl);
            source.bool(JDBC_INSTALL_TRIGGERS, this::jdbcInstallTriggers);
            source.path(LOCAL_PUBLIC_KEY_FILE, this::localPublicKeyFile);
            source.path(LOCAL_PRIVATE_KEY_FILE, this::localPrivateKeyFile);
            source.seconds(LOCAL_TOKEN_TTL_SECONDS, this::localTokenTtl);
            source.bool(DEV_GENERATE_LOCAL_KEY, this::devGenerateLocalKey);
            // issuers last: their default preset depends on IDP_PROVIDER
            source.text(JWKS_TRUSTED_ISSUERS, v -> trustedIssuers(parseTrustedIssuers(v, idpProvider)));
            return this;
        }

        /** Validates everything and returns the settings. */
        public AuthSettings build() {
            return new AuthSettings(this);
        }
    }

    /**
     * Reads a boolean as every boolean setting is read: {@code true}/{@code false}, {@code 1}/{@code 0},
     * {@code yes}/{@code no}, {@code on}/{@code off} in any case; anything else is an error naming the setting.
     */
    public static boolean parseBoolean(String setting, String value) {
        return Source.parseBoolean(setting, value.trim());
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Parses the JSON of {@code JWKS_TRUSTED_ISSUERS}; issuers without a {@code preset} get the one that fits the
     * identity provider.
     */
    public static List<TrustedIssuer> parseTrustedIssuers(String json, IdpProvider provider) {
        String setting = JWKS_TRUSTED_ISSUERS;
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
                            + "\"; known members are " + new java.util.TreeSet<>(known));
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
            throw new InvalidConfigurationException(JWKS_TRUSTED_ISSUERS, "element " + index + " has \"" + key
                    + "\" that is not a URL: " + value);
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
    private static final java.util.regex.Pattern SHARED_SECRET = java.util.regex.Pattern.compile(
            "(shared_secret[\"']?\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}]*)");

    /** The value with every shared secret masked: an error message ends up in logs. */
    private static String withoutSecrets(String json) {
        return SHARED_SECRET.matcher(json).replaceAll("$1\"***\"");
    }

    /**
     * A setting's value as logs and startup errors may show it: the whole value of a setting named like a secret or
     * a password is masked, and so is every {@code shared_secret} inside any value (such as
     * {@value #JWKS_TRUSTED_ISSUERS}).
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
        return JWKS_TRUSTED_ISSUERS.equals(setting) ? shownIssuers(value) : withoutSecrets(value);
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

    /** Reads typed values from a name lookup, naming the setting in every error. */
    private record Source(Function<String, String> lookup) {

        void text(String name, java.util.function.Consumer<String> sink) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                sink.accept(value.trim());
            }
        }

        void bool(String name, java.util.function.Consumer<Boolean> sink) {
            text(name, v -> sink.accept(parseBoolean(name, v)));
        }

        void integer(String name, java.util.function.IntConsumer sink) {
            wholeNumber(name, v -> {
                if (v != (int) v) {
                    throw new InvalidConfigurationException(name, "is out of range: '" + v + "'");
                }
                sink.accept((int) v);
            });
        }

        void wholeNumber(String name, java.util.function.LongConsumer sink) {
            text(name, v -> {
                try {
                    sink.accept(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new InvalidConfigurationException(name, "is not a whole number: '" + v + "'");
                }
            });
        }

        void seconds(String name, java.util.function.Consumer<Duration> sink) {
            integer(name, v -> {
                if (v < 0) {
                    throw new InvalidConfigurationException(name, "must not be negative, was " + v);
                }
                sink.accept(Duration.ofSeconds(v));
            });
        }

        void path(String name, java.util.function.Consumer<Path> sink) {
            text(name, v -> {
                try {
                    sink.accept(Path.of(v));
                } catch (InvalidPathException e) {
                    throw new InvalidConfigurationException(name, "is not a file path: '" + v + "' (" + e.getReason()
                            + ")");
                }
            });
        }

        private static boolean parseBoolean(String name, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on", "t", "y" -> true;
                case "false", "0", "no", "off", "f", "n" -> false;
                default -> throw new InvalidConfigurationException(name, "is not a boolean: '" + value
                        + "'; use true or false");
            };
        }
    }
}
