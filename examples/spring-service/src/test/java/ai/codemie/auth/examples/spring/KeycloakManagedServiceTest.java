package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;

/** Keycloak-managed mode over real HTTP: every endpoint of the reference service for every kind of caller. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "MAINTAINER_USER_ID=maintainer-1")
@CodemieTestIssuer
class KeycloakManagedServiceTest extends ServiceTest {

    /** The kinds of caller, each a token as Keycloak would issue it. */
    enum Caller {
        ADMIN, MAINTAINER, PROJECT_ADMIN, MEMBER, NON_MEMBER, NO_ROLE, EXTERNAL;

        String token(TestTokens tokens) {
            return switch (this) {
                case ADMIN -> tokens.forUser("admin-1").roles("admin", "developer").sign();
                case MAINTAINER -> tokens.forUser("maintainer-1").roles("developer").sign();
                case PROJECT_ADMIN -> tokens.forUser("lead-1").roles("developer").applicationsAdmin("proj-a").sign();
                case MEMBER -> tokens.forUser("member-1").roles("developer").applications("proj-a")
                        .knowledgeBases("kb-1").sign();
                case NON_MEMBER -> tokens.forUser("outsider-1").roles("developer").applications("proj-b").sign();
                case NO_ROLE -> tokens.forUser("newcomer-1").applications("proj-a").sign();
                case EXTERNAL -> tokens.forUser("guest-1").roles("developer").userType("external")
                        .applications("proj-a").sign();
            };
        }
    }

    @Autowired
    TestTokens tokens;

    static Stream<Arguments> contract() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, "GET", "/v1/user", null, 200, 200, 200, 200, 200, 403, 200);
        row(rows, "GET", "/v1/projects/proj-a/assistants", null, 200, 200, 200, 200, 403, 403, 200);
        row(rows, "POST", "/v1/projects/proj-a/integrations", "{}", 201, 201, 201, 403, 403, 403, 403);
        row(rows, "GET", "/v1/knowledge-bases/kb-1", null, 200, 200, 403, 200, 403, 403, 403);
        row(rows, "POST", "/v1/admin/application", "{\"name\":\"app-1\"}", 201, 201, 403, 403, 403, 403, 403);
        row(rows, "GET", "/v1/admin/users/member-1/budgets", null, 403, 200, 403, 403, 403, 403, 403);
        // platform-managed endpoints: the annotation first, then 400 "User management not enabled"
        row(rows, "POST", "/v1/projects", "{\"name\":\"p1\",\"description\":\"d\"}", 400, 400, 400, 400, 400, 403,
                400);
        row(rows, "POST", "/v1/projects/proj-a/assignment", "{\"user_id\":\"x\",\"is_project_admin\":false}", 400,
                400, 400, 400, 400, 403, 400);
        row(rows, "DELETE", "/v1/projects/proj-a/assignment/x", null, 400, 400, 400, 400, 400, 403, 400);
        row(rows, "GET", "/v1/admin/users", null, 400, 400, 403, 403, 403, 403, 403);
        row(rows, "POST", "/v1/admin/users", "{\"email\":\"x@example.com\"}", 400, 400, 403, 403, 403, 403, 403);
        row(rows, "GET", "/v1/admin/users/member-1", null, 400, 400, 403, 403, 403, 403, 403);
        row(rows, "PUT", "/v1/admin/users/member-1", "{\"project_limit\":5}", 400, 400, 403, 403, 403, 403, 403);
        row(rows, "DELETE", "/v1/admin/users/member-1", null, 400, 400, 403, 403, 403, 403, 403);
        return rows.stream();
    }

    /** One endpoint's statuses for ADMIN, MAINTAINER, PROJECT_ADMIN, MEMBER, NON_MEMBER, NO_ROLE, EXTERNAL. */
    private static void row(List<Arguments> rows, String method, String path, String body, int... statuses) {
        Caller[] callers = Caller.values();
        for (int i = 0; i < callers.length; i++) {
            rows.add(Arguments.of(method, path, body, callers[i], statuses[i]));
        }
    }

    @ParameterizedTest(name = "{0} {1} as {3} -> {4}")
    @MethodSource("contract")
    void answersEveryEndpointForEveryKindOfCaller(String method, String path, String body, Caller caller,
            int status) {
        var response = call(method, path, caller.token(tokens), body).expectStatus().isEqualTo(status);
        if (status == 403) {
            response.expectBody().jsonPath("$.error.message").isEqualTo("Access denied")
                    .jsonPath("$.error.details").hasJsonPath().jsonPath("$.error.help").hasJsonPath();
        } else if (status == 400) {
            response.expectBody().json("""
                    {"error": {"message": "User management not enabled", "details": null, "help": null}}""");
        }
    }

    @Test
    void healthIsPublic() {
        call("GET", "/v1/health", null, null).expectStatus().isOk().expectBody().json("{\"status\":\"ok\"}");
    }

    @Test
    void showsTheCallerInSnakeCase() {
        call("GET", "/v1/user", Caller.MEMBER.token(tokens), null).expectStatus().isOk().expectBody().json("""
                {"id": "member-1", "username": "member-1", "user_type": "regular", "roles": ["developer"],
                 "is_admin": false, "is_maintainer": false, "applications": ["proj-a"], "applications_admin": [],
                 "knowledge_bases": ["kb-1"], "project_limit": null}""");
        call("GET", "/v1/user", Caller.EXTERNAL.token(tokens), null).expectBody().jsonPath("$.user_type")
                .isEqualTo("external");
        call("GET", "/v1/user", Caller.MAINTAINER.token(tokens), null).expectBody()
                .jsonPath("$.is_maintainer").isEqualTo(true).jsonPath("$.is_admin").isEqualTo(true);
    }

    @Test
    void deniesWithThePlatformsTexts() {
        call("GET", "/v1/projects/proj-a/assistants", Caller.NON_MEMBER.token(tokens), null).expectStatus().isForbidden()
                .expectBody().json("""
                        {"error": {"message": "Access denied",
                         "details": "You do not have permission to access the project 'proj-a'.", "help": null}}""");
        call("POST", "/v1/admin/application", Caller.MEMBER.token(tokens), "{\"name\":\"x\"}").expectBody()
                .jsonPath("$.error.details").isEqualTo("This action requires administrator or maintainer privileges.");
        call("GET", "/v1/admin/users/x/budgets", Caller.ADMIN.token(tokens), null).expectBody()
                .jsonPath("$.error.details").isEqualTo("This action requires maintainer privileges.");
        call("GET", "/v1/user", Caller.NO_ROLE.token(tokens), null).expectStatus().isForbidden().expectBody().json("""
                {"error": {"message": "Access denied", "details": "No role is assigned to your account yet.",
                 "help": "Ask an administrator to assign you a role, such as developer."}}""");
    }

    @Test
    void refusesAForgedTokenWith401() {
        String forged = tokens.forUser("admin-1").roles("admin").signWithUntrustedKey();
        call("GET", "/v1/user", forged, null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.error.message").exists().jsonPath("$.error.details").hasJsonPath();
    }

    @Test
    void refusesAnExpiredTokenWith401() {
        String expired = tokens.forUser("member-1").roles("developer").expired().sign();
        call("GET", "/v1/user", expired, null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).containsIgnoringCase(
                        "expired"));
    }

    @Test
    void refusesARequestWithoutTokenWith401() {
        call("GET", "/v1/user", null, null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().json("""
                        {"error": {"message": "Authentication required", "details": null, "help": null}}""");
    }

    @Test
    void acceptsALargeKeycloakToken() {
        List<String> projects = new ArrayList<>();
        String token = "";
        while (token.length() < 15 * 1024) {
            projects.add("project-with-a-long-name-" + projects.size());
            token = tokens.forUser("member-1").roles("developer").applications(projects.toArray(String[]::new))
                    .sign();
        }
        assertThat(token.length()).isLessThanOrEqualTo(16 * 1024);
        call("GET", "/v1/projects/" + projects.get(projects.size() - 1) + "/assistants", token, null)
                .expectStatus().isOk();
    }

    @Test
    void answersAMalformedBodyWith400Envelope() {
        call("POST", "/v1/projects/proj-a/integrations", Caller.ADMIN.token(tokens), "not json").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.message").isEqualTo("Invalid request body");
        call("POST", "/v1/admin/application", Caller.ADMIN.token(tokens), "{}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details").isEqualTo("'name' must be a non-empty string.");
    }

    @Test
    void answersUserManagementNotEnabledWhateverTheBody() {
        String notEnabled = """
                {"error": {"message": "User management not enabled", "details": null, "help": null}}""";
        call("POST", "/v1/projects", Caller.MEMBER.token(tokens), "{}").expectStatus().isBadRequest().expectBody()
                .json(notEnabled);
        call("POST", "/v1/projects/proj-a/assignment", Caller.ADMIN.token(tokens), "{\"user_id\":7}").expectStatus()
                .isBadRequest().expectBody().json(notEnabled);
        call("PUT", "/v1/admin/users/member-1", Caller.ADMIN.token(tokens), "{\"colour\":\"red\"}").expectStatus()
                .isBadRequest().expectBody().json(notEnabled);
    }

    @Test
    void answersTheFrameworksOwnErrorsInTheErrorEnvelope() {
        call("GET", "/v1/no-such-endpoint", Caller.ADMIN.token(tokens), null).expectStatus().isNotFound().expectBody()
                .json("""
                        {"error": {"message": "Not Found", "details": null, "help": null}}""", JsonCompareMode.STRICT);
        call("PUT", "/v1/user", Caller.ADMIN.token(tokens), null).expectStatus().isEqualTo(405).expectBody()
                .json("""
                        {"error": {"message": "Method Not Allowed", "details": "Allowed methods: GET.", "help": null}}""",
                        JsonCompareMode.STRICT);
        http().post().uri("/v1/admin/application").header("Authorization", "Bearer " + Caller.ADMIN.token(tokens))
                .header("Content-Type", "text/plain").body("name=x").exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.error.message").isEqualTo("Unsupported Media Type")
                .jsonPath("$.error.details").value(details -> assertThat((String) details)
                        .startsWith("Supported content types: ").contains("application/json"));
        call("POST", "/v1/admin/application", Caller.ADMIN.token(tokens), "[1, 2").expectStatus().isBadRequest()
                .expectBody().json("""
                        {"error": {"message": "Invalid request body",
                         "details": "The request body is missing or is not the JSON this endpoint expects: \
                        one JSON object, with each member name at most once.",
                         "help": null}}""", JsonCompareMode.STRICT);
    }

    @Test
    void hasNoDevelopmentTokenEndpointOutsideTheEmbeddedDefault() {
        call("POST", "/dev/token", null, "{\"sub\":\"x\"}").expectStatus().isUnauthorized();
        call("POST", "/dev/token", Caller.ADMIN.token(tokens), "{\"sub\":\"x\"}").expectStatus().isNotFound();
    }
}
