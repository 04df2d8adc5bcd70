package ai.codemie.auth.store;

import java.util.Optional;

/**
 * Where platform-managed mode keeps users, project memberships, knowledge base grants and projects.
 *
 * <p>Implementations: {@code InMemoryUserStore} in this module, and the JDBC store of {@code auth-jdbc}.
 * Everything runs inside {@link #inTransaction}: the work sees one consistent state and its writes commit
 * together or not at all. Stores throw {@link StoreUnavailableException} when they cannot be reached, so that
 * decisions fail closed, and {@link InvalidStoreDataException} when they refuse a value they cannot hold (a bug or a
 * race of the caller, never reported as an outage).
 */
public interface UserStore {

    /**
     * Runs the work in one transaction and returns its result. An exception thrown by the work rolls the
     * transaction back and is rethrown unchanged; a store failure becomes {@link StoreUnavailableException}.
     */
    <T> T inTransaction(StoreWork<T> work);

    /** Where this store announces changes made by other replicas (or by other users of the same store). */
    ChangeFeed changeFeed();

    /**
     * Takes the store-wide exclusive lock of that name, without waiting: empty when someone holds it already,
     * whether in this process or in another replica sharing the store. The lock is held until it is closed, and is
     * lost with the process that holds it, so a crashed holder does not keep it. Used so that only one replica runs
     * a job such as the Keycloak user import.
     *
     * <p>A store that cannot offer such a lock refuses (the default): a lock that only some replicas see would
     * be worse than none.
     *
     * @throws UnsupportedOperationException when the store has no store-wide lock
     * @throws StoreUnavailableException     when the store cannot be reached
     */
    default Optional<ExclusiveLock> tryExclusiveLock(String name) {
        throw new UnsupportedOperationException(getClass().getName() + " offers no store-wide exclusive lock");
    }

    /** A held store-wide lock; closing it releases it. */
    interface ExclusiveLock extends AutoCloseable {
        /** Releases the lock; idempotent. */
        @Override
        void close();
    }

    /** The work of one transaction. */
    @FunctionalInterface
    interface StoreWork<T> {
        /** Does the work with the transaction's reads and writes. */
        T run(StoreTransaction transaction);
    }
}
