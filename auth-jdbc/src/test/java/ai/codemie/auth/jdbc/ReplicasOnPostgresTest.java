package ai.codemie.auth.jdbc;

import static ai.codemie.auth.store.UserStoreContract.assignWithinLimit;
import static ai.codemie.auth.store.UserStoreContract.concurrently;
import static ai.codemie.auth.store.UserStoreContract.newUser;
import static ai.codemie.auth.store.UserStoreContract.sharedProject;
import static ai.codemie.auth.store.UserStoreContract.withLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.store.UserStoreContract;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each with its own connection pool and store, on one PostgreSQL database with the platform's
 * tables: changes travel between them, and project limits and first logins stay exact under races.
 */
class ReplicasOnPostgresTest {

    private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(1);

    private static PostgresDatabase database;
    private static HikariDataSource poolA;
    private static HikariDataSource poolB;
    private static JdbcUserStore replicaA;
    private static JdbcUserStore replicaB;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        database = PostgresDatabase.create("replicas").withPlatformSchema();
        poolA = database.pool("replica-a", 8);
        poolB = database.pool("replica-b", 8);
        replicaA = JdbcUserStore.create(poolA);
        replicaB = JdbcUserStore.create(poolB);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        replicaA.close();
        replicaB.close();
        poolA.close();
        poolB.close();
        database.close();
    }

    @Test
    void aChangeThroughOneReplicaReachesTheOtherWithinASecond() throws Exception {
        StoredUser user = newUser("propagated");
        replicaA.inTransaction(tx -> tx.insertUser(user));
        TimedListener heard = new TimedListener();
        List<Long> latencies = new ArrayList<>();
        try (AutoCloseable subscription = replicaB.changeFeed().subscribe(heard)) {
            for (int limit = 0; limit < 20; limit++) {
                StoredUser changed = withLimit(user, limit);
                replicaA.inTransaction(tx -> {
                    tx.updateUser(changed);
                    tx.publishChange(changed.id());
                    return null;
                });
                long committed = System.nanoTime();
                long heardAt = heard.awaitUser(user.id());
                latencies.add(heardAt - committed);
                assertThat(replicaB.inTransaction((StoreTransaction tx) -> tx.findUser(user.id()))).contains(changed);
            }
        }
        Collections.sort(latencies);
        System.out.printf("change propagation between replicas over %d changes: median %.1f ms, max %.1f ms%n",
                latencies.size(), latencies.get(latencies.size() / 2) / 1e6, latencies.get(latencies.size() - 1) / 1e6);
        assertThat(latencies.get(latencies.size() - 1)).isLessThan(PROPAGATION_LIMIT.toNanos());
    }

    @Test
    void concurrentAssignmentsAtLimitMinusOneAcrossReplicasLetExactlyOneThrough() throws Exception {
        UserStore[] replicas = {replicaA, replicaB};
        for (int round = 0; round < 50; round++) {
            StoredUser user = withLimit(newUser("limited-" + round), 3);
            String prefix = "round-" + round + "-";
            replicaA.inTransaction(tx -> {
                tx.insertUser(user);
                for (int i = 0; i < 52; i++) {
                    tx.insertProject(sharedProject(prefix + i, null));
                }
                // limit - 1: two shared memberships already
                return tx.addMembership(new ProjectMembership(user.id(), prefix + 50, false))
                        && tx.addMembership(new ProjectMembership(user.id(), prefix + 51, false));
            });

            List<Boolean> assigned = concurrently(50,
                    i -> () -> assignWithinLimit(replicas[i % 2], user.id(), prefix + i));

            assertThat(assigned).as("round %d", round).containsOnlyOnce(true);
            assertThat(replicaB.inTransaction((StoreTransaction tx) -> tx.countSharedMemberships(user.id()))).isEqualTo(3);
        }
    }

    @Test
    void concurrentFirstLoginsOnBothReplicasCreateTheUserOnce() throws Exception {
        UserStore[] replicas = {replicaA, replicaB};
        for (int round = 0; round < 10; round++) {
            StoredUser user = newUser("first-login-" + round);

            List<Boolean> inserted = concurrently(20, i -> () -> replicas[i % 2].inTransaction(tx -> tx.insertUser(user)));

            assertThat(inserted).as("round %d", round).containsOnlyOnce(true);
        }
    }

    @Test
    void twoReplicasDemotingTheOnlyTwoAdminsTogetherKeepOne() throws Exception {
        UserStore[] replicas = {replicaA, replicaB};
        for (int round = 0; round < 20; round++) {
            StoredUser first = asAdmin(newUser("admin-a-" + round));
            StoredUser second = asAdmin(newUser("admin-b-" + round));
            replicaA.inTransaction(tx -> tx.insertUser(first) && tx.insertUser(second));
            List<StoredUser> targets = List.of(first, second);

            // the last-admin rule as the administration code runs it: lock every usable admin, then decide
            List<Boolean> demoted = concurrently(2, i -> () -> replicas[i].inTransaction(tx -> {
                List<StoredUser> admins = tx.lockUsableAdmins().stream()
                        .filter(a -> a.id().equals(first.id()) || a.id().equals(second.id())).toList();
                if (admins.size() < 2) {
                    return false;
                }
                StoredUser target = targets.get(i);
                tx.updateUser(withAdmin(target, false));
                return true;
            }));

            assertThat(demoted).as("round %d", round).containsOnlyOnce(true);
        }
    }

    private static StoredUser asAdmin(StoredUser user) {
        return withAdmin(user, true);
    }

    private static StoredUser withAdmin(StoredUser user, boolean admin) {
        return new StoredUser(user.id(), user.username(), user.email(), user.name(), user.picture(), user.userType(),
                user.active(), user.deletedAt(), admin, false, admin ? null : 3, user.authSource(),
                user.lastLoginAt());
    }

    /** Records when each user change arrived. */
    private static final class TimedListener implements ChangeFeed.ChangeListener {

        private final BlockingQueue<Object[]> heard = new LinkedBlockingQueue<>();

        @Override
        public void userChanged(String userId) {
            heard.add(new Object[] {userId, System.nanoTime()});
        }

        @Override
        public void everythingChanged() {
            heard.add(new Object[] {UserStoreContract.EVERYTHING, System.nanoTime()});
        }

        /** When the change of the user arrived; fails after the feed deadline. */
        long awaitUser(String userId) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                Object[] event = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    fail("the change of %s did not arrive", userId);
                }
                if (event[0].equals(userId)) {
                    return (Long) event[1];
                }
            }
        }
    }
}
