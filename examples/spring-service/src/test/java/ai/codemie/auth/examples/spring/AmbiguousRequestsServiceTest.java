package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.RawHttp;
import ai.codemie.auth.test.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;

/**
 * Requests that read two ways, over real HTTP on Tomcat: a request is decided on exactly what the handler gets, or
 * refused with 400 and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer
class AmbiguousRequestsServiceTest extends ServiceTest {

    private static final String MAINTAINER = "00000000-0000-4000-8000-00000000000b";
    private static final String DUPLICATE_BODY = """
            {"error": {"message": "Invalid request body",
                       "details": "The request body is missing or is not the JSON this endpoint expects: \
            one JSON object, with each member name at most once.",
                       "help": null}}""";

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("ENABLE_USER_MANAGEMENT", () -> "true");
        registry.add("MAINTAINER_USER_ID", () -> MAINTAINER);
    }

    @Autowired
    TestTokens tokens;

    private final String memberId = UUID.randomUUID().toString();
    private String member;
    private String maintainer;

    @BeforeEach
    void signTokens() {
        member = tokens.forUser(memberId).email(memberId + "@example.com").roles("developer").applications("proj-a")
                .sign();
        maintainer = tokens.forUser(MAINTAINER).email(MAINTAINER + "@example.com").sign();
    }

    /** Finding 8a: Jackson kept the last of two members, so {"is_admin":false,"is_admin":true} promoted. */
    @Test
    void duplicateMembersInAdministrationBodiesAreRefusedAndChangeNothing() {
        call("GET", "/v1/user", member, null).expectStatus().isOk();
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);

        call("PUT", "/v1/admin/users/" + memberId, maintainer, "{\"is_admin\":false,\"is_admin\":true}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
        call("PUT", "/v1/admin/users/" + memberId, maintainer, "{\"project_limit\":1,\"project_limit\":null}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
        call("GET", "/v1/admin/users/" + memberId, maintainer, null).expectStatus().isOk().expectBody()
                .jsonPath("$.is_admin").isEqualTo(false).jsonPath("$.project_limit").isEqualTo(3);

        call("POST", "/v1/projects", member,
                "{\"name\":\"" + project + "\",\"name\":\"" + project + "-x\",\"description\":\"d\"}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
        call("POST", "/v1/projects", member, "{\"name\":\"" + project + "\",\"description\":\"d\"}")
                .expectStatus().isCreated();

        String otherId = UUID.randomUUID().toString();
        call("GET", "/v1/user", tokens.forUser(otherId).email(otherId + "@example.com").roles("developer").sign(),
                null).expectStatus().isOk();
        call("POST", "/v1/projects/" + project + "/assignment", member,
                "{\"user_id\":\"" + memberId + "\",\"user_id\":\"" + otherId + "\"}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
        call("POST", "/v1/projects/" + project + "/assignment", member,
                "{\"user_id\":\"" + otherId + "\",\"is_project_admin\":false,\"is_project_admin\":true}")
                .expectStatus().isBadRequest();
        call("GET", "/v1/admin/users/" + otherId, maintainer, null).expectBody()
                .jsonPath("$.applications").value(Object.class, applications -> assertThat(applications.toString())
                        .doesNotContain(project));

        call("POST", "/v1/admin/application", maintainer, "{\"name\":\"app-1\",\"name\":\"app-2\"}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
        call("POST", "/v1/projects/" + project + "/integrations", member, "{\"a\":{\"b\":1,\"b\":2}}")
                .expectStatus().isBadRequest().expectBody().json(DUPLICATE_BODY, JsonCompareMode.STRICT);
    }

    /** Finding 2: a form object would bind ?project= over the path variable the annotation checked. */
    @Test
    void refusesAProjectGivenBothInThePathAndAsAParameter() {
        call("GET", "/v1/user", member, null).expectStatus().isOk();
        call("GET", "/v1/projects/proj-a/assistants?project=proj-b", member, null).expectStatus().isBadRequest()
                .expectBody().json("""
                        {"error": {"message": "Ambiguous parameter 'project'",
                                   "details": "'project' is given both in the path and as a request parameter; give it once.",
                                   "help": null}}""", JsonCompareMode.STRICT);
        call("GET", "/v1/projects/proj-a/assistants", member, null).expectStatus().isOk();
        call("GET", "/v1/projects/proj-a,proj-b/assistants", member, null).expectStatus().isForbidden();
    }

    /**
     * Finding 2: Tomcat hands the filter a normalised servlet path while Spring MVC routes on the raw URI; a path
     * with two readings is refused (by the filter, or by Tomcat itself) and never reaches a handler.
     */
    @Test
    void refusesAPathThatReadsDifferentlyRawAndDecoded() {
        call("GET", "/v1/user", member, null).expectStatus().isOk();
        String[] byTheFilter = {"/v1/projects/proj-a;x=y/assistants", "/v1/projects/proj-a;jsessionid=1/assistants",
                "/v1/projects;x/proj-a/assistants", "/v1/projects/./proj-a/assistants",
                "/v1/projects/x/../proj-a/assistants", "/v1/projects/%2e/proj-a/assistants",
                "/v1/projects/x/%2e%2e/proj-a/assistants", "/v1//projects/proj-a/assistants",
                "/v1/projects/proj-a%25/assistants"};
        for (String path : byTheFilter) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, null, "Authorization", "Bearer " + member);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).startsWith("{\"error\":{\"message\":\"Invalid request path\"");
        }
        // Tomcat refuses these before any filter; its page is another concern than the decision
        for (String path : new String[] {"/v1/projects/proj-a%2Fb/assistants", "/v1/projects/proj-a%2fb/assistants",
                "/v1/projects/proj-a%5Cb/assistants", "/v1/projects/proj-a\\b/assistants",
                "/v1/projects/proj-a%00/assistants", "/v1/projects/proj-a%C0%AF/assistants"}) {
            assertThat(RawHttp.send(port, "GET", path, null, "Authorization", "Bearer " + member).status())
                    .as(path).isEqualTo(400);
        }
        // Spring MVC matches exactly: case and a trailing slash make another path, which no handler serves
        for (String path : new String[] {"/v1/projects/proj-a/assistants/", "/V1/projects/proj-a/assistants",
                "/v1/Projects/proj-a/assistants"}) {
            assertThat(RawHttp.send(port, "GET", path, null, "Authorization", "Bearer " + member).status())
                    .as(path).isEqualTo(404);
        }
        assertThat(RawHttp.send(port, "GET", "/v1/projects/proj%2Da/assistants", null,
                "Authorization", "Bearer " + member).status()).isEqualTo(200);
        assertThat(RawHttp.send(port, "GET", "/v1/projects/proj%2Db/assistants", null,
                "Authorization", "Bearer " + member).status()).isEqualTo(403);
    }
}
