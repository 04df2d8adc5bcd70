package ai.codemie.auth.jdbc;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.store.InvitationRecords;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.TenantMembership;
import ai.codemie.auth.store.TenantRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant tables of one {@link JdbcStoreTransaction}. Memberships and invitations hold roles by role id, so a
 * renamed role stays with its holders and a deleted one leaves them by the foreign keys' cascade.
 */
final class JdbcTenantRecords implements TenantRecords {

    private final JdbcStoreTransaction tx;
    private final TenantSql sql;
    private final Invitations invitations = new Invitations();
    /**
     * The user whose default-tenant marker was read with their memberships (PostgreSQL), and whether it was set;
     * null when none was read or this transaction has marked a user since.
     */
    private String markerUser;
    private boolean markerSet;

    JdbcTenantRecords(JdbcStoreTransaction tx, TenantSql sql) {
        this.tx = tx;
        this.sql = sql;
    }

    InvitationRecords invitations() {
        return invitations;
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        return JdbcStoreTransaction.first(tx.query(sql.findTenant, s -> s.setString(1, tenantId), this::tenant));
    }

    @Override
    public List<Tenant> list() {
        return tx.query(sql.listTenants, s -> { }, this::tenant);
    }

    @Override
    public boolean insert(Tenant tenant) {
        return tx.insert(sql.insertTenant, s -> {
            s.setString(1, tenant.id());
            s.setString(2, tenant.displayName());
            s.setString(3, text(tenant.boundary()));
            tx.setInstant(s, 4, Instant.now());
        });
    }

    @Override
    public boolean rename(String tenantId, String displayName) {
        String name = new Tenant(tenantId, displayName, List.of()).displayName();
        return tx.update(sql.renameTenant, s -> {
            s.setString(1, name);
            s.setString(2, tenantId);
        }) > 0;
    }

    @Override
    public boolean setBoundary(String tenantId, Collection<PermissionPattern> boundary) {
        boolean set = tx.update(sql.setBoundary, s -> {
            s.setString(1, text(List.copyOf(boundary)));
            s.setString(2, tenantId);
        }) > 0;
        if (set) {
            tx.publishTenantChange(tenantId);
        }
        return set;
    }

    @Override
    public Optional<TenantDefinition> definition(String tenantId) {
        return find(tenantId).map(tenant -> TenantDefinition.of(tenantId, tenant.boundary(),
                roles(tenantId).stream().map(StoredRole::toTenantRole).toList()));
    }

    @Override
    public List<StoredRole> roles(String tenantId) {
        return rolesWithIds(tenantId).values().stream().toList();
    }

    @Override
    public boolean insertRole(StoredRole role) {
        requireTenant(role.tenantId());
        boolean inserted = tx.insert(sql.insertRole, s -> {
            s.setString(1, TimeOrderedIds.next());
            s.setString(2, role.tenantId());
            s.setString(3, role.name());
            s.setString(4, TenantNames.roleKey(role.name()));
            s.setString(5, role.description());
            s.setString(6, text(role.patterns()));
        });
        return published(inserted, role.tenantId());
    }

    @Override
    public boolean updateRole(StoredRole role) {
        return published(tx.update(sql.updateRole, s -> {
            s.setString(1, role.description());
            s.setString(2, text(role.patterns()));
            s.setString(3, role.tenantId());
            s.setString(4, TenantNames.roleKey(role.name()));
        }) > 0, role.tenantId());
    }

    @Override
    public boolean renameRole(String tenantId, String name, String newName) {
        String key = TenantNames.roleKey(name);
        String newKey = TenantNames.roleKey(newName);
        if (!key.equals(newKey) && roleIdsByKey(tenantId).containsKey(newKey)) {
            return false;
        }
        return published(tx.update(sql.renameRole, s -> {
            s.setString(1, newName);
            s.setString(2, newKey);
            s.setString(3, tenantId);
            s.setString(4, key);
        }) > 0, tenantId);
    }

    @Override
    public boolean deleteRole(String tenantId, String name) {
        return published(tx.update(sql.deleteRole, s -> {
            s.setString(1, tenantId);
            s.setString(2, TenantNames.roleKey(name));
        }) > 0, tenantId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<TenantMembership> membershipsOf(String userId) {
        if (sql.membershipsWithMarker == null) {
            return memberships(sql.membershipsOf, userId);
        }
        // the marker comes along in the same round trip: a sign-in asks for both
        Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
        List<List<?>> results = tx.queries(sql.membershipsWithMarker, s -> {
            s.setString(1, userId);
            s.setString(2, userId);
        }, row -> group(grouped, row), row -> row.getString(1));
        markerUser = userId;
        markerSet = !results.get(1).isEmpty();
        return memberships(grouped);
    }

    @Override
    public List<TenantMembership> members(String tenantId) {
        return memberships(sql.members, tenantId);
    }

    @Override
    public boolean addMember(String tenantId, String userId) {
        requireTenant(tenantId);
        return publishedUser(insertMember(tenantId, userId), userId);
    }

    @Override
    public boolean removeMember(String tenantId, String userId) {
        return publishedUser(tx.update(sql.removeMember, s -> {
            s.setString(1, tenantId);
            s.setString(2, userId);
        }) > 0, userId);
    }

    @Override
    public boolean addRoles(String tenantId, String userId, Collection<String> roleNames) {
        Set<String> wanted = roleIds(tenantId, roleNames);
        boolean added = insertMember(tenantId, userId);
        Set<String> held = held(tenantId, userId);
        return publishedUser(change(tenantId, userId, minus(wanted, held), Set.of()) || added, userId);
    }

    @Override
    public boolean removeRoles(String tenantId, String userId, Collection<String> roleNames) {
        Set<String> unwanted = roleIds(tenantId, roleNames);
        Set<String> held = held(tenantId, userId);
        unwanted.retainAll(held);
        return publishedUser(change(tenantId, userId, Set.of(), unwanted), userId);
    }

    @Override
    public boolean replaceRoles(String tenantId, String userId, Collection<String> roleNames) {
        Set<String> wanted = roleIds(tenantId, roleNames);
        boolean added = insertMember(tenantId, userId);
        Set<String> held = held(tenantId, userId);
        return publishedUser(change(tenantId, userId, minus(wanted, held), minus(held, wanted)) || added, userId);
    }

    @Override
    public Set<String> changeRoles(String tenantId, Collection<String> userIds, Collection<String> add,
            Collection<String> remove) {
        Set<String> removed = roleIds(tenantId, remove);
        Set<String> added = minus(roleIds(tenantId, add), removed);
        Map<String, Set<String>> heldByMember = heldByMember(tenantId);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            Set<String> held = heldByMember.get(userId);
            if (held == null) {
                continue;
            }
            Set<String> given = minus(added, held);
            Set<String> taken = new HashSet<>(removed);
            taken.retainAll(held);
            given.forEach(role -> inserts.add(new Object[] {tenantId, userId, role}));
            taken.forEach(role -> deletes.add(new Object[] {tenantId, userId, role}));
            if (!given.isEmpty() || !taken.isEmpty()) {
                changed.add(userId);
            }
        }
        tx.batch(sql.addMemberRole, inserts);
        tx.batch(sql.removeMemberRole, deletes);
        tx.publishChanges(changed);
        return changed;
    }

    @Override
    public Set<String> addRoles(String tenantId, Map<String, ? extends Collection<String>> rolesByUser) {
        requireTenant(tenantId);
        Map<String, String> idsByKey = roleIdsByKey(tenantId);
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        rolesByUser.forEach((userId, roleNames) -> wanted.put(userId, roleIds(roleNames, idsByKey, tenantId)));
        Map<String, Set<String>> heldByMember = heldByMember(tenantId);
        List<Object[]> members = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        wanted.forEach((userId, roles) -> {
            Set<String> held = heldByMember.get(userId);
            if (held == null) {
                members.add(new Object[] {tenantId, userId});
                held = Set.of();
                changed.add(userId);
            }
            for (String role : minus(roles, held)) {
                inserts.add(new Object[] {tenantId, userId, role});
                changed.add(userId);
            }
        });
        tx.batch(sql.addMember, members);
        tx.batch(sql.addMemberRole, inserts);
        tx.publishChanges(changed);
        return changed;
    }

    /** The role ids every member of the tenant holds, read in one query whatever the number of members. */
    private Map<String, Set<String>> heldByMember(String tenantId) {
        Map<String, String> idsByKey = roleIdsByKey(tenantId);
        Map<String, Set<String>> heldByMember = new HashMap<>();
        for (TenantMembership member : members(tenantId)) {
            Set<String> held = new HashSet<>();
            member.roleNames().forEach(name -> held.add(idsByKey.get(TenantNames.roleKey(name))));
            heldByMember.put(member.userId(), held);
        }
        return heldByMember;
    }

    @Override
    public boolean joinedDefaultTenant(String userId) {
        if (userId.equals(markerUser)) {
            return markerSet;
        }
        return !tx.query(sql.joinedDefault, s -> s.setString(1, userId), row -> row.getString(1)).isEmpty();
    }

    @Override
    public boolean markJoinedDefaultTenant(String userId) {
        markerUser = null;
        return tx.insert(sql.markJoinedDefault, s -> {
            s.setString(1, userId);
            tx.setInstant(s, 2, Instant.now());
        });
    }

    // ---- helpers

    private Tenant tenant(ResultSet row) throws SQLException {
        return new Tenant(row.getString(1), row.getString(2), patterns(row.getString(3)));
    }

    private void requireTenant(String tenantId) {
        if (find(tenantId).isEmpty()) {
            throw new InvalidStoreDataException("there is no tenant '" + tenantId + "'");
        }
    }

    /** The tenant's roles by id, in creation order. */
    private Map<String, StoredRole> rolesWithIds(String tenantId) {
        Map<String, StoredRole> roles = new LinkedHashMap<>();
        tx.query(sql.roles, s -> s.setString(1, tenantId), row -> roles.put(row.getString(1),
                new StoredRole(tenantId, row.getString(2), row.getString(3), patterns(row.getString(4)))));
        return roles;
    }

    private Map<String, String> roleIdsByKey(String tenantId) {
        Map<String, String> ids = new LinkedHashMap<>();
        rolesWithIds(tenantId).forEach((id, role) -> ids.put(TenantNames.roleKey(role.name()), id));
        return ids;
    }

    /** The ids of the named roles; throws for a tenant or role that does not exist. */
    private Set<String> roleIds(String tenantId, Collection<String> roleNames) {
        requireTenant(tenantId);
        return roleIds(roleNames, roleIdsByKey(tenantId), tenantId);
    }

    /** The ids of the named roles among the tenant's {@code byKey}; throws for a role that does not exist. */
    private static Set<String> roleIds(Collection<String> roleNames, Map<String, String> byKey, String tenantId) {
        Set<String> ids = new HashSet<>();
        for (String name : roleNames) {
            String id = byKey.get(TenantNames.roleKey(name));
            if (id == null) {
                throw new InvalidStoreDataException("the tenant '" + tenantId + "' has no role '" + name + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private boolean insertMember(String tenantId, String userId) {
        return tx.insert(sql.addMember, s -> {
            s.setString(1, tenantId);
            s.setString(2, userId);
        });
    }

    private Set<String> held(String tenantId, String userId) {
        return new HashSet<>(tx.query(sql.heldRoles, s -> {
            s.setString(1, tenantId);
            s.setString(2, userId);
        }, row -> row.getString(1)));
    }

    /** Adds and removes the member's roles by id; true if there was anything to do. */
    private boolean change(String tenantId, String userId, Set<String> add, Set<String> remove) {
        tx.batch(sql.addMemberRole, add.stream().map(role -> new Object[] {tenantId, userId, role}).toList());
        tx.batch(sql.removeMemberRole, remove.stream().map(role -> new Object[] {tenantId, userId, role}).toList());
        return !add.isEmpty() || !remove.isEmpty();
    }

    private List<TenantMembership> memberships(String statement, String key) {
        Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
        tx.query(statement, s -> s.setString(1, key), row -> group(grouped, row));
        return memberships(grouped);
    }

    /** Adds a row of tenant id, user id and role name (null for none) to the memberships grouped so far. */
    private static Object group(Map<List<String>, List<String>> grouped, ResultSet row) throws SQLException {
        List<String> roles = grouped.computeIfAbsent(List.of(row.getString(1), row.getString(2)),
                k -> new ArrayList<>());
        String role = row.getString(3);
        return role == null ? null : roles.add(role);
    }

    private static List<TenantMembership> memberships(Map<List<String>, List<String>> grouped) {
        return grouped.entrySet().stream().map(e -> new TenantMembership(e.getKey().get(0), e.getKey().get(1),
                e.getValue())).toList();
    }

    private boolean published(boolean changed, String tenantId) {
        if (changed) {
            tx.publishTenantChange(tenantId);
        }
        return changed;
    }

    private boolean publishedUser(boolean changed, String userId) {
        if (changed) {
            tx.publishChange(userId);
        }
        return changed;
    }

    private static Set<String> minus(Set<String> from, Set<String> taken) {
        Set<String> rest = new HashSet<>(from);
        rest.removeAll(taken);
        return rest;
    }

    /** Patterns as stored: their texts separated by single spaces, which no pattern holds. */
    private static String text(List<PermissionPattern> patterns) {
        return String.join(" ", patterns.stream().map(PermissionPattern::toString).toList());
    }

    private static List<PermissionPattern> patterns(String text) {
        return text.isEmpty() ? List.of() : PermissionPattern.parseAll(Arrays.asList(text.split(" ")));
    }

    private final class Invitations implements InvitationRecords {

        @Override
        public boolean insert(Invitation invitation) {
            Set<String> roles = roleIds(invitation.tenantId(), invitation.roleNames());
            String emailKey = Invitation.emailKey(invitation.email());
            boolean inserted = tx.insert(sql.insertInvitation, s -> {
                s.setString(1, invitation.tenantId());
                s.setString(2, emailKey);
                s.setString(3, invitation.email());
                s.setString(4, invitation.name());
            });
            if (inserted) {
                tx.batch(sql.addInvitationRole, roles.stream()
                        .map(role -> new Object[] {invitation.tenantId(), emailKey, role}).toList());
            }
            return inserted;
        }

        @Override
        public int merge(Collection<Invitation> given) {
            Map<String, List<Invitation>> byTenant = new LinkedHashMap<>();
            given.forEach(invitation -> byTenant.computeIfAbsent(invitation.tenantId(), t -> new ArrayList<>())
                    .add(invitation));
            int changed = 0;
            for (Map.Entry<String, List<Invitation>> tenant : byTenant.entrySet()) {
                changed += merge(tenant.getKey(), tenant.getValue());
            }
            return changed;
        }

        /** {@link #merge(Collection)} for the invitations of one tenant, read once and written in two batches. */
        private int merge(String tenantId, List<Invitation> given) {
            requireTenant(tenantId);
            Map<String, String> idsByKey = roleIdsByKey(tenantId);
            Map<String, Set<String>> held = new HashMap<>();
            for (Invitation invitation : list(tenantId)) {
                held.put(Invitation.emailKey(invitation.email()), roleIds(invitation.roleNames(), idsByKey, tenantId));
            }
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> roles = new ArrayList<>();
            Set<String> changed = new HashSet<>();
            for (Invitation invitation : given) {
                String emailKey = Invitation.emailKey(invitation.email());
                Set<String> wanted = roleIds(invitation.roleNames(), idsByKey, tenantId);
                Set<String> before = held.get(emailKey);
                if (before == null) {
                    inserts.add(new Object[] {tenantId, emailKey, invitation.email(), invitation.name()});
                    before = new HashSet<>();
                    held.put(emailKey, before);
                    changed.add(emailKey);
                }
                for (String role : wanted) {
                    if (before.add(role)) {
                        roles.add(new Object[] {tenantId, emailKey, role});
                        changed.add(emailKey);
                    }
                }
            }
            tx.batch(sql.insertInvitation, inserts);
            tx.batch(sql.addInvitationRole, roles);
            return changed.size();
        }

        @Override
        public List<Invitation> list(String tenantId) {
            return invitations(sql.invitationsOf, tenantId);
        }

        @Override
        public List<Invitation> forEmail(String email) {
            return invitations(sql.invitationsFor, Invitation.emailKey(email));
        }

        @Override
        public boolean revoke(String tenantId, String email) {
            return tx.update(sql.revokeInvitation, s -> {
                s.setString(1, tenantId);
                s.setString(2, Invitation.emailKey(email));
            }) > 0;
        }

        @Override
        public List<Invitation> accept(String email, String userId) {
            List<Invitation> accepted = forEmail(email);
            for (Invitation invitation : accepted) {
                addRoles(invitation.tenantId(), userId, invitation.roleNames());
                revoke(invitation.tenantId(), invitation.email());
            }
            return accepted;
        }

        private List<Invitation> invitations(String statement, String key) {
            Map<List<String>, List<String>> roles = new LinkedHashMap<>();
            Map<List<String>, Invitation> found = new LinkedHashMap<>();
            tx.query(statement, s -> s.setString(1, key), row -> {
                String tenantId = row.getString(1);
                String email = row.getString(2);
                String name = row.getString(3);
                String role = row.getString(4);
                List<String> id = List.of(tenantId, Invitation.emailKey(email));
                found.putIfAbsent(id, new Invitation(tenantId, email, name, List.of()));
                return role == null ? null : roles.computeIfAbsent(id, k -> new ArrayList<>()).add(role);
            });
            return found.entrySet().stream().map(e -> new Invitation(e.getValue().tenantId(), e.getValue().email(),
                    e.getValue().name(), roles.getOrDefault(e.getKey(), List.of()))).toList();
        }
    }
}
