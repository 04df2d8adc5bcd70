package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Runs the README's examples and checks that the README still shows exactly this code. */
class ReadmeExampleTest {

    private static final String INDENT = "            ";

    @Test
    void readmeUsageExampleRunsAndIsWhatTheReadmeShows() throws IOException {
        try (TestTokens idp = TestTokens.start()) {
            String issuer = idp.issuer();
            URI jwksUri = idp.jwksUri();
            String bearerToken = idp.forUser("alice").roles("developer").applications("proj-a").sign();
            StringBuilder log = new StringBuilder();

            // README:usage:begin
            AuthSettings settings = AuthSettings.builder()                  // or AuthSettings.fromEnvironment(System.getenv())
                    .addTrustedIssuer(TrustedIssuer.withJwks(issuer, "codemie", jwksUri, ClaimPreset.KEYCLOAK))
                    .build();                                                // a bad setting stops startup here
            CodemieAuth auth = CodemieAuth.builder(settings).build();        // one per application, thread-safe

            EffectivePermissions caller = auth.authenticate(bearerToken);    // 401, 403 (sign-in gate), 503: exceptions
            Decision decision = auth.authorize(caller, Requirements.projectAccess("proj-b"));
            if (decision.denied()) {                                         // decision.orThrow() throws the 403 instead
                log.append(decision.reason().code()).append(": ").append(decision.problem().details());
            }
            // README:usage:end

            assertThat(caller.id()).isEqualTo("alice");
            assertThat(caller.projects()).containsExactly("proj-a");
            assertThat(decision.reason()).isEqualTo(new DenyReason.NotProjectMember("proj-b"));
            assertThat(log).hasToString(
                    "not_project_member: You do not have permission to access the project 'proj-b'.");
        }
        assertThat(readme()).contains(example("usage"));
    }

    @Test
    void readmePlatformManagedExampleRunsAndIsWhatTheReadmeShows() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        try (TestTokens idp = TestTokens.start()) {
            String alice = UUID.randomUUID().toString();
            String adminToken = idp.forUser(UUID.randomUUID().toString()).roles("admin").email("root@example.com").sign();
            String aliceToken = idp.forUser(alice).roles("developer").email("alice@example.com").sign();
            TrustedIssuer trustedIssuer = idp.trustedIssuer();

            // README:platform:begin
            AuthSettings settings = AuthSettings.builder().userManagementEnabled(true) // ENABLE_USER_MANAGEMENT=true
                    .addTrustedIssuer(trustedIssuer).build();
            JdbcUserStore store = JdbcUserStore.create(dataSource);          // the platform's tables, schema codemie
            CodemieAuth auth = CodemieAuth.builder(settings).userStore(store).build();

            EffectivePermissions admin = auth.authenticate(adminToken);      // first login creates the user
            auth.authenticate(aliceToken);                                   // and Alice's hers
            auth.administration().createSharedProject(admin, "proj-a", "Team project");
            auth.administration().assignMember(admin, "proj-a", alice, false); // SPEC 5.5 rules, project limit
            boolean member = auth.authenticate(aliceToken).hasProjectAccess("proj-a"); // true on her next request
            // README:platform:end

            assertThat(member).isTrue();
            store.close();
        }
        assertThat(readme()).contains(example("platform"));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("../README.md"));
    }

    private static String example(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/ai/codemie/auth/test/ReadmeExampleTest.java"));
        List<String> example = lines.subList(lines.indexOf(INDENT + "// README:" + name + ":begin") + 1,
                lines.indexOf(INDENT + "// README:" + name + ":end"));
        return example.stream().map(line -> line.startsWith(INDENT) ? line.substring(INDENT.length()) : line.strip())
                .collect(Collectors.joining("\n"));
    }
}
