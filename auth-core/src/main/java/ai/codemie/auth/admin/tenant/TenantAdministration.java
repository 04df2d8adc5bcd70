package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.admin.AdministrationException;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.AccessExplanation;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The administration of tenants: the tenants themselves, their roles, members and invitations, bulk role changes,
 * user imports, and the explanation of a decision.
 *
 * <p><b>Who may call what.</b> Platform admins and maintainers create tenants and change their name and boundary,
 * and administer every tenant as below, without the no-escalation check; they hold no permission inside a tenant
 * unless they are members with roles there. Everyone else administers a tenant by four reserved permissions, held in
 * that tenant (the one the operation names, never the tenant a request acts in) and limited by its boundary like
 * any permission: {@code tenant.users:view} lists members and invitations and explains other members' access;
 * {@code tenant.users:manage} adds and removes members, gives and takes roles, one by one, in bulk or by import, and
 * revokes invitations; {@code tenant.roles:view} lists roles; {@code tenant.roles:manage} creates, edits and deletes
 * them.
 *
 * <p><b>No escalation.</b> Someone who is not a platform admin gives out a role (creates it or changes its patterns,
 * or assigns it to anyone, themselves included) only when everything the role allows in the tenant, as far as the
 * boundary lets it, they are allowed there already ({@link ai.codemie.auth.policy.PatternCoverage}). Only the roles
 * newly given are checked; renaming a role, changing its description and taking roles away check nothing. A refusal
 * is a 403 {@code would_escalate} naming the first uncovered pattern.
 *
 * <p><b>Refusals, in the order they are checked.</b> 400 "Tenants not enabled" unless tenants are switched on in
 * platform-managed mode; {@link ai.codemie.auth.model.InvalidSyntaxException} (400) for a malformed tenant id or role
 * name among the operation's targets; for a platform admin 404 "Tenant not found", for anyone else the 403
 * {@code not_tenant_member} of a tenant they are not a member of, whether or not it exists;
 * {@link ai.codemie.auth.error.AccessDeniedException} (403) without the reserved permission, or with "This action
 * requires administrator or maintainer privileges." for a platform-admin-only operation; 400 for a malformed or
 * unknown value in the request (an {@link ai.codemie.auth.model.InvalidSyntaxException} for a malformed pattern, role
 * name or permission, an {@link AdministrationException} naming an unknown role); 404 for an unknown user, role,
 * invitation or member; 403 {@code would_escalate}; 409 for a duplicate. A store failure is an
 * {@link ai.codemie.auth.error.UnavailableException} (503).
 *
 * <p><b>Changes.</b> Every operation runs in one store transaction. A committed change is announced on the store's
 * change feed (other replicas) and to the local change listener (this process), so that it decides the very next
 * request, and reported to the {@link AuditSink} as one event (none for a refusal or a dry run).
 */
public final class TenantAdministration {

    /** The most users one bulk role change may name (duplicates counted once). */
    public static final int MAX_BULK_USERS = 1_000;

    private final AuthSettings settings;
    private final UserStore store;
    private final ChangeFeed.ChangeListener localChanges;
    private final Clock clock;
    private final AuditSink audit;

    /**
     * @param localChanges told about every committed change, typically {@code PlatformManagedResolver.changeListener()}
     *                     of this process
     * @param clock        the time of audit events
     * @param audit        where every committed change is reported
     */
    public TenantAdministration(AuthSettings settings, UserStore store, ChangeFeed.ChangeListener localChanges,
            Clock clock, AuditSink audit) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.localChanges = Objects.requireNonNull(localChanges, "localChanges");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The caller's memberships, ordered by tenant id, each with the roles held there. Any signed-in caller. */
    public List<TenantSummary> myTenants(EffectivePermissions caller) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Creates a tenant. Platform admins only.
     *
     * @param id       the new tenant's id
     * @param name     its display name; null or blank for the id
     * @param boundary the patterns of its boundary
     * @throws AdministrationException 409 when a tenant with this id exists
     */
    public TenantView createTenant(EffectivePermissions caller, String id, String name, List<String> boundary) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The tenant. Its members and platform admins. */
    public TenantView getTenant(EffectivePermissions caller, String tenant) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Changes the tenant's display name and boundary; a boundary change decides the next request of every member.
     * Platform admins only.
     *
     * @param name     the new display name; null to keep it, blank for the id
     * @param boundary the new boundary's patterns; null to keep it
     */
    public TenantView updateTenant(EffectivePermissions caller, String tenant, String name, List<String> boundary) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The tenant's roles, in creation order. {@code tenant.roles:view}. */
    public List<RoleView> listRoles(EffectivePermissions caller, String tenant) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Creates a role. {@code tenant.roles:manage}; no escalation by its patterns. Patterns the boundary does not
     * wholly cover are kept and listed in {@link RoleView#outsideBoundary()}.
     *
     * @param name        the role's name, unique in the tenant ignoring case
     * @param description free text; null for none
     * @param permissions the role's patterns
     * @throws AdministrationException 409 when the tenant has a role of this name, ignoring case
     */
    public RoleView createRole(EffectivePermissions caller, String tenant, String name, String description,
            List<String> permissions) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Changes a role; its holders keep it, and the change decides their next request. {@code tenant.roles:manage};
     * new patterns are checked for escalation, a new name or description is not.
     *
     * @param role        the role's current name, ignoring case
     * @param newName     the new name; null to keep it
     * @param description the new description; null to keep it
     * @param permissions the new patterns (replacing the old); null to keep them
     * @throws AdministrationException 404 for an unknown role, 409 when the new name is another role's
     */
    public RoleView updateRole(EffectivePermissions caller, String tenant, String role, String newName,
            String description, List<String> permissions) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Deletes a role, taking it from every holder and invitation. {@code tenant.roles:manage}.
     *
     * @throws AdministrationException 404 for an unknown role
     */
    public void deleteRole(EffectivePermissions caller, String tenant, String role) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The tenant's members, ordered by user id, with their roles. {@code tenant.users:view}. */
    public List<MemberView> listMembers(EffectivePermissions caller, String tenant) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Makes a known user a member with these roles. {@code tenant.users:manage}; no escalation by the roles.
     *
     * @param userId the user's id, or null to name them by e-mail
     * @param email  the user's e-mail address, compared ignoring case; used when {@code userId} is null
     * @param roles  names of the tenant's roles (ignoring case, trimmed); possibly empty
     * @throws AdministrationException 400 for an unknown role or neither id nor e-mail, 404 for an unknown user, 409
     *                                 when the user is a member already
     */
    public MemberRoles addMember(EffectivePermissions caller, String tenant, String userId, String email,
            List<String> roles) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Makes these the member's only roles. {@code tenant.users:manage}; the roles the member did not hold are checked
     * for escalation.
     *
     * @throws AdministrationException 400 for an unknown role, 404 for a user who is not a member
     */
    public MemberRoles replaceRoles(EffectivePermissions caller, String tenant, String userId, List<String> roles) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Ends the membership with all its roles. {@code tenant.users:manage}.
     *
     * @throws AdministrationException 404 for a user who is not a member
     */
    public void removeMember(EffectivePermissions caller, String tenant, String userId) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Adds, takes or replaces roles of many members at once, all in one transaction or not at all.
     * {@code tenant.users:manage}; with {@link BulkMode#ADD} and {@link BulkMode#REPLACE}, the roles given out are
     * checked for escalation.
     *
     * @param userIds at most {@value #MAX_BULK_USERS} user ids (a duplicate counts once), each a member
     * @param roles   names of the tenant's roles; for {@link BulkMode#REPLACE} possibly empty
     * @return each user's roles before and after, in the order of {@code userIds}
     * @throws BulkRejectedException   listing every user who is not a member and every unknown role; nothing changed
     * @throws AdministrationException 400 for more than {@value #MAX_BULK_USERS} users
     */
    public BulkResult bulkRoles(EffectivePermissions caller, String tenant, List<String> userIds, List<String> roles,
            BulkMode mode) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Imports users into the tenant, all in one transaction or not at all: a known user (by e-mail, ignoring case)
     * becomes a member with the row's roles or, already a member, is given them in addition; an unknown e-mail gets
     * an invitation (a placeholder that becomes a membership at that user's first sign-in). {@code tenant.users:manage};
     * every role the import gives out is checked for escalation, a dry run included. Reading the file is the
     * {@code parser}'s: the administration knows no file format.
     *
     * @param parser reads and validates the import against the tenant's role names it is given (for example
     *               {@code bytes -> names -> TenantCsvImport.parse(bytes, names)})
     * @param dryRun whether to validate and count without writing
     * @throws ImportRejectedException 422 listing every error of the file; nothing changed
     * @throws AdministrationException 413 for an import over its limits
     */
    public ImportResult importUsers(EffectivePermissions caller, String tenant,
            Function<Collection<String>, ImportValidation> parser, boolean dryRun) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The tenant's pending invitations, ordered by e-mail. {@code tenant.users:view}. */
    public List<InvitationView> listInvitations(EffectivePermissions caller, String tenant) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Revokes the tenant's invitation of the e-mail address (ignoring case). {@code tenant.users:manage}.
     *
     * @throws AdministrationException 404 for an unknown invitation
     */
    public void revokeInvitation(EffectivePermissions caller, String tenant, String email) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Explains whether a user has a permission in the tenant, with the very function that decides requests: the
     * answer, the reason of a denial, the user's roles there, which of them grant it, and whether the boundary allows
     * it. A user who is not a member gets {@code not_tenant_member} and empty lists. Any member for themselves;
     * {@code tenant.users:view} for another user; platform admins for anyone.
     *
     * @param permission the permission asked about ({@code resource:action[:instance]}, no {@code *})
     * @param userId     the user to explain; null for the caller
     * @throws AdministrationException 404 for an unknown user
     */
    public AccessExplanation explain(EffectivePermissions caller, String tenant, String permission, String userId) {
        throw new UnsupportedOperationException("not yet");
    }
}
