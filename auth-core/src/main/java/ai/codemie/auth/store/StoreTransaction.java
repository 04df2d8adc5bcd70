package ai.codemie.auth.store;

/**
 * The reads and writes of one store transaction, grouped by aggregate: {@link #users()} (user rows and their
 * knowledge base grants), {@link #projects()} (projects and their memberships), {@link #tenants()} (tenants, their
 * roles and memberships) and {@link #invitations()}. Every rule of the administration
 * API runs inside one transaction, so a JDBC store can make each rule atomic: what was read and locked is still true
 * when the writes commit.
 *
 * <p>A transaction object is used by one thread only and must not escape {@link UserStore#inTransaction}.
 * Methods throw {@link StoreUnavailableException} when the store fails, and {@link InvalidStoreDataException} when
 * it refuses a value it cannot hold. Callers that lock take the usable admins first, then the usable maintainers,
 * then single users, so that no two transactions wait for each other.
 */
public interface StoreTransaction {

    /** The users of the store, with their knowledge base grants. */
    UserRecords users();

    /** The projects of the store, with their memberships. */
    ProjectRecords projects();

    /** The tenants of the store, with their roles and memberships; their writes announce what they change. */
    TenantRecords tenants();

    /** The invitations to tenants of e-mails no user has yet. */
    InvitationRecords invitations();

    /**
     * Records that the user's effective permissions change with this transaction, so that every replica's cache
     * drops them once it commits (for a database, a notification sent at commit).
     */
    void publishChange(String userId);
}
