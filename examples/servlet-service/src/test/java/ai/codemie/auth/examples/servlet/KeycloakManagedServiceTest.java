package ai.codemie.auth.examples.servlet;

import static ai.codemie.auth.examples.servlet.ServiceClient.array;
import static ai.codemie.auth.examples.servlet.ServiceClient.error;
import static ai.codemie.auth.examples.servlet.ServiceClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.RawHttp;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of the reference interface in Keycloak-managed mode, for every kind of caller, over real HTTP. */
@CodemieAuthTest
class KeycloakManagedServiceTest {

    private static final String PROJECT_DETAILS = "You do not have permission to access the project 'proj-a'.";
    private static final String PROJECT_ADMIN_DETAILS =
            "This action requires administrator or project administrator privileges for the project 'proj-a'.";
    private static final String KB_DETAILS = "You do not have permission to access the knowledge base 'kb-1'.";

    private static ServletService service;
    private static ServiceClient client;
    private static Map<String, String> tokens;

    @BeforeAll
    static void startService(TestTokens issuer) throws Exception {
        service = ServletService.start(environment(issuer));
        client = new ServiceClient(service.port());
        tokens = new HashMap<>();
        tokens.put("admin", issuer.forUser("admin-1").roles("admin").sign());
        tokens.put("maintainer", issuer.forUser("maintainer-1").roles("developer").sign());
        tokens.put("maintainer by role", issuer.forUser("maintainer-2").roles("developer", "maintainer").sign());
        tokens.put("project admin", issuer.forUser("pa-1").roles("developer").applicationsAdmin("proj-a").sign());
        tokens.put("member", issuer.forUser("member-1").roles("developer").applications("proj-a")
                .knowledgeBases("kb-1").sign());
        tokens.put("non-member", issuer.forUser("outsider-1").roles("developer").applications("proj-b")
                .knowledgeBases("kb-2").sign());
        tokens.put("no role", issuer.forUser("newcomer-1").applications("proj-a").knowledgeBases("kb-1").sign());
        tokens.put("external", issuer.forUser("ext-1").roles("developer").userType("external")
                .applications("proj-a").sign());
    }

    static Map<String, String> environment(TestTokens issuer) {
        return Map.of("PORT", "0", AuthSettings.JWKS_TRUSTED_ISSUERS.name(), issuer.trustedIssuersJson(),
                AuthSettings.MAINTAINER_USER_ID.name(), "maintainer-1", AuthSettings.MAINTAINER_ROLE_NAME.name(),
                        "maintainer");
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    /** caller, method, path, body, expected status, expected 403 details (null when allowed). */
    static Stream<Arguments> matrix() {
        List<Arguments> rows = new java.util.ArrayList<>();
        String[] allowedEverywhere = {"admin", "maintainer", "maintainer by role"};
        for (String caller : allowedEverywhere) {
            rows.add(Arguments.of(caller, "GET", "/v1/user", null, 200, null));
            rows.add(Arguments.of(caller, "GET", "/v1/projects/proj-a/assistants", null, 200, null));
            rows.add(Arguments.of(caller, "POST", "/v1/projects/proj-a/integrations", "{}", 201, null));
            rows.add(Arguments.of(caller, "GET", "/v1/knowledge-bases/kb-1", null, 200, null));
            rows.add(Arguments.of(caller, "POST", "/v1/admin/application", "{\"name\":\"app\"}", 201, null));
        }
        rows.add(Arguments.of("admin", "GET", "/v1/admin/users/u1/budgets", null, 403,
                Requirements.MAINTAINER_DETAILS));
        rows.add(Arguments.of("maintainer", "GET", "/v1/admin/users/u1/budgets", null, 200, null));
        rows.add(Arguments.of("maintainer by role", "GET", "/v1/admin/users/u1/budgets", null, 200, null));

        addRegular(rows, "project admin", 200, 201, KB_DETAILS);
        addRegular(rows, "member", 200, 403, null);
        addRegular(rows, "external", 200, 403, KB_DETAILS);
        rows.add(Arguments.of("non-member", "GET", "/v1/user", null, 200, null));
        rows.add(Arguments.of("non-member", "GET", "/v1/projects/proj-a/assistants", null, 403, PROJECT_DETAILS));
        rows.add(Arguments.of("non-member", "POST", "/v1/projects/proj-a/integrations", "{}", 403,
                PROJECT_ADMIN_DETAILS));
        rows.add(Arguments.of("non-member", "GET", "/v1/knowledge-bases/kb-1", null, 403, KB_DETAILS));
        rows.add(Arguments.of("non-member", "POST", "/v1/admin/application", "{\"name\":\"app\"}", 403,
                Requirements.ADMIN_DETAILS));
        rows.add(Arguments.of("non-member", "GET", "/v1/admin/users/u1/budgets", null, 403,
                Requirements.MAINTAINER_DETAILS));
        return rows.stream();
    }

    /** A regular (non-admin) caller with access to proj-a. */
    private static void addRegular(List<Arguments> rows, String caller, int assistants, int integrations,
                                   String kbDetails) {
        rows.add(Arguments.of(caller, "GET", "/v1/user", null, 200, null));
        rows.add(Arguments.of(caller, "GET", "/v1/projects/proj-a/assistants", null, assistants, null));
        rows.add(Arguments.of(caller, "POST", "/v1/projects/proj-a/integrations", "{}", integrations,
                integrations == 403 ? PROJECT_ADMIN_DETAILS : null));
        rows.add(Arguments.of(caller, "GET", "/v1/knowledge-bases/kb-1", null, kbDetails == null ? 200 : 403,
                kbDetails));
        rows.add(Arguments.of(caller, "POST", "/v1/admin/application", "{\"name\":\"app\"}", 403,
                Requirements.ADMIN_DETAILS));
        rows.add(Arguments.of(caller, "GET", "/v1/admin/users/u1/budgets", null, 403,
                Requirements.MAINTAINER_DETAILS));
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {4}")
    @MethodSource("matrix")
    void answersEachCallerAsTheContractSays(String caller, String method, String path, String body, int status,
                                            String details) throws Exception {
        HttpResponse<String> response = client.call(method, path, body, tokens.get(caller));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(error(response)).containsEntry("message", "Access denied").containsEntry("details", details)
                    .containsEntry("help", null);
        } else {
            assertSuccessBody(path, response);
        }
    }

    private static void assertSuccessBody(String path, HttpResponse<String> response) throws Exception {
        if (path.endsWith("/assistants") || path.endsWith("/budgets")) {
            assertThat(array(response)).isEmpty();
        } else if (path.endsWith("/integrations")) {
            assertThat(object(response)).isEqualTo(Map.of("project", "proj-a"));
        } else if (path.startsWith("/v1/knowledge-bases/")) {
            assertThat(object(response)).isEqualTo(Map.of("name", "kb-1"));
        } else if (path.equals("/v1/admin/application")) {
            assertThat(object(response)).isEqualTo(Map.of("name", "app"));
        } else {
            assertThat(object(response)).containsKeys("id", "is_admin");
        }
    }

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
                Arguments.of("GET", "/v1/user", null),
                Arguments.of("GET", "/v1/projects/proj-a/assistants", null),
                Arguments.of("POST", "/v1/projects/proj-a/integrations", "{}"),
                Arguments.of("GET", "/v1/knowledge-bases/kb-1", null),
                Arguments.of("POST", "/v1/admin/application", "{\"name\":\"app\"}"),
                Arguments.of("GET", "/v1/admin/users/u1/budgets", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void refusesACallerWithoutRoleAtTheSignInGate(String method, String path, String body) throws Exception {
        HttpResponse<String> response = client.call(method, path, body, tokens.get("no role"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).containsEntry("message", "Access denied")
                .containsEntry("details", SignInGate.DETAILS).containsEntry("help", SignInGate.HELP)
                .containsEntry("details", "No role is assigned to your account yet.")
                .containsEntry("help", "Ask an administrator to assign you a role, such as developer.");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void refusesAnonymousCallersWithABareChallenge(String method, String path, String body) throws Exception {
        HttpResponse<String> response = client.call(method, path, body, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(error(response)).containsEntry("message", "Authentication required")
                .containsEntry("details", null).containsEntry("help", null);
    }

    @Test
    void answersHealthToAnyone() throws Exception {
        HttpResponse<String> response = client.call("GET", "/v1/health", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(object(response)).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void describesTheCallerInSnakeCase() throws Exception {
        HttpResponse<String> response = client.call("GET", "/v1/user", null, tokens.get("member"));
        Map<String, Object> user = object(response);
        assertThat(user.keySet()).containsExactly("id", "username", "name", "email", "user_type", "roles",
                "is_admin", "is_maintainer", "applications", "applications_admin", "knowledge_bases",
                "project_limit");
        assertThat(user).containsEntry("id", "member-1").containsEntry("username", "member-1")
                .containsEntry("email", "member-1").containsEntry("user_type", "regular")
                .containsEntry("roles", List.of("developer")).containsEntry("is_admin", false)
                .containsEntry("is_maintainer", false).containsEntry("applications", List.of("proj-a"))
                .containsEntry("applications_admin", List.of()).containsEntry("knowledge_bases", List.of("kb-1"))
                .containsEntry("project_limit", null);
    }

    @Test
    void showsMaintainersAsAdminsAndExternalUsersAsExternal() throws Exception {
        assertThat(object(client.call("GET", "/v1/user", null, tokens.get("maintainer"))))
                .containsEntry("is_admin", true).containsEntry("is_maintainer", true);
        assertThat(object(client.call("GET", "/v1/user", null, tokens.get("maintainer by role"))))
                .containsEntry("is_maintainer", true);
        assertThat(object(client.call("GET", "/v1/user", null, tokens.get("admin"))))
                .containsEntry("is_admin", true).containsEntry("is_maintainer", false);
        assertThat(object(client.call("GET", "/v1/user", null, tokens.get("external"))))
                .containsEntry("user_type", "external");
    }

    @Test
    void refusesMalformedBodiesWith400() throws Exception {
        for (String body : new String[] {"not json", "[]", "", "{\"name\": 5}", "{}"}) {
            HttpResponse<String> response = client.call("POST", "/v1/admin/application", body, tokens.get("admin"));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(error(response)).containsEntry("message", "Invalid request body");
        }
        for (String body : new String[] {"{oops", "[]", "null", "", "{} {}"}) {
            HttpResponse<String> response = client.call("POST", "/v1/projects/proj-a/integrations", body,
                    tokens.get("project admin"));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(error(response)).containsEntry("message", "Invalid request body").containsEntry("details",
                    "The request body is missing or is not the JSON this endpoint expects: one JSON object, "
                            + "with each member name at most once.");
        }
    }

    @Test
    void checksPermissionBeforeReadingTheBody() throws Exception {
        assertThat(client.call("POST", "/v1/admin/application", "not json", tokens.get("member")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void answersPlatformManagedEndpointsWithUserManagementNotEnabled() throws Exception {
        String[][] endpoints = {
                {"POST", "/v1/projects", "{\"name\":\"p\",\"description\":\"d\"}"},
                {"POST", "/v1/projects/proj-a/assignment", "{\"user_id\":\"u\",\"is_project_admin\":false}"},
                {"DELETE", "/v1/projects/proj-a/assignment/u1", null},
                {"GET", "/v1/admin/users", null},
                {"GET", "/v1/admin/users/u1", null},
                {"PUT", "/v1/admin/users/u1", "{\"is_admin\":true}"},
                {"DELETE", "/v1/admin/users/u1", null}};
        for (String[] endpoint : endpoints) {
            HttpResponse<String> response = client.call(endpoint[0], endpoint[1], endpoint[2], tokens.get("admin"));
            assertThat(response.statusCode()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(400);
            assertThat(error(response)).containsEntry("message", "User management not enabled");
            assertThat(client.call(endpoint[0], endpoint[1], endpoint[2], null).statusCode()).isEqualTo(401);
        }
    }

    /** An answer given without reading the body ends the connection openly, so no client reuses a dropped one. */
    @Test
    void closesTheConnectionOpenlyWhenAnsweringBeforeTheBodyArrived() {
        for (String token : new String[] {tokens.get("admin"), null}) {
            String[] headers = token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
            RawHttp.Response response = RawHttp.sendUnfinished(service.port(), "POST", "/v1/projects", 4096,
                    "{\"name\":", headers);
            assertThat(response.status()).isEqualTo(token == null ? 401 : 400);
            assertThat(response.header("Connection")).hasValue("close");
        }
    }

    @Test
    void answersUnknownPathsWith404OnlyToSignedInCallers() throws Exception {
        assertThat(client.call("GET", "/v1/nothing-here", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = client.call("GET", "/v1/nothing-here", null, tokens.get("member"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).containsEntry("message", "Not Found");
    }
}
