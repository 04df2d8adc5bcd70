package ai.codemie.auth.store;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link UserStore} held in memory: the store of tests and of the zero-setup embedded default.
 *
 * <p>Thread-safe. Transactions are serialised by one lock, so each {@link #inTransaction} is atomic and
 * isolated, and {@link UserRecords#lock} needs no lock of its own. A transaction that throws is
 * rolled back exactly (an undo log restores every write, order included). Users named by
 * {@link StoreTransaction#publishChange} are announced on {@link #changeFeed()} after the commit, on the
 * committing thread.
 *
 * <p>Tests fill it with {@code StoreSeeder} of the test kit ({@code auth-test}).
 */
public final class InMemoryUserStore implements UserStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, StoredUser> usersById = new HashMap<>();
    private final Map<String, StoredUser> usersByUsername = new HashMap<>();
    private final Map<String, StoredUser> usersByEmail = new HashMap<>();
    private final Map<String, Project> projects = new HashMap<>();
    private final Map<String, Map<String, Sequenced<ProjectMembership>>> membershipsByUser = new HashMap<>();
    private final Map<String, Map<String, Sequenced<ProjectMembership>>> membershipsByProject = new HashMap<>();
    private final Map<String, Map<String, Sequenced<String>>> knowledgeBases = new HashMap<>();
    private final Map<String, Tenant> tenants = new TreeMap<>();
    /** Each tenant's roles in creation order; replaced, never changed in place. */
    private final Map<String, List<StoredRole>> roles = new HashMap<>();
    /** The role keys each member holds, by tenant then user; each set replaced, never changed in place. */
    private final Map<MemberKey, Set<String>> tenantMembers = new TreeMap<>();
    private final Map<MemberKey, Invitation> invitations = new TreeMap<>();
    private final Set<String> joinedDefault = new HashSet<>();
    /** Insertion order of memberships and grants, kept across rollbacks so lists come back in the same order. */
    private final AtomicLong sequence = new AtomicLong();
    private final BroadcastChangeFeed feed = new BroadcastChangeFeed();
    private final ProcessLocks locks = new ProcessLocks();

    @Override
    public <T> T inTransaction(StoreWork<T> work) {
        Objects.requireNonNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            // A JDBC store would open a second connection and could deadlock on its own locks: refuse everywhere.
            throw new IllegalStateException("nested store transactions are not supported");
        }
        Transaction transaction = new Transaction();
        T result;
        lock.lock();
        try {
            result = work.run(transaction);
        } catch (Throwable e) {
            transaction.rollback();
            throw e;
        } finally {
            transaction.closed = true;
            lock.unlock();
        }
        feed.usersChanged(transaction.changedUsers);
        feed.tenantsChanged(transaction.changedTenants);
        return result;
    }

    @Override
    public ChangeFeed changeFeed() {
        return feed;
    }

    /** The lock of this store object: every user of the store shares the object, so it is store-wide. */
    @Override
    public Optional<ExclusiveLock> tryExclusiveLock(String name) {
        return locks.tryLock(name);
    }

    private record Sequenced<V>(long sequence, V value) {
    }

    /** A tenant and a user id (or an invitation's e-mail key), ordered by tenant then second part. */
    private record MemberKey(String tenantId, String second) implements Comparable<MemberKey> {
        @Override
        public int compareTo(MemberKey other) {
            int byTenant = tenantId.compareTo(other.tenantId);
            return byTenant != 0 ? byTenant : second.compareTo(other.second);
        }
    }

    private static MemberKey invitationKey(Invitation invitation) {
        return new MemberKey(invitation.tenantId(), Invitation.emailKey(invitation.email()));
    }

    private static Invitation withRoles(Invitation invitation, List<String> roleNames) {
        return new Invitation(invitation.tenantId(), invitation.email(), invitation.name(), roleNames);
    }

    /** The position of the role named so ignoring case, or -1. */
    private static int indexOf(List<StoredRole> roles, String name) {
        String key = TenantNames.roleKey(name);
        for (int i = 0; i < roles.size(); i++) {
            if (TenantNames.roleKey(roles.get(i).name()).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static <V> List<V> inOrder(Map<String, Sequenced<V>> entries) {
        if (entries == null) {
            return List.of();
        }
        return entries.values().stream().sorted(Comparator.comparingLong(Sequenced::sequence))
                .map(Sequenced::value).toList();
    }

    /** One transaction: reads and writes the shared maps under the lock, recording how to undo each write. */
    private final class Transaction implements StoreTransaction {
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private final Set<String> changedUsers = new LinkedHashSet<>();
        private final Set<String> changedTenants = new LinkedHashSet<>();
        private final Users userRecords = new Users();
        private final Projects projectRecords = new Projects();
        private final Tenants tenantRecords = new Tenants();
        private final Invitations invitationRecords = new Invitations();
        private boolean closed;

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the transaction has ended; do not let it escape inTransaction");
            }
        }

        void rollback() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            changedUsers.clear();
            changedTenants.clear();
        }

        /** Puts (or, for a null value, removes) the entry, recording how to undo it. */
        private <K, V> void put(Map<K, V> map, K key, V value) {
            V old = value == null ? map.remove(key) : map.put(key, value);
            undo.push(() -> {
                if (old == null) {
                    map.remove(key);
                } else {
                    map.put(key, old);
                }
            });
        }

        @Override
        public UserRecords users() {
            checkOpen();
            return userRecords;
        }

        @Override
        public ProjectRecords projects() {
            checkOpen();
            return projectRecords;
        }

        @Override
        public TenantRecords tenants() {
            checkOpen();
            return tenantRecords;
        }

        @Override
        public InvitationRecords invitations() {
            checkOpen();
            return invitationRecords;
        }

        @Override
        public void publishChange(String userId) {
            checkOpen();
            changedUsers.add(Objects.requireNonNull(userId, "userId"));
        }

        private final class Tenants implements TenantRecords {

            @Override
            public Optional<Tenant> find(String tenantId) {
                checkOpen();
                return Optional.ofNullable(tenants.get(tenantId));
            }

            @Override
            public List<Tenant> list() {
                checkOpen();
                return List.copyOf(tenants.values());
            }

            @Override
            public boolean insert(Tenant tenant) {
                checkOpen();
                if (tenants.containsKey(tenant.id())) {
                    return false;
                }
                put(tenants, tenant.id(), tenant);
                put(roles, tenant.id(), List.of());
                return true;
            }

            @Override
            public boolean rename(String tenantId, String displayName) {
                checkOpen();
                Tenant tenant = tenants.get(tenantId);
                if (tenant == null) {
                    return false;
                }
                put(tenants, tenantId, new Tenant(tenantId, displayName, tenant.boundary()));
                return true;
            }

            @Override
            public boolean setBoundary(String tenantId, Collection<PermissionPattern> boundary) {
                checkOpen();
                Tenant tenant = tenants.get(tenantId);
                if (tenant == null) {
                    return false;
                }
                put(tenants, tenantId, new Tenant(tenantId, tenant.displayName(), List.copyOf(boundary)));
                changedTenants.add(tenantId);
                return true;
            }

            @Override
            public Optional<TenantDefinition> definition(String tenantId) {
                checkOpen();
                Tenant tenant = tenants.get(tenantId);
                return tenant == null ? Optional.empty() : Optional.of(TenantDefinition.of(tenantId,
                        tenant.boundary(), roles.get(tenantId).stream().map(StoredRole::toTenantRole).toList()));
            }

            @Override
            public List<StoredRole> roles(String tenantId) {
                checkOpen();
                return roles.getOrDefault(tenantId, List.of());
            }

            @Override
            public boolean insertRole(StoredRole role) {
                List<StoredRole> all = requireRoles(role.tenantId());
                if (indexOf(all, role.name()) >= 0) {
                    return false;
                }
                List<StoredRole> changed = new ArrayList<>(all);
                changed.add(role);
                setRoles(role.tenantId(), changed);
                return true;
            }

            @Override
            public boolean updateRole(StoredRole role) {
                List<StoredRole> all = requireRoles(role.tenantId());
                int index = indexOf(all, role.name());
                if (index < 0) {
                    return false;
                }
                List<StoredRole> changed = new ArrayList<>(all);
                changed.set(index, new StoredRole(role.tenantId(), all.get(index).name(), role.description(),
                        role.patterns()));
                setRoles(role.tenantId(), changed);
                return true;
            }

            @Override
            public boolean renameRole(String tenantId, String name, String newName) {
                List<StoredRole> all = requireRoles(tenantId);
                int index = indexOf(all, name);
                int other = indexOf(all, newName);
                if (index < 0 || (other >= 0 && other != index)) {
                    return false;
                }
                StoredRole role = all.get(index);
                List<StoredRole> changed = new ArrayList<>(all);
                changed.set(index, new StoredRole(tenantId, newName, role.description(), role.patterns()));
                setRoles(tenantId, changed);
                String oldKey = TenantNames.roleKey(name);
                String newKey = TenantNames.roleKey(newName);
                // holders keep the role: members hold keys, invitations names
                tenantMembers.entrySet().stream().filter(e -> e.getKey().tenantId().equals(tenantId)
                        && e.getValue().contains(oldKey)).toList().forEach(e -> {
                            Set<String> keys = new HashSet<>(e.getValue());
                            keys.remove(oldKey);
                            keys.add(newKey);
                            put(tenantMembers, e.getKey(), Set.copyOf(keys));
                        });
                invitationsOf(tenantId).forEach(invitation -> put(invitations, invitationKey(invitation),
                        withRoles(invitation, invitation.roleNames().stream()
                                .map(held -> TenantNames.roleKey(held).equals(oldKey) ? newName : held).toList())));
                return true;
            }

            @Override
            public boolean deleteRole(String tenantId, String name) {
                List<StoredRole> all = requireRoles(tenantId);
                int index = indexOf(all, name);
                if (index < 0) {
                    return false;
                }
                List<StoredRole> changed = new ArrayList<>(all);
                changed.remove(index);
                setRoles(tenantId, changed);
                String key = TenantNames.roleKey(name);
                tenantMembers.entrySet().stream().filter(e -> e.getKey().tenantId().equals(tenantId)
                        && e.getValue().contains(key)).toList().forEach(e -> {
                            Set<String> keys = new HashSet<>(e.getValue());
                            keys.remove(key);
                            put(tenantMembers, e.getKey(), Set.copyOf(keys));
                        });
                invitationsOf(tenantId).forEach(invitation -> put(invitations, invitationKey(invitation),
                        withRoles(invitation, invitation.roleNames().stream()
                                .filter(held -> !TenantNames.roleKey(held).equals(key)).toList())));
                return true;
            }

            @Override
            public List<TenantMembership> membershipsOf(String userId) {
                checkOpen();
                return tenantMembers.entrySet().stream().filter(e -> e.getKey().second().equals(userId))
                        .map(e -> membership(e.getKey(), e.getValue())).toList();
            }

            @Override
            public List<TenantMembership> members(String tenantId) {
                checkOpen();
                return tenantMembers.entrySet().stream().filter(e -> e.getKey().tenantId().equals(tenantId))
                        .map(e -> membership(e.getKey(), e.getValue())).toList();
            }

            @Override
            public boolean addMember(String tenantId, String userId) {
                requireRoles(tenantId);
                MemberKey key = new MemberKey(tenantId, Objects.requireNonNull(userId, "userId"));
                if (tenantMembers.containsKey(key)) {
                    return false;
                }
                setHeld(key, Set.of());
                return true;
            }

            @Override
            public boolean removeMember(String tenantId, String userId) {
                checkOpen();
                MemberKey key = new MemberKey(tenantId, userId);
                if (!tenantMembers.containsKey(key)) {
                    return false;
                }
                setHeld(key, null);
                return true;
            }

            @Override
            public boolean addRoles(String tenantId, String userId, Collection<String> roleNames) {
                Set<String> added = roleKeys(tenantId, roleNames);
                MemberKey key = new MemberKey(tenantId, Objects.requireNonNull(userId, "userId"));
                Set<String> held = tenantMembers.get(key);
                Set<String> changed = new HashSet<>(held == null ? Set.of() : held);
                changed.addAll(added);
                return held == null || !changed.equals(held) ? setHeld(key, Set.copyOf(changed)) : false;
            }

            @Override
            public Set<String> addRoles(String tenantId, Map<String, ? extends Collection<String>> rolesByUser) {
                requireRoles(tenantId);
                Set<String> changed = new LinkedHashSet<>();
                rolesByUser.forEach((userId, roleNames) -> {
                    if (addRoles(tenantId, userId, roleNames)) {
                        changed.add(userId);
                    }
                });
                return changed;
            }

            @Override
            public boolean removeRoles(String tenantId, String userId, Collection<String> roleNames) {
                Set<String> removed = roleKeys(tenantId, roleNames);
                MemberKey key = new MemberKey(tenantId, userId);
                Set<String> held = tenantMembers.get(key);
                if (held == null) {
                    return false;
                }
                Set<String> changed = new HashSet<>(held);
                return changed.removeAll(removed) && setHeld(key, Set.copyOf(changed));
            }

            @Override
            public boolean replaceRoles(String tenantId, String userId, Collection<String> roleNames) {
                Set<String> wanted = roleKeys(tenantId, roleNames);
                MemberKey key = new MemberKey(tenantId, Objects.requireNonNull(userId, "userId"));
                Set<String> held = tenantMembers.get(key);
                return held == null || !held.equals(wanted) ? setHeld(key, wanted) : false;
            }

            @Override
            public Set<String> changeRoles(String tenantId, Collection<String> userIds, Collection<String> add,
                    Collection<String> remove) {
                Set<String> added = roleKeys(tenantId, add);
                Set<String> removed = roleKeys(tenantId, remove);
                Set<String> changedMembers = new LinkedHashSet<>();
                for (String userId : new LinkedHashSet<>(userIds)) {
                    MemberKey key = new MemberKey(tenantId, userId);
                    Set<String> held = tenantMembers.get(key);
                    if (held == null) {
                        continue;
                    }
                    Set<String> changed = new HashSet<>(held);
                    changed.addAll(added);
                    changed.removeAll(removed);
                    if (!changed.equals(held)) {
                        setHeld(key, Set.copyOf(changed));
                        changedMembers.add(userId);
                    }
                }
                return changedMembers;
            }

            @Override
            public boolean joinedDefaultTenant(String userId) {
                checkOpen();
                return joinedDefault.contains(userId);
            }

            @Override
            public boolean markJoinedDefaultTenant(String userId) {
                checkOpen();
                if (!joinedDefault.add(Objects.requireNonNull(userId, "userId"))) {
                    return false;
                }
                undo.push(() -> joinedDefault.remove(userId));
                return true;
            }

            /** The tenant's roles; throws when there is no such tenant. */
            private List<StoredRole> requireRoles(String tenantId) {
                checkOpen();
                List<StoredRole> all = roles.get(tenantId);
                if (all == null) {
                    throw new InvalidStoreDataException("there is no tenant '" + tenantId + "'");
                }
                return all;
            }

            private void setRoles(String tenantId, List<StoredRole> changed) {
                put(roles, tenantId, List.copyOf(changed));
                changedTenants.add(tenantId);
            }

            /** Sets (null: removes) the member's role keys and announces the member; true. */
            private boolean setHeld(MemberKey key, Set<String> held) {
                put(tenantMembers, key, held);
                changedUsers.add(key.second());
                return true;
            }

            private TenantMembership membership(MemberKey key, Set<String> held) {
                return new TenantMembership(key.tenantId(), key.second(), names(key.tenantId(), held));
            }
        }

        /** The role keys of the names; throws for a tenant or role that does not exist. */
        private Set<String> roleKeys(String tenantId, Collection<String> roleNames) {
            checkOpen();
            List<StoredRole> all = roles.get(tenantId);
            if (all == null) {
                throw new InvalidStoreDataException("there is no tenant '" + tenantId + "'");
            }
            Set<String> keys = new HashSet<>();
            for (String name : roleNames) {
                if (indexOf(all, name) < 0) {
                    throw new InvalidStoreDataException("the tenant '" + tenantId + "' has no role '" + name + "'");
                }
                keys.add(TenantNames.roleKey(name));
            }
            return Set.copyOf(keys);
        }

        /** The names as written of the tenant's roles with these keys, in the tenant's order. */
        private List<String> names(String tenantId, Set<String> keys) {
            return roles.getOrDefault(tenantId, List.of()).stream().map(StoredRole::name)
                    .filter(name -> keys.contains(TenantNames.roleKey(name))).toList();
        }

        private List<Invitation> invitationsOf(String tenantId) {
            return invitations.values().stream().filter(i -> i.tenantId().equals(tenantId)).toList();
        }

        private final class Invitations implements InvitationRecords {

            @Override
            public boolean insert(Invitation invitation) {
                Set<String> keys = roleKeys(invitation.tenantId(), invitation.roleNames());
                MemberKey key = invitationKey(invitation);
                if (invitations.containsKey(key)) {
                    return false;
                }
                put(invitations, key, withRoles(invitation, names(invitation.tenantId(), keys)));
                return true;
            }

            @Override
            public int merge(Collection<Invitation> given) {
                int changed = 0;
                for (Invitation invitation : given) {
                    Set<String> keys = new HashSet<>(roleKeys(invitation.tenantId(), invitation.roleNames()));
                    Invitation held = invitations.get(invitationKey(invitation));
                    if (held == null) {
                        put(invitations, invitationKey(invitation), withRoles(invitation,
                                names(invitation.tenantId(), keys)));
                        changed++;
                        continue;
                    }
                    Set<String> heldKeys = roleKeys(held.tenantId(), held.roleNames());
                    if (!heldKeys.containsAll(keys)) {
                        keys.addAll(heldKeys);
                        put(invitations, invitationKey(held), withRoles(held, names(held.tenantId(), keys)));
                        changed++;
                    }
                }
                return changed;
            }

            @Override
            public List<Invitation> list(String tenantId) {
                checkOpen();
                return invitationsOf(tenantId);
            }

            @Override
            public List<Invitation> forEmail(String email) {
                checkOpen();
                String emailKey = Invitation.emailKey(email);
                return invitations.entrySet().stream().filter(e -> e.getKey().second().equals(emailKey))
                        .map(Map.Entry::getValue).toList();
            }

            @Override
            public boolean revoke(String tenantId, String email) {
                checkOpen();
                MemberKey key = new MemberKey(tenantId, Invitation.emailKey(email));
                if (!invitations.containsKey(key)) {
                    return false;
                }
                put(invitations, key, null);
                return true;
            }

            @Override
            public List<Invitation> accept(String email, String userId) {
                List<Invitation> accepted = forEmail(email);
                for (Invitation invitation : accepted) {
                    tenantRecords.addRoles(invitation.tenantId(), userId, invitation.roleNames());
                    put(invitations, invitationKey(invitation), null);
                }
                return accepted;
            }
        }

        private final class Users implements UserRecords {

            @Override
            public Optional<StoredUser> find(String id) {
                checkOpen();
                return Optional.ofNullable(usersById.get(id));
            }

            @Override
            public Optional<StoredUser> findByEmail(String email) {
                checkOpen();
                return Optional.ofNullable(email == null ? null : usersByEmail.get(email));
            }

            @Override
            public List<StoredUser> findAll(Collection<String> ids) {
                checkOpen();
                return new LinkedHashSet<>(ids).stream().map(usersById::get).filter(Objects::nonNull).toList();
            }

            @Override
            public List<StoredUser> findByEmailsIgnoringCase(Collection<String> emails) {
                checkOpen();
                Set<String> keys = new HashSet<>();
                emails.forEach(email -> keys.add(email.toLowerCase(Locale.ROOT)));
                return usersByEmail.values().stream()
                        .filter(user -> keys.contains(user.email().toLowerCase(Locale.ROOT))).toList();
            }

            @Override
            public Optional<StoredUser> findByUsername(String username) {
                checkOpen();
                return Optional.ofNullable(usersByUsername.get(username));
            }

            @Override
            public Optional<StoredUser> lock(String id) {
                return find(id); // every transaction already holds the store's only lock
            }

            @Override
            public List<StoredUser> lockUsableAdmins() {
                checkOpen();
                return usersById.values().stream().filter(u -> u.admin() && u.usable())
                        .sorted(Comparator.comparing(StoredUser::id)).toList();
            }

            @Override
            public List<StoredUser> lockUsableMaintainers() {
                checkOpen();
                return usersById.values().stream().filter(u -> u.maintainer() && u.usable())
                        .sorted(Comparator.comparing(StoredUser::id)).toList();
            }

            @Override
            public List<StoredUser> list(UserPage page) {
                checkOpen();
                return usersById.values().stream()
                        .filter(u -> page.afterUsername() == null || u.username().compareTo(page.afterUsername()) > 0)
                        .sorted(Comparator.comparing(StoredUser::username)).limit(page.limit()).toList();
            }

            @Override
            public boolean insert(StoredUser user) {
                checkOpen();
                if (usersById.containsKey(user.id()) || usersByUsername.containsKey(user.username())
                        || (user.email() != null && usersByEmail.containsKey(user.email()))) {
                    return false;
                }
                replaceUser(null, user);
                return true;
            }

            @Override
            public void update(StoredUser user) {
                checkOpen();
                StoredUser old = usersById.get(user.id());
                if (old == null) {
                    throw new IllegalArgumentException("no user with id " + user.id());
                }
                requireUnique(usersByUsername, user.username(), user.id(), "user name");
                requireUnique(usersByEmail, user.email(), user.id(), "e-mail");
                replaceUser(old, user);
            }

            private void requireUnique(Map<String, StoredUser> index, String key, String id, String what) {
                StoredUser holder = key == null ? null : index.get(key);
                if (holder != null && !holder.id().equals(id)) {
                    // what a database's unique index would refuse
                    throw new InvalidStoreDataException("another user already has this " + what);
                }
            }

            private void replaceUser(StoredUser old, StoredUser user) {
                index(old, user);
                undo.push(() -> index(user, old));
            }

            private void index(StoredUser remove, StoredUser add) {
                if (remove != null) {
                    usersById.remove(remove.id());
                    usersByUsername.remove(remove.username());
                    if (remove.email() != null) {
                        usersByEmail.remove(remove.email());
                    }
                }
                if (add != null) {
                    usersById.put(add.id(), add);
                    usersByUsername.put(add.username(), add);
                    if (add.email() != null) {
                        usersByEmail.put(add.email(), add);
                    }
                }
            }

            @Override
            public List<String> knowledgeBases(String userId) {
                checkOpen();
                return inOrder(knowledgeBases.get(userId));
            }

            @Override
            public boolean grantKnowledgeBase(String userId, String knowledgeBase) {
                checkOpen();
                Objects.requireNonNull(knowledgeBase, "knowledgeBase");
                Map<String, Sequenced<String>> grants = knowledgeBases.computeIfAbsent(userId, k -> new HashMap<>());
                if (grants.containsKey(knowledgeBase)) {
                    return false;
                }
                grants.put(knowledgeBase, new Sequenced<>(sequence.incrementAndGet(), knowledgeBase));
                undo.push(() -> knowledgeBases.get(userId).remove(knowledgeBase));
                return true;
            }

            @Override
            public void grantKnowledgeBases(String userId, Collection<String> names) {
                names.forEach(name -> grantKnowledgeBase(userId, name));
            }

            @Override
            public boolean revokeKnowledgeBase(String userId, String knowledgeBase) {
                checkOpen();
                Map<String, Sequenced<String>> grants = knowledgeBases.get(userId);
                Sequenced<String> entry = grants == null ? null : grants.remove(knowledgeBase);
                if (entry == null) {
                    return false;
                }
                undo.push(() -> knowledgeBases.get(userId).put(knowledgeBase, entry));
                return true;
            }
        }

        private final class Projects implements ProjectRecords {

            @Override
            public Optional<Project> find(String name) {
                checkOpen();
                return Optional.ofNullable(projects.get(name));
            }

            @Override
            public boolean insert(Project project) {
                checkOpen();
                if (projects.putIfAbsent(project.name(), project) != null) {
                    return false;
                }
                undo.push(() -> projects.remove(project.name()));
                return true;
            }

            @Override
            public List<ProjectMembership> membershipsOf(String userId) {
                checkOpen();
                return inOrder(membershipsByUser.get(userId));
            }

            @Override
            public List<ProjectMembership> members(String project) {
                checkOpen();
                return inOrder(membershipsByProject.get(project));
            }

            @Override
            public boolean addMember(ProjectMembership membership) {
                checkOpen();
                if (membershipsByUser.getOrDefault(membership.userId(), Map.of()).containsKey(membership.project())) {
                    return false;
                }
                Sequenced<ProjectMembership> entry = new Sequenced<>(sequence.incrementAndGet(), membership);
                putMembership(entry);
                undo.push(() -> removeMembershipEntry(membership.userId(), membership.project()));
                return true;
            }

            @Override
            public void addMembers(Collection<ProjectMembership> memberships) {
                memberships.forEach(this::addMember);
            }

            @Override
            public boolean removeMember(String userId, String project) {
                checkOpen();
                Sequenced<ProjectMembership> entry = removeMembershipEntry(userId, project);
                if (entry == null) {
                    return false;
                }
                undo.push(() -> putMembership(entry));
                return true;
            }

            private void putMembership(Sequenced<ProjectMembership> entry) {
                ProjectMembership m = entry.value();
                membershipsByUser.computeIfAbsent(m.userId(), k -> new HashMap<>()).put(m.project(), entry);
                membershipsByProject.computeIfAbsent(m.project(), k -> new HashMap<>()).put(m.userId(), entry);
            }

            private Sequenced<ProjectMembership> removeMembershipEntry(String userId, String project) {
                Map<String, Sequenced<ProjectMembership>> ofUser = membershipsByUser.get(userId);
                Sequenced<ProjectMembership> entry = ofUser == null ? null : ofUser.remove(project);
                if (entry != null) {
                    membershipsByProject.get(project).remove(userId);
                }
                return entry;
            }

            @Override
            public int countSharedMemberships(String userId) {
                checkOpen();
                return (int) membershipsByUser.getOrDefault(userId, Map.of()).keySet().stream().map(projects::get)
                        .filter(p -> p != null && p.type() == ProjectType.SHARED && p.live()).count();
            }

            @Override
            public int countCreatedShared(String userId) {
                checkOpen();
                return (int) projects.values().stream()
                        .filter(p -> p.type() == ProjectType.SHARED && p.live() && userId.equals(p.createdBy()))
                        .count();
            }
        }
    }
}
