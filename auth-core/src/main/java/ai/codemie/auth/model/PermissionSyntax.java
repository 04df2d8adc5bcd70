package ai.codemie.auth.model;

import ai.codemie.auth.model.InvalidSyntaxException.Kind;

/**
 * The syntax shared by permissions and permission patterns: {@code resource:action} or
 * {@code resource:action:instance}, each part 1–64 characters of {@code a-z 0-9 _ . -} (the instance also
 * {@code A-Z}), or, in a pattern only, the single character {@code *}.
 */
final class PermissionSyntax {

    /** The longest part. */
    static final int MAX_PART = 64;
    /** The longest whole text: three parts and two colons. */
    private static final int MAX_TEXT = 3 * MAX_PART + 2;

    /** The character that stands for any value of a part. */
    static final String ANY = "*";

    /** The parts of a permission, for messages. */
    enum Part {
        RESOURCE("resource", false), ACTION("action", false), INSTANCE("instance", true);

        private final String label;
        private final boolean upperCase;

        Part(String label, boolean upperCase) {
            this.label = label;
            this.upperCase = upperCase;
        }
    }

    private PermissionSyntax() {
    }

    /**
     * Splits {@code text} into its two or three parts, checked; {@code null} stands for {@code *} (patterns only)
     * and for an omitted instance. Throws {@link InvalidSyntaxException} naming the text.
     */
    static String[] split(Kind kind, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidSyntaxException(kind, text, "it must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidSyntaxException(kind, text, "it has more than " + MAX_TEXT + " characters");
        }
        int first = text.indexOf(':');
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (first < 0 || (second >= 0 && text.indexOf(':', second + 1) >= 0)) {
            throw new InvalidSyntaxException(kind, text, "it must be resource:action or resource:action:instance");
        }
        int actionEnd = second < 0 ? text.length() : second;
        return new String[] {
            part(kind, text, 0, first, Part.RESOURCE),
            part(kind, text, first + 1, actionEnd, Part.ACTION),
            second < 0 ? null : part(kind, text, second + 1, text.length(), Part.INSTANCE)};
    }

    /** The part {@code text[from, to)}, checked: the substring, or null for {@code *}. */
    private static String part(Kind kind, String text, int from, int to, Part part) {
        String problem = problem(text, from, to, part, kind == Kind.PATTERN);
        if (problem != null) {
            throw new InvalidSyntaxException(kind, text, problem);
        }
        return to - from == 1 && text.charAt(from) == '*' ? null : text.substring(from, to);
    }

    /**
     * Checks parts given apart ({@code instance} may be null); a malformed one throws
     * {@link InvalidSyntaxException} naming the permission they make together.
     */
    static void checkParts(Kind kind, String resource, String action, String instance) {
        String problem = problem(resource, 0, resource.length(), Part.RESOURCE, kind == Kind.PATTERN);
        if (problem == null) {
            problem = problem(action, 0, action.length(), Part.ACTION, kind == Kind.PATTERN);
        }
        if (problem == null && instance != null) {
            problem = problem(instance, 0, instance.length(), Part.INSTANCE, kind == Kind.PATTERN);
        }
        if (problem != null) {
            throw new InvalidSyntaxException(kind, resource + ":" + action + (instance == null ? "" : ":" + instance),
                    problem);
        }
    }

    private static String problem(String source, int from, int to, Part part, boolean pattern) {
        int length = to - from;
        if (length == 0) {
            return "the " + part.label + " is empty";
        }
        if (length > MAX_PART) {
            return "the " + part.label + " has more than " + MAX_PART + " characters";
        }
        if (length == 1 && source.charAt(from) == '*') {
            return pattern ? null : "a permission asked about names its " + part.label + ", '*' is for patterns";
        }
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'
                    || (part.upperCase && c >= 'A' && c <= 'Z');
            if (!allowed) {
                return "the " + part.label + " may hold only " + (part.upperCase ? "a-z, A-Z" : "a-z")
                        + ", 0-9, '_', '.' and '-'" + (pattern ? ", or be '*'" : "");
            }
        }
        return null;
    }
}
