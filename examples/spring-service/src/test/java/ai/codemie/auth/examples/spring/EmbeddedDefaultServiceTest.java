package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer).containsEntry("token_type", "Bearer").containsKey("access_token");
        String token = (String) answer.get("access_token");
        call("GET", "/v1/user", token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo("alice").jsonPath("$.applications[0]").isEqualTo("proj-a");
        call("GET", "/v1/projects/proj-a/assistants", token, null).expectStatus().isOk();
        call("GET", "/v1/projects/proj-b/assistants", token, null).expectStatus().isForbidden();
    }

    @Test
    void demoTokenCannotChooseItsIssuerOrLifetime() {
        call("POST", "/dev/token", null, "{\"sub\":\"alice\",\"iss\":\"https://elsewhere\"}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.message").isEqualTo("Invalid request body");
        call("POST", "/dev/token", null, "{\"sub\":\"alice\",\"exp\":4102444800}").expectStatus().isBadRequest();
        call("POST", "/dev/token", null, "{}").expectStatus().isBadRequest();
    }
}
