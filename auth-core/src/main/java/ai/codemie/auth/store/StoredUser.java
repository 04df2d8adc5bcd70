package ai.codemie.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the platform's {@code users} table, as far as authorization needs it.
 *
 * @param id           the subject (in platform-managed mode a canonical lower-case UUID)
 * @param username     unique user name
 * @param email        unique e-mail address, or null
 * @param name         display name, or null
 * @param picture      picture URL, or null
 * @param userType     {@code regular} or {@code external}
 * @param active       {@code is_active}
 * @param deletedAt    soft-delete time, or null
 * @param admin        {@code is_admin}
 * @param maintainer   {@code is_maintainer} (implies admin)
 * @param projectLimit shared projects allowed; null only for admins (unlimited)
 * @param authSource   where the user signs in: {@code keycloak}, {@code oidc}, {@code local}…
 * @param lastLoginAt  last sign-in time, or null
 */
public record StoredUser(
        String id,
        String username,
        String email,
        String name,
        String picture,
        String userType,
        boolean active,
        Instant deletedAt,
        boolean admin,
        boolean maintainer,
        Integer projectLimit,
        String authSource,
        Instant lastLoginAt) {

    public StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(userType, "userType");
        if (projectLimit != null && projectLimit < 0) {
            throw new IllegalArgumentException("projectLimit must be null or >= 0, was " + projectLimit);
        }
    }

    /** Active and not deleted: the platform's definition of a usable account. */
    public boolean usable() {
        return active && deletedAt == null;
    }

    /** This user with the profile fields an identity provider refreshes at each login. */
    public StoredUser withProfile(String newEmail, String newName, String newPicture) {
        return new StoredUser(id, username, newEmail, newName, newPicture, userType, active, deletedAt, admin,
                maintainer, projectLimit, authSource, lastLoginAt);
    }

    /** This user with another user name. */
    public StoredUser withUsername(String newUsername) {
        return new StoredUser(id, newUsername, email, name, picture, userType, active, deletedAt, admin, maintainer,
                projectLimit, authSource, lastLoginAt);
    }

    /** This user, signed in at the given time. */
    public StoredUser withLastLoginAt(Instant time) {
        return new StoredUser(id, username, email, name, picture, userType, active, deletedAt, admin, maintainer,
                projectLimit, authSource, time);
    }

    /** This user with other admin and maintainer flags and project limit. */
    public StoredUser withRoles(boolean newAdmin, boolean newMaintainer, Integer newProjectLimit) {
        return new StoredUser(id, username, email, name, picture, userType, active, deletedAt, newAdmin, newMaintainer,
                newProjectLimit, authSource, lastLoginAt);
    }

    /** This user, deactivated (soft-deleted) at the given time. */
    public StoredUser deactivated(Instant time) {
        return new StoredUser(id, username, email, name, picture, userType, false, time, admin, maintainer,
                projectLimit, authSource, lastLoginAt);
    }
}
