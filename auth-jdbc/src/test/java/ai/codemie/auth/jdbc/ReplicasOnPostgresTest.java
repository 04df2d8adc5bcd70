package ai.codemie.auth.jdbc;

import static ai.codemie.auth.jdbc.PlatformReplica.POLL_DEADLINE;
import static ai.codemie.auth.jdbc.PlatformReplica.developer;
import static ai.codemie.auth.resolve.PlatformFixture.USER_PROJECT_LIMIT;
import static ai.codemie.auth.store.UserStoreContract.concurrently;
import static ai.codemie.auth.store.UserStoreContract.newId;
import static ai.codemie.auth.store.UserStoreContract.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.admin.AdministrationException;
import ai.codemie.auth.admin.ProjectLimitException;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.token.VerifiedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas on one PostgreSQL database with the platform's tables, each as a service assembles it (its own
 * connection pool, store, resolver with its own permission cache, and administration API): what one changes the
 * other's cache lets go of (the time it takes is printed, not asserted), and the project limit, the last-admin and
 * last-maintainer rules and first logins stay exact under races between them.
 */
class ReplicasOnPostgresTest {

    @RegisterExtension
    static final TwoReplicas replicas = new TwoReplicas("replicas", 8, false, builder -> builder);

    @BeforeEach
    void startFromAnEmptyDatabase() throws Exception {
        replicas.database().truncate();
        // the truncation went around the stores, so their caches are told as after a restore of the database
        replicas.a().resolver.changeListener().everythingChanged();
        replicas.b().resolver.changeListener().everythingChanged();
    }

    @Test
    void aChangeThroughOneReplicasAdministrationReachesTheOtherReplicasCache() {
        EffectivePermissions maintainer = replicas.a().maintainer();
        UserAdministration administration = replicas.a().administration;
        String userId = newId();
        VerifiedToken token = developer(userId, "propagated");
        replicas.b().signIn(token);
        String project = "propagation";
        administration.createSharedProject(maintainer, project, "Where the changes travel");

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            latencies.add(propagation(token, () -> administration.assignMember(maintainer, project, userId, false),
                    p -> p.orElseThrow().projects().contains(project)));
            latencies.add(propagation(token, () -> administration.setAdmin(maintainer, userId, true),
                    p -> p.orElseThrow().admin()));
            latencies.add(propagation(token, () -> administration.setAdmin(maintainer, userId, false),
                    p -> !p.orElseThrow().admin()));
            latencies.add(propagation(token, () -> administration.unassignMember(maintainer, project, userId),
                    p -> !p.orElseThrow().projects().contains(project)));
        }
        latencies.add(propagation(token, () -> administration.deactivateUser(maintainer, userId),
                Optional::isEmpty));

        Collections.sort(latencies);
        System.out.printf("administration change on replica A seen by replica B's resolver, over %d changes:"
                + " median %.1f ms, max %.1f ms%n", latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get(latencies.size() - 1) / 1e6);
    }

    @Test
    void fiftyConcurrentAssignmentsAcrossReplicasAtLimitMinusOneLetExactlyOneThroughEveryRound() throws Exception {
        PlatformReplica[] both = {replicas.a(), replicas.b()};
        EffectivePermissions[] maintainerOn = {replicas.a().maintainer(), replicas.b().maintainer()};
        List<String> joinable = IntStream.range(0, 50).mapToObj(i -> "joinable-" + i).toList();
        joinable.forEach(p -> replicas.a().administration.createSharedProject(maintainerOn[0], p, "One of fifty"));
        // limit - 1 shared memberships from the first login's claims
        String homeProjects = String.join(",",
                IntStream.range(1, USER_PROJECT_LIMIT).mapToObj(i -> "home-" + i).toList());
        String atLimit = "Project limit reached (" + USER_PROJECT_LIMIT + "/" + USER_PROJECT_LIMIT
                + "). Contact administrator to increase your limit.";

        for (int round = 0; round < 50; round++) {
            String userId = newId();
            EffectivePermissions user = both[round % 2]
                    .signIn(developer(userId, "limited-" + round, "applications", homeProjects)).orElseThrow();
            assertThat(user.projectLimit()).isEqualTo(USER_PROJECT_LIMIT);

            List<ProjectLimitException> refusals = concurrently(50, i -> () -> {
                try {
                    both[i % 2].administration.assignMember(maintainerOn[i % 2], joinable.get(i), userId, false);
                    return null;
                } catch (ProjectLimitException e) {
                    return e;
                }
            });

            assertThat(refusals).as("round %d", round).filteredOn(Objects::isNull).hasSize(1);
            assertThat(refusals).filteredOn(Objects::nonNull).hasSize(49).allSatisfy(e -> {
                assertThat(e.problem().status()).isEqualTo(Problem.Status.FORBIDDEN);
                assertThat(e.problem().message()).isEqualTo(atLimit);
            });
            assertThat(replicas.b().store.inTransaction((StoreTransaction tx) -> tx.projects()
                    .countSharedMemberships(userId)))
                    .isEqualTo(USER_PROJECT_LIMIT);
        }
    }

    @Test
    void concurrentFirstLoginsAcrossReplicasCreateTheUserOnce() throws Exception {
        PlatformReplica[] both = {replicas.a(), replicas.b()};
        for (int round = 0; round < 10; round++) {
            String userId = newId();
            String username = "first-login-" + round;
            String team = "team-" + round;
            VerifiedToken token = developer(userId, username, "applications", team + ",everyone",
                    "applications_admin", team);

            List<EffectivePermissions> signedIn = concurrently(20, i -> () -> both[i % 2].signIn(token)
                    .orElseThrow());

            Set<String> projects = Set.of(username + "@example.com", team, "everyone");
            assertThat(signedIn).as("round %d", round).allSatisfy(p -> {
                assertThat(p.id()).isEqualTo(userId);
                assertThat(p.projects()).isEqualTo(projects);
                assertThat(p.adminProjects()).containsExactly(team);
            });
            List<StoredUser> users = replicas.a().store.inTransaction((StoreTransaction tx) -> tx.users().listAll());
            assertThat(users).filteredOn(u -> u.username().equals(username)).extracting(StoredUser::id)
                    .containsExactly(userId);
            assertThat(replicas.b().store.inTransaction((StoreTransaction tx) -> tx.projects().membershipsOf(userId)))
                    .extracting(ProjectMembership::project).containsExactlyInAnyOrderElementsOf(projects);
        }
    }

    @Test
    void twoMaintainersDemotingEachOtherOnTwoReplicasKeepOneAdminEveryRound() throws Exception {
        for (int round = 0; round < 20; round++) {
            StoredUser first = newUser("first-" + round).toBuilder().roles(true, true, null).build();
            StoredUser second = newUser("second-" + round).toBuilder().roles(true, true, null).build();
            replicas.a().store.inTransaction(tx -> {
                // the last round's survivor steps aside: these two are the only usable admins
                tx.users().lockUsableAdmins().forEach(admin -> tx.users().update(admin.deactivated(Instant.now())));
                return tx.users().insert(first) && tx.users().insert(second);
            });

            List<AdministrationException> refusals = eachOnTheOtherAtOnce(first, second,
                    (administration, caller, target) -> administration.setAdmin(caller, target, false));

            assertOneRefused(refusals, round, "Cannot revoke last admin - system must have at least one admin");
            assertThat(replicas.b().store.inTransaction((StoreTransaction tx) -> tx.users().lockUsableAdmins()))
                    .hasSize(1);
        }
    }

    @Test
    void twoMaintainersDeactivatingOrDemotingEachOtherOnTwoReplicasKeepOneMaintainerEveryRound() throws Exception {
        // a plain admin stays throughout, so only the last-maintainer rule can refuse
        replicas.a().store.inTransaction(
                tx -> tx.users().insert(newUser("plain-admin").toBuilder().roles(true, false, null).build()));
        for (int round = 0; round < 20; round++) {
            boolean deactivate = round % 2 == 0;
            StoredUser first = newUser("first-" + round).toBuilder().roles(true, true, null).build();
            StoredUser second = newUser("second-" + round).toBuilder().roles(true, true, null).build();
            replicas.a().store.inTransaction(tx -> {
                // the last round's survivor steps aside: these two are the only usable maintainers
                tx.users().lockUsableAdmins();
                tx.users().lockUsableMaintainers().forEach(m -> tx.users().update(m.deactivated(Instant.now())));
                return tx.users().insert(first) && tx.users().insert(second);
            });

            List<AdministrationException> refusals = eachOnTheOtherAtOnce(first, second, deactivate
                    ? (administration, caller, target) -> administration.deactivateUser(caller, target)
                    : (administration, caller, target) -> administration.setMaintainer(caller, target, false));

            assertOneRefused(refusals, round, "Cannot " + (deactivate ? "deactivate" : "revoke")
                    + " last maintainer - system must have at least one maintainer");
            assertThat(replicas.b().store.inTransaction((StoreTransaction tx) -> tx.users().lockUsableMaintainers()))
                    .hasSize(1);
        }
    }

    /** An administration call by one user on another. */
    @FunctionalInterface
    private interface Action {
        void apply(UserAdministration administration, EffectivePermissions caller, String target);
    }

    /**
     * The first user acts on the second on replica A while the second acts on the first on replica B, at once;
     * returns each one's refusal, or null.
     */
    private static List<AdministrationException> eachOnTheOtherAtOnce(StoredUser first, StoredUser second,
            Action action) throws Exception {
        EffectivePermissions firstOnA = replicas.a().signIn(developer(first.id(), first.username())).orElseThrow();
        EffectivePermissions secondOnB = replicas.b().signIn(developer(second.id(), second.username())).orElseThrow();
        return concurrently(2, i -> () -> {
            try {
                if (i == 0) {
                    action.apply(replicas.a().administration, firstOnA, second.id());
                } else {
                    action.apply(replicas.b().administration, secondOnB, first.id());
                }
                return null;
            } catch (AdministrationException e) {
                return e;
            }
        });
    }

    private static void assertOneRefused(List<AdministrationException> refusals, int round, String message) {
        assertThat(refusals).as("round %d", round).filteredOn(Objects::isNull).hasSize(1);
        assertThat(refusals).filteredOn(Objects::nonNull).singleElement().satisfies(e -> {
            assertThat(e.problem().status()).isEqualTo(Problem.Status.FORBIDDEN);
            assertThat(e.problem().message()).isEqualTo(message);
        });
    }

    /**
     * Makes a change on replica A while replica B's cache holds the caller's permissions, then polls B until its
     * resolver shows the change; returns the time from A's commit to B showing it.
     *
     * @param changedOnB whether B's answer (empty: account deactivated) shows the change
     */
    private static long propagation(VerifiedToken token, Runnable changeOnA,
            Predicate<Optional<EffectivePermissions>> changedOnB) {
        Optional<EffectivePermissions> before = replicas.b().signIn(token);
        long transactions = replicas.b().resolverTransactions();
        assertThat(replicas.b().signIn(token)).isEqualTo(before);
        assertThat(replicas.b().resolverTransactions()).as("answered from B's cache").isEqualTo(transactions);
        assertThat(changedOnB).rejects(before);

        changeOnA.run();
        return replicas.b().awaitAnswer(token, changedOnB, System.nanoTime(), POLL_DEADLINE);
    }
}
