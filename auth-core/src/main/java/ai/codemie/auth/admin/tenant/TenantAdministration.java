package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.admin.AdministrationException;
import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.policy.AccessExplanation;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.PatternCoverage;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.policy.TenantHeader;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.TenantMembership;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    /** The longest display name of a tenant, in characters. */
    public static final int MAX_TENANT_NAME = 255;

    /** The longest description of a role, in characters. */
    public static final int MAX_ROLE_DESCRIPTION = 4_000;


    private static final PermissionRequest USERS_VIEW = PermissionRequest.of("tenant.users", "view");
    private static final PermissionRequest USERS_MANAGE = PermissionRequest.of("tenant.users", "manage");
    private static final PermissionRequest ROLES_VIEW = PermissionRequest.of("tenant.roles", "view");
    private static final PermissionRequest ROLES_MANAGE = PermissionRequest.of("tenant.roles", "manage");

    private final AuthSettings settings;
    private final UserStore store;
    private final ChangeFeed.ChangeListener localChanges;
    private final Audit audit;
    private final Authorizer authorizer = new Authorizer();

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
        this.audit = new Audit(audit, clock);
    }

    /** The caller's memberships, ordered by tenant id, each with the roles held there. Any signed-in caller. */
    public List<TenantSummary> myTenants(EffectivePermissions caller) {
        requireEnabled();
        return read(tx -> {
            List<TenantSummary> mine = new ArrayList<>();
            for (TenantMembership membership : tx.tenants().membershipsOf(caller.id())) {
                tx.tenants().find(membership.tenantId()).ifPresent(tenant -> mine.add(
                        new TenantSummary(tenant.id(), tenant.displayName(), membership.roleNames())));
            }
            return mine;
        });
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
        requirePlatformAdmin(caller);
        TenantNames.requireTenantId(id);
        Tenant tenant = new Tenant(id, tenantName(name), patterns(required(boundary, "boundary")));
        return write((tx, changes) -> {
            if (!tx.tenants().insert(tenant)) {
                throw refusal(Status.CONFLICT, "tenant_exists", "Tenant already exists",
                        "A tenant with ID '" + id + "' already exists.");
            }
            changes.event(caller, "tenant.create", id, id, Map.of(), state(tenant));
            return view(tenant);
        });
    }

    /** The tenant. Its members and platform admins. */
    public TenantView getTenant(EffectivePermissions caller, String tenant) {
        Scope scope = memberOrAdmin(caller, tenant);
        return read(tx -> view(scope.find(tx)));
    }

    /**
     * Changes the tenant's display name and boundary; a boundary change decides the next request of every member.
     * Platform admins only.
     *
     * @param name     the new display name; null to keep it, blank for the id
     * @param boundary the new boundary's patterns; null to keep it
     */
    public TenantView updateTenant(EffectivePermissions caller, String tenant, String name, List<String> boundary) {
        Scope scope = platformAdminOf(caller, tenant);
        return write((tx, changes) -> {
            Tenant before = scope.find(tx);
            String newName = name == null ? before.displayName() : tenantName(name);
            List<PermissionPattern> newBoundary = boundary == null ? before.boundary() : patterns(boundary);
            Tenant after = new Tenant(before.id(), newName, newBoundary);
            if (!after.displayName().equals(before.displayName())) {
                tx.tenants().rename(before.id(), after.displayName());
            }
            if (!after.boundary().equals(before.boundary())) {
                tx.tenants().setBoundary(before.id(), after.boundary());
                changes.tenant(before.id());
            }
            if (!after.equals(before)) {
                changes.event(caller, "tenant.update", before.id(), before.id(), state(before), state(after));
            }
            return view(after);
        });
    }

    /** The tenant's roles, in creation order. {@code tenant.roles:view}. */
    public List<RoleView> listRoles(EffectivePermissions caller, String tenant) {
        Scope scope = open(caller, tenant, ROLES_VIEW);
        return read(tx -> {
            Tenant found = scope.find(tx);
            return tx.tenants().roles(found.id()).stream().map(role -> view(role, found.boundary())).toList();
        });
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
        Scope scope = open(caller, tenant, ROLES_MANAGE);
        return write((tx, changes) -> {
            Tenant found = scope.find(tx);
            StoredRole role = new StoredRole(found.id(), roleName(name), description(description),
                    patterns(required(permissions, "permissions")));
            scope.requireNoEscalation(role.patterns());
            if (!tx.tenants().insertRole(role)) {
                throw roleExists(found.id(), role.name());
            }
            changes.tenant(found.id());
            changes.event(caller, "tenant.role.create", found.id(), role.name(), Map.of(), state(role));
            return view(role, found.boundary());
        });
    }

    /**
     * Changes a role; its holders keep it, and the change decides their next request. {@code tenant.roles:manage};
     * the new patterns are checked for escalation, a new name or description is not.
     *
     * @param role        the role's current name, ignoring case
     * @param newName     the new name; null to keep it
     * @param description the new description; null to keep it
     * @param permissions the new patterns (replacing the old); null to keep them
     * @throws AdministrationException 404 for an unknown role, 409 when the new name is another role's
     */
    public RoleView updateRole(EffectivePermissions caller, String tenant, String role, String newName,
            String description, List<String> permissions) {
        TenantNames.requireTenantId(tenant);
        TenantNames.requireRoleName(role);
        Scope scope = open(caller, tenant, ROLES_MANAGE);
        return write((tx, changes) -> {
            Tenant found = scope.find(tx);
            String name = newName == null ? null : roleName(newName);
            String newDescription = description == null ? null : description(description);
            List<PermissionPattern> newPatterns = permissions == null ? null : patterns(permissions);
            StoredRole before = storedRole(tx, found.id(), role);
            if (newPatterns != null) {
                scope.requireNoEscalation(newPatterns);
            }
            StoredRole after = new StoredRole(found.id(), name == null ? before.name() : name,
                    newDescription == null ? before.description() : newDescription,
                    newPatterns == null ? before.patterns() : newPatterns);
            boolean renamed = !after.name().equals(before.name());
            if (renamed && !TenantNames.roleKey(after.name()).equals(TenantNames.roleKey(before.name()))
                    && tx.tenants().definition(found.id()).orElseThrow().role(after.name()).isPresent()) {
                throw roleExists(found.id(), after.name());
            }
            if (!after.description().equals(before.description()) || !after.patterns().equals(before.patterns())) {
                tx.tenants().updateRole(new StoredRole(found.id(), before.name(), after.description(),
                        after.patterns()));
            }
            if (renamed && !tx.tenants().renameRole(found.id(), before.name(), after.name())) {
                throw roleExists(found.id(), after.name());
            }
            if (!after.equals(before)) {
                changes.tenant(found.id());
                changes.event(caller, "tenant.role.update", found.id(), before.name(), state(before), state(after));
            }
            return view(after, found.boundary());
        });
    }

    /**
     * Deletes a role, taking it from every holder and invitation. {@code tenant.roles:manage}.
     *
     * @throws AdministrationException 404 for an unknown role
     */
    public void deleteRole(EffectivePermissions caller, String tenant, String role) {
        TenantNames.requireTenantId(tenant);
        TenantNames.requireRoleName(role);
        Scope scope = open(caller, tenant, ROLES_MANAGE);
        write((tx, changes) -> {
            Tenant found = scope.find(tx);
            StoredRole before = storedRole(tx, found.id(), role);
            tx.tenants().deleteRole(found.id(), before.name());
            changes.tenant(found.id());
            changes.event(caller, "tenant.role.delete", found.id(), before.name(), state(before), Map.of());
            return null;
        });
    }

    /** The tenant's members, ordered by user id, with their roles. {@code tenant.users:view}. */
    public List<MemberView> listMembers(EffectivePermissions caller, String tenant) {
        Scope scope = open(caller, tenant, USERS_VIEW);
        return read(tx -> {
            Tenant found = scope.find(tx);
            List<TenantMembership> members = tx.tenants().members(found.id());
            Map<String, StoredUser> users = new HashMap<>();
            tx.users().findAll(members.stream().map(TenantMembership::userId).toList())
                    .forEach(user -> users.put(user.id(), user));
            return members.stream().map(member -> {
                StoredUser user = users.get(member.userId());
                return new MemberView(member.userId(), user == null ? null : user.email(),
                        user == null ? null : user.name(), member.roleNames());
            }).toList();
        });
    }

    /**
     * Makes a known user a member with these roles. {@code tenant.users:manage}; no escalation by the roles.
     *
     * @param userId the user's id, or null to name them by e-mail
     * @param email  the user's e-mail address, compared ignoring case; used when {@code userId} is null
     * @param roles  names of the tenant's roles (ignoring case, trimmed); null or empty for none
     * @throws AdministrationException 400 for an unknown role or neither id nor e-mail, 404 for an unknown user, 409
     *                                 when the user is a member already (or, by e-mail, when two users have the
     *                                 e-mail in different cases and neither as written)
     */
    public MemberRoles addMember(EffectivePermissions caller, String tenant, String userId, String email,
            List<String> roles) {
        Scope scope = open(caller, tenant, USERS_MANAGE);
        return write((tx, changes) -> {
            TenantDefinition definition = scope.definition(tx);
            List<String> given = roleNames(definition, roles == null ? List.of() : roles);
            if (userId == null && (email == null || email.isBlank())) {
                throw new AdministrationException(Problem.invalidBody("Name the user by 'user_id' or 'email'."));
            }
            StoredUser user = userId != null
                    ? tx.users().find(userId).orElseThrow(() -> userNotFound("ID", userId))
                    : userByEmail(tx, email);
            scope.requireNoEscalation(patternsOf(definition, given));
            if (membership(tx, definition.tenantId(), user.id()).isPresent()) {
                throw refusal(Status.CONFLICT, "already_tenant_member", "User is already a member",
                        "The user '" + user.id() + "' is already a member of the tenant '" + definition.tenantId()
                                + "'.");
            }
            if (given.isEmpty()) {
                tx.tenants().addMember(definition.tenantId(), user.id());
            } else {
                tx.tenants().addRoles(definition.tenantId(), user.id(), given);
            }
            changes.user(user.id());
            changes.event(caller, "tenant.member.add", definition.tenantId(), user.id(), Map.of(),
                    Map.of("roles", given));
            return new MemberRoles(user.id(), given);
        });
    }

    /**
     * Makes these the member's only roles. {@code tenant.users:manage}; the roles the member did not hold are checked
     * for escalation.
     *
     * @throws AdministrationException 400 for an unknown role, 404 for a user who is not a member
     */
    public MemberRoles replaceRoles(EffectivePermissions caller, String tenant, String userId, List<String> roles) {
        Scope scope = open(caller, tenant, USERS_MANAGE);
        return write((tx, changes) -> {
            TenantDefinition definition = scope.definition(tx);
            List<String> given = roleNames(definition, required(roles, "roles"));
            TenantMembership before = requireMember(tx, definition.tenantId(), userId);
            scope.requireNoEscalation(patternsOf(definition, newlyGiven(given, before.roleNames())));
            if (tx.tenants().replaceRoles(definition.tenantId(), userId, given)) {
                changes.user(userId);
                changes.event(caller, "tenant.member.roles", definition.tenantId(), userId,
                        Map.of("roles", before.roleNames()), Map.of("roles", given));
            }
            return new MemberRoles(userId, given);
        });
    }

    /**
     * Ends the membership with all its roles. {@code tenant.users:manage}.
     *
     * @throws AdministrationException 404 for a user who is not a member
     */
    public void removeMember(EffectivePermissions caller, String tenant, String userId) {
        Scope scope = open(caller, tenant, USERS_MANAGE);
        write((tx, changes) -> {
            Tenant found = scope.find(tx);
            TenantMembership before = requireMember(tx, found.id(), userId);
            tx.tenants().removeMember(found.id(), userId);
            changes.user(userId);
            changes.event(caller, "tenant.member.remove", found.id(), userId, Map.of("roles", before.roleNames()),
                    Map.of());
            return null;
        });
    }

    /**
     * Adds, takes or replaces roles of many members at once, all in one transaction or not at all.
     * {@code tenant.users:manage}; with {@link BulkMode#ADD} and {@link BulkMode#REPLACE}, the roles newly given to
     * each user are checked for escalation.
     *
     * @param userIds at most {@value #MAX_BULK_USERS} user ids (a duplicate counts once), each a member
     * @param roles   names of the tenant's roles; for {@link BulkMode#REPLACE} possibly empty
     * @return each user's roles before and after, in the order of {@code userIds}
     * @throws BulkRejectedException   listing every user who is not a member and every unknown role; nothing changed
     * @throws AdministrationException 400 for more than {@value #MAX_BULK_USERS} users
     */
    public BulkResult bulkRoles(EffectivePermissions caller, String tenant, List<String> userIds, List<String> roles,
            BulkMode mode) {
        Scope scope = open(caller, tenant, USERS_MANAGE);
        return write((tx, changes) -> {
            TenantDefinition definition = scope.definition(tx);
            String t = definition.tenantId();
            Set<String> users = new LinkedHashSet<>(required(userIds, "user_ids"));
            required(roles, "roles");
            if (mode == null) {
                throw new AdministrationException(Problem.invalidBody("'mode' is required: add, remove or replace."));
            }
            if (users.contains(null)) {
                throw new AdministrationException(Problem.invalidBody("'user_ids' must not hold null."));
            }
            if (users.size() > MAX_BULK_USERS) {
                throw new AdministrationException(Problem.invalidBody("A bulk change names at most "
                        + MAX_BULK_USERS + " users; this one names " + users.size() + "."));
            }
            List<BulkProblem> problems = new ArrayList<>();
            Map<String, List<String>> before = new LinkedHashMap<>();
            for (TenantMembership member : tx.tenants().members(t)) {
                before.put(member.userId(), member.roleNames());
            }
            for (String user : users) {
                if (!before.containsKey(user)) {
                    problems.add(new BulkProblem(user, null,
                            "The user '" + user + "' is not a member of the tenant '" + t + "'."));
                }
            }
            List<String> given = new ArrayList<>();
            for (String name : roles) {
                String trimmed = trimmedRoleName(name);
                Optional<TenantRole> role = definition.role(trimmed);
                if (role.isEmpty()) {
                    problems.add(new BulkProblem(null, trimmed, unknownRoleText(t, trimmed)));
                } else if (!given.contains(role.get().name())) {
                    given.add(role.get().name());
                }
            }
            if (!problems.isEmpty()) {
                throw new BulkRejectedException(problems);
            }
            if (mode != BulkMode.REMOVE) {
                Set<String> newly = new LinkedHashSet<>();
                users.forEach(user -> newly.addAll(newlyGiven(given, before.get(user))));
                scope.requireNoEscalation(patternsOf(definition, newly));
            }
            List<String> add = mode == BulkMode.REMOVE ? List.of() : given;
            List<String> remove = switch (mode) {
                case ADD -> List.of();
                case REMOVE -> given;
                case REPLACE -> definition.roles().stream().map(TenantRole::name)
                        .filter(name -> !given.contains(name)).toList();
            };
            Set<String> changed = tx.tenants().changeRoles(t, users, add, remove);
            Map<String, List<String>> after = new HashMap<>();
            for (TenantMembership member : tx.tenants().members(t)) {
                after.put(member.userId(), member.roleNames());
            }
            if (!changed.isEmpty()) {
                changed.forEach(changes::user);
                Map<String, Object> beforeState = new LinkedHashMap<>();
                Map<String, Object> afterState = new LinkedHashMap<>();
                changed.forEach(user -> {
                    beforeState.put(user, before.get(user));
                    afterState.put(user, after.get(user));
                });
                changes.event(caller, "tenant.bulk_roles", t, mode.name().toLowerCase(Locale.ROOT), beforeState,
                        afterState);
            }
            return new BulkResult(users.stream().map(user -> new BulkChange(user, before.get(user),
                    after.get(user))).toList());
        });
    }

    /**
     * Imports users into the tenant, all in one transaction or not at all: a known user (by e-mail, ignoring case)
     * becomes a member with the row's roles or, already a member, is given them in addition; an unknown e-mail gets
     * an invitation (a placeholder that becomes a membership at that user's first sign-in), or a pending invitation
     * is given the roles in addition. {@code tenant.users:manage}; every role the import gives out is checked for
     * escalation, a dry run included. Reading the file is the {@code parser}'s: the administration knows no file
     * format.
     *
     * @param parser reads and validates the import against the tenant's role names it is given (for example
     *               {@code names -> TenantCsvImport.parse(bytes, names)})
     * @param dryRun whether to validate and count without writing
     * @throws ImportRejectedException 422 listing every error of the file; nothing changed
     * @throws AdministrationException 413 for an import over its limits
     */
    public ImportResult importUsers(EffectivePermissions caller, String tenant,
            Function<Collection<String>, ImportValidation> parser, boolean dryRun) {
        Objects.requireNonNull(parser, "parser");
        Scope scope = open(caller, tenant, USERS_MANAGE);
        return write((tx, changes) -> {
            TenantDefinition definition = scope.definition(tx);
            ImportValidation validation = Objects.requireNonNull(
                    parser.apply(definition.roles().stream().map(TenantRole::name).toList()), "the parser's answer");
            if (validation instanceof ImportValidation.Invalid invalid) {
                throw new ImportRejectedException(invalid.errors());
            }
            if (validation instanceof ImportValidation.TooLarge tooLarge) {
                throw new AdministrationException(new Problem(Status.PAYLOAD_TOO_LARGE, "import_too_large",
                        "Import too large", tooLarge.message(), null));
            }
            ValidatedImport rows = ((ImportValidation.Valid) validation).rows();
            scope.requireNoEscalation(patternsOf(definition, rows.roles()));
            ImportPlan plan = ImportPlan.of(tx, definition.tenantId(), rows);
            ImportResult result = plan.result(dryRun);
            if (!dryRun) {
                Set<String> changed = tx.tenants().addRoles(definition.tenantId(), plan.memberRoles);
                tx.invitations().merge(plan.invitations);
                changed.forEach(changes::user);
                changes.event(caller, "tenant.import", definition.tenantId(), null, Map.of(), Map.of(
                        "users_added", result.usersAdded(), "roles_added", result.rolesAdded(),
                        "placeholders_created", result.placeholdersCreated(), "unchanged", result.unchanged()));
            }
            return result;
        });
    }

    /** The tenant's pending invitations, ordered by e-mail. {@code tenant.users:view}. */
    public List<InvitationView> listInvitations(EffectivePermissions caller, String tenant) {
        Scope scope = open(caller, tenant, USERS_VIEW);
        return read(tx -> tx.invitations().list(scope.find(tx).id()).stream()
                .map(invitation -> new InvitationView(invitation.email(), invitation.name(), invitation.roleNames()))
                .toList());
    }

    /**
     * Revokes the tenant's invitation of the e-mail address (ignoring case). {@code tenant.users:manage}.
     *
     * @throws AdministrationException 404 for an unknown invitation
     */
    public void revokeInvitation(EffectivePermissions caller, String tenant, String email) {
        Scope scope = open(caller, tenant, USERS_MANAGE);
        write((tx, changes) -> {
            String t = scope.find(tx).id();
            Optional<Invitation> before = email == null ? Optional.empty() : tx.invitations().list(t).stream()
                    .filter(i -> Invitation.emailKey(i.email()).equals(Invitation.emailKey(email))).findFirst();
            if (before.isEmpty() || !tx.invitations().revoke(t, email)) {
                throw refusal(Status.NOT_FOUND, "invitation_not_found", "Invitation not found",
                        "The tenant '" + t + "' has no invitation for '" + email + "'.");
            }
            changes.event(caller, "tenant.invitation.revoke", t, before.get().email(),
                    Map.of("roles", before.get().roleNames()), Map.of());
            return null;
        });
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
        Scope scope = memberOrAdmin(caller, tenant);
        boolean self = userId == null || userId.equals(caller.id());
        if (!self && !scope.platformAdmin) {
            authorizer.decide(caller, Requirements.tenantPermission(scope.tenant, USERS_VIEW)).orThrow();
        }
        return read(tx -> {
            TenantDefinition definition = scope.definition(tx);
            PermissionRequest request = PermissionRequest.parse(permission);
            if (self) {
                return AccessExplanation.explain(caller, scope.tenant, request);
            }
            tx.users().find(userId).orElseThrow(() -> userNotFound("ID", userId));
            TenantAccess access = membership(tx, scope.tenant, userId)
                    .map(member -> definition.access(member.roleNames())).orElse(null);
            return AccessExplanation.explain(access, scope.tenant, request);
        });
    }

    /**
     * Runs the checks an operation of this kind starts with, and only those, reading but never changing the store:
     * tenants on, a well-formed tenant id, for a platform admin the tenant's existence (404), for anyone else the
     * permission the operation needs there (403, {@code not_tenant_member} for a tenant they do not belong to or that
     * does not exist). For adapters that must refuse a caller on these grounds before they refuse the content of
     * the request; the operation itself runs them again.
     *
     * @param tenant the tenant of the call; ignored for {@link TenantOperation#CREATE_TENANT}
     */
    public void checkAccess(EffectivePermissions caller, String tenant, TenantOperation operation) {
        switch (operation) {
            case CREATE_TENANT -> requirePlatformAdmin(caller);
            case UPDATE_TENANT -> read(platformAdminOf(caller, tenant)::find);
            case MANAGE_ROLES -> read(open(caller, tenant, ROLES_MANAGE)::find);
            case MANAGE_USERS -> read(open(caller, tenant, USERS_MANAGE)::find);
            default -> throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    // ---- the checks every operation starts with

    /** 400 "Tenants not enabled" unless tenants are on, in platform-managed mode. */
    private void requireEnabled() {
        if (!TenantHeader.enabled(settings)) {
            throw new AdministrationException(TenantHeader.NOT_ENABLED);
        }
    }

    /**
     * The checks before the store is read: tenants on, a well-formed tenant id, then (for anyone but a platform admin)
     * the reserved permission in that tenant, which a non-member lacks with {@code not_tenant_member}.
     */
    private Scope open(EffectivePermissions caller, String tenant, PermissionRequest reserved) {
        requireEnabled();
        TenantNames.requireTenantId(tenant);
        boolean platformAdmin = platformAdmin(caller);
        if (!platformAdmin) {
            authorizer.decide(caller, Requirements.tenantPermission(tenant, reserved)).orThrow();
        }
        return new Scope(tenant, platformAdmin, caller.tenants().get(tenant));
    }

    /** {@link #open} for operations open to every member: only the membership is checked. */
    private Scope memberOrAdmin(EffectivePermissions caller, String tenant) {
        requireEnabled();
        TenantNames.requireTenantId(tenant);
        boolean platformAdmin = platformAdmin(caller);
        TenantAccess own = caller.tenants().get(tenant);
        if (!platformAdmin && own == null) {
            throw notMember(tenant);
        }
        return new Scope(tenant, platformAdmin, own);
    }

    /** The checks of the platform-admin-only operations that name no existing tenant: tenants on, then the role. */
    private void requirePlatformAdmin(EffectivePermissions caller) {
        requireEnabled();
        authorizer.decide(caller, Requirements.adminOrMaintainer()).orThrow();
    }

    /**
     * {@link #memberOrAdmin}, then the platform-admin role: a member who is not a platform admin is refused the
     * operation, a non-member {@code not_tenant_member} as everywhere.
     */
    private Scope platformAdminOf(EffectivePermissions caller, String tenant) {
        Scope scope = memberOrAdmin(caller, tenant);
        if (!scope.platformAdmin) {
            authorizer.decide(caller, Requirements.adminOrMaintainer()).orThrow();
        }
        return scope;
    }

    private boolean platformAdmin(EffectivePermissions caller) {
        return authorizer.decide(caller, Requirements.adminOrMaintainer()).allowed();
    }

    private static AccessDeniedException notMember(String tenant) {
        DenyReason.NotTenantMember reason = new DenyReason.NotTenantMember(tenant);
        return new AccessDeniedException(Decision.deny(reason, reason.details()));
    }

    /**
     * What the first checks established: the tenant named, whether the caller is a platform admin, and the caller's
     * own membership there (null for a platform admin who is not a member).
     */
    private record Scope(String tenant, boolean platformAdmin, TenantAccess own) {

        /** The tenant; 404 for a platform admin when it does not exist (anyone else was refused already). */
        Tenant find(StoreTransaction tx) {
            return tx.tenants().find(tenant).orElseThrow(this::missing);
        }

        /** The tenant's roles and boundary, with the same refusal as {@link #find}. */
        TenantDefinition definition(StoreTransaction tx) {
            return tx.tenants().definition(tenant).orElseThrow(this::missing);
        }

        private RuntimeException missing() {
            return platformAdmin ? refusal(Status.NOT_FOUND, "tenant_not_found", "Tenant not found",
                    "No tenant found with ID '" + tenant + "'.") : notMember(tenant);
        }

        /**
         * 403 {@code would_escalate} unless the caller, not a platform admin, is allowed in the tenant everything
         * these patterns allow there.
         */
        void requireNoEscalation(Collection<PermissionPattern> given) {
            if (platformAdmin || given.isEmpty()) {
                return;
            }
            PatternCoverage.firstUncovered(own, given).ifPresent(pattern -> {
                DenyReason.WouldEscalate reason = new DenyReason.WouldEscalate(tenant, pattern.toString());
                throw new AccessDeniedException(Decision.deny(reason, reason.details()));
            });
        }
    }

    // ---- what requests carry

    private static <T> List<T> required(List<T> value, String member) {
        if (value == null) {
            throw new AdministrationException(Problem.invalidBody("'" + member + "' is required."));
        }
        return value;
    }

    private static String tenantName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.length() > MAX_TENANT_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new AdministrationException(Problem.invalidBody("A tenant name has at most " + MAX_TENANT_NAME
                    + " characters and no control characters."));
        }
        return name;
    }

    private static String roleName(String name) {
        return TenantNames.requireRoleName(name);
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_ROLE_DESCRIPTION) {
            throw new AdministrationException(Problem.invalidBody("A role description has at most "
                    + MAX_ROLE_DESCRIPTION + " characters."));
        }
        return description;
    }

    /** The patterns of their texts; a malformed one throws {@link InvalidSyntaxException} naming it. */
    private static List<PermissionPattern> patterns(List<String> texts) {
        List<PermissionPattern> patterns = new ArrayList<>(texts.size());
        for (String text : texts) {
            PermissionPattern pattern = PermissionPattern.parse(text);
            if (!patterns.contains(pattern)) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    /** A role name of a list, trimmed; a malformed one throws {@link InvalidSyntaxException} naming it. */
    private static String trimmedRoleName(String name) {
        return TenantNames.requireRoleName(name == null ? null : name.strip());
    }

    /**
     * The tenant's roles the names stand for, spelt as the tenant spells them, each once, in the tenant's order;
     * 400 naming the first unknown one.
     */
    private static List<String> roleNames(TenantDefinition definition, List<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = trimmedRoleName(name);
            if (definition.role(trimmed).isEmpty()) {
                throw refusal(Status.BAD_REQUEST, "unknown_role", "Unknown role",
                        unknownRoleText(definition.tenantId(), trimmed));
            }
            keys.add(TenantNames.roleKey(trimmed));
        }
        return definition.roles().stream().map(TenantRole::name)
                .filter(name -> keys.contains(TenantNames.roleKey(name))).toList();
    }

    private static String unknownRoleText(String tenant, String role) {
        return "The tenant '" + tenant + "' has no role '" + role + "'.";
    }

    /** Those of {@code given} not among {@code held}, compared ignoring case. */
    private static List<String> newlyGiven(Collection<String> given, Collection<String> held) {
        Set<String> heldKeys = new LinkedHashSet<>();
        held.forEach(name -> heldKeys.add(TenantNames.roleKey(name)));
        return given.stream().filter(name -> !heldKeys.contains(TenantNames.roleKey(name))).toList();
    }

    /** Every pattern of the named roles of the tenant. */
    private static List<PermissionPattern> patternsOf(TenantDefinition definition, Collection<String> roleNames) {
        List<PermissionPattern> patterns = new ArrayList<>();
        for (String name : roleNames) {
            definition.role(name).ifPresent(role -> patterns.addAll(role.patterns()));
        }
        return patterns;
    }

    // ---- reads

    private static StoredRole storedRole(StoreTransaction tx, String tenant, String name) {
        String key = TenantNames.roleKey(name);
        return tx.tenants().roles(tenant).stream().filter(role -> TenantNames.roleKey(role.name()).equals(key))
                .findFirst().orElseThrow(() -> refusal(Status.NOT_FOUND, "role_not_found", "Role not found",
                        unknownRoleText(tenant, name)));
    }

    private static Optional<TenantMembership> membership(StoreTransaction tx, String tenant, String userId) {
        return tx.tenants().membershipsOf(userId).stream().filter(m -> m.tenantId().equals(tenant)).findFirst();
    }

    /** The user's membership; 404 when the user is not a member (or not a user). */
    private static TenantMembership requireMember(StoreTransaction tx, String tenant, String userId) {
        return (userId == null ? Optional.<TenantMembership>empty() : membership(tx, tenant, userId))
                .orElseThrow(() -> refusal(Status.NOT_FOUND, "member_not_found", "User not found",
                        "The user '" + userId + "' is not a member of the tenant '" + tenant + "'."));
    }

    /**
     * The user with the e-mail, ignoring case: the one spelling it as given when several do, otherwise the only
     * one; 404 when none, 409 when several do and none as given.
     */
    private static StoredUser userByEmail(StoreTransaction tx, String email) {
        List<StoredUser> found = tx.users().findByEmailsIgnoringCase(List.of(email));
        Optional<StoredUser> exact = found.stream().filter(user -> email.equals(user.email())).findFirst();
        if (exact.isPresent() || found.size() == 1) {
            return exact.orElse(found.get(0));
        }
        if (found.isEmpty()) {
            throw userNotFound("e-mail", email);
        }
        throw refusal(Status.CONFLICT, "ambiguous_email", "E-mail is ambiguous", "Several users have the e-mail '"
                + email + "' in different cases; name the user by ID.");
    }

    private static AdministrationException userNotFound(String by, String value) {
        return new AdministrationException(new Problem(Status.NOT_FOUND, "user_not_found", "User not found",
                "No user found with " + by + " '" + value + "'", "Verify the user ID and try again"));
    }

    private static AdministrationException roleExists(String tenant, String name) {
        return refusal(Status.CONFLICT, "role_exists", "Role already exists",
                "The tenant '" + tenant + "' already has a role named '" + name + "' (names are compared ignoring "
                        + "case).");
    }

    private static AdministrationException refusal(Status status, String reason, String message, String details) {
        return new AdministrationException(new Problem(status, reason, message, details, null));
    }

    // ---- views and audit states

    private static TenantView view(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.displayName(), texts(tenant.boundary()));
    }

    private static RoleView view(StoredRole role, List<PermissionPattern> boundary) {
        List<String> outside = role.patterns().stream()
                .filter(pattern -> boundary.stream().noneMatch(limit -> limit.covers(pattern)))
                .map(PermissionPattern::toString).toList();
        return new RoleView(role.name(), role.description(), texts(role.patterns()), outside);
    }

    private static List<String> texts(List<PermissionPattern> patterns) {
        return patterns.stream().map(PermissionPattern::toString).toList();
    }

    private static Map<String, Object> state(Tenant tenant) {
        return ordered("name", tenant.displayName(), "boundary", texts(tenant.boundary()));
    }

    private static Map<String, Object> state(StoredRole role) {
        return ordered("name", role.name(), "description", role.description(), "permissions",
                texts(role.patterns()));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            state.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return state;
    }

    // ---- transactions

    private <T> T read(UserStore.StoreWork<T> work) {
        return store.inTransaction(work);
    }

    /**
     * Runs the work in one transaction; once it committed, tells this process's listener what changed and reports
     * the audit events.
     */
    private <T> T write(Work<T> work) {
        Changes changes = new Changes();
        T result = store.inTransaction(tx -> {
            changes.clear(); // a store may run the work again
            return work.run(tx, changes);
        });
        changes.tenants.forEach(localChanges::tenantChanged);
        changes.users.forEach(localChanges::userChanged);
        changes.events.forEach(audit::report);
        return result;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(StoreTransaction tx, Changes changes);
    }

    /** What a transaction changed: to tell this process once it commits, and to audit. */
    private final class Changes {
        final Set<String> tenants = new LinkedHashSet<>();
        final Set<String> users = new LinkedHashSet<>();
        final List<AuditEvent> events = new ArrayList<>();

        void clear() {
            tenants.clear();
            users.clear();
            events.clear();
        }

        void tenant(String tenantId) {
            tenants.add(tenantId);
        }

        void user(String userId) {
            users.add(userId);
        }

        void event(EffectivePermissions caller, String action, String tenant, String target,
                Map<String, Object> before, Map<String, Object> after) {
            events.add(new AuditEvent(audit.now(), caller.id(), action, tenant, null, target, before, after));
        }
    }
}
