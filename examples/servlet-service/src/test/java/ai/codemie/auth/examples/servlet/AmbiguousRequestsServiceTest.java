package ai.codemie.auth.examples.servlet;

import static ai.codemie.auth.examples.servlet.ServiceClient.error;
import static ai.codemie.auth.examples.servlet.ServiceClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.RawHttp;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that read two ways, over real HTTP on Jetty: a request is decided on exactly what the handler gets, or
 * refused with 400 and changes nothing.
 */
@CodemieAuthTest
class AmbiguousRequestsServiceTest {

    private static final String MAINTAINER = UUID.randomUUID().toString();
    private static final String DUPLICATE = "The request body is missing or is not the JSON this endpoint expects: "
            + "one JSON object, with each member name at most once.";

    private final String memberId = UUID.randomUUID().toString();
    private final String otherId = UUID.randomUUID().toString();

    private TestTokens issuer;
    private ServletService service;
    private ServiceClient client;

    @BeforeEach
    void startService(TestTokens issuer) throws Exception {
        this.issuer = issuer;
        service = ServletService.start(Map.of("PORT", "0", AuthSettings.ENABLE_USER_MANAGEMENT.name(), "true",
                AuthSettings.JWKS_TRUSTED_ISSUERS.name(), issuer.trustedIssuersJson(),
                AuthSettings.MAINTAINER_USER_ID.name(), MAINTAINER));
        client = new ServiceClient(service.port());
    }

    @AfterEach
    void stopService() throws Exception {
        service.close();
    }

    /** Finding 8a: the lenient parser kept the last of two members, so {"is_admin":false,"is_admin":true} promoted. */
    @Test
    void duplicateMembersInAdministrationBodiesAreRefusedAndChangeNothing() throws Exception {
        String member = issuer.forUser(memberId).roles("developer").applications("proj-a").sign();
        String maintainer = issuer.forUser(MAINTAINER).sign();
        client.call("GET", "/v1/user", null, member);
        client.call("GET", "/v1/user", null, issuer.forUser(otherId).roles("developer").sign());

        assertDuplicateRefused("PUT", "/v1/admin/users/" + memberId, "{\"is_admin\":false,\"is_admin\":true}",
                maintainer);
        assertDuplicateRefused("PUT", "/v1/admin/users/" + memberId, "{\"project_limit\":1,\"project_limit\":null}",
                maintainer);
        assertThat(object(client.call("GET", "/v1/admin/users/" + memberId, null, maintainer)))
                .containsEntry("is_admin", false).containsEntry("project_limit", 3L);

        assertDuplicateRefused("POST", "/v1/projects", "{\"name\":\"team-x\",\"name\":\"team-y\",\"description\":\"d\"}",
                member);
        assertThat(client.call("POST", "/v1/projects", "{\"name\":\"team-y\",\"description\":\"d\"}", member)
                .statusCode()).isEqualTo(201);
        assertDuplicateRefused("POST", "/v1/projects/team-y/assignment",
                "{\"user_id\":\"" + memberId + "\",\"user_id\":\"" + otherId + "\"}", member);
        assertDuplicateRefused("POST", "/v1/projects/team-y/assignment",
                "{\"user_id\":\"" + otherId + "\",\"is_project_admin\":false,\"is_project_admin\":true}", member);
        assertThat(object(client.call("GET", "/v1/admin/users/" + otherId, null, maintainer)).get("applications"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).doesNotContain("team-y");

        assertDuplicateRefused("POST", "/v1/admin/application", "{\"name\":\"app-1\",\"name\":\"app-2\"}",
                maintainer);
        assertDuplicateRefused("POST", "/v1/projects/proj-a/integrations", "{\"a\":{\"b\":1,\"b\":2}}", maintainer);
    }

    /** The development token endpoint reads its body the same way. */
    @Test
    void duplicateMembersInADevelopmentTokenRequestAreRefused() throws Exception {
        try (ServletService dev = ServletService.start(Map.of("PORT", "0", "IDP_PROVIDER", "local",
                "CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY", "true"))) {
            HttpResponse<String> response = new ServiceClient(dev.port()).send("POST", "/dev/token",
                    "{\"sub\":\"alice\",\"roles\":[\"developer\"],\"roles\":[\"admin\"]}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response)).containsEntry("message", "Invalid request body")
                    .containsEntry("details", DUPLICATE);
        }
    }

    /**
     * Finding 2: Jetty dispatches on the normalised path (path parameters dropped, dot segments resolved) while a
     * router reading the raw URI sees another; such a path is refused, by the filter or by Jetty itself, in the
     * envelope, and never reaches a handler. Case and a trailing slash, which other routers ignore, are refused too.
     */
    @Test
    void refusesAPathThatReadsDifferentlyRawAndDecoded() throws Exception {
        String member = issuer.forUser(memberId).roles("developer").applications("proj-a").sign();
        String[] byTheFilter = {"/v1/projects/proj-a;x=y/assistants", "/v1/projects/proj-a;jsessionid=1/assistants",
                "/v1/projects;x/proj-a/assistants", "/v1/projects/./proj-a/assistants",
                "/v1/projects/x/../proj-a/assistants", "/v1/projects/proj-b/assistants/../../../health",
                "/v1/projects/proj-a/assistants/", "/V1/projects/proj-a/assistants", "/v1/Health"};
        for (String path : byTheFilter) {
            RawHttp.Response response = RawHttp.send(service.port(), "GET", path, null,
                    "Authorization", "Bearer " + member);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(envelope(response)).as(path).containsEntry("message", "Invalid request path");
        }
        String[] byJetty = {"/v1/projects/proj-a%2Fb/assistants", "/v1/projects/proj-a%2fb/assistants",
                "/v1/projects/proj-a%5Cb/assistants", "/v1/projects/proj-a\\b/assistants",
                "/v1/projects/%2e/proj-a/assistants", "/v1/projects/x/%2e%2e/proj-a/assistants",
                "/v1//projects/proj-a/assistants", "/v1/projects/proj-a%25/assistants",
                "/v1/projects/proj-a%00/assistants", "/v1/projects/..;/proj-a/assistants"};
        for (String path : byJetty) {
            RawHttp.Response response = RawHttp.send(service.port(), "GET", path, null,
                    "Authorization", "Bearer " + member);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(envelope(response)).as(path).containsKey("message");
        }
        assertThat(RawHttp.send(service.port(), "GET", "/v1/projects/proj%2Da/assistants", null,
                "Authorization", "Bearer " + member).status()).isEqualTo(200);
        assertThat(RawHttp.send(service.port(), "GET", "/v1/projects/proj%2Db/assistants", null,
                "Authorization", "Bearer " + member).status()).isEqualTo(403);
    }

    private void assertDuplicateRefused(String method, String path, String body, String token) throws Exception {
        HttpResponse<String> response = client.call(method, path, body, token);
        assertThat(response.statusCode()).as(method + " " + path + " " + body).isEqualTo(400);
        assertThat(error(response)).as(body).containsEntry("message", "Invalid request body")
                .containsEntry("details", DUPLICATE);
    }

    private static Map<String, Object> envelope(RawHttp.Response response) throws Exception {
        return error(response.header("Content-Type"), response.body());
    }
}
