package ai.codemie.auth.store;

/**
 * Tells subscribers which users' effective permissions (or which tenants' definitions) changed in a store, including changes committed by
 * other processes that share it. Caches subscribe and drop what changed.
 */
public interface ChangeFeed {

    /** Registers the listener; closing the returned handle unregisters it. */
    AutoCloseable subscribe(ChangeListener listener);

    /** What a subscriber is told. Called on a feed thread; implementations must be quick and thread-safe. */
    interface ChangeListener {

        /** The user's permissions changed. */
        void userChanged(String userId);

        /**
         * The tenant's definition changed (its boundary, or a role's patterns, name or existence), and with it the
         * permissions of every member holding its roles. A listener that keeps nothing per tenant drops everything,
         * the default.
         */
        default void tenantChanged(String tenantId) {
            everythingChanged();
        }

        /**
         * Changes may have been missed (for example, a lost database connection was re-established): drop
         * everything.
         */
        void everythingChanged();
    }
}
