package ai.codemie.auth.store;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The text columns written from an identity provider's data, with the longest value each takes: the sizes of this
 * library's own schema script, which the platform's unbounded columns take too, so that a value is accepted or
 * refused alike on either schema. No column takes a control character (PostgreSQL cannot store NUL at all), a line
 * or paragraph separator, or half of a surrogate pair.
 */
public enum StoredText {
    /** {@code users.username}. */
    USERNAME(255),
    /** {@code users.email}. */
    EMAIL(320),
    /** {@code users.name}. */
    NAME(255),
    /** {@code users.picture}. */
    PICTURE(2048),
    /** {@code applications.name} and {@code user_projects.project_name}. */
    PROJECT_NAME(255),
    /** {@code user_knowledge_bases.kb_name}. */
    KNOWLEDGE_BASE(255);

    /** How much of a refused value {@link #quoted} shows. */
    private static final int QUOTED_LENGTH = 80;

    private final int maxLength;

    StoredText(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The longest value the column takes, in UTF-16 code units (never fewer than the characters a database counts). */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Why the column cannot hold the value, for example {@code "is longer than 255 characters"}, without repeating
     * the value; empty when it can. Null is always storable.
     */
    public Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        // a lone surrogate comes out of codePoints() as itself, of type SURROGATE; a pair as one character
        OptionalInt refused = value.codePoints().filter(c -> !storable(c)).findFirst();
        return refused.isEmpty() ? Optional.empty()
                : Optional.of("contains the character U+" + String.format("%04X", refused.getAsInt())
                        + ", which cannot be stored");
    }

    /**
     * The value in single quotes for a log line: characters outside printable ASCII escaped as {@code \}{@code uXXXX}
     * (so that a hostile value can neither break the line nor hide look-alike characters), at most 80 of them.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(value.length(), QUOTED_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
                quoted.append(c);
            } else {
                quoted.append(String.format("\\u%04x", (int) c));
            }
        }
        quoted.append('\'');
        if (value.length() > end) {
            quoted.append("... (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }

    private static boolean storable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE ->
                    false;
            default -> true;
        };
    }
}
