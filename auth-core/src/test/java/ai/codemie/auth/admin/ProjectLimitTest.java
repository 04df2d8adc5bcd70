package ai.codemie.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ProjectLimitMode;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.test.StoreSeeder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The project limit in both semantics. */
class ProjectLimitTest {

    static final String ADMIN = "admin";
    static final String ALICE = "alice";

    private static final ChangeFeed.ChangeListener NO_CACHE = new ChangeFeed.ChangeListener() {
        @Override
        public void userChanged(String userId) {
        }

        @Override
        public void everythingChanged() {
        }
    };

    private final InMemoryUserStore store = new InMemoryUserStore();

    ProjectLimitTest() {
        StoreSeeder.of(store).user(ADMIN).admin();
    }

    private UserAdministration administration(ProjectLimitMode mode) {
        AuthSettings settings = PlatformFixture.settings(b -> b.set(AuthSettings.PROJECT_LIMIT_MODE, mode));
        return new UserAdministration(settings, store, NO_CACHE);
    }

    private EffectivePermissions as(String id) {
        return PlatformFixture.caller(PlatformFixture.settings(), store, id);
    }

    /** Alice with the limit, as member of {@code members} shared projects created by the admin. */
    private void aliceWithMemberships(Integer limit, int members) {
        var alice = StoreSeeder.of(store).user(ALICE).email("alice@x.com").projectLimit(limit);
        for (int i = 0; i < members; i++) {
            StoreSeeder.of(store).sharedProject("joined-" + i, ADMIN);
            alice.member("joined-" + i, false);
        }
        StoreSeeder.of(store).sharedProject("target", ADMIN);
    }

    /** Alice with the limit, as creator of {@code created} shared projects. */
    private void aliceWithCreatedProjects(Integer limit, int created) {
        var alice = StoreSeeder.of(store).user(ALICE).projectLimit(limit);
        for (int i = 0; i < created; i++) {
            alice.creatorOf("made-" + i);
        }
    }

    private int sharedMemberships(String userId) {
        return store.inTransaction(tx -> tx.projects().countSharedMemberships(userId));
    }

    private int createdProjects(String userId) {
        return store.inTransaction(tx -> tx.projects().countCreatedShared(userId));
    }

    static void assertLimit(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProjectLimitException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(Problem.Status.FORBIDDEN);
            assertThat(e.problem().message()).isEqualTo(message);
            assertThat(e.problem().details()).isNull();
            assertThat(e.problem().help()).isNull();
        });
    }

    // ---- assigned (default)

    @Test
    void assignedModeIsTheDefault() {
        assertThat(AuthSettings.builder().addTrustedIssuer(PlatformFixture.KEYCLOAK)
                .build().get(AuthSettings.PROJECT_LIMIT_MODE))
                .isEqualTo(ProjectLimitMode.ASSIGNED);
    }

    @Test
    void assignedModeAllowsAssignmentBelowTheLimit() {
        aliceWithMemberships(2, 1);

        administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false);

        assertThat(sharedMemberships(ALICE)).isEqualTo(2);
    }

    @Test
    void assignedModeRefusesAssignmentAtTheLimit() {
        aliceWithMemberships(2, 2);

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false),
                "Project limit reached (2/2). Contact administrator to increase your limit.");
        assertThat(sharedMemberships(ALICE)).isEqualTo(2);
    }

    @Test
    void assignedModeRefusesAssignmentAboveTheLimitAsGrandfathered() {
        aliceWithMemberships(2, 5);

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false),
                "Project limit reached (5/2). Leave 3 or more projects to join new ones.");
    }

    @Test
    void assignedModeRefusesCreationAtTheLimitWithTheSameText() {
        aliceWithMemberships(2, 2);

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).createSharedProject(as(ALICE), "mine", "d"),
                "Project limit reached (2/2). Contact administrator to increase your limit.");
    }

    @Test
    void assignedModeRefusesCreationAboveTheLimitWithTheSameText() {
        aliceWithMemberships(1, 3);

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).createSharedProject(as(ALICE), "mine", "d"),
                "Project limit reached (3/1). Leave 2 or more projects to join new ones.");
    }

    @Test
    void assignedModeCountsOnlySharedProjectsThatAreNotDeleted() {
        aliceWithMemberships(1, 0);
        StoreSeeder.of(store).project(new Project("gone", ProjectType.SHARED, ADMIN, Instant.EPOCH, null))
                .project(new Project("alice@x.com", ProjectType.PERSONAL, ALICE, null, null))
                .existingUser(ALICE).member("gone", false).member("alice@x.com", false);

        administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false);

        assertThat(sharedMemberships(ALICE)).isEqualTo(1);
    }

    // ---- created (the platform's code)

    @Test
    void createdModeAllowsCreationBelowTheLimit() {
        aliceWithCreatedProjects(2, 1);

        administration(ProjectLimitMode.CREATED).createSharedProject(as(ALICE), "second", "d");

        assertThat(createdProjects(ALICE)).isEqualTo(2);
    }

    @Test
    void createdModeRefusesCreationAtTheLimit() {
        aliceWithCreatedProjects(2, 2);

        assertLimit(() -> administration(ProjectLimitMode.CREATED).createSharedProject(as(ALICE), "third", "d"),
                "Project creation limit reached (2/2). Contact administrator to increase your limit.");
        assertThat(store.inTransaction(tx -> tx.projects().find("third")).isPresent()).isFalse();
    }

    @Test
    void createdModeRefusesCreationAboveTheLimitAsGrandfathered() {
        aliceWithCreatedProjects(1, 4);

        assertLimit(() -> administration(ProjectLimitMode.CREATED).createSharedProject(as(ALICE), "fifth", "d"),
                "Project creation limit reached (4/1). Delete 3 or more projects to create new ones.");
    }

    @Test
    void createdModeDoesNotCheckAssignmentsNorCountMemberships() {
        aliceWithMemberships(1, 3);
        UserAdministration created = administration(ProjectLimitMode.CREATED);

        created.assignMember(as(ADMIN), "target", ALICE, false);
        created.createSharedProject(as(ALICE), "own", "d");

        assertThat(sharedMemberships(ALICE)).isEqualTo(5);
    }

    @Test
    void createdModeCountsOnlySharedProjectsThatAreNotDeleted() {
        aliceWithCreatedProjects(1, 0);
        StoreSeeder.of(store).project(new Project("gone", ProjectType.SHARED, ALICE, Instant.EPOCH, null))
                .project(new Project("alice@x.com", ProjectType.PERSONAL, ALICE, null, null));

        administration(ProjectLimitMode.CREATED).createSharedProject(as(ALICE), "first", "d");

        assertThat(createdProjects(ALICE)).isEqualTo(1);
    }

    // ---- both

    @Test
    void adminsAreExemptInBothModes() {
        StoreSeeder.of(store).user("other-admin").admin();
        for (ProjectLimitMode mode : ProjectLimitMode.values()) {
            UserAdministration administration = administration(mode);
            for (int i = 0; i < 5; i++) {
                administration.createSharedProject(as(ADMIN), mode.value() + "-mine-" + i, "d");
                StoreSeeder.of(store).sharedProject(mode.value() + "-theirs-" + i, ADMIN);
                administration.assignMember(as(ADMIN), mode.value() + "-theirs-" + i, "other-admin", false);
            }
        }
        assertThat(sharedMemberships("other-admin")).isEqualTo(10);
    }

    @Test
    void maintainersAreExempt() {
        StoreSeeder.of(store).user("maintainer").maintainer().projectLimit(0);

        administration(ProjectLimitMode.CREATED).createSharedProject(as("maintainer"), "mine", "d");
        administration(ProjectLimitMode.ASSIGNED).createSharedProject(as("maintainer"), "mine-too", "d");

        assertThat(createdProjects("maintainer")).isEqualTo(2);
    }

    @Test
    void theConfiguredAdminIsExempt() {
        StoreSeeder.of(store).user(ALICE).projectLimit(0);
        AuthSettings settings = PlatformFixture.settings(b -> b.set(AuthSettings.ADMIN_USER_ID, ALICE));
        UserAdministration administration = new UserAdministration(settings, store, NO_CACHE);

        administration.createSharedProject(PlatformFixture.caller(settings, store, ALICE), "mine", "d");

        assertThat(createdProjects(ALICE)).isEqualTo(1);
    }

    @Test
    void aNonAdminWithoutALimitIsRefusedInBothModes() {
        aliceWithMemberships(null, 0);
        String message = "Invalid project limit configuration. Contact administrator.";

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false),
                message);
        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).createSharedProject(as(ALICE), "mine", "d"),
                message);
        assertLimit(() -> administration(ProjectLimitMode.CREATED).createSharedProject(as(ALICE), "mine", "d"),
                message);
    }

    @Test
    void aZeroLimitAllowsNoSharedProject() {
        aliceWithMemberships(0, 0);

        assertLimit(() -> administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE, false),
                "Project limit reached (0/0). Contact administrator to increase your limit.");
    }

    @Test
    void theExceptionCarriesCountAndLimit() {
        aliceWithMemberships(2, 3);

        assertThatThrownBy(() -> administration(ProjectLimitMode.ASSIGNED).assignMember(as(ADMIN), "target", ALICE,
                false)).isInstanceOfSatisfying(ProjectLimitException.class, e -> {
                    assertThat(e.count()).isEqualTo(3);
                    assertThat(e.limit()).isEqualTo(2);
                    assertThat(e.problem().reason()).isEqualTo("project_limit_exceeded");
                });
    }

    // ---- atomic enforcement

    @Test
    void concurrentAssignmentsAtOneBelowTheLimitLetExactlyOneThrough() throws Exception {
        int threads = 50;
        int limit = 3;
        UserAdministration administration = administration(ProjectLimitMode.ASSIGNED);
        EffectivePermissions admin = as(ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 100; round++) {
                String user = "user-" + round;
                var seed = StoreSeeder.of(store).user(user).projectLimit(limit);
                for (int i = 0; i < limit - 1; i++) {
                    StoreSeeder.of(store).sharedProject(user + "-joined-" + i, ADMIN);
                    seed.member(user + "-joined-" + i, false);
                }
                List<String> targets = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    targets.add(user + "-target-" + t);
                    StoreSeeder.of(store).sharedProject(user + "-target-" + t, ADMIN);
                }

                List<Boolean> assigned = together(pool, targets, project -> {
                    try {
                        administration.assignMember(admin, project, user, false);
                        return true;
                    } catch (ProjectLimitException e) {
                        assertThat(e.problem().message()).isEqualTo(
                                "Project limit reached (3/3). Contact administrator to increase your limit.");
                        return false;
                    }
                });

                assertThat(assigned).as("round %d", round).containsOnlyOnce(true);
                assertThat(sharedMemberships(user)).isEqualTo(limit);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreationsAtOneBelowTheLimitLetExactlyOneThrough() throws Exception {
        int threads = 50;
        UserAdministration administration = administration(ProjectLimitMode.CREATED);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "creator-" + round;
                StoreSeeder.of(store).user(user).projectLimit(2).creatorOf(user + "-first");
                EffectivePermissions caller = as(user);
                List<String> names = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    names.add(user + "-new-" + t);
                }

                List<Boolean> created = together(pool, names, name -> {
                    try {
                        administration.createSharedProject(caller, name, "d");
                        return true;
                    } catch (ProjectLimitException e) {
                        return false;
                    }
                });

                assertThat(created).as("round %d", round).containsOnlyOnce(true);
                assertThat(createdProjects(user)).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Calls the function for every input at the same moment, one pool thread each; the answers in input order. */
    private static <T> List<Boolean> together(ExecutorService pool, List<T> inputs,
            java.util.function.Predicate<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(inputs.size());
        List<Future<Boolean>> futures = new ArrayList<>();
        for (T input : inputs) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return call.test(input);
            }));
        }
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
