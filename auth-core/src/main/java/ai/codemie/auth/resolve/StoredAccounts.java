package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What sign-in knows about store users, offered to administration and to imports from an identity provider, so
 * that a user's permissions and a new account read the same whichever way they came about: permissions from the
 * user row, memberships and grants; accounts created with their personal project and the provider's grants.
 */
public final class StoredAccounts {

    private StoredAccounts() {
    }

    /** Whether the user is a maintainer: {@code is_maintainer} or {@code MAINTAINER_USER_ID}. */
    public static boolean isMaintainer(AuthSettings settings, StoredUser user) {
        return StoredPermissions.isMaintainer(settings, user);
    }

    /** Whether the user is an admin: {@code is_admin}, {@code ADMIN_USER_ID}, or a maintainer. */
    public static boolean isAdmin(AuthSettings settings, StoredUser user) {
        return StoredPermissions.isAdmin(settings, user);
    }

    /**
     * The user's effective permissions in platform-managed mode, reading memberships and grants in the transaction:
     *
     * <ul>
     *   <li>identity, user type and project limit: the user row;</li>
     *   <li>admin: {@code is_admin}, {@code ADMIN_USER_ID} or maintainer; maintainer: {@code is_maintainer} or
     *       {@code MAINTAINER_USER_ID};</li>
     *   <li>roles: {@code ADMIN_ROLE_NAME} for an admin, and {@code CODEMIE_AUTH_MAINTAINER_ROLE_NAME}, when set, for
     *       a maintainer; the store holds no other roles, and token roles do not count after the first login;</li>
     *   <li>projects: every membership, plain or admin, personal project included; admin projects: the memberships
     *       with the project-admin flag; knowledge bases: the grants;</li>
     *   <li>tenants, when {@code CODEMIE_AUTH_TENANTS_ENABLED} is on: every tenant membership with its roles, on its
     *       tenant's boundary and roles; none when it is off, and no tenant is read.</li>
     * </ul>
     */
    public static EffectivePermissions permissions(AuthSettings settings, StoreTransaction transaction,
            StoredUser user) {
        return StoredPermissions.load(settings, transaction, user);
    }

    /**
     * Inserts the user with its personal project (named after the e-mail) and nothing else, in the caller's
     * transaction; false, with nothing written, when a user with the same id, user name or e-mail exists.
     *
     * @throws ai.codemie.auth.store.InvalidStoreDataException when a field of the user does not fit its column;
     *                                                          nothing is written
     */
    public static boolean create(StoreTransaction transaction, StoredUser user) {
        return UserProvisioning.provision(transaction, user, List.of(), List.of());
    }

    /**
     * Creates, in the caller's transaction, the user that a first login with these claimed permissions would create
     * (admin and maintainer flags, project limit, memberships, knowledge bases, personal project), as a user who has
     * not signed in yet: how an import from an identity provider brings users in before they sign in. The sign-in
     * gate is the caller's to apply.
     *
     * @param authSource written as {@code auth_source}, for example {@code keycloak}
     * @return the created user; empty, with nothing written, when a user with the same id, user name or e-mail exists
     * @throws ai.codemie.auth.store.InvalidStoreDataException when a field of the user does not fit its column;
     *                                                          nothing is written
     */
    public static Optional<StoredUser> importUser(AuthSettings settings, StoreTransaction transaction,
            EffectivePermissions claimed, String authSource) {
        Objects.requireNonNull(authSource, "authSource");
        return UserProvisioning.provisionFirstLogin(settings, transaction, claimed, authSource, null);
    }
}
