package ai.codemie.auth.examples.spring;

import static ai.codemie.auth.keycloak.MigrationFixture.attribute;
import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.keycloak.FakeKeycloak;
import ai.codemie.auth.keycloak.KeycloakMigration;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestTokens;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate-keycloak [--dry-run]} run in process against an in-process Keycloak admin API and a store in an H2
 * file: its exit codes, a standard output holding the report alone, and no secret anywhere.
 */
class MigrateKeycloakCommandTest {

    @TempDir
    Path directory;

    private FakeKeycloak keycloak;
    private TestTokens issuer;
    private Map<String, Object> environment;
    private String jdbcUrl;

    @BeforeEach
    void start() throws Exception {
        keycloak = FakeKeycloak.start();
        issuer = TestTokens.start();
        jdbcUrl = "jdbc:h2:file:" + directory.resolve("store").toAbsolutePath();
        environment = new HashMap<>();
        environment.put("ENABLE_USER_MANAGEMENT", "true");
        environment.put("JWKS_TRUSTED_ISSUERS", issuer.trustedIssuersJson());
        environment.put("CODEMIE_AUTH_JDBC_URL", jdbcUrl);
        environment.put("KEYCLOAK_ADMIN_URL", keycloak.url());
        environment.put("KEYCLOAK_ADMIN_REALM", FakeKeycloak.REALM);
        environment.put("KEYCLOAK_ADMIN_CLIENT_ID", FakeKeycloak.CLIENT_ID);
        environment.put("KEYCLOAK_ADMIN_CLIENT_SECRET", FakeKeycloak.SECRET);
        environment.put("CODEMIE_AUTH_MIGRATION_PAGE_SIZE", "2");
    }

    @AfterEach
    void stop() {
        keycloak.close();
        issuer.close();
    }

    @Test
    void importsTheUsersAndPrintsOnlyTheReport() throws Exception {
        String alice = developer(attribute(user("alice", "Ålice", "Ünïcode"), "applications", "proj-a,proj-b"));
        String bob = developer(user("bob"));
        String carol = keycloak.addUser(user("carol"));

        Result result = run("migrate-keycloak");

        assertThat(result.exitCode).isZero();
        assertThat(result.stdout).endsWith("}\n").hasLineCount(1);
        Map<String, Object> report = JSONObjectUtils.parse(result.stdout);
        assertThat(report).containsEntry("created", 2L).containsEntry("skipped", 1L).containsEntry("failed", 0L)
                .containsEntry("dry_run", false);
        assertThat(users(report)).containsExactly(
                tuple(alice, "alice@example.com", "created", null),
                tuple(bob, "bob@example.com", "created", null),
                tuple(carol, "carol@example.com", "skipped", "no_sign_in_role"));
        assertThat(stored()).extracting(StoredUser::id, StoredUser::name)
                .containsExactlyInAnyOrder(tuple(alice, "Ålice Ünïcode"), tuple(bob, "First Last"));
        assertThat(result.logs).contains("Keycloak migration: created 2, skipped 1, failed 0 of 3 users");
        // without an AuditSink bean, the audit trail is the logging sink's
        assertThat(result.logs.lines().filter(line -> line.contains("\"action\":\"user.import\"")))
                .hasSize(2).anyMatch(line -> line.contains("\"target\":\"" + alice + "\""))
                .anyMatch(line -> line.contains("\"target\":\"" + bob + "\""));
    }

    @Test
    void dryRunReportsWithoutWriting() throws Exception {
        String alice = developer(user("alice"));

        Result result = run("migrate-keycloak", "--dry-run");

        assertThat(result.exitCode).isZero();
        Map<String, Object> report = JSONObjectUtils.parse(result.stdout);
        assertThat(report).containsEntry("created", 1L).containsEntry("dry_run", true);
        assertThat(users(report)).containsExactly(tuple(alice, "alice@example.com", "created", null));
        assertThat(stored()).isEmpty();
        assertThat(result.logs).doesNotContain("user.import");
    }

    @Test
    void exitsWithOneWhenAUserFailed() throws Exception {
        developer(user("fine"));
        String odd = developer(attribute(user("odd"), "user_type", "contractor"));

        Result result = run("migrate-keycloak");

        assertThat(result.exitCode).isEqualTo(1);
        Map<String, Object> report = JSONObjectUtils.parse(result.stdout);
        assertThat(report).containsEntry("created", 1L).containsEntry("failed", 1L);
        assertThat(users(report)).contains(tuple(odd, "odd@example.com", "failed",
                "Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: 'contractor'"));
        assertThat(result.logs).contains("Keycloak migration: user " + odd + " (odd@example.com) failed: ");
    }

    @Test
    void exitsWithZeroAndAnEmptyReportWhileAnotherRunHoldsTheLock() throws Exception {
        developer(user("alice"));
        Result result;
        try (JdbcUserStore otherReplica = JdbcUserStore.connect(jdbcUrl, null, null)) {
            UserStore.ExclusiveLock otherRun = otherReplica.tryExclusiveLock(KeycloakMigration.LOCK_NAME).orElseThrow();
            try {
                result = run("migrate-keycloak");
            } finally {
                otherRun.close();
            }
        }

        assertThat(result.exitCode).isZero();
        assertThat(result.stdout).isEqualTo("{\"created\":0,\"skipped\":0,\"failed\":0,\"dry_run\":false,"
                + "\"users\":[]}\n");
        assertThat(result.logs).contains("Keycloak migration not run: another run holds the lock");
        assertThat(stored()).isEmpty();
    }

    @Test
    void exitsWithTwoNamingAMissingSettingWhateverTheSwitchSays() {
        environment.remove("KEYCLOAK_ADMIN_REALM");
        environment.put("KEYCLOAK_MIGRATION_ENABLED", "false");

        Result result = run("migrate-keycloak");

        assertNotRun(result, "KEYCLOAK_ADMIN_REALM: must be set");
    }

    @Test
    void exitsWithTwoInKeycloakManagedMode() {
        environment.put("ENABLE_USER_MANAGEMENT", "false");

        Result result = run("migrate-keycloak");

        assertNotRun(result, "ENABLE_USER_MANAGEMENT: must be true for the Keycloak user import");
    }

    @Test
    void exitsWithTwoOnAWrongSecretWithoutShowingIt() {
        developer(user("alice"));
        String wrong = "Wr0ng+Secret/Value";
        environment.put("KEYCLOAK_ADMIN_CLIENT_SECRET", wrong);

        Result result = run("migrate-keycloak");

        assertNotRun(result, "/protocol/openid-connect/token answered HTTP 401");
        assertThat(result.logs).doesNotContain(wrong).doesNotContain(URLEncoder.encode(wrong, StandardCharsets.UTF_8))
                .doesNotContain(FakeKeycloak.SECRET);
        assertThat(stored()).isEmpty();
    }

    @Test
    void exitsWithTwoWhenKeycloakCannotBeReached() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            environment.put("KEYCLOAK_ADMIN_URL", "http://127.0.0.1:" + socket.getLocalPort());
        }

        Result result = run("migrate-keycloak");

        assertNotRun(result, "failed: Keycloak cannot be reached");
    }

    @Test
    void exitsWithTwoWhenKeycloakRefusesAnAdminCall() {
        developer(user("alice"));
        keycloak.answer(request -> request.contains("/users?")
                ? new FakeKeycloak.Response(403, "{\"error\":\"HTTP 403 Forbidden\"}") : null);

        Result result = run("migrate-keycloak");

        assertNotRun(result, "answered HTTP 403: HTTP 403 Forbidden");
    }

    @Test
    void exitsWithTwoOnAnUnknownArgument() {
        Result result = run("migrate-keycloak", "--force");

        assertNotRun(result, "Usage: migrate-keycloak [--dry-run]");
    }

    /** Exit code 2, no report, and the reason in the logs. */
    private static void assertNotRun(Result result, String reason) {
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stdout).isEmpty();
        assertThat(result.logs).contains(reason);
    }

    private String developer(Map<String, Object> user) {
        String id = keycloak.addUser(user);
        keycloak.grantRole("developer", id);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<org.assertj.core.groups.Tuple> users(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("users")).stream()
                .map(u -> tuple(u.get("id"), u.get("email"), u.get("outcome"), u.get("reason"))).toList();
    }

    private List<StoredUser> stored() {
        try (JdbcUserStore store = JdbcUserStore.connect(jdbcUrl, null, null)) {
            return store.inTransaction((StoreTransaction tx) -> tx.users().listAll());
        }
    }

    /** Runs the command as the main method does, with standard output and error captured. */
    private Result run(String... arguments) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8);
        int exitCode;
        try {
            System.setOut(captured);
            System.setErr(captured);
            exitCode = MigrateKeycloakCommand.run(List.of(arguments).subList(1, arguments.length),
                    new PrintStream(report, true, StandardCharsets.UTF_8), environment);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String logText = logs.toString(StandardCharsets.UTF_8);
        originalErr.print(logText); // still visible in the test's output
        return new Result(exitCode, report.toString(StandardCharsets.UTF_8), logText);
    }

    private record Result(int exitCode, String stdout, String logs) {
    }
}
