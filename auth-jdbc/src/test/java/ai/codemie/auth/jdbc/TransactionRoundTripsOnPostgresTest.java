package ai.codemie.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoredUser;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL store does to save round trips must not show: the isolation level set by a transaction's first
 * statement holds whatever the database's default, and the memberships and knowledge bases read with a lock follow
 * the transaction's own changes.
 */
class TransactionRoundTripsOnPostgresTest {

    private static PostgresDatabase database;
    private static HikariDataSource pool;
    private static JdbcUserStore store;

    @BeforeAll
    static void setUp() throws Exception {
        database = PostgresDatabase.create("round_trips").withPlatformSchema();
        // every new session defaults to a snapshot per transaction: only the store's own SET gives READ COMMITTED
        database.execute("ALTER DATABASE " + database.name()
                + " SET default_transaction_isolation TO 'repeatable read'");
        pool = database.pool("round-trips", 4);
        store = JdbcUserStore.create(pool);
    }

    @AfterAll
    static void tearDown() throws Exception {
        store.close();
        pool.close();
        database.close();
    }

    @Test
    void aTransactionSeesRowsCommittedAfterItsFirstStatementAsReadCommittedDoes() {
        StoredUser late = user("late");

        Optional<StoredUser> seen = store.inTransaction(tx -> {
            assertThat(tx.users().find(late.id())).isEmpty(); // a repeatable-read snapshot would be taken here
            store.inTransaction(other -> other.users().insert(late));
            return tx.users().find(late.id());
        });

        assertThat(seen).contains(late);
    }

    @Test
    void aTransactionStartingWithAWriteSetsTheIsolationAndCountsTheRowsItChanged() {
        StoredUser first = user("first");
        StoredUser duplicate = user("dup");

        boolean inserted = store.inTransaction(tx -> tx.users().insert(first));
        boolean again = store.inTransaction(tx -> tx.users().insert(first));
        boolean other = store.inTransaction(tx -> tx.users().insert(duplicate));

        assertThat(inserted).isTrue();
        assertThat(again).isFalse();
        assertThat(other).isTrue();
        Optional<StoredUser> found = store.inTransaction(tx -> tx.users().find(first.id()));
        assertThat(found).contains(first);
    }

    @Test
    void theLinksReadWithALockFollowTheTransactionsOwnChanges() {
        StoredUser user = user("linked");
        store.inTransaction(tx -> {
            tx.users().insert(user);
            tx.projects().addMember(new ProjectMembership(user.id(), "kept", false));
            tx.projects().addMember(new ProjectMembership(user.id(), "removed", true));
            tx.users().grantKnowledgeBase(user.id(), "kb-kept");
            tx.users().grantKnowledgeBase(user.id(), "kb-revoked");
            return null;
        });

        List<Object> read = store.inTransaction(tx -> {
            assertThat(tx.users().lock(user.id())).contains(user);
            List<ProjectMembership> atLock = tx.projects().membershipsOf(user.id());
            List<String> knowledgeBasesAtLock = tx.users().knowledgeBases(user.id());
            tx.projects().removeMember(user.id(), "removed");
            tx.projects().addMember(new ProjectMembership(user.id(), "added", true));
            List<ProjectMembership> afterMembershipChanges = tx.projects().membershipsOf(user.id());
            List<String> knowledgeBasesUnchanged = tx.users().knowledgeBases(user.id());
            tx.users().revokeKnowledgeBase(user.id(), "kb-revoked");
            tx.users().grantKnowledgeBase(user.id(), "kb-added");
            return List.of(atLock, knowledgeBasesAtLock, afterMembershipChanges, knowledgeBasesUnchanged,
                    tx.users().knowledgeBases(user.id()));
        });

        assertThat(read.get(0)).isEqualTo(List.of(new ProjectMembership(user.id(), "kept", false),
                new ProjectMembership(user.id(), "removed", true)));
        assertThat(read.get(1)).isEqualTo(List.of("kb-kept", "kb-revoked"));
        assertThat(read.get(2)).isEqualTo(List.of(new ProjectMembership(user.id(), "kept", false),
                new ProjectMembership(user.id(), "added", true)));
        assertThat(read.get(3)).isEqualTo(List.of("kb-kept", "kb-revoked"));
        assertThat(read.get(4)).isEqualTo(List.of("kb-kept", "kb-added"));
    }

    @Test
    void anotherUsersLinksAreReadFromTheDatabaseAfterALock() {
        StoredUser locked = user("locker");
        StoredUser other = user("other");
        store.inTransaction(tx -> {
            tx.users().insert(locked);
            tx.users().insert(other);
            tx.projects().addMember(new ProjectMembership(locked.id(), "mine", false));
            tx.projects().addMember(new ProjectMembership(other.id(), "theirs", false));
            tx.users().grantKnowledgeBase(other.id(), "kb-theirs");
            return null;
        });

        List<Object> read = store.inTransaction(tx -> {
            tx.users().lock(locked.id());
            return List.of(tx.projects().membershipsOf(other.id()), tx.users().knowledgeBases(other.id()), tx.users().knowledgeBases(locked.id()));
        });

        assertThat(read).containsExactly(List.of(new ProjectMembership(other.id(), "theirs", false)),
                List.of("kb-theirs"), List.of());
    }

    @Test
    void anUnknownUsersLockFindsNothing() {
        Optional<StoredUser> locked = store.inTransaction(tx -> tx.users().lock(UUID.randomUUID().toString()));
        assertThat(locked).isEmpty();
    }

    private static StoredUser user(String name) {
        String id = UUID.randomUUID().toString();
        return StoredUser.builder(id, name + "-" + id).email(name + "-" + id + "@example.com").name(name)
                .userType("regular").active(true).projectLimit(3).authSource("keycloak").build();
    }
}
