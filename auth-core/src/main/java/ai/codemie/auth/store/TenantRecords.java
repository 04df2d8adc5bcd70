package ai.codemie.auth.store;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenants of one {@link StoreTransaction}, with their roles and memberships.
 *
 * <p>Every write announces what it changed, so that caches drop exactly that once the transaction commits: a change
 * to a tenant's definition (its boundary or roles, including a role's deletion, which takes it from every holder)
 * announces the tenant ({@link ChangeFeed.ChangeListener#tenantChanged}); a change to a membership or to the roles it
 * holds announces the member ({@link ChangeFeed.ChangeListener#userChanged}). Role names are compared ignoring case
 * and kept as written. A write naming a tenant or role that does not exist throws {@link InvalidStoreDataException}.
 */
public interface TenantRecords {

    /** The tenant with this id. */
    Optional<Tenant> find(String tenantId);

    /** Every tenant, ordered by id. */
    List<Tenant> list();

    /** Creates the tenant unless one with the same id exists; true if it was created. */
    boolean insert(Tenant tenant);

    /** Sets the tenant's display name; false when there is no such tenant. Announces nothing (decisions ignore it). */
    boolean rename(String tenantId, String displayName);

    /** Replaces the tenant's boundary; false when there is no such tenant. Announces the tenant. */
    boolean setBoundary(String tenantId, Collection<PermissionPattern> boundary);

    /**
     * What the tenant is for decisions: its boundary and its roles with their patterns, in role creation order; empty
     * when there is no such tenant.
     */
    Optional<TenantDefinition> definition(String tenantId);

    /** The tenant's roles with their descriptions, in creation order. */
    List<StoredRole> roles(String tenantId);

    /** Creates the role unless the tenant has one of that name ignoring case; true if it was created. Announces the tenant. */
    boolean insertRole(StoredRole role);

    /**
     * Replaces the description and patterns of the role named {@code role.name()} ignoring case (keeping its name as
     * written); false when there is no such role. Announces the tenant.
     */
    boolean updateRole(StoredRole role);

    /**
     * Renames the role; its holders keep it. False when the tenant has no role {@code name}, or already another role
     * {@code newName} (ignoring case). Announces the tenant.
     */
    boolean renameRole(String tenantId, String name, String newName);

    /** Deletes the role, taking it from every member and invitation; false when there was none. Announces the tenant. */
    boolean deleteRole(String tenantId, String name);

    /** The user's memberships, ordered by tenant id, each with its roles. */
    List<TenantMembership> membershipsOf(String userId);

    /** The tenant's members, ordered by user id, each with its roles. */
    List<TenantMembership> members(String tenantId);

    /** Makes the user a member without roles unless already one; true if added. Announces the user. */
    boolean addMember(String tenantId, String userId);

    /** Ends the membership and its roles; true if there was one. Announces the user. */
    boolean removeMember(String tenantId, String userId);

    /**
     * Gives the member these roles besides the ones held, adding the membership when missing; true if anything
     * changed. Announces the user.
     */
    boolean addRoles(String tenantId, String userId, Collection<String> roleNames);

    /**
     * For each user, what {@link #addRoles(String, String, Collection)} does (the roles besides the ones held, the
     * membership added when missing), in a few statements whatever the number of users. Returns the users whose
     * membership or roles changed, each of them announced.
     */
    Set<String> addRoles(String tenantId, Map<String, ? extends Collection<String>> rolesByUser);

    /** Takes these roles from the member; true if it held any of them. Announces the user. */
    boolean removeRoles(String tenantId, String userId, Collection<String> roleNames);

    /**
     * Makes these the member's only roles, adding the membership when missing; true if anything changed. Announces
     * the user.
     */
    boolean replaceRoles(String tenantId, String userId, Collection<String> roleNames);

    /**
     * For each of the users that is a member of the tenant, adds the roles {@code add} and takes the roles
     * {@code remove} (a role in both is taken), in one call whatever the number of users; users who are not members
     * are left alone. Returns the users whose roles changed, each of them announced.
     */
    Set<String> changeRoles(String tenantId, Collection<String> userIds, Collection<String> add,
            Collection<String> remove);

    /** Whether the user has been joined to the default tenant once (whether or not still a member). */
    boolean joinedDefaultTenant(String userId);

    /**
     * Records that the user has been joined to the default tenant, so that removing them later sticks; true if it was
     * not recorded before.
     */
    boolean markJoinedDefaultTenant(String userId);
}
