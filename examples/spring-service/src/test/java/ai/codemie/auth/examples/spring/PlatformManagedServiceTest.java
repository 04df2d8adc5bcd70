package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.json.JsonCompareMode;

/**
 * Platform-managed mode over real HTTP on an embedded store: users are created at their first request from the
 * token, and from then on the store (changed through the administration endpoints) decides. Every test works on
 * users and projects of its own, so the tests share one application context in any order. The store is an H2
 * database of this class alone: the last-maintainer rule counts every maintainer in the store, and other test
 * classes' services would otherwise add theirs to the default in-memory database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ENABLE_USER_MANAGEMENT=true", "MAINTAINER_USER_ID=" + PlatformManagedServiceTest.MAINTAINER,
                "CODEMIE_AUTH_JDBC_URL=jdbc:h2:mem:platform_managed_service;DB_CLOSE_DELAY=-1"})
@CodemieTestIssuer
class PlatformManagedServiceTest extends ServiceTest {

    static final String MAINTAINER = "00000000-0000-4000-8000-00000000000a";

    @Autowired
    TestTokens tokens;

    /** A signed-in user with the developer role; the first request creates them in the store. */
    private String developer(String id, String... projects) {
        String token = tokens.forUser(id).email(id + "@example.com").roles("developer").applications(projects)
                .sign();
        call("GET", "/v1/user", token, null).expectStatus().isOk();
        return token;
    }

    private String admin() {
        String id = UUID.randomUUID().toString();
        String token = tokens.forUser(id).email(id + "@example.com").roles("admin").sign();
        call("GET", "/v1/user", token, null).expectStatus().isOk().expectBody().jsonPath("$.is_admin").isEqualTo(true);
        return token;
    }

    private String maintainer() {
        return tokens.forUser(MAINTAINER).email("maintainer@example.com").sign();
    }

    private static String project() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String format, Object... args) {
        return String.format(format, args);
    }

    @Test
    void createsTheUserAtFirstLoginWithTheStoresValues() {
        String id = UUID.randomUUID().toString();
        String token = tokens.forUser(id).email(id + "@example.com").roles("developer").applications("legacy-a")
                .applicationsAdmin("legacy-b").knowledgeBases("kb-1").sign();
        call("GET", "/v1/user", token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.project_limit").isEqualTo(3)
                .jsonPath("$.is_admin").isEqualTo(false)
                .jsonPath("$.applications_admin[0]").isEqualTo("legacy-b")
                .jsonPath("$.knowledge_bases[0]").isEqualTo("kb-1");
        call("GET", "/v1/projects/legacy-a/assistants", token, null).expectStatus().isOk();
        call("GET", "/v1/knowledge-bases/kb-1", token, null).expectStatus().isOk();
        call("GET", "/v1/knowledge-bases/kb-2", token, null).expectStatus().isForbidden();
    }

    @Test
    void refusesANewUserWithoutRoleAndCreatesNothing() {
        String id = UUID.randomUUID().toString();
        call("GET", "/v1/user", tokens.forUser(id).sign(), null).expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.details").isEqualTo("No role is assigned to your account yet.");
        call("GET", "/v1/admin/users/" + id, admin(), null).expectStatus().isNotFound();
    }

    @Test
    void refusesASubjectThatIsNotACanonicalUuid() {
        call("GET", "/v1/user", tokens.forUser("Alice").roles("developer").sign(), null).expectStatus()
                .isUnauthorized().expectBody().jsonPath("$.error.message").isEqualTo("Invalid subject");
    }

    @Test
    void letsAnyUserCreateAProjectAndMakesThemItsProjectAdmin() {
        String creator = developer(UUID.randomUUID().toString());
        String name = project();
        call("POST", "/v1/projects", creator, body("{\"name\":\"%s\",\"description\":\"d\"}", name)).expectStatus()
                .isCreated().expectBody().json(body("{\"name\":\"%s\"}", name));
        call("GET", "/v1/user", creator, null).expectBody().jsonPath("$.applications_admin[0]").isEqualTo(name);
        call("POST", "/v1/projects/" + name + "/integrations", creator, "{}").expectStatus().isCreated();
        call("POST", "/v1/projects", developer(UUID.randomUUID().toString()),
                body("{\"name\":\"%s\",\"description\":\"d\"}", name)).expectStatus().isEqualTo(409);
    }

    @Test
    void assignsMembersByTheRulesOfEachKindOfCaller() {
        String creatorId = UUID.randomUUID().toString();
        String creator = developer(creatorId);
        String memberId = UUID.randomUUID().toString();
        String member = developer(memberId);
        String outsiderId = UUID.randomUUID().toString();
        String outsider = developer(outsiderId);
        String externalId = UUID.randomUUID().toString();
        String external = tokens.forUser(externalId).email(externalId + "@example.com").roles("developer")
                .userType("external").sign();
        call("GET", "/v1/user", external, null).expectBody().jsonPath("$.user_type").isEqualTo("external");
        String name = project();
        call("POST", "/v1/projects", creator, body("{\"name\":\"%s\",\"description\":\"d\"}", name)).expectStatus().isCreated();
        String path = "/v1/projects/" + name + "/assignment";

        call("POST", path, creator, body("{\"user_id\":\"%s\",\"is_project_admin\":false}", memberId))
                .expectStatus().isCreated().expectBody().json(body(
                        "{\"project\":\"%s\",\"user_id\":\"%s\",\"is_project_admin\":false}", name, memberId));
        call("GET", "/v1/projects/" + name + "/assistants", member, null).expectStatus().isOk();
        call("POST", "/v1/projects/" + name + "/integrations", member, "{}").expectStatus().isForbidden();
        call("POST", path, creator, body("{\"user_id\":\"%s\"}", memberId)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.message").isEqualTo("User already assigned to project");
        // another member: 403; someone outside the project, external or not: 404, the project stays hidden
        call("POST", path, member, body("{\"user_id\":\"%s\"}", outsiderId)).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message").isEqualTo("Access denied");
        call("POST", path, outsider, body("{\"user_id\":\"%s\"}", outsiderId)).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.message").isEqualTo("Project not found");
        call("POST", path, external, body("{\"user_id\":\"%s\"}", externalId)).expectStatus().isNotFound();
        call("GET", "/v1/projects/" + name + "/assistants", outsider, null).expectStatus().isForbidden();
        // an admin and the maintainer may assign anyone
        call("POST", path, admin(), body("{\"user_id\":\"%s\",\"is_project_admin\":true}", outsiderId))
                .expectStatus().isCreated();
        call("DELETE", path + "/" + outsiderId, maintainer(), null).expectStatus().isNoContent();
        call("DELETE", path + "/" + memberId, creator, null).expectStatus().isNoContent();
        call("GET", "/v1/projects/" + name + "/assistants", member, null).expectStatus().isForbidden();
        call("DELETE", path + "/" + creatorId, admin(), null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Cannot remove the project creator from the project");
    }

    @Test
    void enforcesTheProjectLimitWithThePlatformsMessage() {
        String id = UUID.randomUUID().toString();
        String user = developer(id);
        call("PUT", "/v1/admin/users/" + id, admin(), "{\"project_limit\":1}").expectStatus().isOk().expectBody()
                .jsonPath("$.project_limit").isEqualTo(1);
        call("POST", "/v1/projects", user, body("{\"name\":\"%s\",\"description\":\"d\"}", project())).expectStatus().isCreated();
        call("POST", "/v1/projects", user, body("{\"name\":\"%s\",\"description\":\"d\"}", project())).expectStatus().isForbidden()
                .expectBody().json("""
                        {"error": {"message": "Project limit reached (1/1). Contact administrator to increase your limit.",
                         "details": null, "help": null}}""");
    }

    @Test
    void letsAdminsAndMaintainersManageUsersAndNobodyElse() {
        String id = UUID.randomUUID().toString();
        String user = developer(id);
        String admin = admin();
        call("GET", "/v1/admin/users", admin, null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].project_limit").isEqualTo(java.util.List.of(3));
        call("GET", "/v1/admin/users/" + id, maintainer(), null).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id);
        call("GET", "/v1/admin/users", user, null).expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.details").isEqualTo("This action requires administrator or maintainer privileges.");
        call("GET", "/v1/admin/users/" + UUID.randomUUID(), admin, null).expectStatus().isNotFound().expectBody()
                .jsonPath("$.error.message").isEqualTo("User not found");
        // role fields are the maintainer's
        call("PUT", "/v1/admin/users/" + id, admin, "{\"is_admin\":true}").expectStatus().isForbidden();
        call("PUT", "/v1/admin/users/" + id, maintainer(), "{\"is_admin\":true}").expectStatus().isOk().expectBody()
                .json("{\"is_admin\": true, \"project_limit\": null}");
        call("PUT", "/v1/admin/users/" + id, admin, "{\"is_admin\":\"yes\"}").expectStatus().isBadRequest();
        call("GET", "/v1/admin/users/" + id + "/budgets", maintainer(), null).expectStatus().isOk();
        call("GET", "/v1/admin/users/" + id + "/budgets", admin, null).expectStatus().isForbidden();
    }

    @Test
    void createsUsersOnlyWithLocalSignIn() {
        call("POST", "/v1/admin/users", admin(), "{\"email\":\"new@example.com\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("User creation only available in local auth mode");
    }

    @Test
    void aPlainAdminCannotLockOutAMaintainerAndNobodyDeactivatesThemselves() {
        String maintainer = maintainer();
        call("GET", "/v1/user", maintainer, null).expectStatus().isOk();
        String adminId = UUID.randomUUID().toString();
        String admin = tokens.forUser(adminId).email(adminId + "@example.com").roles("admin").sign();
        call("GET", "/v1/user", admin, null).expectStatus().isOk();

        call("DELETE", "/v1/admin/users/" + MAINTAINER, admin, null).expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.message").isEqualTo("Access denied")
                .jsonPath("$.error.details").isEqualTo("This action requires maintainer privileges.");
        call("DELETE", "/v1/admin/users/" + adminId, admin, null).expectStatus().isBadRequest().expectBody().json("""
                {"error": {"message": "Cannot deactivate own account", "details": null,
                 "help": "Ask another administrator to deactivate your account."}}""", JsonCompareMode.STRICT);
        call("GET", "/v1/user", maintainer, null).expectStatus().isOk().expectBody()
                .jsonPath("$.is_maintainer").isEqualTo(true);
        call("GET", "/v1/user", admin, null).expectStatus().isOk();
    }

    @Test
    void keepsTheLastUsableMaintainer() {
        String id = UUID.randomUUID().toString();
        String user = developer(id);
        call("PUT", "/v1/admin/users/" + id, maintainer(), "{\"is_maintainer\":true}").expectStatus().isOk();
        // MAINTAINER_USER_ID stays a maintainer by configuration; the new one is now the only one in the store
        call("PUT", "/v1/admin/users/" + MAINTAINER, user, "{\"is_maintainer\":false}").expectStatus().isOk();

        call("DELETE", "/v1/admin/users/" + id, maintainer(), null).expectStatus().isForbidden().expectBody().json("""
                {"error": {"message": "Cannot deactivate last maintainer - system must have at least one maintainer",
                 "details": null, "help": "Make another user a maintainer first."}}""", JsonCompareMode.STRICT);
        call("PUT", "/v1/admin/users/" + id, maintainer(), "{\"is_maintainer\":false}").expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message")
                .isEqualTo("Cannot revoke last maintainer - system must have at least one maintainer");
        call("GET", "/v1/user", user, null).expectStatus().isOk().expectBody().jsonPath("$.is_maintainer")
                .isEqualTo(true);
    }

    @Test
    void refusesEveryChangeToADeactivatedUserWith409() {
        String id = UUID.randomUUID().toString();
        developer(id);
        String admin = admin();
        String member = project();
        String other = project();
        for (String name : List.of(member, other)) {
            call("POST", "/v1/projects", admin, body("{\"name\":\"%s\",\"description\":\"d\"}", name)).expectStatus()
                    .isCreated();
        }
        call("POST", "/v1/projects/" + member + "/assignment", admin, body("{\"user_id\":\"%s\"}", id)).expectStatus()
                .isCreated();
        call("DELETE", "/v1/admin/users/" + id, admin, null).expectStatus().isNoContent();

        call("PUT", "/v1/admin/users/" + id, admin, "{\"project_limit\":5}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.message").isEqualTo("User is deactivated");
        call("PUT", "/v1/admin/users/" + id, maintainer(), "{\"is_admin\":true}").expectStatus().isEqualTo(409);
        call("POST", "/v1/projects/" + other + "/assignment", admin, body("{\"user_id\":\"%s\"}", id))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.error.message")
                .isEqualTo("User is deactivated");
        call("DELETE", "/v1/projects/" + member + "/assignment/" + id, admin, null).expectStatus().isEqualTo(409);
        call("DELETE", "/v1/admin/users/" + id, admin, null).expectStatus().isNoContent();
        call("GET", "/v1/admin/users/" + id, admin, null).expectStatus().isOk().expectBody()
                .jsonPath("$.project_limit").isEqualTo(3).jsonPath("$.is_admin").isEqualTo(false)
                .jsonPath("$.applications_admin").isEmpty();
    }

    @Test
    void deactivatedUserGets401OnTheirNextRequest() {
        String id = UUID.randomUUID().toString();
        String user = developer(id);
        call("DELETE", "/v1/admin/users/" + id, user, null).expectStatus().isForbidden();
        call("DELETE", "/v1/admin/users/" + id, admin(), null).expectStatus().isNoContent();
        call("GET", "/v1/user", user, null).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.error.message").isEqualTo("Account is deactivated");
    }
}
