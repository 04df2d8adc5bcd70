package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.error.Problem;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorResponseWriterTest {

    @Test
    void writesAllThreeMembersWithNullsWhenEmpty() throws Exception {
        String json = ErrorResponseWriter.json(Problem.of(Problem.Status.UNAUTHENTICATED, "x", "Token expired"));
        assertThat(json).isEqualTo("{\"error\":{\"message\":\"Token expired\",\"details\":null,\"help\":null}}");
        Map<String, Object> error = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(json), "error");
        assertThat(error).containsOnlyKeys("message", "details", "help");
    }

    @Test
    void escapesTextAsJson() throws Exception {
        Problem problem = new Problem(Problem.Status.FORBIDDEN, "x", "Access denied",
                "You do not have permission to access the project '\"quoted\"\\\n'.", "");
        Map<String, Object> error = JSONObjectUtils.getJSONObject(
                JSONObjectUtils.parse(ErrorResponseWriter.json(problem)), "error");
        assertThat(error.get("details")).isEqualTo(problem.details());
        assertThat(error.get("help")).isNull();
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsAndAtLeastOne() {
        assertThat(ErrorResponseWriter.retryAfterSeconds(Duration.ofSeconds(5))).isEqualTo("5");
        assertThat(ErrorResponseWriter.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(ErrorResponseWriter.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
        assertThat(ErrorResponseWriter.retryAfterSeconds(Duration.ofMinutes(2))).isEqualTo("120");
    }
}
