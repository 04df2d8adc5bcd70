package ai.codemie.auth.examples.servlet;

import static ai.codemie.auth.examples.servlet.ServiceClient.error;
import static ai.codemie.auth.examples.servlet.ServiceClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The embedded default: local issuer with a generated key and the development token endpoint. */
@CodemieAuthTest
class DevTokenServiceTest {

    private static ServletService service;
    private static ServiceClient client;

    @BeforeAll
    static void startService() throws Exception {
        service = ServletService.start(Map.of("PORT", "0", "IDP_PROVIDER", "local",
                "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true"));
        client = new ServiceClient(service.port());
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void issuesDemoTokensThatTheServiceAccepts() throws Exception {
        HttpResponse<String> issued = client.send("POST", "/dev/token", """
                {"sub": "alice", "email": "alice@example.com", "roles": ["developer"],
                 "applications": ["proj-a"], "knowledge_bases": ["kb-1"]}""");
        assertThat(issued.statusCode()).isEqualTo(200);
        Map<String, Object> body = object(issued);
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);
        String token = (String) body.get("access_token");

        Map<String, Object> user = object(client.call("GET", "/v1/user", null, token));
        assertThat(user).containsEntry("id", "alice").containsEntry("username", "alice").containsEntry("name", null)
                .containsEntry("email", "alice@example.com")
                .containsEntry("roles", List.of("developer")).containsEntry("applications", List.of("proj-a"))
                .containsEntry("knowledge_bases", List.of("kb-1"));
        assertThat(client.call("GET", "/v1/projects/proj-a/assistants", null, token).statusCode()).isEqualTo(200);
        assertThat(client.call("GET", "/v1/projects/proj-b/assistants", null, token).statusCode()).isEqualTo(403);
    }

    @Test
    void issuesAdminTokensOnRequest() throws Exception {
        String token = (String) object(client.send("POST", "/dev/token", "{\"sub\":\"root\",\"roles\":[\"admin\"]}"))
                .get("access_token");
        assertThat(client.call("POST", "/v1/admin/application", "{\"name\":\"app\"}", token).statusCode())
                .isEqualTo(201);
    }

    /** The same answers as the Spring service's development token endpoint: both tests read one table. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(files = "../dev-token-refusals.csv", delimiter = '|', quoteCharacter = '`')
    void refusesADemoTokenBodyItCannotTake(String body, String details) throws Exception {
        HttpResponse<String> response = client.send("POST", "/dev/token", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).containsEntry("message", "Invalid request body").containsEntry("details", details);
    }

    @Test
    void doesNotExistOutsideTheDevelopmentDefault(TestTokens issuer) throws Exception {
        try (ServletService regular = ServletService.start(KeycloakManagedServiceTest.environment(issuer))) {
            ServiceClient regularClient = new ServiceClient(regular.port());
            String body = "{\"sub\":\"root\",\"roles\":[\"admin\"]}";
            assertThat(regularClient.send("POST", "/dev/token", body).statusCode()).isEqualTo(401);
            String member = issuer.forUser("member-1").roles("developer").sign();
            HttpResponse<String> response = regularClient.call("POST", "/dev/token", body, member);
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }
}
