package ai.codemie.auth.store;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
        private final Users userRecords = new Users();
        private final Projects projectRecords = new Projects();
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
        public void publishChange(String userId) {
            checkOpen();
            changedUsers.add(Objects.requireNonNull(userId, "userId"));
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
