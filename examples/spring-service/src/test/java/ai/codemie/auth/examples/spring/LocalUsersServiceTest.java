package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The README's platform-managed walk-through on the embedded default with local sign-in: the maintainer signs in,
 * creates a project and a second user, assigns her, and her very next request sees the project.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ENABLE_USER_MANAGEMENT=true", "IDP_PROVIDER=local", "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true",
    "MAINTAINER_USER_ID=" + LocalUsersServiceTest.MAINTAINER})
class LocalUsersServiceTest extends ServiceTest {

    static final String MAINTAINER = "00000000-0000-4000-8000-000000000001";

    @SuppressWarnings("unchecked")
    private String token(String body) {
        Map<String, Object> answer = call("POST", "/dev/token", null, body).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("access_token");
    }

    @SuppressWarnings("unchecked")
    private String createUser(String admin, String body) {
        Map<String, Object> user = call("POST", "/v1/admin/users", admin, body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) user.get("id");
    }

    @Test
    void maintainerCreatesAndAssignsASecondUser() {
        String root = token("{\"sub\":\"" + MAINTAINER + "\",\"email\":\"root@example.com\"}");
        call("POST", "/v1/projects", root, "{\"name\":\"team-a\",\"description\":\"Team project\"}").expectStatus()
                .isCreated();
        String alice = createUser(root, "{\"email\":\"alice@example.com\",\"name\":\"Alice\"}");
        call("GET", "/v1/admin/users/" + alice, root, null).expectStatus().isOk().expectBody()
                .jsonPath("$.username").isEqualTo("alice@example.com").jsonPath("$.name").isEqualTo("Alice")
                .jsonPath("$.is_admin").isEqualTo(false).jsonPath("$.project_limit").isEqualTo(3)
                .jsonPath("$.applications").isEqualTo(List.of("alice@example.com"));
        String aliceToken = token("{\"sub\":\"" + alice + "\",\"email\":\"alice@example.com\"}");
        call("GET", "/v1/projects/team-a/assistants", aliceToken, null).expectStatus().isForbidden();

        call("POST", "/v1/projects/team-a/assignment", root, "{\"user_id\":\"" + alice + "\",\"is_project_admin\":false}")
                .expectStatus().isCreated();

        call("GET", "/v1/projects/team-a/assistants", aliceToken, null).expectStatus().isOk();
        call("GET", "/v1/user", aliceToken, null).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(alice);
    }

    @Test
    void onlyAdminsCreateUsersAndEachEmailOnce() {
        String root = token("{\"sub\":\"" + MAINTAINER + "\",\"email\":\"root@example.com\"}");
        String bob = createUser(root, "{\"email\":\"bob@example.com\",\"username\":\"bob\"}");
        String bobToken = token("{\"sub\":\"" + bob + "\",\"email\":\"bob@example.com\"}");

        call("POST", "/v1/admin/users", bobToken, "{\"email\":\"carol@example.com\"}").expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details")
                .isEqualTo("This action requires administrator or maintainer privileges.");
        call("POST", "/v1/admin/users", root, "{\"email\":\"bob@example.com\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.message").isEqualTo("Email already registered");
        call("POST", "/v1/admin/users", root, "{\"username\":\"carol\"}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.details").isEqualTo("'email' must be a non-empty string.");
        call("POST", "/v1/admin/users", root, "{\"email\":\"carol@example.com\",\"is_admin\":true}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.details")
                .isEqualTo("Unknown member 'is_admin'; known members: email, name, username.");
    }

    @Test
    void tellsAnUnknownLocalUserWhatToDo() {
        call("GET", "/v1/user", token("{\"sub\":\"00000000-0000-4000-8000-0000000000ff\"}"), null).expectStatus()
                .isUnauthorized().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid credentials")
                .jsonPath("$.error.details").value(details -> assertThat((String) details)
                        .contains("created by an administrator"))
                .jsonPath("$.error.help").value(help -> assertThat((String) help).contains("MAINTAINER_USER_ID"));
    }
}
