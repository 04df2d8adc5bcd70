package ai.codemie.auth.admin.tenant;

/**
 * The kinds of tenant administration call whose access can be checked on its own, before the request's content is
 * read ({@link TenantAdministration#checkAccess}).
 */
public enum TenantOperation {
    /** Creating a tenant: platform admins and maintainers. */
    CREATE_TENANT,
    /** Changing a tenant's name or boundary: platform admins and maintainers. */
    UPDATE_TENANT,
    /** Creating, editing or deleting roles: {@code tenant.roles:manage}. */
    MANAGE_ROLES,
    /** Adding and removing members and their roles, bulk changes, imports: {@code tenant.users:manage}. */
    MANAGE_USERS
}
