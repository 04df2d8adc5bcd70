package ai.codemie.auth.jdbc;

import static ai.codemie.auth.jdbc.PlatformReplica.developer;
import static ai.codemie.auth.store.UserStoreContract.newId;
import static ai.codemie.auth.store.UserStoreContract.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredText;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.token.VerifiedToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finding 5, bad user data becomes a store outage, on the real PostgreSQL: a token the columns cannot hold is a 401
 * naming the claim (it was a 503 "User store unavailable" on every request), names in its lists that cannot be stored
 * are left out, and a value the database refuses is reported as refused data, logged once, never as an outage.
 */
class BadUserDataOnPostgresTest {

    @Test
    void aNulInTheNameIsA401NamingTheClaimOnThePlatformsTablesAndWritesNothing() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("bad_nul").withPlatformSchema();
             PlatformReplica replica = new PlatformReplica(JdbcUserStore.create(database.dataSource()))) {
            String userId = newId();

            assertThatThrownBy(() -> replica.resolver.resolve(developer(userId, "nul", "name", "Ali\u0000ce",
                    "applications", "proj-a"))).isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.problem().message()).isEqualTo("Invalid claim 'name': the value contains "
                                    + "the character U+0000, which cannot be stored"));

            assertThat(count(database, "SELECT COUNT(*) FROM codemie.users")).isZero();
            assertThat(count(database, "SELECT COUNT(*) FROM codemie.applications")).isZero();
        }
    }

    @Test
    void overlongClaimsAreA401OnTheLibrarysOwnTablesWhoseColumnsAreBounded() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("bad_long");
             PlatformReplica replica = new PlatformReplica(JdbcUserStore.create(database.dataSource()))) {
            String userId = newId();
            for (String claim : List.of("name", "preferred_username")) {
                assertThatThrownBy(() -> replica.resolver.resolve(developer(userId, "long", claim, "n".repeat(256))))
                        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.problem().message())
                                .isEqualTo("Invalid claim '" + claim + "': the value is longer than 255 characters"));
            }

            assertThat(count(database, "SELECT COUNT(*) FROM codemie.users")).isZero();
        }
    }

    @Test
    void namesTheColumnsCannotHoldAreLeftOutOfAFirstLoginInsteadOfFailingIt() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("bad_names");
             PlatformReplica replica = new PlatformReplica(JdbcUserStore.create(database.dataSource()))) {
            VerifiedToken token = developer(newId(), "lists", "applications",
                    List.of("proj\u0000a", "p".repeat(300), "proj-a"), "knowledge_bases",
                    List.of("kb\u0000", "k".repeat(256), "kb-1"));

            EffectivePermissions signedIn = replica.signIn(token).orElseThrow();

            assertThat(signedIn.projects()).containsExactly("lists@example.com", "proj-a");
            assertThat(signedIn.knowledgeBases()).containsExactly("kb-1");
        }
    }

    @Test
    void aValueTheDatabaseRefusesIsRefusedDataLoggedOnceNotAnOutage() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("bad_refused");
             JdbcUserStore store = JdbcUserStore.create(database.dataSource());
             LogCapture log = LogCapture.start()) {
            StoredUser user = newUser("refused");
            store.inTransaction(tx -> tx.users().insert(user));

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.users().grantKnowledgeBase(user.id(),
                    "k".repeat(300))))
                    .isExactlyInstanceOf(InvalidStoreDataException.class)
                    .hasMessage("The user store refused the data (SQLState 22001)");
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.projects().find("nul\u0000")))
                    .isExactlyInstanceOf(InvalidStoreDataException.class);

            assertThat(log.lines("The user store refused the data (SQLState 22001)", "character varying(255)"))
                    .hasSize(1);
            assertThat(log.lines("User store unavailable")).isEmpty();
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().knowledgeBases(user.id()))).isEmpty();
        }
    }

    @Test
    void theLimitsAreTheColumnSizesOfTheLibrarysSchemaScript() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("bad_limits")) {
            JdbcUserStore.create(database.dataSource()).close();
            Map<String, Integer> sizes = new HashMap<>();
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT table_name || '.' || column_name,"
                         + " character_maximum_length FROM information_schema.columns"
                         + " WHERE table_schema = 'codemie'")) {
                while (rows.next()) {
                    sizes.put(rows.getString(1), rows.getInt(2));
                }
            }

            assertThat(sizes).containsEntry("users.username", StoredText.USERNAME.maxLength())
                    .containsEntry("users.email", StoredText.EMAIL.maxLength())
                    .containsEntry("users.name", StoredText.NAME.maxLength())
                    .containsEntry("users.picture", StoredText.PICTURE.maxLength())
                    .containsEntry("applications.name", StoredText.PROJECT_NAME.maxLength())
                    .containsEntry("user_projects.project_name", StoredText.PROJECT_NAME.maxLength())
                    .containsEntry("user_knowledge_bases.kb_name", StoredText.KNOWLEDGE_BASE.maxLength());
        }
    }

    private static long count(PostgresDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
