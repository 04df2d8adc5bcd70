package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.TenantNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Each setting is declared once below, as a {@link Setting} constant named like its environment variable:
 * its type, default, check, concern, Spring property and documentation. Build the settings from the
 * environment with {@link #fromEnvironment(Map)}, or in code with {@link #builder()} and
 * {@link Builder#set(Setting, Object)}; read a value with {@link #get(Setting)}. Instances are immutable.
 */
public final class AuthSettings implements Setting.Values {

    /** The issuer of the platform's local tokens. */
    public static final String LOCAL_ISSUER = "codemie-local";

    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    private static final String MODE = "Mode and identity provider";
    private static final String ROLES = "Roles and sign-in";
    private static final String PROJECT_LIMIT = "Project limit";
    private static final String TOKENS = "Tokens and issuers";
    private static final String CACHES = "Caches";
    private static final String STORE = "Platform store";
    private static final String LOCAL = "Local issuer";
    private static final String TENANTS = "Tenants";

    /** Mode switch: {@code true} for platform-managed mode (roles in the user store). */
    public static final Setting<Boolean> ENABLE_USER_MANAGEMENT = declare(Setting.bool("ENABLE_USER_MANAGEMENT", false)
            .group(MODE).property("enable-user-management").check(Setting.required())
            .doc("`false`: Keycloak-managed mode (roles and projects from the token's claims); `true`: "
                    + "platform-managed mode (from the user store)"));
    /** The identity provider. */
    public static final Setting<IdpProvider> IDP_PROVIDER = declare(Setting.choice("IDP_PROVIDER",
                    IdpProvider.KEYCLOAK, IdpProvider::value, "identity provider")
            .group(MODE).property("idp-provider").check(Setting.required())
            .doc("`keycloak`, `oidc`, `entraid-oidc` or `local`; anything else stops startup"));

    /** Role that makes a user admin (exact, case-sensitive). */
    public static final Setting<String> ADMIN_ROLE_NAME = declare(Setting.text("ADMIN_ROLE_NAME", "admin")
            .group(ROLES).property("admin-role-name").check(Setting.notEmpty())
            .doc("role that makes a user admin (exact, case-sensitive)"));
    /** Subject that is always admin; empty when unset (an empty value never matches). */
    public static final Setting<String> ADMIN_USER_ID = declare(Setting.text("ADMIN_USER_ID", "")
            .group(ROLES).property("admin-user-id").check(AuthSettings::trimmedOrEmpty)
            .doc("subject that is always admin (an empty value matches nobody)"));
    /** Subject that is always maintainer (and so admin); empty when unset (an empty value never matches). */
    public static final Setting<String> MAINTAINER_USER_ID = declare(Setting.text("MAINTAINER_USER_ID", "")
            .group(ROLES).property("maintainer-user-id").check(AuthSettings::trimmedOrEmpty)
            .doc("subject that is always maintainer, and so admin; in platform-managed mode created as admin and "
                    + "maintainer at first login"));
    /** Token role that makes a user maintainer in Keycloak-managed mode; null when unset. */
    public static final Setting<String> MAINTAINER_ROLE_NAME = declare(Setting.text(
                    "CODEMIE_AUTH_MAINTAINER_ROLE_NAME", null)
            .group(ROLES).property("maintainer-role-name")
            .check((setting, value) -> value == null || value.isBlank() ? null : value.trim())
            .doc("token role that makes a maintainer in Keycloak-managed mode; unset = maintainers exist only in "
                    + "the store (platform behaviour)"));
    /** Whether a caller needs a sign-in role. */
    public static final Setting<Boolean> SIGN_IN_GATE = declare(Setting.bool("CODEMIE_AUTH_SIGN_IN_GATE", true)
            .group(ROLES).property("sign-in-gate").check(Setting.required())
            .doc("refuse (403) callers who are not admin or maintainer and hold none of the sign-in roles"));
    /** Roles that let a caller sign in; unmodifiable. */
    public static final Setting<Set<String>> SIGN_IN_ROLES = declare(Setting.words("CODEMIE_AUTH_SIGN_IN_ROLES",
                    Set.of("developer"))
            .group(ROLES).property("sign-in-roles").check((setting, value) -> Set.copyOf(value))
            .doc("comma-separated roles that let a caller sign in"));
    /** The lower-cased value of {@code user_type} that marks external users. */
    public static final Setting<String> EXTERNAL_USER_TYPE = declare(Setting.text("EXTERNAL_USER_TYPE", "external")
            .group(ROLES).property("external-user-type").check(Setting.notEmpty())
            .check((setting, value) -> value.toLowerCase(Locale.ROOT))
            .doc("which `user_type` marks external users; a token's `user_type` must still be `regular` or "
                    + "`external` (any case, trimmed), and `guest: true` always makes the user external"));

    /** Limit given to non-admin users when they are created. */
    public static final Setting<Integer> USER_PROJECT_LIMIT = declare(Setting.integer("USER_PROJECT_LIMIT", 3)
            .group(PROJECT_LIMIT).property("user-project-limit").check(Setting.atLeast(0))
            .doc("project limit given to non-admin users when they are created (≥ 0)"));
    /** What the project limit counts. */
    public static final Setting<ProjectLimitMode> PROJECT_LIMIT_MODE = declare(Setting.choice(
                    "CODEMIE_AUTH_PROJECT_LIMIT_MODE", ProjectLimitMode.ASSIGNED, ProjectLimitMode::value,
                    "project limit mode")
            .group(PROJECT_LIMIT).property("project-limit-mode").check(Setting.required())
            .doc("`assigned`: the limit counts memberships in shared projects, checked on assignment and creation; "
                    + "`created`: counts shared projects the user created, checked on creation (the platform's "
                    + "code)"));

    /** The issuers whose tokens are accepted, see {@link TrustedIssuer}; unmodifiable. */
    public static final Setting<List<TrustedIssuer>> JWKS_TRUSTED_ISSUERS = declare(Setting.<List<TrustedIssuer>>of(
                    "JWKS_TRUSTED_ISSUERS", Setting.Kind.ISSUERS,
                    // an issuer without a preset takes the one of IDP_PROVIDER, so that is read first
                    (setting, text, soFar) -> TrustedIssuer.parseList(text, soFar.get(AuthSettings.IDP_PROVIDER)))
            .defaultValue(List.of()).readLast()
            .group(TOKENS).property("jwks.trusted-issuers").check((setting, value) -> List.copyOf(value))
            .doc("JSON list of trusted issuers (below); required unless `IDP_PROVIDER=local`"));
    /** Clock skew allowed on {@code exp}, {@code nbf}, {@code iat}. */
    public static final Setting<Duration> JWKS_LEEWAY_SECONDS = declare(Setting.seconds("JWKS_LEEWAY_SECONDS",
                    Duration.ofSeconds(30))
            .group(TOKENS).property("jwks.leeway").check(Setting.duration(false))
            .doc("clock skew allowed on `exp`, `nbf`, `iat`"));
    /** How long fetched keys are fresh. */
    public static final Setting<Duration> JWKS_CACHE_TTL_SECONDS = declare(Setting.seconds("JWKS_CACHE_TTL_SECONDS",
                    Duration.ofSeconds(300))
            .group(TOKENS).property("jwks.cache-ttl").check(Setting.duration(true))
            .doc("how long fetched keys are fresh; at least `JWKS_HTTP_TIMEOUT_SECONDS`"));
    /** The deadline of one key fetch. */
    public static final Setting<Duration> JWKS_HTTP_TIMEOUT_SECONDS = declare(Setting.seconds(
                    "JWKS_HTTP_TIMEOUT_SECONDS", Duration.ofSeconds(3))
            .group(TOKENS).property("jwks.http-timeout").check(Setting.duration(true))
            .doc("key fetch timeout: a deadline on the whole fetch of each document (a `discovery_url` issuer's "
                    + "first fetch reads two)"));
    /** How long cached keys keep working while the key endpoint is down (zero: not at all). */
    public static final Setting<Duration> JWKS_OUTAGE_TOLERANCE_SECONDS = declare(Setting.seconds(
                    "JWKS_OUTAGE_TOLERANCE_SECONDS", Duration.ofHours(1))
            .group(TOKENS).property("jwks.outage-tolerance").check(Setting.duration(false))
            .doc("how long cached keys keep working while the key endpoint is down; `0` turns outage tolerance "
                    + "off"));
    /** At most one refetch for unknown key ids per this window. */
    public static final Setting<Duration> JWKS_REFETCH_WINDOW_SECONDS = declare(Setting.seconds(
                    "JWKS_REFETCH_WINDOW_SECONDS", Duration.ofSeconds(30))
            .group(TOKENS).property("jwks.refetch-window").check(Setting.duration(true))
            .doc("at most one refetch for unknown key ids per window"));
    /** Cookie that may carry the token. */
    public static final Setting<String> AUTH_COOKIE_NAME = declare(Setting.text("AUTH_COOKIE_NAME",
                    "codemie_access_token")
            .group(TOKENS).property("auth-cookie-name").check(Setting.notEmpty())
            .doc("cookie that may carry the token"));
    /** Longest accepted token, in bytes. */
    public static final Setting<Integer> MAX_TOKEN_BYTES = declare(Setting.integer("CODEMIE_AUTH_MAX_TOKEN_BYTES",
                    16 * 1024)
            .group(TOKENS).property("max-token-bytes").check(Setting.atLeast(1024))
            .doc("longest accepted token (at least 1024); a longer one is refused before parsing"));

    /** How many verified tokens are cached (0: none). */
    public static final Setting<Integer> TOKEN_CACHE_SIZE = declare(Setting.integer("CODEMIE_AUTH_TOKEN_CACHE_SIZE",
                    10_000)
            .group(CACHES).property("token-cache-size").check(Setting.atLeast(0))
            .doc("verified tokens kept at most (until their `exp`), a bound beside "
                    + "`CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES`; `0` disables the cache"));
    /**
     * How many bytes of heap, estimated, the verified-token cache may hold, and in Keycloak-managed mode also the
     * permissions kept for the cached tokens (1 MiB to 1 GiB).
     */
    public static final Setting<Long> TOKEN_CACHE_MAX_BYTES = declare(Setting.bytes(
                    "CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES", 64L << 20)
            .group(CACHES).property("token-cache-max-bytes").check(Setting.between(1L << 20, 1L << 30))
            .shownDefault("`67108864` (64 MiB)")
            .doc("estimated heap the verified-token cache may hold, in bytes (1 MiB to 1 GiB); the permissions "
                    + "Keycloak-managed mode keeps per cached token are bounded by the same figure again (below)"));
    /** How many users' effective permissions are cached in platform-managed mode. */
    public static final Setting<Integer> PERMISSION_CACHE_SIZE = declare(Setting.integer(
                    "CODEMIE_AUTH_PERMISSION_CACHE_SIZE", 10_000)
            .group(CACHES).property("permission-cache-size").check(Setting.atLeast(0))
            .doc("users whose effective permissions are cached in platform-managed mode; `0` disables the cache"));
    /** The longest life of cached effective permissions. */
    public static final Setting<Duration> PERMISSION_CACHE_TTL_SECONDS = declare(Setting.seconds(
                    "CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS", Duration.ofSeconds(30))
            .group(CACHES).property("permission-cache-ttl").check(Setting.duration(false))
            .doc("longest life of a cached entry: changes made through the library invalidate at once, writes "
                    + "made outside it are seen after at most this long unless the change triggers are installed "
                    + "([below](#writes-made-outside-the-library))"));

    /** Whether a JDBC store on PostgreSQL installs triggers that announce writes made outside this library. */
    public static final Setting<Boolean> JDBC_INSTALL_TRIGGERS = declare(Setting.bool(
                    "CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS", false)
            .group(STORE).property("jdbc-install-triggers").check(Setting.required())
            .doc("PostgreSQL store: install the change triggers at startup, so that writes made outside the "
                    + "library reach every replica within a second ([below](#writes-made-outside-the-library))"));

    /** Public key of the local issuer: a PEM file or a JWK set file; null when unset. */
    public static final Setting<Path> LOCAL_PUBLIC_KEY_FILE = declare(Setting.path(
                    "CODEMIE_AUTH_LOCAL_PUBLIC_KEY_FILE")
            .group(LOCAL).property("local.public-key-file")
            .doc("`IDP_PROVIDER=local`: the local issuer's public key (PEM or JWK set)"));
    /** Private key of the local issuer, for issuing local tokens: a PEM file or a JWK file; null when unset. */
    public static final Setting<Path> LOCAL_PRIVATE_KEY_FILE = declare(Setting.path(
                    "CODEMIE_AUTH_LOCAL_PRIVATE_KEY_FILE")
            .group(LOCAL).property("local.private-key-file")
            .doc("the local issuer's private key (PEM or JWK), to issue local tokens; share the file between "
                    + "replicas"));
    /** Lifetime of issued local tokens. */
    public static final Setting<Duration> LOCAL_TOKEN_TTL_SECONDS = declare(Setting.seconds(
                    "CODEMIE_AUTH_LOCAL_TOKEN_TTL_SECONDS", Duration.ofHours(1))
            .group(LOCAL).property("local.token-ttl").check(Setting.duration(true))
            .doc("lifetime of issued local tokens"));
    /** Development only: generate a per-process local key at startup; never beside a configured local key. */
    public static final Setting<Boolean> DEV_GENERATE_LOCAL_KEY = declare(Setting.bool(
                    "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", false)
            .group(LOCAL).property("local.dev-generate-key").check(Setting.required())
            .doc("**development only**: generate a per-process local key at startup (logged as a warning); "
                    + "together with either key file, or with issuer `codemie-local` given its own key source in "
                    + "`JWKS_TRUSTED_ISSUERS`, startup stops naming both settings"));

    /** Whether tenants and tenant-scoped roles are on (platform-managed mode only). */
    public static final Setting<Boolean> TENANTS_ENABLED = declare(Setting.bool("CODEMIE_AUTH_TENANTS_ENABLED", false)
            .group(TENANTS).property("tenants.enabled").check(Setting.required())
            .doc("platform-managed mode: switch on tenants and tenant-scoped roles ([Tenant permissions](#tenant-permissions)); off, "
                    + "nothing tenant-related is read or written and endpoints requiring a tenant permission answer 400 "
                    + "\"Tenants not enabled\""));
    /** The id of the default tenant, created at startup with boundary {@code *:*} when missing. */
    public static final Setting<String> DEFAULT_TENANT = declare(Setting.text("CODEMIE_AUTH_DEFAULT_TENANT", "default")
            .group(TENANTS).property("tenants.default-tenant").check(AuthSettings::tenantId)
            .doc("id of the default tenant: the active tenant of a request without the tenant header, joined at "
                    + "first sign-in; created at startup (name `Default`, boundary `*:*`) when missing"));
    /** Roles of the default tenant given at first sign-in; unmodifiable, names as written. */
    public static final Setting<Set<String>> FIRST_LOGIN_ROLES = declare(Setting.words(
                    "CODEMIE_AUTH_FIRST_LOGIN_ROLES", Set.of())
            .group(TENANTS).property("tenants.first-login-roles").check(AuthSettings::roleNames)
            .doc("comma-separated roles of the default tenant a user is given on joining it at first sign-in "
                    + "(matched without case; one missing from the tenant is skipped with a warning)"));
    /** Whether invitations turn into memberships only for a token that says {@code email_verified: true}. */
    public static final Setting<Boolean> PLACEHOLDER_REQUIRE_VERIFIED_EMAIL = declare(Setting.bool(
                    "CODEMIE_AUTH_PLACEHOLDER_REQUIRE_VERIFIED_EMAIL", true)
            .group(TENANTS).property("tenants.placeholder-require-verified-email").check(Setting.required())
            .doc("invitations for an e-mail become memberships at first sign-in only when the token says "
                    + "`email_verified: true`; `false` also accepts an unverified e-mail (open to account "
                    + "pre-hijacking)"));
    /** The request header that names the active tenant. */
    public static final Setting<String> TENANT_HEADER = declare(Setting.text("CODEMIE_AUTH_TENANT_HEADER",
                    "X-Codemie-Tenant")
            .group(TENANTS).property("tenants.header").check(AuthSettings::headerName)
            .doc("request header naming the active tenant of a tenant-scoped endpoint; without it the default "
                    + "tenant is active, a malformed value is answered 400"));

    /** Every setting, in the order they are read, checked and documented (grouped by concern). */
    public static final List<Setting<?>> SETTINGS = List.copyOf(DECLARED);

    private final SettingValues values;

    private AuthSettings(SettingValues unchecked) {
        this.values = unchecked.checked();
        if (get(SIGN_IN_GATE) && get(SIGN_IN_ROLES).isEmpty()) {
            throw new InvalidConfigurationException(SIGN_IN_ROLES.name(),
                    "the sign-in gate is on but no sign-in role is configured; name at least one role or set "
                            + SIGN_IN_GATE + "=false");
        }
        validateIssuers();
        validateDevelopmentKey();
    }

    private static <T> Setting<T> declare(Setting<T> setting) {
        DECLARED.add(setting);
        return setting;
    }

    private static String tenantId(String setting, String value) {
        String id = Setting.notEmpty().check(setting, value);
        try {
            return TenantNames.requireTenantId(id);
        } catch (InvalidSyntaxException e) {
            throw new InvalidConfigurationException(setting, "is not a tenant id: '" + id + "' (" + e.getMessage() + ")");
        }
    }

    private static Set<String> roleNames(String setting, Set<String> names) {
        for (String name : names) {
            try {
                TenantNames.requireRoleName(name);
            } catch (InvalidSyntaxException e) {
                throw new InvalidConfigurationException(setting, "holds an invalid role name: '" + name + "' ("
                        + e.getMessage() + ")");
            }
        }
        return Set.copyOf(names);
    }

    /** An HTTP header name: one or more token characters (RFC 9110). */
    private static String headerName(String setting, String value) {
        String name = Setting.notEmpty().check(setting, value);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new InvalidConfigurationException(setting, "is not an HTTP header name: '" + name + "'");
            }
        }
        return name;
    }

    private static String trimmedOrEmpty(String setting, String value) {
        return value == null ? "" : value.trim();
    }

    /** The value of a setting, after its check (e.g. {@code get(AuthSettings.JWKS_LEEWAY_SECONDS)}). */
    @Override
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * The development key is the local issuer's only key or none: beside a configured key it would sign whatever
     * the development token endpoint is asked for with the production key, or be trusted next to it.
     */
    private void validateDevelopmentKey() {
        if (!get(DEV_GENERATE_LOCAL_KEY)) {
            return;
        }
        List<String> configured = new ArrayList<>();
        for (Setting<Path> keyFile : List.of(LOCAL_PUBLIC_KEY_FILE, LOCAL_PRIVATE_KEY_FILE)) {
            if (get(keyFile) != null) {
                configured.add(keyFile + " ('" + get(keyFile) + "')");
            }
        }
        get(JWKS_TRUSTED_ISSUERS).stream().filter(issuer -> issuer.issuer().equals(LOCAL_ISSUER))
                .filter(issuer -> issuer.jwksUri() != null || issuer.discoveryUrl() != null
                        || issuer.sharedSecret() != null)
                .forEach(issuer -> configured.add(JWKS_TRUSTED_ISSUERS + " (issuer '" + LOCAL_ISSUER
                        + "' with its own key source)"));
        if (!configured.isEmpty()) {
            throw new InvalidConfigurationException(DEV_GENERATE_LOCAL_KEY.name(), "is true, but the local issuer's "
                    + "key is configured in " + String.join(" and ", configured) + "; a generated development key "
                    + "never signs or is trusted beside a configured key: unset " + DEV_GENERATE_LOCAL_KEY
                    + " (development only) or the key settings");
        }
    }

    private void validateIssuers() {
        Set<String> seen = new LinkedHashSet<>();
        for (TrustedIssuer issuer : get(JWKS_TRUSTED_ISSUERS)) {
            if (!seen.add(issuer.issuer())) {
                throw new InvalidConfigurationException(JWKS_TRUSTED_ISSUERS.name(), "issuer '" + issuer.issuer()
                        + "' is listed twice");
            }
        }
        if (get(IDP_PROVIDER) == IdpProvider.LOCAL) {
            boolean hasLocalKey = get(LOCAL_PUBLIC_KEY_FILE) != null || get(LOCAL_PRIVATE_KEY_FILE) != null
                    || get(DEV_GENERATE_LOCAL_KEY) || seen.contains(LOCAL_ISSUER);
            if (!hasLocalKey) {
                throw new InvalidConfigurationException(LOCAL_PUBLIC_KEY_FILE.name(), IDP_PROVIDER
                        + "=local needs the local issuer's key: set " + LOCAL_PUBLIC_KEY_FILE + " or "
                        + LOCAL_PRIVATE_KEY_FILE + ", or list issuer '" + LOCAL_ISSUER + "' in "
                        + JWKS_TRUSTED_ISSUERS);
            }
        } else if (seen.isEmpty()) {
            throw new InvalidConfigurationException(JWKS_TRUSTED_ISSUERS.name(), "no trusted issuer is configured and "
                    + IDP_PROVIDER + " is '" + get(IDP_PROVIDER).value() + "', so no token could ever be accepted");
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

    /**
     * Whether the local issuer signs and verifies with a key generated for this process only:
     * {@code IDP_PROVIDER=local} with {@code CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY}. Then no local key is configured,
     * and a development token endpoint may exist.
     */
    public boolean generatesDevelopmentKey() {
        return get(IDP_PROVIDER) == IdpProvider.LOCAL && get(DEV_GENERATE_LOCAL_KEY);
    }

    /** Whether the subject is {@code ADMIN_USER_ID}; never true for an empty setting or subject. */
    public boolean isConfiguredAdmin(String subject) {
        String adminUserId = get(ADMIN_USER_ID);
        return !adminUserId.isEmpty() && adminUserId.equals(subject);
    }

    /** Whether the subject is {@code MAINTAINER_USER_ID}; never true for an empty setting or subject. */
    public boolean isConfiguredMaintainer(String subject) {
        String maintainerUserId = get(MAINTAINER_USER_ID);
        return !maintainerUserId.isEmpty() && maintainerUserId.equals(subject);
    }

    @Override
    public String toString() {
        return "AuthSettings[userManagementEnabled=" + get(ENABLE_USER_MANAGEMENT) + ", idpProvider="
                + get(IDP_PROVIDER).value() + ", adminRoleName=" + get(ADMIN_ROLE_NAME) + ", adminUserId="
                + get(ADMIN_USER_ID) + ", maintainerUserId=" + get(MAINTAINER_USER_ID) + ", userProjectLimit="
                + get(USER_PROJECT_LIMIT) + ", projectLimitMode=" + get(PROJECT_LIMIT_MODE).value()
                + ", trustedIssuers=" + get(JWKS_TRUSTED_ISSUERS) + ", signInGate=" + get(SIGN_IN_GATE)
                + ", signInRoles=" + get(SIGN_IN_ROLES) + "]";
    }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private final SettingValues values = SettingValues.defaults(SETTINGS);

        private Builder() {
        }

        /** Sets one setting (checked by {@link #build()}). */
        public <T> Builder set(Setting<T> setting, T value) {
            values.set(setting, value);
            return this;
        }

        /** Adds one trusted issuer to {@link AuthSettings#JWKS_TRUSTED_ISSUERS}. */
        public Builder addTrustedIssuer(TrustedIssuer value) {
            List<TrustedIssuer> issuers = new ArrayList<>(values.get(JWKS_TRUSTED_ISSUERS));
            issuers.add(Objects.requireNonNull(value));
            return set(JWKS_TRUSTED_ISSUERS, issuers);
        }

        /**
         * Reads every setting this library knows from a lookup of names to values (environment variables, or
         * properties translated to these names). Names the lookup does not know, or maps to a blank value, keep
         * the builder's current value.
         */
        public Builder environment(Function<String, String> lookup) {
            values.read(lookup);
            return this;
        }

        /** Validates everything and returns the settings. */
        public AuthSettings build() {
            return new AuthSettings(values);
        }
    }
}
