package ai.codemie.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.admin.ProjectLimitException;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.PlatformFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} must do, as one suite that each implementation runs by extending this class and
 * saying how to make an empty store. Published in auth-core's test jar.
 *
 * <p>Instants are compared exactly, so the suite uses millisecond precision: every store keeps at least that.
 */
public abstract class UserStoreContract {

    /** How long a change may take to reach a subscriber before a test gives up. */
    protected static final Duration FEED_DEADLINE = Duration.ofSeconds(5);

    /** What a {@link RecordingListener} records for {@code everythingChanged()}. */
    public static final String EVERYTHING = "*everything*";

    private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.123Z");

    /** The store under test: empty when a test starts. */
    protected UserStore store;

    /** A new, empty store for one test; closed after the test when it is {@link AutoCloseable}. */
    protected abstract UserStore createEmptyStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = createEmptyStore();
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // ---- users

    @Test
    void keepsEveryFieldOfAUser() {
        StoredUser user = new StoredUser(newId(), "ada", "ada@example.com", "Ada Lovelace", "https://pic/ada",
                "external", true, CREATED.plusSeconds(60), true, true, 7, "keycloak", CREATED.plusMillis(1));

        assertThat(inTx((StoreTransaction tx) -> tx.insertUser(user))).isTrue();

        assertThat(inTx((StoreTransaction tx) -> tx.findUser(user.id()))).contains(user);
    }

    @Test
    void keepsTheNullFieldsOfAUser() {
        StoredUser user = new StoredUser(newId(), "bare", null, null, null, "regular", false, null, false, false,
                null, null, null);

        inTx(tx -> tx.insertUser(user));

        assertThat(inTx((StoreTransaction tx) -> tx.findUser(user.id()))).contains(user);
    }

    @Test
    void refusesASecondUserWithTheSameId() {
        StoredUser first = newUser("first");
        inTx(tx -> tx.insertUser(first));
        StoredUser sameId = withIdentity(newUser("second"), first.id(), "second", "second@example.com");

        assertThat(inTx((StoreTransaction tx) -> tx.insertUser(sameId))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.findUser(first.id()))).contains(first);
    }

    @Test
    void refusesASecondUserWithTheSameUsername() {
        StoredUser first = newUser("taken");
        inTx(tx -> tx.insertUser(first));
        StoredUser sameName = withIdentity(first, newId(), "taken", "other@example.com");

        assertThat(inTx((StoreTransaction tx) -> tx.insertUser(sameName))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.findUser(sameName.id()))).isEmpty();
    }

    @Test
    void refusesASecondUserWithTheSameEmail() {
        StoredUser first = newUser("mail");
        inTx(tx -> tx.insertUser(first));
        StoredUser sameEmail = withIdentity(first, newId(), "other", first.email());

        assertThat(inTx((StoreTransaction tx) -> tx.insertUser(sameEmail))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.findUser(sameEmail.id()))).isEmpty();
    }

    @Test
    void allowsSeveralUsersWithoutEmail() {
        StoredUser one = withIdentity(newUser("one"), newId(), "one", null);
        StoredUser two = withIdentity(newUser("two"), newId(), "two", null);

        assertThat(inTx((StoreTransaction tx) -> tx.insertUser(one) && tx.insertUser(two))).isTrue();
    }

    @Test
    void findsUsersByEmailExactly() {
        StoredUser user = newUser("grace");
        inTx(tx -> tx.insertUser(user));

        assertThat(inTx((StoreTransaction tx) -> tx.findUserByEmail("grace@example.com"))).contains(user);
        assertThat(inTx((StoreTransaction tx) -> tx.findUserByEmail("Grace@example.com"))).isEmpty();
    }

    @Test
    void findsNothingForAnUnknownUser() {
        String unknown = newId();

        assertThat(inTx((StoreTransaction tx) -> tx.findUser(unknown))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.lockUser(unknown))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.findUserByEmail("nobody@example.com"))).isEmpty();
    }

    @Test
    void replacesTheRowOfAnUpdatedUser() {
        StoredUser user = newUser("linus");
        inTx(tx -> tx.insertUser(user));
        StoredUser changed = new StoredUser(user.id(), "linus", "linus@new.example.com", "Linus T.", "https://pic/l",
                "external", false, CREATED, true, false, null, "oidc", CREATED.plusSeconds(5));

        inTx(tx -> {
            tx.updateUser(changed);
            return null;
        });

        assertThat(inTx((StoreTransaction tx) -> tx.findUser(user.id()))).contains(changed);
    }

    @Test
    void listsUsersOrderedByUsername() {
        inTx(tx -> tx.insertUser(newUser("carol")) && tx.insertUser(newUser("alice"))
                && tx.insertUser(newUser("bob")));

        assertThat(inTx(UserStoreContract::usernames)).containsExactly("alice", "bob", "carol");
    }

    @Test
    void locksAUserAndReadsIt() {
        StoredUser user = newUser("locked");
        inTx(tx -> tx.insertUser(user));

        assertThat(inTx((StoreTransaction tx) -> tx.lockUser(user.id()))).contains(user);
    }

    @Test
    void locksOnlyUsableAdmins() {
        StoredUser admin = asAdmin(newUser("admin"));
        StoredUser maintainer = new StoredUser(newId(), "maintainer", "m@example.com", null, null, "regular", true,
                null, true, true, null, "keycloak", null);
        StoredUser inactiveAdmin = new StoredUser(newId(), "inactive", "i@example.com", null, null, "regular", false,
                null, true, false, null, "keycloak", null);
        StoredUser deletedAdmin = new StoredUser(newId(), "deleted", "d@example.com", null, null, "regular", true,
                CREATED, true, false, null, "keycloak", null);
        inTx(tx -> tx.insertUser(admin) && tx.insertUser(maintainer) && tx.insertUser(inactiveAdmin)
                && tx.insertUser(deletedAdmin) && tx.insertUser(newUser("regular")));

        assertThat(inTx(StoreTransaction::lockUsableAdmins)).containsExactlyInAnyOrder(admin, maintainer);
    }

    @Test
    void locksOnlyUsableMaintainers() {
        StoredUser maintainer = new StoredUser(newId(), "maintainer", "m@example.com", null, null, "regular", true,
                null, true, true, null, "keycloak", null);
        StoredUser inactiveMaintainer = new StoredUser(newId(), "inactive", "i@example.com", null, null, "regular",
                false, null, true, true, null, "keycloak", null);
        StoredUser deletedMaintainer = new StoredUser(newId(), "deleted", "d@example.com", null, null, "regular", true,
                CREATED, true, true, null, "keycloak", null);
        inTx(tx -> tx.insertUser(maintainer) && tx.insertUser(inactiveMaintainer) && tx.insertUser(deletedMaintainer)
                && tx.insertUser(asAdmin(newUser("admin"))) && tx.insertUser(newUser("regular")));

        assertThat(inTx(StoreTransaction::lockUsableMaintainers)).containsExactly(maintainer);
    }

    // ---- memberships and knowledge bases

    @Test
    void keepsMembershipsInInsertionOrder() {
        StoredUser user = newUser("member");
        inTx(tx -> tx.insertUser(user) && tx.addMembership(new ProjectMembership(user.id(), "zeta", false))
                && tx.addMembership(new ProjectMembership(user.id(), "alpha", true)));
        inTx(tx -> tx.addMembership(new ProjectMembership(user.id(), "mid", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.memberships(user.id()))).containsExactly(
                new ProjectMembership(user.id(), "zeta", false),
                new ProjectMembership(user.id(), "alpha", true),
                new ProjectMembership(user.id(), "mid", false));
    }

    @Test
    void listsTheMembersOfAProjectInInsertionOrder() {
        StoredUser zed = newUser("zed");
        StoredUser amy = newUser("amy");
        inTx(tx -> tx.insertUser(zed) && tx.insertUser(amy)
                && tx.addMembership(new ProjectMembership(zed.id(), "apollo", true))
                && tx.addMembership(new ProjectMembership(amy.id(), "apollo", false))
                && tx.addMembership(new ProjectMembership(amy.id(), "gemini", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projectMembers("apollo"))).containsExactly(
                new ProjectMembership(zed.id(), "apollo", true),
                new ProjectMembership(amy.id(), "apollo", false));
    }

    @Test
    void refusesADuplicateMembershipAndKeepsTheFirst() {
        StoredUser user = newUser("twice");
        inTx(tx -> tx.insertUser(user) && tx.addMembership(new ProjectMembership(user.id(), "apollo", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.addMembership(new ProjectMembership(user.id(), "apollo", true)))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.memberships(user.id())))
                .containsExactly(new ProjectMembership(user.id(), "apollo", false));
    }

    @Test
    void matchesProjectNamesCaseSensitively() {
        StoredUser user = newUser("cased");
        inTx(tx -> tx.insertUser(user) && tx.addMembership(new ProjectMembership(user.id(), "Apollo", false))
                && tx.insertProject(sharedProject("Apollo", null)));

        assertThat(inTx((StoreTransaction tx) -> tx.addMembership(new ProjectMembership(user.id(), "apollo", false)))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.findProject("apollo"))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.removeMembership(user.id(), "APOLLO"))).isFalse();
    }

    @Test
    void removesAMembershipOnce() {
        StoredUser user = newUser("leaver");
        inTx(tx -> tx.insertUser(user) && tx.addMembership(new ProjectMembership(user.id(), "apollo", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.removeMembership(user.id(), "apollo"))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.removeMembership(user.id(), "apollo"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.memberships(user.id()))).isEmpty();
    }

    @Test
    void grantsAndRevokesKnowledgeBases() {
        StoredUser user = newUser("reader");
        inTx(tx -> tx.insertUser(user) && tx.addKnowledgeBase(user.id(), "kb-z")
                && tx.addKnowledgeBase(user.id(), "kb-a"));

        assertThat(inTx((StoreTransaction tx) -> tx.addKnowledgeBase(user.id(), "kb-z"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.knowledgeBases(user.id()))).containsExactly("kb-z", "kb-a");
        assertThat(inTx((StoreTransaction tx) -> tx.revokeKnowledgeBase(user.id(), "kb-z"))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.revokeKnowledgeBase(user.id(), "kb-z"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.knowledgeBases(user.id()))).containsExactly("kb-a");
    }

    // ---- projects and counts

    @Test
    void keepsEveryFieldOfAProject() {
        Project project = new Project("apollo", ProjectType.PERSONAL, newId(), CREATED, "to the moon");

        assertThat(inTx((StoreTransaction tx) -> tx.insertProject(project))).isTrue();

        assertThat(inTx((StoreTransaction tx) -> tx.findProject("apollo"))).contains(project);
    }

    @Test
    void refusesASecondProjectWithTheSameName() {
        Project first = sharedProject("apollo", null);
        inTx(tx -> tx.insertProject(first));

        assertThat(inTx((StoreTransaction tx) -> tx.insertProject(new Project("apollo", ProjectType.PERSONAL, newId(), null, "x"))))
                .isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.findProject("apollo"))).contains(first);
    }

    @Test
    void countsOnlyMembershipsOfSharedLiveProjects() {
        StoredUser user = newUser("counted");
        inTx(tx -> tx.insertUser(user)
                && tx.insertProject(sharedProject("shared-1", null))
                && tx.insertProject(sharedProject("shared-2", user.id()))
                && tx.insertProject(new Project("gone", ProjectType.SHARED, null, CREATED, null))
                && tx.insertProject(new Project("mine", ProjectType.PERSONAL, user.id(), null, null))
                && tx.insertProject(sharedProject("elsewhere", null))
                && tx.addMembership(new ProjectMembership(user.id(), "shared-1", false))
                && tx.addMembership(new ProjectMembership(user.id(), "shared-2", true))
                && tx.addMembership(new ProjectMembership(user.id(), "gone", false))
                && tx.addMembership(new ProjectMembership(user.id(), "mine", false))
                && tx.addMembership(new ProjectMembership(user.id(), "unknown-project", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.countSharedMemberships(user.id()))).isEqualTo(2);
    }

    @Test
    void countsOnlySharedLiveProjectsTheUserCreated() {
        StoredUser user = newUser("creator");
        inTx(tx -> tx.insertUser(user)
                && tx.insertProject(sharedProject("made-1", user.id()))
                && tx.insertProject(sharedProject("made-2", user.id()))
                && tx.insertProject(new Project("made-gone", ProjectType.SHARED, user.id(), CREATED, null))
                && tx.insertProject(new Project("made-personal", ProjectType.PERSONAL, user.id(), null, null))
                && tx.insertProject(sharedProject("someone-elses", newId())));

        assertThat(inTx((StoreTransaction tx) -> tx.countCreatedSharedProjects(user.id()))).isEqualTo(2);
    }

    // ---- transactions

    @Test
    void returnsTheResultOfTheWorkAndSeesItsOwnWrites() {
        StoredUser user = newUser("own");

        Optional<StoredUser> seen = inTx(tx -> {
            tx.insertUser(user);
            return tx.findUser(user.id());
        });

        assertThat(seen).contains(user);
    }

    @Test
    void rollsBackEveryWriteAndRethrowsWhenTheWorkFails() {
        StoredUser user = newUser("rolled");
        IllegalStateException failure = new IllegalStateException("rule refused");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.insertUser(user);
            tx.insertProject(sharedProject("apollo", user.id()));
            tx.addMembership(new ProjectMembership(user.id(), "apollo", true));
            throw failure;
        })).isSameAs(failure);

        Optional<StoredUser> found = inTx(tx -> tx.findUser(user.id()));
        Optional<Project> project = inTx(tx -> tx.findProject("apollo"));
        List<ProjectMembership> memberships = inTx(tx -> tx.memberships(user.id()));
        assertThat(found).isEmpty();
        assertThat(project).isEmpty();
        assertThat(memberships).isEmpty();
    }

    // ---- change feed

    @Test
    void tellsSubscribersAboutACommittedChange() throws Exception {
        RecordingListener listener = new RecordingListener();
        String userId = newId();
        try (AutoCloseable subscription = store.changeFeed().subscribe(listener)) {
            publish(userId);

            assertThat(listener.awaitEvent(userId)).doesNotContain(EVERYTHING);
        }
    }

    @Test
    void saysNothingAboutARolledBackChange() throws Exception {
        RecordingListener listener = new RecordingListener();
        String rolledBack = newId();
        String committed = newId();
        try (AutoCloseable subscription = store.changeFeed().subscribe(listener)) {
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.publishChange(rolledBack);
                throw new IllegalStateException("refused");
            })).isInstanceOf(IllegalStateException.class);
            publish(committed);

            // changes arrive in commit order, so everything published before `committed` has arrived by now
            assertThat(listener.awaitEvent(committed)).doesNotContain(rolledBack);
        }
    }

    @Test
    void stopsTellingAListenerThatUnsubscribed() throws Exception {
        RecordingListener leaving = new RecordingListener();
        RecordingListener staying = new RecordingListener();
        String userId = newId();
        try (AutoCloseable stays = store.changeFeed().subscribe(staying)) {
            store.changeFeed().subscribe(leaving).close();
            publish(userId);

            staying.awaitEvent(userId);
            assertThat(leaving.pending()).isEmpty();
        }
    }

    // ---- concurrency

    @Test
    void createsAUserOnceWhenItsFirstLoginsRace() throws Exception {
        StoredUser user = newUser("racer");

        List<Boolean> inserted = concurrently(8, i -> () -> inTx(tx -> tx.insertUser(user)));

        Optional<StoredUser> found = inTx(tx -> tx.findUser(user.id()));
        assertThat(inserted).containsOnlyOnce(true);
        assertThat(found).contains(user);
    }

    @Test
    void keepsTheAdministrationsProjectLimitUnderConcurrentAssignments() throws Exception {
        AuthSettings settings = PlatformFixture.settings();
        UserAdministration administration = new UserAdministration(settings, store, new RecordingListener());
        StoredUser admin = asAdmin(newUser("admin"));
        inTx(tx -> tx.insertUser(admin));
        EffectivePermissions caller = PlatformFixture.caller(settings, store, admin.id());
        for (int round = 0; round < 5; round++) {
            StoredUser user = withLimit(newUser("limited-" + round), 3);
            String prefix = "r" + round + "-";
            inTx(tx -> tx.insertUser(user) && addSharedMembership(tx, user.id(), prefix + "a")
                    && addSharedMembership(tx, user.id(), prefix + "b"));
            inTx(tx -> {
                for (int i = 0; i < 8; i++) {
                    tx.insertProject(sharedProject(prefix + i, null));
                }
                return null;
            });

            // the rule locks the user's row: the store must make the other transactions wait for it
            List<Boolean> assigned = concurrently(8, i -> () -> {
                try {
                    administration.assignMember(caller, prefix + i, user.id(), false);
                    return true;
                } catch (ProjectLimitException e) {
                    return false;
                }
            });

            assertThat(assigned).as("round %d", round).containsOnlyOnce(true);
            int memberships = inTx(tx -> tx.countSharedMemberships(user.id()));
            assertThat(memberships).isEqualTo(3);
        }
    }

    // ---- store-wide exclusive lock

    @Test
    void grantsAnExclusiveLockToOneHolderAtATime() {
        Optional<UserStore.ExclusiveLock> first = store.tryExclusiveLock("job");
        Optional<UserStore.ExclusiveLock> second = store.tryExclusiveLock("job");
        Optional<UserStore.ExclusiveLock> other = store.tryExclusiveLock("other-job");

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(other).isPresent();
        first.get().close();
        other.get().close();
        Optional<UserStore.ExclusiveLock> afterRelease = store.tryExclusiveLock("job");
        assertThat(afterRelease).isPresent();
        afterRelease.get().close();
    }

    @Test
    void releasesALockOnlyOnceWhenItsHolderClosesItTwice() {
        UserStore.ExclusiveLock first = store.tryExclusiveLock("job").orElseThrow();
        first.close();
        UserStore.ExclusiveLock second = store.tryExclusiveLock("job").orElseThrow();

        first.close();

        assertThat(store.tryExclusiveLock("job")).isEmpty();
        second.close();
    }

    @Test
    void grantsALockToExactlyOneOfConcurrentTakers() throws Exception {
        List<Optional<UserStore.ExclusiveLock>> taken = concurrently(8, i -> () -> store.tryExclusiveLock("job"));

        assertThat(taken).filteredOn(Optional::isPresent).hasSize(1);
        taken.forEach(lock -> lock.ifPresent(UserStore.ExclusiveLock::close));
    }

    // ---- shared by the suites of every store

    /** Runs the tasks at the same moment on their own threads and returns their results in task order. */
    public static <T> List<T> concurrently(int tasks, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Callable<T> callable = task.apply(i);
                futures.add(executor.submit(() -> {
                    start.await();
                    return callable.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** A regular, active user with a limit of 3, a fresh id and an e-mail derived from the user name. */
    public static StoredUser newUser(String username) {
        return new StoredUser(newId(), username, username + "@example.com", "Name of " + username, null,
                "regular", true, null, false, false, 3, "keycloak", CREATED);
    }

    /** The user with another project limit. */
    public static StoredUser withLimit(StoredUser user, Integer limit) {
        return new StoredUser(user.id(), user.username(), user.email(), user.name(), user.picture(), user.userType(),
                user.active(), user.deletedAt(), user.admin(), user.maintainer(), limit, user.authSource(),
                user.lastLoginAt());
    }

    /** A shared, live project without description. */
    public static Project sharedProject(String name, String createdBy) {
        return new Project(name, ProjectType.SHARED, createdBy, null, null);
    }

    /** A fresh canonical lower-case UUID, the form of platform user ids. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static boolean addSharedMembership(StoreTransaction tx, String userId, String project) {
        return tx.insertProject(sharedProject(project, null))
                && tx.addMembership(new ProjectMembership(userId, project, false));
    }

    private static StoredUser asAdmin(StoredUser user) {
        return new StoredUser(user.id(), user.username(), user.email(), user.name(), user.picture(), user.userType(),
                user.active(), user.deletedAt(), true, false, null, user.authSource(), user.lastLoginAt());
    }

    private static StoredUser withIdentity(StoredUser user, String id, String username, String email) {
        return new StoredUser(id, username, email, user.name(), user.picture(), user.userType(), user.active(),
                user.deletedAt(), user.admin(), user.maintainer(), user.projectLimit(), user.authSource(),
                user.lastLoginAt());
    }

    private static List<String> usernames(StoreTransaction tx) {
        return tx.listUsers().stream().map(StoredUser::username).toList();
    }

    private void publish(String userId) {
        store.inTransaction(tx -> {
            tx.publishChange(userId);
            return null;
        });
    }

    private <T> T inTx(UserStore.StoreWork<T> work) {
        return store.inTransaction(work);
    }

    /** Records what a change feed tells it, in order. */
    public static final class RecordingListener implements ChangeFeed.ChangeListener {

        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void userChanged(String userId) {
            events.add(userId);
        }

        @Override
        public void everythingChanged() {
            events.add(EVERYTHING);
        }

        /**
         * Waits until the event arrives (a user id, or {@link #EVERYTHING}) and returns what arrived before it;
         * fails after {@link #FEED_DEADLINE}.
         */
        public List<String> awaitEvent(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + FEED_DEADLINE.toNanos();
            List<String> before = new ArrayList<>();
            while (true) {
                String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    fail("no '%s' within %s; received %s", expected, FEED_DEADLINE, before);
                }
                if (event.equals(expected)) {
                    return before;
                }
                before.add(event);
            }
        }

        /** Events received and not yet awaited. */
        public List<String> pending() {
            return List.copyOf(events);
        }
    }
}
