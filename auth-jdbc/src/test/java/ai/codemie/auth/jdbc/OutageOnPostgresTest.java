package ai.codemie.auth.jdbc;

import static ai.codemie.auth.store.UserStoreContract.EVERYTHING;
import static ai.codemie.auth.store.UserStoreContract.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStoreContract.RecordingListener;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the store does when PostgreSQL goes away and comes back, and when its listening connection is cut. */
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
    void failsClosedWhileTheDatabaseIsUnreachableAndRecoversWhenItIsBack() throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(database.name());
        StoredUser user = newUser("outage");
        RecordingListener listener = new RecordingListener();
        try (JdbcUserStore store = fastReconnecting(dataSource);
             AutoCloseable subscription = store.changeFeed().subscribe(listener)) {
            store.inTransaction(tx -> tx.insertUser(user));

            dataSource.goDown();
            terminateConnectionsOf(database.name(), "1 = 1");

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.findUser(user.id())))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(Problem.Status.UNAVAILABLE);
                        assertThat(e.problem().reason()).isEqualTo(StoreUnavailableException.REASON);
                        assertThat(e.retryAfter()).isPositive();
                    });

            dataSource.comeBack();

            assertThat(store.inTransaction((StoreTransaction tx) -> tx.findUser(user.id()))).contains(user);
            // the listener lost its connection too: once back, caches are told to drop everything
            listener.awaitEvent(EVERYTHING);
            try (JdbcUserStore otherReplica = JdbcUserStore.create(database.dataSource())) {
                otherReplica.inTransaction(tx -> {
                    tx.publishChange(user.id());
                    return null;
                });
            }
            listener.awaitEvent(user.id());
        }
    }

    @Test
    void rollsBackATransactionWhoseConnectionDiesMidway() throws Exception {
        StoredUser user = newUser("midway");
        try (JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.insertUser(user);
                terminateConnectionsOf(database.name(), "pid <> pg_backend_pid()");
                return tx.findUser(user.id());
            })).isInstanceOf(StoreUnavailableException.class);

            assertThat(store.inTransaction((StoreTransaction tx) -> tx.findUser(user.id()))).isEmpty();
        }
    }

    @Test
    void reconnectsTheListenerAfterItsConnectionIsKilledAndDropsEverythingOnce() throws Exception {
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
            System.out.printf("change listener reconnected %.1f ms after its backend was terminated%n",
                    (System.nanoTime() - start) / 1e6);
            otherReplica.inTransaction(tx -> {
                tx.publishChange(userId);
                return null;
            });

            assertThat(listener.awaitEvent(userId)).doesNotContain(EVERYTHING);
        }
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
