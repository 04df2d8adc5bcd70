package ai.codemie.auth.examples.quickstart;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer                                      // the service trusts the test kit's token issuer
class AssistantControllerTest {

    @Autowired
    TestTokens tokens;                                  // mints real signed tokens of that issuer

    @LocalServerPort
    int port;

    @Test
    void membersListTheirProjectsAssistantsOnly() {
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String alice = tokens.forUser("alice").roles("developer").applications("proj-a").sign();

        http.get().uri("/v1/projects/proj-a/assistants").header("Authorization", "Bearer " + alice).exchange()
                .expectStatus().isOk().expectBody().json("[\"proj-a-helper\"]");
        http.get().uri("/v1/projects/proj-b/assistants").header("Authorization", "Bearer " + alice).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("You do not have permission to access the project 'proj-b'.");
        http.get().uri("/v1/me").exchange().expectStatus().isUnauthorized();
    }
}
