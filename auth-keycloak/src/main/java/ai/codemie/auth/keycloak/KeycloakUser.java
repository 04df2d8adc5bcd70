package ai.codemie.auth.keycloak;

import java.util.Map;

/**
 * One user as the admin API lists it ({@code UserRepresentation} with {@code briefRepresentation=false}), reduced to
 * what the import reads.
 *
 * @param id         the Keycloak user id, the subject of the user's tokens
 * @param username   the user name
 * @param email      the e-mail, or null
 * @param firstName  the first name, or null
 * @param lastName   the last name, or null
 * @param enabled    whether the account is enabled; false when Keycloak did not say
 * @param attributes the user's attributes as Keycloak sent them (normally name to a list of strings; any JSON value
 *                   is kept as is and read like a token claim)
 */
record KeycloakUser(String id, String username, String email, String firstName, String lastName, boolean enabled,
        Map<String, Object> attributes) {

    /**
     * The user of one element of a users page, or null when the element is not a user object with a non-empty string
     * id and user name.
     */
    static KeycloakUser from(Object element) {
        if (!(element instanceof Map<?, ?> user) || !(user.get("id") instanceof String id) || id.isEmpty()
                || !(user.get("username") instanceof String username) || username.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = user.get("attributes") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        return new KeycloakUser(id, username, text(user.get("email")), text(user.get("firstName")),
                text(user.get("lastName")), Boolean.TRUE.equals(user.get("enabled")), attributes);
    }

    /** First and last name joined by one space; a missing part is left out; null when both are missing. */
    String name() {
        boolean first = firstName != null;
        boolean last = lastName != null;
        if (first && last) {
            return firstName + " " + lastName;
        }
        return first ? firstName : lastName;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
