package ai.codemie.auth.admin;

import java.util.Objects;

/**
 * A local user to create ({@code IDP_PROVIDER=local}).
 *
 * @param username unique user name
 * @param email    unique e-mail address; also the name of the user's personal project
 * @param name     display name, or null for the user name
 */
public record NewLocalUser(String username, String email, String name) {

    public NewLocalUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        if (username.isBlank() || email.isBlank()) {
            throw new IllegalArgumentException("username and email must not be blank");
        }
    }
}
