package ai.codemie.auth.keycloak;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the Keycloak user import reads users: the Keycloak admin API of one realm, through a confidential client
 * with a service account. Validated once when built; a bad value is an {@link InvalidConfigurationException} naming
 * the setting (never showing the client secret).
 *
 * <p>These settings are kept apart from {@link AuthSettings}: they matter only to the import, and the client secret
 * then never sits in the settings object every other component holds and logs.
 */
public final class KeycloakMigrationSettings {

    /** Whether a service runs the import in the background at startup (default {@code false}). */
    public static final String ENABLED = "KEYCLOAK_MIGRATION_ENABLED";
    /** Keycloak's base URL, without a trailing slash and without {@code /auth}. */
    public static final String ADMIN_URL = "KEYCLOAK_ADMIN_URL";
    /** The realm whose users are imported. */
    public static final String ADMIN_REALM = "KEYCLOAK_ADMIN_REALM";
    /** The confidential client whose service account reads the users. */
    public static final String ADMIN_CLIENT_ID = "KEYCLOAK_ADMIN_CLIENT_ID";
    /** That client's secret. */
    public static final String ADMIN_CLIENT_SECRET = "KEYCLOAK_ADMIN_CLIENT_SECRET";
    /** Users (and role members) read per admin API call (default 100). */
    public static final String PAGE_SIZE = "CODEMIE_AUTH_MIGRATION_PAGE_SIZE";
    /** Deadline of one admin API call, in seconds (default 30). */
    public static final String HTTP_TIMEOUT_SECONDS = "CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS";

    /** The largest page size accepted. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** The longest HTTP timeout accepted. */
    public static final Duration MAX_HTTP_TIMEOUT = Duration.ofMinutes(5);

    private final URI adminUrl;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final int pageSize;
    private final Duration httpTimeout;

    private KeycloakMigrationSettings(Builder b) {
        this.adminUrl = adminUrl(b.adminUrl);
        this.realm = required(ADMIN_REALM, b.realm);
        this.clientId = required(ADMIN_CLIENT_ID, b.clientId);
        if (b.clientSecret == null || b.clientSecret.isBlank()) {
            throw new InvalidConfigurationException(ADMIN_CLIENT_SECRET, "must be set");
        }
        this.clientSecret = b.clientSecret.trim();
        if (b.pageSize < 1 || b.pageSize > MAX_PAGE_SIZE) {
            throw new InvalidConfigurationException(PAGE_SIZE, "must be between 1 and " + MAX_PAGE_SIZE + ", was "
                    + b.pageSize);
        }
        this.pageSize = b.pageSize;
        Objects.requireNonNull(b.httpTimeout, HTTP_TIMEOUT_SECONDS);
        if (b.httpTimeout.isNegative() || b.httpTimeout.isZero() || b.httpTimeout.compareTo(MAX_HTTP_TIMEOUT) > 0) {
            throw new InvalidConfigurationException(HTTP_TIMEOUT_SECONDS, "must be between 1 and "
                    + MAX_HTTP_TIMEOUT.toSeconds() + " seconds, was " + b.httpTimeout.toSeconds());
        }
        this.httpTimeout = b.httpTimeout;
    }

    /**
     * Whether {@value #ENABLED} is true in the lookup (environment variables, or a service's property source under
     * the same names); unset or blank is false.
     */
    public static boolean enabledIn(Function<String, String> lookup) {
        String value = lookup.apply(ENABLED);
        return value != null && !value.isBlank() && AuthSettings.parseBoolean(ENABLED, value);
    }

    /**
     * The settings read from a lookup of the names above, whatever {@value #ENABLED} says: the four
     * {@code KEYCLOAK_ADMIN_*} names are required.
     */
    public static KeycloakMigrationSettings fromEnvironment(Function<String, String> lookup) {
        Builder builder = builder()
                .adminUrl(lookup.apply(ADMIN_URL))
                .realm(lookup.apply(ADMIN_REALM))
                .clientId(lookup.apply(ADMIN_CLIENT_ID))
                .clientSecret(lookup.apply(ADMIN_CLIENT_SECRET));
        String pageSize = lookup.apply(PAGE_SIZE);
        if (pageSize != null && !pageSize.isBlank()) {
            builder.pageSize(wholeNumber(PAGE_SIZE, pageSize));
        }
        String timeout = lookup.apply(HTTP_TIMEOUT_SECONDS);
        if (timeout != null && !timeout.isBlank()) {
            builder.httpTimeout(Duration.ofSeconds(wholeNumber(HTTP_TIMEOUT_SECONDS, timeout)));
        }
        return builder.build();
    }

    /** A builder with the defaults; the four connection settings have none. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@value #ADMIN_URL}: Keycloak's base URL, without a trailing slash. */
    public URI adminUrl() { return adminUrl; }
    /** {@value #ADMIN_REALM}: the realm whose users are imported. */
    public String realm() { return realm; }
    /** {@value #ADMIN_CLIENT_ID}: the service-account client. */
    public String clientId() { return clientId; }
    /** {@value #ADMIN_CLIENT_SECRET}: the client's secret; never log it. */
    public String clientSecret() { return clientSecret; }
    /** {@value #PAGE_SIZE}: users and role members read per call (default 100, at most {@value #MAX_PAGE_SIZE}). */
    public int pageSize() { return pageSize; }
    /** {@value #HTTP_TIMEOUT_SECONDS}: the deadline of one admin API call (default 30 s). */
    public Duration httpTimeout() { return httpTimeout; }

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return "KeycloakMigrationSettings[adminUrl=" + adminUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", clientSecret=***, pageSize=" + pageSize + ", httpTimeout=" + httpTimeout.toSeconds() + "s]";
    }

    private static String required(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(setting, "must be set");
        }
        return value.trim();
    }

    /** An absolute http(s) URL without credentials, query, fragment, trailing slash or {@code /auth} path. */
    private static URI adminUrl(String raw) {
        String value = required(ADMIN_URL, raw);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(ADMIN_URL, "is not a URL: '" + value + "'");
        }
        if (uri.getRawUserInfo() != null) {
            // the value is not shown: it holds credentials
            throw new InvalidConfigurationException(ADMIN_URL, "must not hold credentials; the client secret goes in "
                    + ADMIN_CLIENT_SECRET);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidConfigurationException(ADMIN_URL, "must be an absolute http(s) URL such as "
                    + "https://keycloak.example.com, was '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(ADMIN_URL, "must have no query or fragment, was '" + value + "'");
        }
        if (value.endsWith("/")) {
            throw new InvalidConfigurationException(ADMIN_URL, "must not end with '/', was '" + value + "'");
        }
        if (uri.getRawPath().endsWith("/auth")) {
            throw new InvalidConfigurationException(ADMIN_URL, "is the base URL without the '/auth' path of old "
                    + "Keycloak versions, was '" + value + "'");
        }
        return uri;
    }

    private static int wholeNumber(String setting, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(setting, "is not a whole number: '" + value.trim() + "'");
        }
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String adminUrl;
        private String realm;
        private String clientId;
        private String clientSecret;
        private int pageSize = 100;
        private Duration httpTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Sets {@link KeycloakMigrationSettings#adminUrl()}. */
        public Builder adminUrl(String value) { this.adminUrl = value; return this; }
        /** Sets {@link KeycloakMigrationSettings#realm()}. */
        public Builder realm(String value) { this.realm = value; return this; }
        /** Sets {@link KeycloakMigrationSettings#clientId()}. */
        public Builder clientId(String value) { this.clientId = value; return this; }
        /** Sets {@link KeycloakMigrationSettings#clientSecret()}. */
        public Builder clientSecret(String value) { this.clientSecret = value; return this; }
        /** Sets {@link KeycloakMigrationSettings#pageSize()}. */
        public Builder pageSize(int value) { this.pageSize = value; return this; }
        /** Sets {@link KeycloakMigrationSettings#httpTimeout()}. */
        public Builder httpTimeout(Duration value) { this.httpTimeout = value; return this; }

        /** Validates everything and returns the settings. */
        public KeycloakMigrationSettings build() {
            return new KeycloakMigrationSettings(this);
        }
    }
}
