package ai.codemie.auth.model;

import java.util.Objects;

/**
 * Who the caller is: the identity part of {@link EffectivePermissions}.
 *
 * @param id       the subject; never null or empty
 * @param username the preferred user name, or null when the identity provider sent none
 * @param name     the display name, or null
 * @param email    the e-mail address (falls back to the user name in Keycloak-managed mode), or null
 * @param picture  a picture URL, or null
 * @param userType the normalised user type, {@code regular} or {@code external}
 */
public record UserIdentity(String id, String username, String name, String email, String picture, String userType) {

    /** The user type of everyone who is not external. */
    public static final String REGULAR = "regular";

    public UserIdentity {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        Objects.requireNonNull(userType, "userType");
        if (userType.equals(REGULAR)) {
            userType = REGULAR; // one instance for nearly every cached user instead of a copy per user
        }
    }
}
