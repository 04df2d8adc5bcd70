package ai.codemie.auth.jdbc;

import static ai.codemie.auth.jdbc.PlatformReplica.developer;
import static ai.codemie.auth.store.UserStoreContract.EVERYTHING;
import static ai.codemie.auth.store.UserStoreContract.newId;
import static ai.codemie.auth.store.UserStoreContract.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStoreContract.RecordingListener;
import ai.codemie.auth.token.VerifiedToken;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the store, and the decisions and administration on it, do when PostgreSQL goes away and comes back, and when
 * its listening connection is cut.
 */
class OutageOnPostgresTest {

    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = PostgresDatabase.create("outage").withPlatformSchema();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void decisionsAndAdministrationFailClosedWhileTheDatabaseIsUnreachableAndWorkAgainWithoutARestart()
            throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(database.name());
        RecordingListener feed = new RecordingListener();
        String userId = newId();
        VerifiedToken known = developer(userId, "known");
        VerifiedToken newcomer = developer(newId(), "newcomer");
        try (PlatformReplica replica = new PlatformReplica(fastReconnecting(dataSource));
             AutoCloseable subscription = replica.store.changeFeed().subscribe(feed)) {
            EffectivePermissions maintainer = replica.maintainer();
            assertThat(replica.signIn(known)).isPresent();
            replica.administration.createSharedProject(maintainer, "weathered", "Outlives the outage");

            dataSource.goDown();
            terminateConnectionsOf(database.name(), "1 = 1");
            // the listener noticed: from now on no change would be heard, so nothing cached is trusted
            feed.awaitEvent(EVERYTHING);

            assertStoreUnavailable(() -> replica.resolver.resolve(known));
            assertStoreUnavailable(() -> replica.resolver.resolve(newcomer));
            assertStoreUnavailable(() -> replica.administration.assignMember(maintainer, "weathered", userId, false));
            assertStoreUnavailable(() -> replica.administration.deactivateUser(maintainer, userId));

            dataSource.comeBack();

            assertThat(replica.signIn(newcomer)).isPresent();
            replica.administration.assignMember(maintainer, "weathered", userId, false);
            assertThat(replica.signIn(known).orElseThrow().projects()).contains("weathered");
            // and changes from other replicas are heard again once the listener is back
            feed.awaitEvent(EVERYTHING);
            RecordingListener heardLater = new RecordingListener();
            try (AutoCloseable later = replica.store.changeFeed().subscribe(heardLater);
                 PlatformReplica otherReplica = new PlatformReplica(JdbcUserStore.create(database.dataSource()))) {
                otherReplica.administration.deactivateUser(otherReplica.maintainer(), userId);
                heardLater.awaitEvent(userId);
            }
            assertThat(replica.signIn(known)).isEmpty();
        }
    }

    @Test
    void rollsBackATransactionWhoseConnectionDiesMidway() throws Exception {
        StoredUser user = newUser("midway");
        try (JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.users().insert(user);
                terminateConnectionsOf(database.name(), "pid <> pg_backend_pid()");
                return tx.users().find(user.id());
            })).isInstanceOf(StoreUnavailableException.class);

            assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).isEmpty();
        }
    }

    @Test
    void dropsEverythingWhenTheListenerLosesItsConnectionAndOnceMoreWhenItHasReconnected() throws Exception {
        RecordingListener listener = new RecordingListener();
        String userId = newUser("after-reconnect").id();
        try (JdbcUserStore store = fastReconnecting(database.dataSource());
             AutoCloseable subscription = store.changeFeed().subscribe(listener);
             JdbcUserStore otherReplica = JdbcUserStore.create(database.dataSource())) {
            int killed = terminateConnectionsOf(database.name(),
                    "application_name = '" + PostgresChangeListener.APPLICATION_NAME + "'");
            assertThat(killed).as("listening connections: one per store").isEqualTo(2);
            long start = System.nanoTime();

            listener.awaitEvent(EVERYTHING);
            long lost = System.nanoTime();
            listener.awaitEvent(EVERYTHING);
            System.out.printf("change listener: loss noticed %.1f ms and reconnected %.1f ms after its backend was"
                    + " terminated%n", (lost - start) / 1e6, (System.nanoTime() - start) / 1e6);
            otherReplica.inTransaction(tx -> {
                tx.publishChange(userId);
                return null;
            });

            assertThat(listener.awaitEvent(userId)).doesNotContain(EVERYTHING);
        }
    }

    private static void assertStoreUnavailable(ThrowingCallable decision) {
        assertThatThrownBy(decision).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(Problem.Status.UNAVAILABLE);
            assertThat(e.problem().reason()).isEqualTo(StoreUnavailableException.REASON);
            assertThat(e.retryAfter()).isPositive();
        });
    }

    private static JdbcUserStore fastReconnecting(DataSource dataSource) {
        return JdbcUserStore.builder(dataSource).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .build();
    }

    /** Terminates the database's backends that match the condition (on pg_stat_activity); returns how many. */
    private static int terminateConnectionsOf(String databaseName, String condition) {
        try (Connection admin = PostgresDatabase.dataSource("postgres", PostgresDatabase.PORT).getConnection();
             PreparedStatement statement = admin.prepareStatement("SELECT COUNT(pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE datname = ? AND " + condition)) {
            statement.setString(1, databaseName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data source whose database can be made unreachable (a port where nothing listens) and back. */
    private static final class SwitchableDataSource implements DataSource {

        private final String databaseName;
        private final int closedPort;
        private volatile boolean down;

        SwitchableDataSource(String databaseName) throws Exception {
            this.databaseName = databaseName;
            try (ServerSocket socket = new ServerSocket(0)) {
                this.closedPort = socket.getLocalPort();
            }
        }

        void goDown() {
            down = true;
        }

        void comeBack() {
            down = false;
        }

        private DataSource current() {
            return PostgresDatabase.dataSource(databaseName, down ? closedPort : PostgresDatabase.PORT);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return current().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return current().getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setLoginTimeout(int seconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
