package ai.codemie.auth.admin;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.StoredUser;
import java.util.Objects;

/**
 * A user as the administration API shows it.
 *
 * @param user        the stored row (active flag, deletion time, auth source, last login…)
 * @param permissions what the user may do, as their own requests would see it (the {@code GET /v1/user} view)
 */
public record ManagedUser(StoredUser user, EffectivePermissions permissions) {

    public ManagedUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(permissions, "permissions");
    }
}
