package ai.codemie.auth.keycloak;

import static ai.codemie.auth.keycloak.MigrationFixture.attribute;
import static ai.codemie.auth.keycloak.MigrationFixture.platformSettings;
import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.jdbc.PostgresDatabase;
import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The import into the JDBC store on the real PostgreSQL, on tables made the way the platform's migrations make them,
 * from an in-process Keycloak admin API. Also measures (and prints, without judging) how long 1,000 users take.
 */
class KeycloakMigrationOnPostgresTest {

    private static PostgresDatabase database;
    private FakeKeycloak keycloak;
    private RecordingDataSource recording;
    private JdbcUserStore store;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = PostgresDatabase.create("keycloak_import").withPlatformSchema();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        database.close();
    }

    @BeforeEach
    void start() throws Exception {
        database.truncate();
        keycloak = FakeKeycloak.start();
        recording = new RecordingDataSource(database.dataSource());
        store = JdbcUserStore.create(recording.dataSource());
    }

    @AfterEach
    void stop() {
        store.close();
        keycloak.close();
    }

    @Test
    void writesThePlatformsRowsAsFirstLoginWould() throws Exception {
        String alice = developer(attribute(attribute(attribute(user("alice", "Alice", "Liddell"),
                "applications", "alice@example.com,proj-a,proj-b"), "applications_admin", "proj-a", "proj-x"),
                "knowledge_bases", "kb-1"));
        String root = keycloak.addUser(user("root", null, null));
        keycloak.grantRole("admin", root);

        MigrationReport report = migration().run();

        assertThat(report.created()).isEqualTo(2);
        assertThat(rows("SELECT id, username, email, name, user_type, is_active, is_admin, is_maintainer,"
                + " project_limit, auth_source, last_login_at, deleted_at, email_verified FROM codemie.users"
                + " ORDER BY username")).containsExactly(
                row(alice, "alice", "alice@example.com", "Alice Liddell", "regular", true, false, false, 4,
                        "keycloak", null, null, false),
                row(root, "root", "root@example.com", null, "regular", true, true, false, null, "keycloak", null,
                        null, false));
        assertThat(rows("SELECT user_id, project_name, is_project_admin FROM codemie.user_projects"
                + " ORDER BY user_id = '" + alice + "' DESC, project_name")).containsExactly(
                row(alice, "alice@example.com", false), row(alice, "proj-a", true), row(alice, "proj-b", false),
                row(alice, "proj-x", true), row(root, "root@example.com", false));
        assertThat(rows("SELECT name, project_type, created_by FROM codemie.applications ORDER BY name"))
                .containsExactly(row("alice@example.com", "personal", alice), row("proj-a", "shared", null),
                        row("proj-b", "shared", null), row("proj-x", "shared", null),
                        row("root@example.com", "personal", root));
        assertThat(rows("SELECT user_id, kb_name FROM codemie.user_knowledge_bases"))
                .containsExactly(row(alice, "kb-1"));
    }

    @Test
    void dryRunIssuesNoInsertUpdateOrDelete() throws Exception {
        for (int i = 0; i < 5; i++) {
            developer(attribute(user("user-" + i), "applications", "proj-" + i));
        }
        recording.clear();

        MigrationReport report = migration().dryRun();

        assertThat(report.created()).isEqualTo(5);
        assertThat(recording.statements()).isNotEmpty()
                .allSatisfy(sql -> assertThat(sql.trim().toUpperCase(Locale.ROOT)).doesNotStartWith("INSERT")
                        .doesNotStartWith("UPDATE").doesNotStartWith("DELETE").doesNotContain("ADVISORY"));
        assertThat(rows("SELECT COUNT(*) FROM codemie.users")).containsExactly(row(0L));
    }

    @Test
    void aUserTheStoreCannotHoldFailsThatUserAlone() throws Exception {
        String before = developer(user("before"));
        String refused = developer(user("nul-byte", "Nul\u0000Byte", null));
        String after = developer(user("after"));

        MigrationReport report = migration().run();

        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome).containsExactly(
                tuple(before, Outcome.CREATED), tuple(refused, Outcome.FAILED), tuple(after, Outcome.CREATED));
        assertThat(report.users().get(1).reason()).contains("U+0000", "cannot be stored");
        assertThat(rows("SELECT COUNT(*) FROM codemie.users WHERE id = '" + refused + "'")).containsExactly(row(0L));
        assertThat(rows("SELECT COUNT(*) FROM codemie.applications WHERE name = 'nul-byte@example.com'"))
                .containsExactly(row(0L));
    }

    @Test
    void measuresTheImportOfAThousandUsers() throws Exception {
        int users = 1000;
        for (int i = 0; i < users; i++) {
            Map<String, Object> user = attribute(attribute(user(String.format("user-%04d", i)),
                    "applications", "proj-" + i % 50 + ",proj-" + (i + 7) % 50 + ",proj-" + (i + 19) % 50),
                    "knowledge_bases", "kb-" + i % 10);
            if (i % 10 == 0) {
                attribute(user, "applications_admin", "proj-" + i % 50);
            }
            developer(user);
        }

        MigrationReport report;
        long millis;
        // through a connection pool, as a service has it
        try (HikariDataSource pool = database.pool("timing", 4); JdbcUserStore pooled = JdbcUserStore.create(pool)) {
            KeycloakMigration migration = new KeycloakMigration(platformSettings().build(),
                    keycloak.settings(100).build(), pooled);
            long start = System.nanoTime();
            report = migration.run();
            millis = (System.nanoTime() - start) / 1_000_000;
        }

        assertThat(report.created()).isEqualTo(users);
        assertThat(rows("SELECT COUNT(*) FROM codemie.user_projects")).containsExactly(row(4L * users));
        System.out.printf("Keycloak migration: %d users (3 projects, 1 knowledge base each) imported into PostgreSQL"
                + " in %d ms (%.1f ms per user)%n", users, millis, (double) millis / users);
    }

    private KeycloakMigration migration() {
        return new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(), store);
    }

    private String developer(Map<String, Object> user) {
        String id = keycloak.addUser(user);
        keycloak.grantRole("developer", id);
        return id;
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        return database.rows(sql);
    }
}
