package ai.codemie.auth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.jdbc.PostgresDatabase;
import ai.codemie.auth.keycloak.ForwardingStore;
import ai.codemie.auth.keycloak.KeycloakAdminException;
import ai.codemie.auth.keycloak.KeycloakMigration;
import ai.codemie.auth.keycloak.KeycloakMigrationSettings;
import ai.codemie.auth.keycloak.MigrationReport;
import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import ai.codemie.auth.store.UserStore;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak user import from a real Keycloak 26 into the JDBC store on the real PostgreSQL (the platform's
 * tables). Keycloak starts once for the class; the test realm, its service-account client (with only the roles the
 * README asks for) and its users are created through the admin API: more than two pages of users, attributes in
 * both shapes, admins by role and by {@code ADMIN_USER_ID}, users without a sign-in role (one with the role through
 * a group, one through a composite role), a disabled user, a user without e-mail, and users already in the store.
 */
class KeycloakMigrationIT {

    private static final String SECRET = "migration-secret";
    private static final int PAGE_SIZE = 3;

    private static KeycloakProcess keycloak;
    private static String realm;
    private static PostgresDatabase database;
    private static HikariDataSource pool;
    private static JdbcUserStore store;
    /** Keycloak user ids by user name. */
    private static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void startKeycloakAndCreateUsers() throws Exception {
        keycloak = KeycloakProcess.start();
        realm = "migration_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        createRealm();
        createUser("alice", "Alice", "Liddell", true, Map.of("applications", List.of("alice@example.com,proj-a,proj-b"),
                "applications_admin", List.of("proj-a"), "knowledge_bases", List.of("kb-1,kb-2")), "developer");
        createUser("bob", "Bob", null, true, Map.of("applications", List.of("proj-a", "proj-c"),
                "applications_admin", List.of("proj-c", "proj-admin-only")), "developer");
        createUser("root", null, "Root", true, Map.of(), "admin");
        createUser("boss", "Big", "Boss", true, Map.of("applications", List.of("proj-boss")));
        createUser("keeper", "Kee", "Per", true, Map.of());
        createUser("nobody", "No", "Body", true, Map.of("applications", List.of("proj-a")));
        createUser("grouped", "Group", "Member", true, Map.of(), "group:developers");
        createUser("composite", "Team", "Lead", true, Map.of(), "team-lead");
        createUser("disabled", "Dis", "Abled", false, Map.of(), "developer");
        createUser("no-email", null, null, true, Map.of(), "developer");
        createUser("existing", "Ex", "Isting", true, Map.of("applications", List.of("proj-new")), "developer");
        createUser("same-mail", "Same", "Mail", true, Map.of("applications", List.of("proj-new")), "developer");
        for (int i = 1; i <= 8; i++) {
            createUser("dev-" + i, "Dev", String.valueOf(i), true, Map.of("applications",
                    List.of("proj-" + (char) ('a' + i % 3) + ",shared-" + i), "knowledge_bases", List.of("kb-" + i)),
                    "developer");
        }
        database = PostgresDatabase.create("keycloak_migration_it").withPlatformSchema();
        pool = database.pool("migration-it", 4);
        store = JdbcUserStore.create(pool);
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
            pool.close();
            database.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** Each test starts from the store holding only the two users who were there before the switch. */
    @BeforeEach
    void storeWithTheUsersOfBeforeTheSwitch() throws Exception {
        database.truncate();
        database.execute("INSERT INTO codemie.users (id, date, update_date, username, email, name, user_type,"
                + " is_active, is_admin, is_maintainer, auth_source, email_verified, project_limit) VALUES"
                + " ('" + ids.get("existing") + "', now(), now(), 'existing-renamed', 'changed@example.com',"
                + " 'Changed Since', 'regular', true, true, false, 'keycloak', true, NULL),"
                + " ('00000000-0000-4000-8000-0000000000aa', now(), now(), 'local-same-mail', 'SAME-MAIL@Example.COM',"
                + " 'Local User', 'regular', true, false, false, 'local', true, 2);"
                + "INSERT INTO codemie.applications (id, date, update_date, name, project_type, created_by) VALUES"
                + " ('app-old', now(), now(), 'proj-old', 'shared', NULL);"
                + "INSERT INTO codemie.user_projects (id, date, update_date, user_id, project_name, is_project_admin)"
                + " VALUES ('m-old', now(), now(), '" + ids.get("existing") + "', 'proj-old', true)");
    }

    @Test
    void importsEveryUserAsTheirFirstLoginWouldAndASecondRunChangesNothing() throws Exception {
        MigrationReport report = migration(store, SECRET).run();

        assertThat(report.users()).extracting(UserOutcome::id).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(outcomes(report)).containsOnly(
                tuple("alice", Outcome.CREATED, null), tuple("bob", Outcome.CREATED, null),
                tuple("root", Outcome.CREATED, null), tuple("boss", Outcome.CREATED, null),
                tuple("keeper", Outcome.CREATED, null), tuple("nobody", Outcome.SKIPPED, "no_sign_in_role"),
                tuple("grouped", Outcome.SKIPPED, "no_sign_in_role"),
                tuple("composite", Outcome.SKIPPED, "no_sign_in_role"),
                tuple("disabled", Outcome.SKIPPED, "disabled"), tuple("no-email", Outcome.SKIPPED, "no_email"),
                tuple("existing", Outcome.SKIPPED, "already_in_store"),
                tuple("same-mail", Outcome.SKIPPED, "already_in_store"),
                tuple("dev-1", Outcome.CREATED, null), tuple("dev-2", Outcome.CREATED, null),
                tuple("dev-3", Outcome.CREATED, null), tuple("dev-4", Outcome.CREATED, null),
                tuple("dev-5", Outcome.CREATED, null), tuple("dev-6", Outcome.CREATED, null),
                tuple("dev-7", Outcome.CREATED, null), tuple("dev-8", Outcome.CREATED, null));
        assertThat(report.created()).isEqualTo(13);

        assertThat(rows("SELECT id, username, email, name, user_type, is_active, is_admin, is_maintainer,"
                + " project_limit, auth_source, last_login_at, deleted_at FROM codemie.users"
                + " WHERE username IN ('alice', 'bob', 'root', 'boss', 'keeper', 'dev-1', 'existing-renamed',"
                + " 'local-same-mail') ORDER BY username")).containsExactly(
                row(ids.get("alice"), "alice", "alice@example.com", "Alice Liddell", "regular", true, false, false, 3,
                        "keycloak", null, null),
                row(ids.get("bob"), "bob", "bob@example.com", "Bob", "regular", true, false, false, 3, "keycloak",
                        null, null),
                row(ids.get("boss"), "boss", "boss@example.com", "Big Boss", "regular", true, true, false, null,
                        "keycloak", null, null),
                row(ids.get("dev-1"), "dev-1", "dev-1@example.com", "Dev 1", "regular", true, false, false, 3,
                        "keycloak", null, null),
                row(ids.get("existing"), "existing-renamed", "changed@example.com", "Changed Since", "regular", true,
                        true, false, null, "keycloak", null, null),
                row(ids.get("keeper"), "keeper", "keeper@example.com", "Kee Per", "regular", true, true, true, null,
                        "keycloak", null, null),
                row("00000000-0000-4000-8000-0000000000aa", "local-same-mail", "SAME-MAIL@Example.COM", "Local User",
                        "regular", true, false, false, 2, "local", null, null),
                row(ids.get("root"), "root", "root@example.com", "Root", "regular", true, true, false, null,
                        "keycloak", null, null));
        assertThat(rows("SELECT COUNT(*) FROM codemie.users")).containsExactly(row(15L));
        assertThat(memberships("alice")).containsExactly(row("alice@example.com", false), row("proj-a", true),
                row("proj-b", false));
        assertThat(memberships("bob")).containsExactly(row("bob@example.com", false), row("proj-a", false),
                row("proj-admin-only", true), row("proj-c", true));
        assertThat(memberships("boss")).containsExactly(row("boss@example.com", false), row("proj-boss", false));
        assertThat(memberships("dev-1")).containsExactly(row("dev-1@example.com", false), row("proj-b", false),
                row("shared-1", false));
        assertThat(memberships("existing")).containsExactly(row("proj-old", true));
        assertThat(rows("SELECT name, project_type, created_by FROM codemie.applications"
                + " WHERE name IN ('alice@example.com', 'proj-a', 'proj-admin-only', 'proj-old', 'proj-new')"
                + " ORDER BY name")).containsExactly(
                row("alice@example.com", "personal", ids.get("alice")), row("proj-a", "shared", null),
                row("proj-admin-only", "shared", null), row("proj-old", "shared", null));
        assertThat(rows("SELECT kb_name FROM codemie.user_knowledge_bases WHERE user_id = '" + ids.get("alice")
                + "' ORDER BY kb_name")).containsExactly(row("kb-1"), row("kb-2"));

        Map<String, List<List<Object>>> before = everyRow();
        MigrationReport second = migration(store, SECRET).run();

        assertThat(second.created()).isZero();
        assertThat(second.failed()).isZero();
        assertThat(everyRow()).isEqualTo(before);
    }

    /** What Keycloak's role member listing leaves out, while the same users' tokens carry the role. */
    @Test
    void roleMemberListingHasOnlyDirectMembersThoughTokensCarryInheritedRoles() throws Exception {
        for (String user : List.of("grouped", "composite")) {
            String token = (String) keycloak.passwordGrant(realm, "codemie-cli", user, user + "-pw")
                    .get("access_token");
            Map<String, Object> claims = JSONObjectUtils.parse(Base64URL.from(token.split("\\.")[1]).decodeToString());
            assertThat(JSONObjectUtils.getJSONObject(claims, "realm_access").get("roles")).asList()
                    .contains("developer");
        }
        List<Object> members = JSONArrayUtils.parse(keycloak.admin("GET", "/" + realm
                + "/roles/developer/users?first=0&max=100", null).body());

        List<Object> usernames = members.stream().<Object>map(member -> ((Map<?, ?>) member).get("username")).toList();
        assertThat(usernames).doesNotContain("grouped", "composite").contains("alice", "bob");
    }

    @Test
    void runsOnceWhenTwoReplicasStartItAtOnce() throws Exception {
        try (HikariDataSource otherPool = database.pool("migration-it-other", 4);
             JdbcUserStore otherReplica = JdbcUserStore.create(otherPool)) {
            CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
            CountDownLatch secondDone = new CountDownLatch(1);
            UserStore first = new HoldingStore(store, firstHoldsTheLock, secondDone);
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<MigrationReport> firstRun = executor.submit(() -> migration(first, SECRET).run());
                assertThat(firstHoldsTheLock.await(2, TimeUnit.MINUTES)).isTrue();

                MigrationReport secondRun = migration(otherReplica, SECRET).run();
                secondDone.countDown();

                assertThat(secondRun).isEqualTo(MigrationReport.empty(false));
                assertThat(firstRun.get(5, TimeUnit.MINUTES).created()).isEqualTo(13);
            } finally {
                secondDone.countDown();
                executor.shutdownNow();
            }
        }
        assertThat(rows("SELECT COUNT(*) FROM codemie.users")).containsExactly(row(15L));
    }

    @Test
    void dryRunReportsTheRunWithoutWriting() throws Exception {
        Map<String, List<List<Object>>> before = everyRow();

        MigrationReport dry = migration(store, SECRET).dryRun();

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.created()).isEqualTo(13);
        assertThat(everyRow()).isEqualTo(before);
        assertThat(migration(store, SECRET).run().users()).isEqualTo(dry.users());
    }

    @Test
    void refusesAWrongSecretBeforeWritingAndNeverShowsIt() throws Exception {
        String wrong = "wrong-secret-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> migration(store, wrong).run());

        assertThat(error.status()).isEqualTo(401);
        assertThat(error).hasMessage("POST " + keycloak.baseUrl() + "/realms/" + realm
                + "/protocol/openid-connect/token answered HTTP 401: unauthorized_client: Invalid client or Invalid "
                + "client credentials");
        assertThat(rows("SELECT COUNT(*) FROM codemie.users")).containsExactly(row(2L));
    }

    /** The reference service's jar, as an operator runs it: exit codes, the report alone on standard output. */
    @Test
    void migrateKeycloakCommandOfTheReferenceService() throws Exception {
        Command run = command(SECRET, "migrate-keycloak");
        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(run.stdout + run.stderr).doesNotContain(SECRET);
        Map<String, Object> report = JSONObjectUtils.parse(run.stdout);
        assertThat(report).containsEntry("created", 13L).containsEntry("skipped", 7L).containsEntry("failed", 0L)
                .containsEntry("dry_run", false);
        assertThat(rows("SELECT COUNT(*) FROM codemie.users")).containsExactly(row(15L));

        String odd = createUser("odd-type", "Odd", "Type", true, Map.of("user_type", List.of("extérieur")),
                "developer");
        try {
            Command failing = command(SECRET, "migrate-keycloak");
            assertThat(failing.exitCode).as(failing.stderr).isEqualTo(1);
            assertThat(JSONObjectUtils.parse(failing.stdout)).containsEntry("created", 0L)
                    .containsEntry("skipped", 20L).containsEntry("failed", 1L);
            assertThat(failing.stdout).contains("{\"id\":\"" + odd + "\",\"email\":\"odd-type@example.com\","
                    + "\"outcome\":\"failed\",\"reason\":\"Invalid user_type attribute from IDP. Expected 'regular' or"
                    + " 'external', got: 'extérieur'\"}");
        } finally {
            keycloak.admin("DELETE", "/" + realm + "/users/" + odd, null);
            ids.remove("odd-type");
        }

        String wrong = "wrong-secret-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Command refused = command(wrong, "migrate-keycloak");
        assertThat(refused.exitCode).as(refused.stderr).isEqualTo(2);
        assertThat(refused.stdout).isEmpty();
        assertThat(refused.stderr).contains("answered HTTP 401").doesNotContain(wrong).doesNotContain(SECRET);
    }

    // ---- the reference service as a process

    private record Command(int exitCode, String stdout, String stderr) {
    }

    /** Runs the jar with the operator's environment, in a C locale, and waits for it. */
    private static Command command(String secret, String... arguments) throws Exception {
        Path jar = Path.of(System.getProperty("spring-service.jar"));
        List<String> commandLine = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        commandLine.addAll(Arrays.asList(arguments));
        Path stdout = Files.createTempFile("migrate-keycloak", ".out");
        Path stderr = Files.createTempFile("migrate-keycloak", ".err");
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KEYCLOAK_") || name.startsWith("CODEMIE_")
                || name.startsWith("SPRING_") || name.startsWith("JWKS_"));
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("ENABLE_USER_MANAGEMENT", "true");
        env.put("JWKS_TRUSTED_ISSUERS", "[{\"issuer\":\"" + keycloak.baseUrl() + "/realms/" + realm
                + "\",\"jwks_uri\":\"" + keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/certs\"}]");
        env.put("CODEMIE_AUTH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database.name() + "?user=postgres");
        env.put("ADMIN_USER_ID", ids.get("boss"));
        env.put("MAINTAINER_USER_ID", ids.get("keeper"));
        env.put("KEYCLOAK_ADMIN_URL", keycloak.baseUrl());
        env.put("KEYCLOAK_ADMIN_REALM", realm);
        env.put("KEYCLOAK_ADMIN_CLIENT_ID", "codemie-migration");
        env.put("KEYCLOAK_ADMIN_CLIENT_SECRET", secret);
        env.put("CODEMIE_AUTH_MIGRATION_PAGE_SIZE", String.valueOf(PAGE_SIZE));
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("migrate-keycloak did not end within 5 minutes:\n" + Files.readString(stderr));
            }
            return new Command(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    // ---- Keycloak set-up through the admin API

    private static void createRealm() throws IOException, InterruptedException, java.text.ParseException {
        try (InputStream template = KeycloakMigrationIT.class.getResourceAsStream("/keycloak/migration-realm.json")) {
            Map<String, Object> representation = JSONObjectUtils.parse(new String(template.readAllBytes(),
                    StandardCharsets.UTF_8));
            representation.put("realm", realm);
            keycloak.admin("POST", "", JSONObjectUtils.toJSONString(representation));
        }
    }

    /**
     * Creates an enabled or disabled user with the e-mail user@example.com (none for "no-email"), a password of
     * user-pw, the attributes, and the realm roles or "group:name" memberships given; returns the id.
     */
    private static String createUser(String username, String firstName, String lastName, boolean enabled,
            Map<String, Object> attributes, String... grants) throws Exception {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", enabled);
        if (!username.equals("no-email")) {
            user.put("email", username + "@example.com");
            user.put("emailVerified", true);
        }
        if (firstName != null) {
            user.put("firstName", firstName);
        }
        if (lastName != null) {
            user.put("lastName", lastName);
        }
        user.put("attributes", attributes);
        user.put("credentials", List.of(Map.of("type", "password", "value", username + "-pw", "temporary", false)));
        List<String> groups = new ArrayList<>();
        for (String grant : grants) {
            if (grant.startsWith("group:")) {
                groups.add("/" + grant.substring("group:".length()));
            }
        }
        user.put("groups", groups);
        String location = keycloak.admin("POST", "/" + realm + "/users", JSONObjectUtils.toJSONString(user))
                .headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<Object> roles = new ArrayList<>();
        for (String grant : grants) {
            if (!grant.startsWith("group:")) {
                roles.add(JSONObjectUtils.parse(keycloak.admin("GET", "/" + realm + "/roles/" + grant, null).body()));
            }
        }
        if (!roles.isEmpty()) {
            keycloak.admin("POST", "/" + realm + "/users/" + id + "/role-mappings/realm",
                    JSONArrayUtils.toJSONString(roles));
        }
        ids.put(username, id);
        return id;
    }

    // ---- the import and the database

    private static KeycloakMigration migration(UserStore target, String secret) {
        AuthSettings settings = AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.ADMIN_USER_ID, ids.get("boss")).set(AuthSettings.MAINTAINER_USER_ID,
                ids.get("keeper"))
                .addTrustedIssuer(TrustedIssuer.withJwks(keycloak.baseUrl() + "/realms/" + realm, null,
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/certs"),
                        ClaimPreset.KEYCLOAK))
                .build();
        KeycloakMigrationSettings keycloakSettings = KeycloakMigrationSettings.builder()
                .set(KeycloakMigrationSettings.ADMIN_URL, keycloak.baseUrl())
                .set(KeycloakMigrationSettings.ADMIN_REALM, realm).set(KeycloakMigrationSettings.ADMIN_CLIENT_ID,
                "codemie-migration").set(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET, secret)
                        .set(KeycloakMigrationSettings.PAGE_SIZE, PAGE_SIZE).build();
        return new KeycloakMigration(settings, keycloakSettings, target);
    }

    private static List<org.assertj.core.groups.Tuple> outcomes(MigrationReport report) {
        Map<String, String> usernames = new HashMap<>();
        ids.forEach((username, id) -> usernames.put(id, username));
        return report.users().stream().map(u -> tuple(usernames.get(u.id()), u.outcome(), u.reason())).toList();
    }

    private static List<List<Object>> memberships(String username) throws SQLException {
        return rows("SELECT project_name, is_project_admin FROM codemie.user_projects WHERE user_id = '"
                + ids.get(username) + "' ORDER BY project_name");
    }

    /** Every row of the four tables, the ids and timestamps included. */
    private static Map<String, List<List<Object>>> everyRow() throws SQLException {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        for (String table : List.of("users", "user_projects", "user_knowledge_bases", "applications")) {
            tables.put(table, rows("SELECT * FROM codemie." + table + " ORDER BY id"));
        }
        return tables;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        return database.rows(sql);
    }

    /**
     * A replica's store that, once its run holds the lock and makes its first transaction, says so and waits until
     * the other replica's run is over: the two runs overlap for certain.
     */
    private static final class HoldingStore extends ForwardingStore {
        private final CountDownLatch holdsTheLock;
        private final CountDownLatch otherDone;
        private final AtomicBoolean first = new AtomicBoolean(true);

        HoldingStore(UserStore delegate, CountDownLatch holdsTheLock, CountDownLatch otherDone) {
            super(delegate);
            this.holdsTheLock = holdsTheLock;
            this.otherDone = otherDone;
        }

        @Override
        public <T> T inTransaction(StoreWork<T> work) {
            if (first.getAndSet(false)) {
                holdsTheLock.countDown();
                try {
                    otherDone.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.inTransaction(work);
        }
    }
}
