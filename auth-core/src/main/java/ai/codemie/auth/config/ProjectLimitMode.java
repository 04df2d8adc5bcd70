package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;

/** What {@code USER_PROJECT_LIMIT} counts ({@code CODEMIE_AUTH_PROJECT_LIMIT_MODE}). */
public enum ProjectLimitMode {
    /**
     * The documented meaning: memberships in shared, not deleted projects; checked when a user is assigned to a
     * project and when they create one.
     */
    ASSIGNED("assigned"),
    /** The platform's code: shared, not deleted projects the user created; checked at creation. */
    CREATED("created");

    private final String value;

    ProjectLimitMode(String value) {
        this.value = value;
    }

    /** The value as written in the setting. */
    public String value() {
        return value;
    }

    /** The mode named by a setting value. */
    public static ProjectLimitMode parse(String setting, String raw) {
        for (ProjectLimitMode mode : values()) {
            if (mode.value.equals(raw.trim().toLowerCase(java.util.Locale.ROOT))) {
                return mode;
            }
        }
        throw new InvalidConfigurationException(setting, "unknown project limit mode '" + raw
                + "'; expected assigned or created");
    }
}
