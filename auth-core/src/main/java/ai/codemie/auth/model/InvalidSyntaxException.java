package ai.codemie.auth.model;

import java.util.Objects;

/**
 * A permission, permission pattern, tenant id or role name that is not well-formed. Thrown while parsing, before
 * anything is decided or changed; adapters answer it with 400 and its message, which names the input and what is
 * wrong with it.
 */
public final class InvalidSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Inputs longer than this are cut in the message, so that an oversized input cannot flood a response. */
    private static final int SHOWN = 100;

    /** What was being parsed. */
    public enum Kind {
        /** A permission asked about ({@code resource:action[:instance]}, no {@code *}). */
        PERMISSION("permission"),
        /** A permission pattern of a role or a tenant boundary. */
        PATTERN("permission pattern"),
        /** A tenant id. */
        TENANT_ID("tenant id"),
        /** A role name. */
        ROLE_NAME("role name");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How the message names it, for example {@code permission pattern}. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String input;

    InvalidSyntaxException(Kind kind, String input, String problem) {
        super("Invalid " + kind.label + " '" + shown(input) + "': " + problem);
        this.kind = Objects.requireNonNull(kind);
        this.input = input;
    }

    /** What was being parsed. */
    public Kind kind() {
        return kind;
    }

    /** The refused input as given (null when null was given). */
    public String input() {
        return input;
    }

    private static String shown(String input) {
        if (input == null) {
            return "null";
        }
        return input.length() <= SHOWN ? input : input.substring(0, SHOWN) + "…";
    }
}
