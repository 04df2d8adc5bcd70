package ai.codemie.auth.store;

/** The platform's {@code applications.project_type}. */
public enum ProjectType {
    /** A project several users work in; counts against the project limit. */
    SHARED("shared"),
    /** A user's own project, named after their e-mail; its membership never changes. */
    PERSONAL("personal");

    private final String value;

    ProjectType(String value) {
        this.value = value;
    }

    /** The value stored in the database. */
    public String value() {
        return value;
    }

    /** The type stored as {@code value}. */
    public static ProjectType fromValue(String value) {
        for (ProjectType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown project type: " + value);
    }
}
