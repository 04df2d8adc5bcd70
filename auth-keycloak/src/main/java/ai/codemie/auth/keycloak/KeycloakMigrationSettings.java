package ai.codemie.auth.keycloak;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.Setting;
import ai.codemie.auth.config.SettingValues;
import ai.codemie.auth.error.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
public final class KeycloakMigrationSettings implements Setting.Values {

    private static final List<Setting<?>> DECLARED = new ArrayList<>();
    private static final String GROUP = "Keycloak user import";
    /** How the documentation shows a required setting's default. */
    private static final String NONE = "—";

    /** Whether a service runs the import in the background at startup; read by {@link #enabledIn}. */
    public static final Setting<Boolean> ENABLED = declare(Setting.bool("KEYCLOAK_MIGRATION_ENABLED", false)
            .doc("run the import in the background when the service starts"));
    /** Keycloak's base URL, without a trailing slash and without {@code /auth}; see {@link #adminUrl()}. */
    public static final Setting<String> ADMIN_URL = declare(Setting.text("KEYCLOAK_ADMIN_URL", null).shownDefault(NONE)
            .check((setting, value) -> adminUrl(value).toString())
            .doc("Keycloak's base URL, e.g. `https://keycloak.example.com`: no trailing `/`, no `/auth`, no "
                    + "credentials"));
    /** The realm whose users are imported. */
    public static final Setting<String> ADMIN_REALM = declare(Setting.text("KEYCLOAK_ADMIN_REALM",
            null).shownDefault(NONE)
            .check(KeycloakMigrationSettings::required).doc("the realm whose users are imported"));
    /** The confidential client whose service account reads the users. */
    public static final Setting<String> ADMIN_CLIENT_ID = declare(Setting.text("KEYCLOAK_ADMIN_CLIENT_ID",
            null).shownDefault(NONE)
            .check(KeycloakMigrationSettings::required).doc("the service-account client"));
    /** That client's secret; never log it. */
    public static final Setting<String> ADMIN_CLIENT_SECRET = declare(Setting.text("KEYCLOAK_ADMIN_CLIENT_SECRET",
                    null).shownDefault(NONE)
            .check(KeycloakMigrationSettings::required)
            .doc("its secret; never written to any log, message or report"));
    /** The largest page size accepted. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** Users (and role members) read per admin API call. */
    public static final Setting<Integer> PAGE_SIZE = declare(Setting.of("CODEMIE_AUTH_MIGRATION_PAGE_SIZE",
                    Setting.Kind.INTEGER, (setting, text, soFar) -> wholeNumber(setting, text))
            .defaultValue(100).check(Setting.between(1, MAX_PAGE_SIZE))
            .doc("users (and role members) read per admin API call, 1 to " + MAX_PAGE_SIZE));
    /** The longest HTTP timeout accepted. */
    public static final Duration MAX_HTTP_TIMEOUT = Duration.ofMinutes(5);
    /** Deadline of one admin API call. */
    public static final Setting<Duration> HTTP_TIMEOUT_SECONDS = declare(Setting.of(
                    "CODEMIE_AUTH_MIGRATION_HTTP_TIMEOUT_SECONDS", Setting.Kind.SECONDS,
                    (setting, text, soFar) -> Duration.ofSeconds(wholeNumber(setting, text)))
            .defaultValue(Duration.ofSeconds(30)).written(value -> Long.toString(value.toSeconds()))
            .check(KeycloakMigrationSettings::timeout)
            .doc("deadline of one admin API call, the whole answer included, 1 to " + MAX_HTTP_TIMEOUT.toSeconds()));

    /** Every setting of the import, in the order they are read, checked and documented. */
    public static final List<Setting<?>> SETTINGS = List.copyOf(DECLARED);

    private final SettingValues values;
    private final URI adminUrl;

    private KeycloakMigrationSettings(SettingValues unchecked) {
        this.values = unchecked.checked();
        this.adminUrl = URI.create(get(ADMIN_URL));
    }

    private static <T> Setting<T> declare(Setting<T> setting) {
        Setting<T> grouped = setting.group(GROUP);
        DECLARED.add(grouped);
        return grouped;
    }

    private static Duration timeout(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_HTTP_TIMEOUT) > 0) {
            throw new InvalidConfigurationException(setting, "must be between 1 and " + MAX_HTTP_TIMEOUT.toSeconds()
                    + " seconds, was " + value.toSeconds());
        }
        return value;
    }

    /** The value of a setting, after its check (e.g. {@code get(KeycloakMigrationSettings.ADMIN_REALM)}). */
    @Override
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * Whether {@code KEYCLOAK_MIGRATION_ENABLED} is true in the lookup (environment variables, or a service's property
     * source under the same names); unset or blank is false.
     */
    public static boolean enabledIn(Function<String, String> lookup) {
        String value = lookup.apply(ENABLED.name());
        return value != null && !value.isBlank() && Setting.parseBoolean(ENABLED.name(), value);
    }

    /**
     * The settings read from a lookup of the names above, whatever {@code KEYCLOAK_MIGRATION_ENABLED} says: the four
     * {@code KEYCLOAK_ADMIN_*} names are required.
     */
    public static KeycloakMigrationSettings fromEnvironment(Function<String, String> lookup) {
        return builder().environment(lookup).build();
    }

    /** A builder with the defaults; the four connection settings have none. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code KEYCLOAK_ADMIN_URL}: Keycloak's base URL, without a trailing slash. */
    public URI adminUrl() {
        return adminUrl;
    }

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return "KeycloakMigrationSettings[adminUrl=" + adminUrl + ", realm=" + get(ADMIN_REALM) + ", clientId="
                + get(ADMIN_CLIENT_ID) + ", clientSecret=***, pageSize=" + get(PAGE_SIZE) + ", httpTimeout="
                + get(HTTP_TIMEOUT_SECONDS).toSeconds() + "s]";
    }

    private static String required(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(setting, "must be set");
        }
        return value.trim();
    }

    /** An absolute http(s) URL without credentials, query, fragment, trailing slash or {@code /auth} path. */
    private static URI adminUrl(String raw) {
        String value = required(ADMIN_URL.name(), raw);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(ADMIN_URL.name(), "is not a URL: '" + value + "'");
        }
        if (uri.getRawUserInfo() != null) {
            // the value is not shown: it holds credentials
            throw new InvalidConfigurationException(ADMIN_URL.name(), "must not hold credentials; the client secret "
                    + "goes in " + ADMIN_CLIENT_SECRET);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidConfigurationException(ADMIN_URL.name(), "must be an absolute http(s) URL such as "
                    + "https://keycloak.example.com, was '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(ADMIN_URL.name(), "must have no query or fragment, was '" + value
                    + "'");
        }
        if (value.endsWith("/")) {
            throw new InvalidConfigurationException(ADMIN_URL.name(), "must not end with '/', was '" + value + "'");
        }
        if (uri.getRawPath().endsWith("/auth")) {
            throw new InvalidConfigurationException(ADMIN_URL.name(), "is the base URL without the '/auth' path of "
                    + "old Keycloak versions, was '" + value + "'");
        }
        return uri;
    }

    // Integer.parseInt, not the core's reading: a number beyond int is "not a whole number" here, as it always was
    private static int wholeNumber(String setting, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(setting, "is not a whole number: '" + value.trim() + "'");
        }
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final SettingValues values = SettingValues.defaults(SETTINGS);

        private Builder() {
        }

        /** Sets one setting (checked by {@link #build()}). */
        public <T> Builder set(Setting<T> setting, T value) {
            values.set(setting, value);
            return this;
        }

        /**
         * Reads every setting from a lookup of their names; unknown or blank names keep the current value.
         * {@code KEYCLOAK_MIGRATION_ENABLED} is left to {@link #enabledIn}: the command runs the import whatever it
         * says.
         */
        public Builder environment(Function<String, String> lookup) {
            values.read(name -> name.equals(ENABLED.name()) ? null : lookup.apply(name));
            return this;
        }

        /** Validates everything and returns the settings. */
        public KeycloakMigrationSettings build() {
            return new KeycloakMigrationSettings(values);
        }
    }
}
