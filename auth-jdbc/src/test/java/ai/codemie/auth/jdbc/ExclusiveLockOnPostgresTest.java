package ai.codemie.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.store.UserStore.ExclusiveLock;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store-wide lock between replicas on the real PostgreSQL: each replica with its own pool and store, as
 * separate processes would have them.
 */
class ExclusiveLockOnPostgresTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long POLL_INTERVAL_NANOS = 20_000_000;

    private static PostgresDatabase database;
    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private JdbcUserStore replicaA;
    private JdbcUserStore replicaB;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = PostgresDatabase.create("locks");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        database.close();
    }

    @BeforeEach
    void startTwoReplicas() {
        poolA = database.pool("lock-a", 2);
        poolB = database.pool("lock-b", 2);
        replicaA = JdbcUserStore.create(poolA);
        replicaB = JdbcUserStore.create(poolB);
    }

    @AfterEach
    void stopReplicas() {
        replicaA.close();
        replicaB.close();
        poolA.close();
        poolB.close();
    }

    @Test
    void refusesTheLockToAnotherReplicaUntilItsHolderReleasesIt() {
        ExclusiveLock held = replicaA.tryExclusiveLock("keycloak-migration").orElseThrow();

        Optional<ExclusiveLock> meanwhile = replicaB.tryExclusiveLock("keycloak-migration");
        held.close();
        Optional<ExclusiveLock> afterwards = replicaB.tryExclusiveLock("keycloak-migration");

        assertThat(meanwhile).isEmpty();
        assertThat(afterwards).isPresent();
        afterwards.get().close();
    }

    @Test
    void releasesTheLockWhenTheHoldersDatabaseSessionEnds() throws Exception {
        ExclusiveLock held = replicaA.tryExclusiveLock("keycloak-migration").orElseThrow();
        List<Integer> holders = advisoryLockHolders();
        assertThat(holders).hasSize(1);

        // what the database sees when the holding process dies: its session ends
        database.execute("SELECT pg_terminate_backend(" + holders.get(0) + ")");

        ExclusiveLock taken = awaitLock(replicaB);
        taken.close();
        held.close(); // the dead session cannot release anything: closing must not fail either
    }

    @Test
    void givesItsConnectionBackToThePoolWithoutTheLock() throws Exception {
        replicaA.tryExclusiveLock("keycloak-migration").orElseThrow().close();

        assertThat(advisoryLockHolders()).isEmpty();
        ExclusiveLock again = replicaB.tryExclusiveLock("keycloak-migration").orElseThrow();
        again.close();
    }

    @Test
    void derivesTheSameKeyForTheSameNameInEveryProcess() {
        assertThat(ExclusiveLocks.advisoryKey("keycloak-migration"))
                .isEqualTo(ExclusiveLocks.advisoryKey("keycloak-migration"))
                .isNotEqualTo(ExclusiveLocks.advisoryKey("keycloak-migration2"));
    }

    private static ExclusiveLock awaitLock(JdbcUserStore store) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExclusiveLock> lock = store.tryExclusiveLock("keycloak-migration");
            if (lock.isPresent()) {
                return lock.get();
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS); // polls the condition; the deadline decides
        }
        throw new AssertionError("the lock was not free within " + DEADLINE + " after its holder's session ended");
    }

    /** The server process ids of the sessions holding an advisory lock in this database. */
    private static List<Integer> advisoryLockHolders() throws Exception {
        List<Integer> pids = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        return pids;
    }
}
