package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;

/**
 * The README's quick start: {@code IDP_PROVIDER=local CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true}, no identity
 * provider and no database; a demo token from {@code POST /dev/token} signs the caller in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultServiceTest extends ServiceTest {

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("IDP_PROVIDER", () -> "local");
        registry.add("CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", () -> "true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void demoTokenSignsTheCallerIn() {
        Map<String, Object> answer = call("POST", "/dev/token", null,
                "{\"sub\":\"alice\",\"email\":\"alice@example.com\",\"roles\":[\"developer\"],\"applications\":[\"proj-a\"]}")
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
                .containsKey("access_token");
        String token = (String) answer.get("access_token");
        call("GET", "/v1/user", token, null).expectStatus().isOk().expectBody().json("""
                {"id": "alice", "username": "alice", "name": null, "email": "alice@example.com",
                 "user_type": "regular", "roles": ["developer"], "is_admin": false, "is_maintainer": false,
                 "applications": ["proj-a"], "applications_admin": [], "knowledge_bases": [], "project_limit": null}""",
                JsonCompareMode.STRICT);
        call("GET", "/v1/projects/proj-a/assistants", token, null).expectStatus().isOk();
        call("GET", "/v1/projects/proj-b/assistants", token, null).expectStatus().isForbidden();
    }

    /** The same answers as the servlet service's development token endpoint: both tests read one table. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(files = "../dev-token-refusals.csv", delimiter = '|', quoteCharacter = '`')
    void refusesADemoTokenBodyItCannotTake(String body, String details) {
        call("POST", "/dev/token", null, body).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid request body")
                .jsonPath("$.error.details").isEqualTo(details);
    }
}
