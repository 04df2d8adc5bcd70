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

    /** A builder of a new user with this id and user name: active, regular, not admin, every other field empty. */
    public static Builder builder(String id, String username) {
        return new Builder(id, username);
    }

    /** A builder holding every field of this user, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder(id, username).email(email).name(name).picture(picture).userType(userType).active(active)
                .deletedAt(deletedAt).admin(admin).maintainer(maintainer).projectLimit(projectLimit)
                .authSource(authSource).lastLoginAt(lastLoginAt);
    }

    /** This user, deactivated (soft-deleted) at the given time. */
    public StoredUser deactivated(Instant time) {
        return toBuilder().active(false).deletedAt(time).build();
    }

    /** Builds a {@link StoredUser}; {@link #build()} applies the record's checks. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String username;
        private String email;
        private String name;
        private String picture;
        private String userType = "regular";
        private boolean active = true;
        private Instant deletedAt;
        private boolean admin;
        private boolean maintainer;
        private Integer projectLimit;
        private String authSource;
        private Instant lastLoginAt;

        private Builder(String id, String username) {
            this.id = id;
            this.username = username;
        }

        /** Sets the id. */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /** Sets the user name. */
        public Builder username(String value) {
            username = value;
            return this;
        }

        /** Sets the e-mail address (null for none). */
        public Builder email(String value) {
            email = value;
            return this;
        }

        /** Sets the display name (null for none). */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** Sets the picture URL (null for none). */
        public Builder picture(String value) {
            picture = value;
            return this;
        }

        /** Sets the user type ({@code regular} or {@code external}). */
        public Builder userType(String value) {
            userType = value;
            return this;
        }

        /** Sets {@code is_active}. */
        public Builder active(boolean value) {
            active = value;
            return this;
        }

        /** Sets the soft-delete time (null when not deleted). */
        public Builder deletedAt(Instant value) {
            deletedAt = value;
            return this;
        }

        /** Sets {@code is_admin}. */
        public Builder admin(boolean value) {
            admin = value;
            return this;
        }

        /** Sets {@code is_maintainer}. */
        public Builder maintainer(boolean value) {
            maintainer = value;
            return this;
        }

        /** Sets the admin and maintainer flags and the project limit together, as a role change does. */
        public Builder roles(boolean newAdmin, boolean newMaintainer, Integer newProjectLimit) {
            return admin(newAdmin).maintainer(newMaintainer).projectLimit(newProjectLimit);
        }

        /** Sets the project limit (null only for admins). */
        public Builder projectLimit(Integer value) {
            projectLimit = value;
            return this;
        }

        /** Sets where the user signs in. */
        public Builder authSource(String value) {
            authSource = value;
            return this;
        }

        /** Sets the last sign-in time (null for never). */
        public Builder lastLoginAt(Instant value) {
            lastLoginAt = value;
            return this;
        }

        /** The user. */
        public StoredUser build() {
            return new StoredUser(id, username, email, name, picture, userType, active, deletedAt, admin, maintainer,
                    projectLimit, authSource, lastLoginAt);
        }
    }
}
