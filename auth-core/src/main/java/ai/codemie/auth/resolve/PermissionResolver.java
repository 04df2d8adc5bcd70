package ai.codemie.auth.resolve;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.token.VerifiedToken;

/**
 * Computes what the caller of a verified token may do: from the claims (Keycloak-managed mode) or from the
 * user store (platform-managed mode).
 *
 * <p>Throws {@link ai.codemie.auth.error.AuthenticationException} for an unusable identity (invalid
 * {@code user_type}, deactivated account, invalid subject), {@link ai.codemie.auth.error.AccessDeniedException}
 * when the sign-in gate refuses the caller and {@link ai.codemie.auth.error.UnavailableException} when the store
 * cannot be reached.
 */
@FunctionalInterface
public interface PermissionResolver {

    /** The caller's effective permissions. */
    EffectivePermissions resolve(VerifiedToken token);

    /**
     * Where changes committed in this process are reported (by the administration API), so that a resolver that
     * caches permissions answers the next request with the change. A resolver without a cache ignores them.
     */
    default ChangeFeed.ChangeListener changeListener() {
        return new ChangeFeed.ChangeListener() {
            @Override
            public void userChanged(String userId) {
            }

            @Override
            public void everythingChanged() {
            }
        };
    }
}
