package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.web.EndpointReport;
import ai.codemie.auth.test.TestCallers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Every access annotation over real HTTP, for each kind of caller, with deny-by-default on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCallersConfiguration.class)
class AccessAnnotationsHttpTest extends ServerHttpTest {

    static final EffectivePermissions ADMIN = TestCallers.user("admin").roles(List.of("admin")).admin(true).build();
    static final EffectivePermissions MAINTAINER = TestCallers.user("maintainer").maintainer(true).build();
    static final EffectivePermissions PROJECT_ADMIN = TestCallers.user("lead").roles(List.of("developer"))
            .projects(List.of("proj-a")).adminProjects(List.of("proj-a")).build();
    static final EffectivePermissions MEMBER = TestCallers.user("member").roles(List.of("developer"))
            .projects(List.of("proj-a")).knowledgeBases(List.of("kb-1")).build();
    static final EffectivePermissions NON_MEMBER = TestCallers.user("outsider").roles(List.of("developer")).build();
    static final EffectivePermissions NO_ROLE = TestCallers.user("newcomer").build();

    @Autowired
    EndpointReport report;

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("GET", "/me", Map.of(ADMIN, 200, NO_ROLE, 200)),
                Arguments.of("GET", "/developer", Map.of(MEMBER, 200, ADMIN, 403, NO_ROLE, 403)),
                Arguments.of("POST", "/admin", Map.of(ADMIN, 200, MAINTAINER, 200, PROJECT_ADMIN, 403, MEMBER, 403)),
                Arguments.of("GET", "/admin-only", Map.of(ADMIN, 200, MAINTAINER, 200, PROJECT_ADMIN, 403,
                        MEMBER, 403)),
                Arguments.of("GET", "/budgets", Map.of(MAINTAINER, 200, ADMIN, 403, MEMBER, 403)),
                Arguments.of("GET", "/projects/proj-a", Map.of(ADMIN, 200, MAINTAINER, 200, PROJECT_ADMIN, 200,
                        MEMBER, 200, NON_MEMBER, 403, NO_ROLE, 403)),
                Arguments.of("GET", "/projects/PROJ-A", Map.of(MEMBER, 403, ADMIN, 200)),
                Arguments.of("GET", "/projects/proj-a/settings", Map.of(PROJECT_ADMIN, 200, ADMIN, 403, MEMBER, 403)),
                Arguments.of("POST", "/projects/proj-a/integrations", Map.of(PROJECT_ADMIN, 200, ADMIN, 200,
                        MAINTAINER, 200, MEMBER, 403, NON_MEMBER, 403)),
                Arguments.of("GET", "/search?in=proj-a", Map.of(MEMBER, 200, NON_MEMBER, 403)),
                Arguments.of("GET", "/kb/kb-1", Map.of(MEMBER, 200, ADMIN, 200, NON_MEMBER, 403)),
                Arguments.of("GET", "/ops/status", Map.of(ADMIN, 200, MEMBER, 403)),
                Arguments.of("GET", "/pre-authorized/developer", Map.of(MEMBER, 200, ADMIN, 403)),
                Arguments.of("GET", "/pre-authorized/projects/proj-a", Map.of(MEMBER, 200, NON_MEMBER, 403)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void answersEachCallerAsItsAnnotationsSay(String method, String path, Map<EffectivePermissions, Integer> expected) {
        expected.forEach((caller, status) -> {
            var result = http.method(HttpMethod.valueOf(method)).uri(path).header("Authorization", bearer(caller))
                    .exchange().returnResult(String.class);
            assertThat(result.getStatus().value()).as("%s %s as %s", method, path, caller.id()).isEqualTo(status);
            if (status == 403) {
                assertThat(result.getResponseBody()).as("%s %s as %s", method, path, caller.id())
                        .startsWith("{\"error\":{").contains("\"message\":\"Access denied\"");
            }
        });
    }

    @Test
    void deniesProjectAccessWithThePlatformsTexts() {
        http.get().uri("/projects/proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/json;charset=UTF-8")
                .expectBody().json("""
                        {"error": {"message": "Access denied",
                                   "details": "You do not have permission to access the project 'proj-b'.",
                                   "help": null}}""", org.springframework.test.json.JsonCompareMode.STRICT);
    }

    @Test
    void deniesAdminEndpointWithTheAdminDetails() {
        http.post().uri("/admin").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details")
                .isEqualTo("This action requires administrator or maintainer privileges.");
    }

    @Test
    void refusesRequestsWithoutTokenWith401AndChallenge() {
        http.get().uri("/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.error.message").isEqualTo("Authentication required");
    }

    @Test
    void refusesUnknownTokenWithInvalidTokenChallenge() {
        http.get().uri("/me").header("Authorization", "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void letsAnyoneCallPublicEndpointsWithoutToken() {
        http.get().uri("/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ok");
        http.get().uri("/ops/ping").exchange().expectStatus().isOk();
    }

    @Test
    void injectsTheCallersPermissionsIntoHandlerParameters() {
        http.get().uri("/me").header("Authorization", bearer(ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo("admin").jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void deniesHandlerWithoutAnnotationWhenDenyByDefaultIsOn() {
        http.get().uri("/unannotated").header("Authorization", bearer(ADMIN)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details").isEqualTo("This endpoint has no access rule.");
        assertThat(report.unannotated()).extracting(EndpointReport.Endpoint::patterns)
                .containsExactly(java.util.Set.of("/unannotated"));
        assertThat(report.unprotected()).isEmpty();
        assertThat(report.render()).contains("DENIED: no access annotation");
    }

    @Test
    void refusesRequestThatLacksTheNamedParameterWith400() {
        http.get().uri("/search").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("Missing parameter 'in'");
    }

    /** Finding 2: getParameter gives the first value, Spring binds them all ("proj-a,proj-b" for a String). */
    @Test
    void aRepeatedRequestParameterDoesNotPassOnItsFirstValue() {
        for (String query : new String[] {"/search?in=proj-a&in=proj-b", "/search?in=&in=proj-a",
                "/search-all?in=proj-a&in=proj-b"}) {
            http.get().uri(query).header("Authorization", bearer(MEMBER)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().json("""
                            {"error": {"message": "Ambiguous parameter 'in'",
                                       "details": "The parameter 'in' is given more than once; give it once.",
                                       "help": null}}""", org.springframework.test.json.JsonCompareMode.STRICT);
        }
        http.post().uri("/search").header("Authorization", bearer(MEMBER))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("in=proj-a&in=proj-b").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("Ambiguous parameter 'in'");
        http.post().uri("/search?in=proj-a").header("Authorization", bearer(MEMBER))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("in=proj-b").exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/search").header("Authorization", bearer(MEMBER))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("in=proj-a").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
    }

    @Test
    void refusesANameGivenBothInThePathAndAsAParameter() {
        http.post().uri("/forms/proj-a?project=proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("Ambiguous parameter 'project'")
                .jsonPath("$.error.details")
                .isEqualTo("'project' is given both in the path and as a request parameter; give it once.");
        http.post().uri("/forms/proj-a").header("Authorization", bearer(MEMBER))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("project=proj-b").exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/projects/proj-a?project=proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/forms/proj-a").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
    }

    /** Spring's conversion splits "proj-a,proj-b" into two names for a list or array, and trims each. */
    @Test
    void refusesAValueTheHandlerWouldSplitIntoSeveralNames() {
        for (String path : new String[] {"/search-all?in=proj-a,proj-b", "/search-all?in=proj-a%20",
                "/search-all?in=%09proj-a", "/lists/proj-a,proj-b", "/forms/proj-a,proj-b"}) {
            http.method(path.startsWith("/forms") ? HttpMethod.POST : HttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", bearer(ADMIN)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.details").value(String.class, details -> assertThat(details)
                            .endsWith("holds a comma or surrounding spaces, and this endpoint would read it as a "
                                    + "list; give one name."));
        }
        http.get().uri("/search?in=proj-a,proj-b").header("Authorization", bearer(ADMIN)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a,proj-b");
        http.get().uri("/search?in=proj-a,proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/search-all?in=proj-a").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
        http.get().uri("/lists/proj-a").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
    }

    @Test
    void exposesPlatformRolesAsSpringSecurityAuthorities() {
        http.get().uri("/pre-authorized/developer").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("ROLE_developer");
    }

    @Test
    void writesPreAuthorizeDenialsAsTheEnvelope() {
        http.get().uri("/pre-authorized/projects/proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message").isEqualTo("Access denied");
    }

    @Test
    void reportsEveryEndpointWithItsRequirement() {
        assertThat(report.render())
                .contains("/health").contains("public")
                .contains("/projects/{project}/settings").contains("projectAdmin({project})")
                .contains("/search").contains("projectAccess({in})")
                .contains("/pre-authorized/developer").contains("@PreAuthorize(hasRole('developer'))")
                .contains("/ops/status").contains("adminOrMaintainer");
    }

    private String bearer(EffectivePermissions caller) {
        return "Bearer " + callers.install(caller);
    }
}
