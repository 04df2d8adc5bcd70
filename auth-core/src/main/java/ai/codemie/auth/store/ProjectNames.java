package ai.codemie.auth.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for project names. A project created through the administration API follows the platform's rule for a
 * new project ({@link #problem}). A project an identity provider grants (at first login, or by an import of
 * existing users) keeps the name the provider gives it, so that access stays what the provider granted, unless the
 * name is hostile ({@link #grantedNameProblem}). Projects that already exist keep their names whatever this says.
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

    /**
     * Why a project an identity provider grants may not be created under this name; empty when it may. Refused:
     * a blank name, {@code .} and {@code ..}, a name holding {@code /} or a backslash (it could not be told apart
     * from a path), a name holding an invisible formatting character (zero-width characters, direction marks,
     * byte order mark: look-alikes of another name), and a name its column cannot hold ({@link StoredText}).
     * Spaces, upper case, dots and the names the API reserves are kept as the provider wrote them.
     */
    public static Optional<String> grantedNameProblem(String name) {
        Optional<String> unstorable = StoredText.PROJECT_NAME.problem(name);
        if (unstorable.isPresent()) {
            return unstorable.map(p -> "the name " + p);
        }
        if (name.isBlank() || name.equals(".") || name.equals("..")) {
            return Optional.of("the name is blank or a dot segment");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("the name contains a path separator");
        }
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            return Optional.of("the name contains an invisible formatting character");
        }
        return Optional.empty();
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
