package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's usage example and checks that the README still shows exactly this code. */
class ReadmeExampleTest {

    @Test
    void readmeUsageExampleRunsAndIsWhatTheReadmeShows() throws IOException {
        try (TestTokens idp = TestTokens.start()) {
            String issuer = idp.issuer();
            URI jwksUri = idp.jwksUri();
            String bearerToken = idp.forUser("alice").roles("developer").applications("proj-a").sign();
            StringBuilder log = new StringBuilder();

            // README:begin
            AuthSettings settings = AuthSettings.builder()                  // or AuthSettings.fromEnvironment(System.getenv())
                    .addTrustedIssuer(TrustedIssuer.withJwks(issuer, "codemie", jwksUri, ClaimPreset.KEYCLOAK))
                    .build();                                                // a bad setting stops startup here
            CodemieAuth auth = CodemieAuth.builder(settings).build();        // one per application, thread-safe

            EffectivePermissions caller = auth.authenticate(bearerToken);    // 401, 403 (sign-in gate), 503: exceptions
            Decision decision = auth.authorize(caller, Requirements.projectAccess("proj-b"));
            if (decision.denied()) {                                         // decision.orThrow() throws the 403 instead
                log.append(decision.reason().code()).append(": ").append(decision.problem().details());
            }
            // README:end

            assertThat(caller.id()).isEqualTo("alice");
            assertThat(caller.projects()).containsExactly("proj-a");
            assertThat(decision.reason()).isEqualTo(new DenyReason.NotProjectMember("proj-b"));
            assertThat(log).hasToString(
                    "not_project_member: You do not have permission to access the project 'proj-b'.");
        }
        assertThat(Files.readString(Path.of("../README.md"))).contains(exampleFromThisFile());
    }

    private static String exampleFromThisFile() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/ai/codemie/auth/test/ReadmeExampleTest.java"));
        List<String> example = lines.subList(lines.indexOf("            // README:begin") + 1,
                lines.indexOf("            // README:end"));
        return example.stream().map(line -> line.length() >= 12 ? line.substring(12) : line.strip())
                .collect(Collectors.joining("\n"));
    }
}
