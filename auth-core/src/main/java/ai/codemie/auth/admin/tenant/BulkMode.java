package ai.codemie.auth.admin.tenant;

/** How a bulk role change treats each user's roles. */
public enum BulkMode {
    /** Gives the roles besides those held. */
    ADD,
    /** Takes the roles, leaving the others. */
    REMOVE,
    /** Makes the roles the only ones held (an empty set takes every role, leaving the membership). */
    REPLACE
}
