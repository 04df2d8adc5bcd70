package ai.codemie.auth.examples.servlet;

import static ai.codemie.auth.examples.servlet.ServiceClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forged, expired and ambiguous requests, large headers and outages, end to end over real HTTP. */
@CodemieAuthTest
class FailureModesServiceTest {

    private static ServletService service;
    private static ServiceClient client;

    @BeforeAll
    static void startService(TestTokens issuer) throws Exception {
        service = ServletService.start(KeycloakManagedServiceTest.environment(issuer));
        client = new ServiceClient(service.port());
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void refusesAForgedTokenWithInvalidToken(TestTokens issuer) throws Exception {
        String forged = issuer.forUser("admin-1").roles("admin").signWithUntrustedKey();
        HttpResponse<String> response = client.call("GET", "/v1/user", null, forged);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(error(response).get("message")).isNotNull();
        assertThat(response.body()).doesNotContain(forged).doesNotContain(forged.substring(0, 20));
    }

    @Test
    void refusesAnExpiredTokenWithInvalidToken(TestTokens issuer) throws Exception {
        HttpResponse<String> response = client.call("GET", "/v1/user", null,
                issuer.forUser("member-1").roles("developer").expired().sign());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(error(response).get("message")).asString().containsIgnoringCase("expired");
    }

    @Test
    void refusesHeaderAndCookieTogetherAsAmbiguous(TestTokens issuer) throws Exception {
        String token = issuer.forUser("member-1").roles("developer").sign();
        assertAmbiguous(client.send("GET", "/v1/user", null, "Authorization", "Bearer " + token,
                "Cookie", "codemie_access_token=" + token));
        assertAmbiguous(client.send("GET", "/v1/user", null, "Authorization", "Bearer " + token,
                "Authorization", "Bearer " + token));
    }

    @Test
    void acceptsTheTokenInTheCookieBesideBasicAuthorization(TestTokens issuer) throws Exception {
        String token = issuer.forUser("member-1").roles("developer").sign();
        HttpResponse<String> response = client.send("GET", "/v1/user", null, "Authorization", "Basic dTpw",
                "Cookie", "codemie_access_token=" + token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ServiceClient.object(response)).containsEntry("id", "member-1");
    }

    @Test
    void acceptsRequestHeadersOfMoreThan32KiB(TestTokens issuer) throws Exception {
        // a token near the 16 KiB token limit, like Keycloak's with many roles, plus other large headers
        String[] projects = new String[800];
        for (int i = 0; i < projects.length; i++) {
            projects[i] = "project-" + i;
        }
        String token = issuer.forUser("member-1").roles("developer").applications(projects).sign();
        assertThat(token.length()).isBetween(14 * 1024, 16 * 1024);
        String padding = "x".repeat(18 * 1024);
        HttpResponse<String> response = client.send("GET", "/v1/projects/project-799/assistants", null,
                "Authorization", "Bearer " + token, "X-Padding", padding);
        assertThat(token.length() + padding.length()).isGreaterThan(32 * 1024);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answers503WithRetryAfterWhenTheIdentityProvidersKeysCannotBeFetched(TestTokens issuer) throws Exception {
        issuer.jwksAvailable(false);
        try (ServletService noKeys = ServletService.start(KeycloakManagedServiceTest.environment(issuer))) {
            HttpResponse<String> response = new ServiceClient(noKeys.port()).call("GET", "/v1/user", null,
                    issuer.forUser("member-1").roles("developer").sign());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(error(response)).containsEntry("message", "Token validation unavailable");
        } finally {
            issuer.jwksAvailable(true);
        }
    }

    @Test
    void answersRequestsJettyRefusesWithTheEnvelope(TestTokens issuer) throws Exception {
        String token = issuer.forUser("member-1").roles("developer").sign();
        HttpResponse<String> tooLarge = client.send("GET", "/v1/user", null, "Authorization", "Bearer " + token,
                "X-Padding", "x".repeat(ServletService.REQUEST_HEADER_BYTES));
        assertThat(tooLarge.statusCode()).isEqualTo(431);
        assertThat(error(tooLarge)).containsEntry("message", "Request Header Fields Too Large");
        HttpResponse<String> ambiguousPath = client.send("GET", "/v1/projects/a%2Fb/assistants", null,
                "Authorization", "Bearer " + token);
        assertThat(ambiguousPath.statusCode()).isEqualTo(400);
        assertThat(error(ambiguousPath).get("message")).isNotNull();
    }

    private static void assertAmbiguous(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_request\"");
        assertThat(error(response)).containsEntry("message", "Ambiguous authentication");
    }
}
