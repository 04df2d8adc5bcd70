package ai.codemie.auth.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform's rule for the name of a new project: 3 to 100 ASCII letters, digits, {@code _} or {@code -},
 * starting with a letter or digit, and none of the reserved names (in any case). Projects that already exist keep
 * their names whatever this says.
 */
public final class ProjectNames {

    /** The shortest name of a new project. */
    public static final int MIN_LENGTH = 3;
    /** The longest name of a new project. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*");
    /** In the order the platform's message lists them. */
    private static final List<String> RESERVED = List.of("admin", "system", "root", "api", "null", "undefined",
            "default", "test", "demo");

    private ProjectNames() {
    }

    /** Why a new project may not have this name, in the platform's words; empty when it may. */
    public static Optional<String> problem(String name) {
        if (name == null || name.length() < MIN_LENGTH) {
            return Optional.of("Project name must be at least " + MIN_LENGTH + " characters");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("Project name cannot exceed " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("Invalid project name. Must be " + MIN_LENGTH + "-" + MAX_LENGTH + " alphanumeric "
                    + "characters (underscore/hyphen allowed), cannot start with special character, and cannot use "
                    + "reserved names (" + String.join(", ", RESERVED) + ")");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("Project name '" + name + "' is reserved and cannot be used");
        }
        return Optional.empty();
    }
}
