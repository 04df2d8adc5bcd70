package ai.codemie.auth.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * isolated, and {@link StoreTransaction#lockUser} needs no lock of its own. A transaction that throws is
 * rolled back exactly (an undo log restores every write, order included). Users named by
 * {@link StoreTransaction#publishChange} are announced on {@link #changeFeed()} after the commit, on the
 * committing thread.
 *
 * <p>Tests fill it with {@link #seed()}: {@code store.seed().user(id).email("a@x.com").member("proj", true)}.
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

    /** A fluent way to put users, projects and grants into the store, each step committed at once. */
    public Seeder seed() {
        return new Seeder(this);
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
        public Optional<StoredUser> findUser(String id) {
            checkOpen();
            return Optional.ofNullable(usersById.get(id));
        }

        @Override
        public Optional<StoredUser> findUserByEmail(String email) {
            checkOpen();
            return Optional.ofNullable(email == null ? null : usersByEmail.get(email));
        }

        @Override
        public Optional<StoredUser> findUserByUsername(String username) {
            checkOpen();
            return Optional.ofNullable(usersByUsername.get(username));
        }

        @Override
        public Optional<StoredUser> lockUser(String id) {
            return findUser(id); // every transaction already holds the store's only lock
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
        public List<StoredUser> listUsers() {
            checkOpen();
            return usersById.values().stream().sorted(Comparator.comparing(StoredUser::username)).toList();
        }

        @Override
        public boolean insertUser(StoredUser user) {
            checkOpen();
            if (usersById.containsKey(user.id()) || usersByUsername.containsKey(user.username())
                    || (user.email() != null && usersByEmail.containsKey(user.email()))) {
                return false;
            }
            replaceUser(null, user);
            return true;
        }

        @Override
        public void updateUser(StoredUser user) {
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
        public List<ProjectMembership> memberships(String userId) {
            checkOpen();
            return inOrder(membershipsByUser.get(userId));
        }

        @Override
        public List<ProjectMembership> projectMembers(String project) {
            checkOpen();
            return inOrder(membershipsByProject.get(project));
        }

        @Override
        public boolean addMembership(ProjectMembership membership) {
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
        public boolean removeMembership(String userId, String project) {
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
        public List<String> knowledgeBases(String userId) {
            checkOpen();
            return inOrder(knowledgeBases.get(userId));
        }

        @Override
        public boolean addKnowledgeBase(String userId, String knowledgeBase) {
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

        @Override
        public Optional<Project> findProject(String name) {
            checkOpen();
            return Optional.ofNullable(projects.get(name));
        }

        @Override
        public boolean insertProject(Project project) {
            checkOpen();
            if (projects.putIfAbsent(project.name(), project) != null) {
                return false;
            }
            undo.push(() -> projects.remove(project.name()));
            return true;
        }

        @Override
        public int countSharedMemberships(String userId) {
            checkOpen();
            return (int) membershipsByUser.getOrDefault(userId, Map.of()).keySet().stream()
                    .map(projects::get).filter(p -> p != null && p.type() == ProjectType.SHARED && p.live()).count();
        }

        @Override
        public int countCreatedSharedProjects(String userId) {
            checkOpen();
            return (int) projects.values().stream()
                    .filter(p -> p.type() == ProjectType.SHARED && p.live() && userId.equals(p.createdBy())).count();
        }

        @Override
        public void publishChange(String userId) {
            checkOpen();
            changedUsers.add(Objects.requireNonNull(userId, "userId"));
        }
    }

    /**
     * Puts test and demo data into the store. Each step is its own small transaction, so the store is consistent
     * after every call; changed users are announced on the change feed like any other change.
     */
    public static final class Seeder {
        /** The project limit of seeded users, the default of {@code USER_PROJECT_LIMIT}. */
        public static final int DEFAULT_PROJECT_LIMIT = 3;

        private final InMemoryUserStore store;

        private Seeder(InMemoryUserStore store) {
            this.store = store;
        }

        /**
         * Inserts an active, regular, non-admin user with user name {@code id}, no e-mail and a project limit of
         * {@value DEFAULT_PROJECT_LIMIT} (the default {@code USER_PROJECT_LIMIT}); the returned seed refines it.
         */
        public UserSeed user(String id) {
            return new UserSeed(this, id);
        }

        /** Refines a user already in the store. */
        public UserSeed existingUser(String id) {
            StoredUser row = store.inTransaction(tx -> tx.findUser(id))
                    .orElseThrow(() -> new IllegalArgumentException("no user with id " + id));
            return new UserSeed(this, row);
        }

        /** Inserts the project as given (for example soft-deleted, or personal). */
        public Seeder project(Project project) {
            store.inTransaction(tx -> {
                if (!tx.insertProject(project)) {
                    throw new IllegalArgumentException("project " + project.name() + " exists");
                }
                return null;
            });
            return this;
        }

        /** Inserts a shared project with the creator (or none when null) and no members. */
        public Seeder sharedProject(String name, String createdBy) {
            return project(new Project(name, ProjectType.SHARED, createdBy, null, null));
        }
    }

    /** Refines one seeded user, committing each change at once; {@link #user(String)} moves on to the next. */
    public static final class UserSeed {
        private final Seeder seeder;
        private final String id;
        private String username;
        private String email;
        private String name;
        private String userType = "regular";
        private boolean active = true;
        private boolean admin;
        private boolean maintainer;
        private Integer projectLimit = Seeder.DEFAULT_PROJECT_LIMIT;
        /** The fields the seed does not set, kept as they are. */
        private final StoredUser base;

        private UserSeed(Seeder seeder, String id) {
            this.seeder = seeder;
            this.id = id;
            this.username = id;
            this.base = new StoredUser(id, id, null, null, null, userType, true, null, false, false, null, "keycloak",
                    null);
            seeder.store.inTransaction(tx -> {
                if (!tx.insertUser(row())) {
                    throw new IllegalArgumentException("a user with id or user name " + id + " exists");
                }
                return null;
            });
        }

        private UserSeed(Seeder seeder, StoredUser existing) {
            this.seeder = seeder;
            this.id = existing.id();
            this.username = existing.username();
            this.email = existing.email();
            this.name = existing.name();
            this.userType = existing.userType();
            this.active = existing.active();
            this.admin = existing.admin();
            this.maintainer = existing.maintainer();
            this.projectLimit = existing.projectLimit();
            this.base = existing;
        }

        /** Seeds the next user. */
        public UserSeed user(String nextId) {
            return seeder.user(nextId);
        }

        /** Back to the seeder, for projects. */
        public Seeder and() {
            return seeder;
        }

        /** Sets the user name. */
        public UserSeed username(String value) {
            username = value;
            return save();
        }

        /** Sets the e-mail address. */
        public UserSeed email(String value) {
            email = value;
            return save();
        }

        /** Sets the display name. */
        public UserSeed name(String value) {
            name = value;
            return save();
        }

        /** Makes the user external ({@code user_type} {@code external}). */
        public UserSeed external() {
            userType = "external";
            return save();
        }

        /** Makes the user an admin, with no project limit. */
        public UserSeed admin() {
            admin = true;
            projectLimit = null;
            return save();
        }

        /** Makes the user a maintainer (and so an admin), with no project limit. */
        public UserSeed maintainer() {
            maintainer = true;
            return admin();
        }

        /** Sets the project limit as given, null included, without checking the admin invariant. */
        public UserSeed projectLimit(Integer value) {
            projectLimit = value;
            return save();
        }

        /** Deactivates the user ({@code is_active} false; {@code deleted_at} stays null). */
        public UserSeed inactive() {
            active = false;
            return save();
        }

        /** Makes the user a member, creating the project as shared with no creator when it is unknown. */
        public UserSeed member(String project, boolean projectAdmin) {
            seeder.store.inTransaction(tx -> {
                if (tx.findProject(project).isEmpty()) {
                    tx.insertProject(new Project(project, ProjectType.SHARED, null, null, null));
                }
                tx.addMembership(new ProjectMembership(id, project, projectAdmin));
                tx.publishChange(id);
                return null;
            });
            return this;
        }

        /** Creates a shared project with this user as creator and project admin. */
        public UserSeed creatorOf(String project) {
            seeder.sharedProject(project, id);
            return member(project, true);
        }

        /** Grants the knowledge base. */
        public UserSeed knowledgeBase(String knowledgeBase) {
            seeder.store.inTransaction(tx -> {
                tx.addKnowledgeBase(id, knowledgeBase);
                tx.publishChange(id);
                return null;
            });
            return this;
        }

        private StoredUser row() {
            return new StoredUser(id, username, email, name, base.picture(), userType, active, base.deletedAt(), admin,
                    maintainer, projectLimit, base.authSource(), base.lastLoginAt());
        }

        private UserSeed save() {
            seeder.store.inTransaction(tx -> {
                tx.updateUser(row());
                tx.publishChange(id);
                return null;
            });
            return this;
        }
    }

    /** How many users the store holds; for tests and diagnostics. */
    public int userCount() {
        lock.lock();
        try {
            return usersById.size();
        } finally {
            lock.unlock();
        }
    }

    /** Every membership of every user, for tests that check nothing was added twice. */
    public List<ProjectMembership> allMemberships() {
        lock.lock();
        try {
            List<ProjectMembership> all = new ArrayList<>();
            membershipsByUser.values().forEach(m -> all.addAll(inOrder(m)));
            return all;
        } finally {
            lock.unlock();
        }
    }
}
