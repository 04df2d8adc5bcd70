package ai.codemie.auth.config;

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
        return SettingValue.parse(setting, raw, values(), ProjectLimitMode::value, "project limit mode");
    }
}
