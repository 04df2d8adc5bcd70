package ai.codemie.auth.store;

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

    /** The work of one transaction. */
    @FunctionalInterface
    interface StoreWork<T> {
        /** Does the work with the transaction's reads and writes. */
        T run(StoreTransaction transaction);
    }
}
