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
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} must do, as one suite that each implementation runs by extending this class and
 * saying how to make an empty store. Published in auth-core's test jar.
 *
 * <p>Instants are compared exactly, so the suite uses millisecond precision: every store keeps at least that.
 */
public abstract class UserStoreContract extends EmptyStorePerTest {

    /** How long a change may take to reach a subscriber before a test gives up. */
    protected static final Duration FEED_DEADLINE = Duration.ofSeconds(5);

    /** What a {@link RecordingListener} records for {@code everythingChanged()}. */
    public static final String EVERYTHING = "*everything*";

    private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.123Z");

    // ---- users

    @Test
    void keepsEveryFieldOfAUser() {
        StoredUser user = StoredUser.builder(newId(), "ada").email("ada@example.com").name("Ada Lovelace")
                .picture("https://pic/ada").userType("external").active(true).deletedAt(CREATED.plusSeconds(60))
                .roles(true, true, 7).authSource("keycloak").lastLoginAt(CREATED.plusMillis(1)).build();

        assertThat(inTx((StoreTransaction tx) -> tx.users().insert(user))).isTrue();

        assertThat(inTx((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
    }

    @Test
    void keepsTheNullFieldsOfAUser() {
        StoredUser user = StoredUser.builder(newId(), "bare").active(false).build();

        inTx(tx -> tx.users().insert(user));

        assertThat(inTx((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
    }

    @Test
    void refusesASecondUserWithTheSameId() {
        StoredUser first = newUser("first");
        inTx(tx -> tx.users().insert(first));
        StoredUser sameId = withIdentity(newUser("second"), first.id(), "second", "second@example.com");

        assertThat(inTx((StoreTransaction tx) -> tx.users().insert(sameId))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.users().find(first.id()))).contains(first);
    }

    @Test
    void refusesASecondUserWithTheSameUsername() {
        StoredUser first = newUser("taken");
        inTx(tx -> tx.users().insert(first));
        StoredUser sameName = withIdentity(first, newId(), "taken", "other@example.com");

        assertThat(inTx((StoreTransaction tx) -> tx.users().insert(sameName))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.users().find(sameName.id()))).isEmpty();
    }

    @Test
    void refusesASecondUserWithTheSameEmail() {
        StoredUser first = newUser("mail");
        inTx(tx -> tx.users().insert(first));
        StoredUser sameEmail = withIdentity(first, newId(), "other", first.email());

        assertThat(inTx((StoreTransaction tx) -> tx.users().insert(sameEmail))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.users().find(sameEmail.id()))).isEmpty();
    }

    @Test
    void allowsSeveralUsersWithoutEmail() {
        StoredUser one = withIdentity(newUser("one"), newId(), "one", null);
        StoredUser two = withIdentity(newUser("two"), newId(), "two", null);

        assertThat(inTx((StoreTransaction tx) -> tx.users().insert(one) && tx.users().insert(two))).isTrue();
    }

    @Test
    void findsUsersByEmailExactly() {
        StoredUser user = newUser("grace");
        inTx(tx -> tx.users().insert(user));

        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmail("grace@example.com"))).contains(user);
        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmail("Grace@example.com"))).isEmpty();
    }

    @Test
    void findsManyUsersByIdAndByEmailIgnoringCase() {
        StoredUser grace = newUser("grace");
        StoredUser linus = withIdentity(newUser("linus"), newId(), "linus", "Linus@Example.com");
        StoredUser noMail = withIdentity(newUser("nomail"), newId(), "nomail", null);
        inTx(tx -> tx.users().insert(grace) && tx.users().insert(linus) && tx.users().insert(noMail));

        assertThat(inTx((StoreTransaction tx) -> tx.users().findAll(List.of(grace.id(), newId(), noMail.id(),
                grace.id())))).containsExactlyInAnyOrder(grace, noMail);
        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmailsIgnoringCase(List.of("GRACE@example.com",
                "linus@example.COM", "nobody@example.com")))).containsExactlyInAnyOrder(grace, linus);
        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmailsIgnoringCase(List.of()))).isEmpty();
    }

    @Test
    void findsMoreUsersByEmailThanOneReadTakes() {
        List<StoredUser> users = new java.util.ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            users.add(withIdentity(newUser("u" + i), newId(), "u" + i, "User" + i + "@Example.com"));
        }
        inTx(tx -> {
            users.forEach(tx.users()::insert);
            return null;
        });

        List<String> asked = users.stream().map(u -> u.email().toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmailsIgnoringCase(asked)))
                .containsExactlyInAnyOrderElementsOf(users);
        assertThat(inTx((StoreTransaction tx) -> tx.users().findAll(users.stream().map(StoredUser::id).toList())))
                .containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void findsNothingForAnUnknownUser() {
        String unknown = newId();

        assertThat(inTx((StoreTransaction tx) -> tx.users().find(unknown))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.users().lock(unknown))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.users().findByEmail("nobody@example.com"))).isEmpty();
    }

    @Test
    void replacesTheRowOfAnUpdatedUser() {
        StoredUser user = newUser("linus");
        inTx(tx -> tx.users().insert(user));
        StoredUser changed = StoredUser.builder(user.id(), "linus").email("linus@new.example.com").name("Linus T.")
                .picture("https://pic/l").userType("external").active(false).deletedAt(CREATED)
                .roles(true, false, null).authSource("oidc").lastLoginAt(CREATED.plusSeconds(5)).build();

        inTx(tx -> {
            tx.users().update(changed);
            return null;
        });

        assertThat(inTx((StoreTransaction tx) -> tx.users().find(user.id()))).contains(changed);
    }

    @Test
    void listsUsersOrderedByUsername() {
        inTx(tx -> tx.users().insert(newUser("carol")) && tx.users().insert(newUser("alice"))
                && tx.users().insert(newUser("bob")));

        assertThat(inTx(UserStoreContract::usernames)).containsExactly("alice", "bob", "carol");
    }

    @Test
    void listsUsersPageByPageAfterTheLastUserName() {
        inTx(tx -> tx.users().insert(newUser("erin")) && tx.users().insert(newUser("carol"))
                && tx.users().insert(newUser("alice")) && tx.users().insert(newUser("dave"))
                && tx.users().insert(newUser("bob")));

        UserPage first = new UserPage(null, 2);
        assertThat(inTx((StoreTransaction tx) -> usernamesOf(tx.users().list(first)))).containsExactly("alice", "bob");
        assertThat(inTx((StoreTransaction tx) -> usernamesOf(tx.users().list(first.after("bob")))))
                .containsExactly("carol", "dave");
        assertThat(inTx((StoreTransaction tx) -> usernamesOf(tx.users().list(first.after("dave")))))
                .containsExactly("erin");
        assertThat(inTx((StoreTransaction tx) -> tx.users().list(first.after("erin")))).isEmpty();
    }

    @Test
    void listsEveryUserAcrossMoreThanOneFullPage() {
        int count = UserPage.MAX_LIMIT + 1;
        inTx(tx -> {
            for (int i = 0; i < count; i++) {
                tx.users().insert(newUser(String.format("user-%04d", i)));
            }
            return null;
        });

        List<String> listed = inTx(UserStoreContract::usernames);

        assertThat(listed).hasSize(count).isSorted().doesNotHaveDuplicates();
        assertThat(inTx((StoreTransaction tx) -> tx.users().list(UserPage.first()))).hasSize(UserPage.MAX_LIMIT);
    }

    @Test
    void locksAUserAndReadsIt() {
        StoredUser user = newUser("locked");
        inTx(tx -> tx.users().insert(user));

        assertThat(inTx((StoreTransaction tx) -> tx.users().lock(user.id()))).contains(user);
    }

    @Test
    void locksOnlyUsableAdmins() {
        StoredUser admin = asAdmin(newUser("admin"));
        StoredUser maintainer = privileged("maintainer", "m@example.com", true).build();
        StoredUser inactiveAdmin = privileged("inactive", "i@example.com", false).active(false).build();
        StoredUser deletedAdmin = privileged("deleted", "d@example.com", false).deletedAt(CREATED).build();
        inTx(tx -> tx.users().insert(admin) && tx.users().insert(maintainer) && tx.users().insert(inactiveAdmin)
                && tx.users().insert(deletedAdmin) && tx.users().insert(newUser("regular")));

        assertThat(inTx((StoreTransaction tx) -> tx.users().lockUsableAdmins())).containsExactlyInAnyOrder(admin,
                maintainer);
    }

    @Test
    void locksOnlyUsableMaintainers() {
        StoredUser maintainer = privileged("maintainer", "m@example.com", true).build();
        StoredUser inactiveMaintainer = privileged("inactive", "i@example.com", true).active(false).build();
        StoredUser deletedMaintainer = privileged("deleted", "d@example.com", true).deletedAt(CREATED).build();
        inTx(tx -> tx.users().insert(maintainer) && tx.users().insert(inactiveMaintainer) && tx.users()
                .insert(deletedMaintainer)
                && tx.users().insert(asAdmin(newUser("admin"))) && tx.users().insert(newUser("regular")));

        assertThat(inTx((StoreTransaction tx) -> tx.users().lockUsableMaintainers())).containsExactly(maintainer);
    }

    // ---- memberships and knowledge bases

    @Test
    void keepsMembershipsInInsertionOrder() {
        StoredUser user = newUser("member");
        inTx(tx -> tx.users().insert(user) && tx.projects().addMember(new ProjectMembership(user.id(), "zeta", false))
                && tx.projects().addMember(new ProjectMembership(user.id(), "alpha", true)));
        inTx(tx -> tx.projects().addMember(new ProjectMembership(user.id(), "mid", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().membershipsOf(user.id()))).containsExactly(
                new ProjectMembership(user.id(), "zeta", false),
                new ProjectMembership(user.id(), "alpha", true),
                new ProjectMembership(user.id(), "mid", false));
    }

    @Test
    void listsTheMembersOfAProjectInInsertionOrder() {
        StoredUser zed = newUser("zed");
        StoredUser amy = newUser("amy");
        inTx(tx -> tx.users().insert(zed) && tx.users().insert(amy)
                && tx.projects().addMember(new ProjectMembership(zed.id(), "apollo", true))
                && tx.projects().addMember(new ProjectMembership(amy.id(), "apollo", false))
                && tx.projects().addMember(new ProjectMembership(amy.id(), "gemini", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().members("apollo"))).containsExactly(
                new ProjectMembership(zed.id(), "apollo", true),
                new ProjectMembership(amy.id(), "apollo", false));
    }

    @Test
    void refusesADuplicateMembershipAndKeepsTheFirst() {
        StoredUser user = newUser("twice");
        inTx(tx -> tx.users().insert(user) && tx.projects().addMember(new ProjectMembership(user.id(), "apollo",
                false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().addMember(new ProjectMembership(user.id(), "apollo",
                true)))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().membershipsOf(user.id())))
                .containsExactly(new ProjectMembership(user.id(), "apollo", false));
    }

    @Test
    void matchesProjectNamesCaseSensitively() {
        StoredUser user = newUser("cased");
        inTx(tx -> tx.users().insert(user) && tx.projects().addMember(new ProjectMembership(user.id(), "Apollo", false))
                && tx.projects().insert(sharedProject("Apollo", null)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().addMember(new ProjectMembership(user.id(), "apollo",
                false)))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().find("apollo"))).isEmpty();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().removeMember(user.id(), "APOLLO"))).isFalse();
    }

    @Test
    void removesAMembershipOnce() {
        StoredUser user = newUser("leaver");
        inTx(tx -> tx.users().insert(user) && tx.projects().addMember(new ProjectMembership(user.id(), "apollo",
                false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().removeMember(user.id(), "apollo"))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().removeMember(user.id(), "apollo"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().membershipsOf(user.id()))).isEmpty();
    }

    @Test
    void grantsAndRevokesKnowledgeBases() {
        StoredUser user = newUser("reader");
        inTx(tx -> tx.users().insert(user) && tx.users().grantKnowledgeBase(user.id(), "kb-z")
                && tx.users().grantKnowledgeBase(user.id(), "kb-a"));

        assertThat(inTx((StoreTransaction tx) -> tx.users().grantKnowledgeBase(user.id(), "kb-z"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.users().knowledgeBases(user.id()))).containsExactly("kb-z", "kb-a");
        assertThat(inTx((StoreTransaction tx) -> tx.users().revokeKnowledgeBase(user.id(), "kb-z"))).isTrue();
        assertThat(inTx((StoreTransaction tx) -> tx.users().revokeKnowledgeBase(user.id(), "kb-z"))).isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.users().knowledgeBases(user.id()))).containsExactly("kb-a");
    }

    @Test
    void addsMembershipsInOneWriteInOrderSkippingExistingAndRepeatedOnes() {
        StoredUser user = newUser("batched");
        inTx(tx -> tx.users().insert(user)
                && tx.projects().addMember(new ProjectMembership(user.id(), "apollo", false)));

        inTx(tx -> {
            tx.projects().addMembers(List.of(new ProjectMembership(user.id(), "gemini", true),
                    new ProjectMembership(user.id(), "apollo", true), new ProjectMembership(user.id(), "mercury",
                            false),
                    new ProjectMembership(user.id(), "gemini", false)));
            tx.projects().addMembers(List.of());
            return null;
        });

        assertThat(inTx((StoreTransaction tx) -> tx.projects().membershipsOf(user.id()))).containsExactly(
                new ProjectMembership(user.id(), "apollo", false), new ProjectMembership(user.id(), "gemini", true),
                new ProjectMembership(user.id(), "mercury", false));
    }

    @Test
    void grantsKnowledgeBasesInOneWriteInOrderSkippingExistingAndRepeatedOnes() {
        StoredUser user = newUser("librarian");
        inTx(tx -> tx.users().insert(user) && tx.users().grantKnowledgeBase(user.id(), "kb-a"));

        inTx(tx -> {
            tx.users().grantKnowledgeBases(user.id(), List.of("kb-c", "kb-a", "kb-b", "kb-c"));
            tx.users().grantKnowledgeBases(user.id(), List.of());
            return null;
        });

        assertThat(inTx((StoreTransaction tx) -> tx.users().knowledgeBases(user.id())))
                .containsExactly("kb-a", "kb-c", "kb-b");
    }

    // ---- projects and counts

    @Test
    void keepsEveryFieldOfAProject() {
        Project project = new Project("apollo", ProjectType.PERSONAL, newId(), CREATED, "to the moon");

        assertThat(inTx((StoreTransaction tx) -> tx.projects().insert(project))).isTrue();

        assertThat(inTx((StoreTransaction tx) -> tx.projects().find("apollo"))).contains(project);
    }

    @Test
    void refusesASecondProjectWithTheSameName() {
        Project first = sharedProject("apollo", null);
        inTx(tx -> tx.projects().insert(first));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().insert(new Project("apollo", ProjectType.PERSONAL,
                newId(), null, "x"))))
                .isFalse();
        assertThat(inTx((StoreTransaction tx) -> tx.projects().find("apollo"))).contains(first);
    }

    @Test
    void countsOnlyMembershipsOfSharedLiveProjects() {
        StoredUser user = newUser("counted");
        inTx(tx -> tx.users().insert(user)
                && tx.projects().insert(sharedProject("shared-1", null))
                && tx.projects().insert(sharedProject("shared-2", user.id()))
                && tx.projects().insert(new Project("gone", ProjectType.SHARED, null, CREATED, null))
                && tx.projects().insert(new Project("mine", ProjectType.PERSONAL, user.id(), null, null))
                && tx.projects().insert(sharedProject("elsewhere", null))
                && tx.projects().addMember(new ProjectMembership(user.id(), "shared-1", false))
                && tx.projects().addMember(new ProjectMembership(user.id(), "shared-2", true))
                && tx.projects().addMember(new ProjectMembership(user.id(), "gone", false))
                && tx.projects().addMember(new ProjectMembership(user.id(), "mine", false))
                && tx.projects().addMember(new ProjectMembership(user.id(), "unknown-project", false)));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().countSharedMemberships(user.id()))).isEqualTo(2);
    }

    @Test
    void countsOnlySharedLiveProjectsTheUserCreated() {
        StoredUser user = newUser("creator");
        inTx(tx -> tx.users().insert(user)
                && tx.projects().insert(sharedProject("made-1", user.id()))
                && tx.projects().insert(sharedProject("made-2", user.id()))
                && tx.projects().insert(new Project("made-gone", ProjectType.SHARED, user.id(), CREATED, null))
                && tx.projects().insert(new Project("made-personal", ProjectType.PERSONAL, user.id(), null, null))
                && tx.projects().insert(sharedProject("someone-elses", newId())));

        assertThat(inTx((StoreTransaction tx) -> tx.projects().countCreatedShared(user.id()))).isEqualTo(2);
    }

    // ---- transactions

    @Test
    void returnsTheResultOfTheWorkAndSeesItsOwnWrites() {
        StoredUser user = newUser("own");

        Optional<StoredUser> seen = inTx(tx -> {
            tx.users().insert(user);
            return tx.users().find(user.id());
        });

        assertThat(seen).contains(user);
    }

    @Test
    void rollsBackEveryWriteAndRethrowsWhenTheWorkFails() {
        StoredUser user = newUser("rolled");
        IllegalStateException failure = new IllegalStateException("rule refused");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.users().insert(user);
            tx.projects().insert(sharedProject("apollo", user.id()));
            tx.projects().addMember(new ProjectMembership(user.id(), "apollo", true));
            throw failure;
        })).isSameAs(failure);

        Optional<StoredUser> found = inTx(tx -> tx.users().find(user.id()));
        Optional<Project> project = inTx(tx -> tx.projects().find("apollo"));
        List<ProjectMembership> memberships = inTx(tx -> tx.projects().membershipsOf(user.id()));
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

        List<Boolean> inserted = concurrently(8, i -> () -> inTx(tx -> tx.users().insert(user)));

        Optional<StoredUser> found = inTx(tx -> tx.users().find(user.id()));
        assertThat(inserted).containsOnlyOnce(true);
        assertThat(found).contains(user);
    }

    @Test
    void keepsTheAdministrationsProjectLimitUnderConcurrentAssignments() throws Exception {
        AuthSettings settings = PlatformFixture.settings();
        UserAdministration administration = new UserAdministration(settings, store, new RecordingListener());
        StoredUser admin = asAdmin(newUser("admin"));
        inTx(tx -> tx.users().insert(admin));
        EffectivePermissions caller = PlatformFixture.caller(settings, store, admin.id());
        for (int round = 0; round < 5; round++) {
            StoredUser user = withLimit(newUser("limited-" + round), 3);
            String prefix = "r" + round + "-";
            inTx(tx -> tx.users().insert(user) && addSharedMembership(tx, user.id(), prefix + "a")
                    && addSharedMembership(tx, user.id(), prefix + "b"));
            inTx(tx -> {
                for (int i = 0; i < 8; i++) {
                    tx.projects().insert(sharedProject(prefix + i, null));
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
            int memberships = inTx(tx -> tx.projects().countSharedMemberships(user.id()));
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
        return StoredUser.builder(newId(), username).email(username + "@example.com").name("Name of " + username)
                .projectLimit(3).authSource("keycloak").lastLoginAt(CREATED).build();
    }

    /** The user with another project limit. */
    public static StoredUser withLimit(StoredUser user, Integer limit) {
        return user.toBuilder().projectLimit(limit).build();
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
        return tx.projects().insert(sharedProject(project, null))
                && tx.projects().addMember(new ProjectMembership(userId, project, false));
    }

    private static StoredUser asAdmin(StoredUser user) {
        return user.toBuilder().roles(true, false, null).build();
    }

    /** An active admin (a maintainer too when asked) with a fresh id, signing in through Keycloak. */
    private static StoredUser.Builder privileged(String username, String email, boolean maintainer) {
        return StoredUser.builder(newId(), username).email(email).roles(true, maintainer, null).authSource("keycloak");
    }

    private static StoredUser withIdentity(StoredUser user, String id, String username, String email) {
        return user.toBuilder().id(id).username(username).email(email).build();
    }

    private static List<String> usernames(StoreTransaction tx) {
        return usernamesOf(tx.users().listAll());
    }

    private static List<String> usernamesOf(List<StoredUser> users) {
        return users.stream().map(StoredUser::username).toList();
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

        /** Recorded as {@code tenant:<id>}, the payload a database sends for it. */
        @Override
        public void tenantChanged(String tenantId) {
            events.add(BroadcastChangeFeed.tenantPayload(tenantId));
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
