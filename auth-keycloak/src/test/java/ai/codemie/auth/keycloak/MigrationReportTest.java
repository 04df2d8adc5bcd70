package ai.codemie.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationReportTest {

    @Test
    void writesTheCountsAndEveryUserAsOneJsonObject() {
        MigrationReport report = new MigrationReport(false, List.of(
                new UserOutcome("id-1", "a@example.com", Outcome.CREATED, null),
                new UserOutcome("id-2", null, Outcome.SKIPPED, "no_email"),
                new UserOutcome("id-3", "c@example.com", Outcome.FAILED, "another user has 'ü<&>\"'")));

        assertThat(report.toJson()).isEqualTo("{\"created\":1,\"skipped\":1,\"failed\":1,\"dry_run\":false,"
                + "\"users\":[{\"id\":\"id-1\",\"email\":\"a@example.com\",\"outcome\":\"created\",\"reason\":null},"
                + "{\"id\":\"id-2\",\"email\":null,\"outcome\":\"skipped\",\"reason\":\"no_email\"},"
                + "{\"id\":\"id-3\",\"email\":\"c@example.com\",\"outcome\":\"failed\","
                + "\"reason\":\"another user has 'ü<&>\\\"'\"}]}");
    }

    @Test
    void writesAnEmptyReport() throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(MigrationReport.empty(true).toJson());

        assertThat(json).containsEntry("created", 0L).containsEntry("skipped", 0L).containsEntry("failed", 0L)
                .containsEntry("dry_run", true).containsEntry("users", List.of());
    }

    @Test
    void summarisesInOneLine() {
        MigrationReport report = new MigrationReport(true, List.of(
                new UserOutcome("id-1", "a@example.com", Outcome.CREATED, null)));

        assertThat(report.summary()).isEqualTo("Keycloak migration dry run: would create 1, skipped 0, failed 0 of 1 "
                + "users");
    }
}
