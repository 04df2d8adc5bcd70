package ai.codemie.auth.jdbc;

import static ai.codemie.auth.store.UserStoreContract.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the store finds, creates and checks its tables at startup, on PostgreSQL and H2. */
class SchemaSetupTest {

    /** Every column, constraint and index of schema codemie, to compare before and after. */
    private static final String SCHEMA_SNAPSHOT = "SELECT 'column ' || table_name || '.' || column_name || ' '"
            + " || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_schema = 'codemie'"
            + " UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c"
            + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'codemie'"
            + " UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'codemie' ORDER BY 1";

    @Test
    void createsItsTablesInAnEmptyPostgresDatabaseOnce() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("empty")) {
            StoredUser user = newUser("first");
            try (JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {
                store.inTransaction(tx -> tx.users().insert(user));
            }
            try (JdbcUserStore restarted = JdbcUserStore.create(database.dataSource())) {
                assertThat(restarted.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
            }

            assertThat(query(database, "SELECT version FROM codemie.codemie_auth_schema_version"))
                    .containsExactly("1", "2");
            assertThat(query(database, SCHEMA_SNAPSHOT))
                    .contains("constraint codemie_auth_users_username_uq UNIQUE (username)");
        }
    }

    @Test
    void leavesThePlatformSchemaExactlyAsItWas() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("platform").withPlatformSchema()) {
            List<String> before = query(database, SCHEMA_SNAPSHOT);

            try (JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {
                store.inTransaction(tx -> tx.users().insert(newUser("platform-user")));
            }

            assertThat(query(database, SCHEMA_SNAPSHOT)).isEqualTo(before)
                    .contains("constraint pk_users PRIMARY KEY (id)");
        }
    }

    @Test
    void namesEveryColumnAPlatformSchemaLacksAndAddsNone() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("columns").withPlatformSchema()) {
            database.execute("ALTER TABLE codemie.users DROP COLUMN project_limit;"
                    + "ALTER TABLE codemie.user_projects DROP COLUMN is_project_admin");
            List<String> before = query(database, SCHEMA_SNAPSHOT);

            assertThatThrownBy(() -> JdbcUserStore.create(database.dataSource()))
                    .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                        assertThat(e.setting()).isEqualTo(JdbcUserStore.JDBC_URL);
                        assertThat(e.getMessage()).contains("users.project_limit", "user_projects.is_project_admin");
                    });
            assertThat(query(database, SCHEMA_SNAPSHOT)).isEqualTo(before);
        }
    }

    @Test
    void refusesAPlatformSchemaWithATableMissingInsteadOfCreatingIt() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("partial").withPlatformSchema()) {
            database.execute("DROP TABLE codemie.user_knowledge_bases");

            assertThatThrownBy(() -> JdbcUserStore.create(database.dataSource()))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("table user_knowledge_bases");
            assertThat(query(database, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'codemie' ORDER BY 1"))
                    .containsExactly("applications", "user_projects", "users");
        }
    }

    @Test
    void createsNothingWhenSchemaCreationIsSwitchedOff() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("nocreate")) {
            assertThatThrownBy(() -> JdbcUserStore.builder(database.dataSource()).createSchema(false).build())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("has none of the tables");
            assertThat(query(database, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'codemie'")).isEmpty();
        }
    }

    @Test
    void failsAsUnavailableWhenTheDatabaseCannotBeReachedAtStartup() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> JdbcUserStore.create(PostgresDatabase.dataSource("postgres", closedPort)))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void keepsTheEmbeddedDatabaseInItsFileAcrossRestarts(@TempDir Path directory) {
        Path file = directory.resolve("codemie-auth");
        StoredUser user = newUser("embedded");
        try (JdbcUserStore store = JdbcUserStore.embeddedH2(file)) {
            store.inTransaction(tx -> tx.users().insert(user));
        }

        try (JdbcUserStore restarted = JdbcUserStore.embeddedH2(file)) {
            assertThat(restarted.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
        }
        assertThat(directory.resolve("codemie-auth.mv.db")).exists();
    }

    @Test
    void forgetsAnInMemoryDatabaseWhenItsStoreCloses() {
        StoredUser user = newUser("ephemeral");
        try (JdbcUserStore store = JdbcUserStore.inMemoryH2("forgotten")) {
            store.inTransaction(tx -> tx.users().insert(user));
        }

        try (JdbcUserStore again = JdbcUserStore.inMemoryH2("forgotten")) {
            assertThat(again.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).isEmpty();
        }
    }

    @Test
    void connectsByJdbcUrlToPostgresAndH2() throws Exception {
        StoredUser user = newUser("by-url");
        try (PostgresDatabase database = PostgresDatabase.create("url").withPlatformSchema();
             JdbcUserStore postgres = JdbcUserStore.connect("jdbc:postgresql://" + PostgresDatabase.HOST + ":"
                     + PostgresDatabase.PORT + "/" + database.name(), PostgresDatabase.USER, null);
             JdbcUserStore h2 = JdbcUserStore.connect("jdbc:h2:mem:by_url;DB_CLOSE_DELAY=-1", "sa", "")) {
            postgres.inTransaction(tx -> tx.users().insert(user));
            h2.inTransaction(tx -> tx.users().insert(user));

            assertThat(postgres.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
            assertThat(h2.inTransaction((StoreTransaction tx) -> tx.users().find(user.id()))).contains(user);
        }
    }

    @Test
    void refusesAnotherDatabaseUrlWithoutEchoingIt() {
        assertThatThrownBy(() -> JdbcUserStore.connect("jdbc:mysql://db/users?password=s3cret", "root", null))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(JdbcUserStore.JDBC_URL);
                    assertThat(e.getMessage()).contains("jdbc:mysql:").doesNotContain("s3cret");
                });
    }

    private static List<String> query(PostgresDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
