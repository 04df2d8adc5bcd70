package ai.codemie.auth.examples.servlet;

import static ai.codemie.auth.examples.servlet.ServiceClient.array;
import static ai.codemie.auth.examples.servlet.ServiceClient.error;
import static ai.codemie.auth.examples.servlet.ServiceClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.TestStore;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform-managed mode end to end over real HTTP: callers reach the store at their first login from their
 * tokens' claims; the administration endpoints apply the platform's rules; a store outage is a 503.
 */
@CodemieAuthTest
class PlatformManagedServiceTest {

    private static final String MAINTAINER = uuid();

    private final String admin = uuid();
    private final String projectAdmin = uuid();
    private final String member = uuid();
    private final String nonMember = uuid();
    private final String external = uuid();

    private TestTokens issuer;
    private TestStore store;
    private ServletService service;
    private ServiceClient client;

    @BeforeEach
    void startService(TestTokens issuer, TestStore store) throws Exception {
        this.issuer = issuer;
        this.store = store;
        service = ServletService.start(Map.of("PORT", "0", AuthSettings.ENABLE_USER_MANAGEMENT.name(), "true",
                AuthSettings.JWKS_TRUSTED_ISSUERS.name(), issuer.trustedIssuersJson(),
                AuthSettings.MAINTAINER_USER_ID.name(), MAINTAINER, AuthSettings.USER_PROJECT_LIMIT.name(), "2"),
                        store);
        client = new ServiceClient(service.port());
    }

    @AfterEach
    void stopService() throws Exception {
        service.close();
    }

    @Test
    void createsCallersAtFirstLoginFromTheirClaims() throws Exception {
        Map<String, Object> user = object(get("/v1/user", token(member)));
        assertThat(user).containsEntry("id", member).containsEntry("is_admin", false)
                .containsEntry("project_limit", 2L).containsEntry("knowledge_bases", List.of("kb-1"));
        assertThat(user.get("applications")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("proj-a");
        assertThat(object(get("/v1/user", token(admin)))).containsEntry("is_admin", true)
                .containsEntry("project_limit", null);
        assertThat(object(get("/v1/user", token(MAINTAINER)))).containsEntry("is_maintainer", true)
                .containsEntry("is_admin", true);
        assertThat(object(get("/v1/user", token(projectAdmin)))).containsEntry("applications_admin", List.of("proj-a"));
    }

    @Test
    void answersTheKeycloakManagedEndpointsFromTheStore() throws Exception {
        assertThat(get("/v1/projects/proj-a/assistants", token(member)).statusCode()).isEqualTo(200);
        assertThat(get("/v1/projects/proj-a/assistants", token(nonMember)).statusCode()).isEqualTo(403);
        assertThat(post("/v1/projects/proj-a/integrations", "{}", token(projectAdmin)).statusCode()).isEqualTo(201);
        assertThat(post("/v1/projects/proj-a/integrations", "{}", token(member)).statusCode()).isEqualTo(403);
        assertThat(get("/v1/knowledge-bases/kb-1", token(member)).statusCode()).isEqualTo(200);
        assertThat(get("/v1/knowledge-bases/kb-1", token(external)).statusCode()).isEqualTo(403);
        assertThat(post("/v1/admin/application", "{\"name\":\"app\"}", token(admin)).statusCode()).isEqualTo(201);
        assertThat(get("/v1/admin/users/" + member + "/budgets", token(admin)).statusCode()).isEqualTo(403);
        assertThat(get("/v1/admin/users/" + member + "/budgets", token(MAINTAINER)).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAFirstLoginWithoutRoleAndCreatesNothing() throws Exception {
        HttpResponse<String> response = get("/v1/user", issuer.forUser(uuid()).applications("proj-a").sign());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).containsEntry("details", SignInGate.DETAILS).containsEntry("help", SignInGate.HELP);
        assertThat(store.seed().userCount()).isZero();
    }

    @Test
    void letsAUserCreateAProjectAndManageItsMembers() throws Exception {
        HttpResponse<String> created = post("/v1/projects", "{\"name\":\"team-x\",\"description\":\"d\"}",
                token(member));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(object(created)).isEqualTo(Map.of("name", "team-x"));
        get("/v1/user", token(nonMember));

        HttpResponse<String> assigned = post("/v1/projects/team-x/assignment",
                "{\"user_id\":\"" + nonMember + "\",\"is_project_admin\":false}", token(member));
        assertThat(assigned.statusCode()).isEqualTo(201);
        assertThat(object(assigned)).isEqualTo(Map.of("project", "team-x", "user_id", nonMember,
                "is_project_admin", false));
        assertThat(get("/v1/projects/team-x/assistants", token(nonMember)).statusCode()).isEqualTo(200);

        HttpResponse<String> twice = post("/v1/projects/team-x/assignment",
                "{\"user_id\":\"" + nonMember + "\"}", token(member));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(error(twice)).containsEntry("message", "User already assigned to project");

        HttpResponse<String> byPlainMember = post("/v1/projects/team-x/assignment",
                "{\"user_id\":\"" + member + "\"}", token(nonMember));
        assertThat(byPlainMember.statusCode()).isEqualTo(403);
        assertThat(error(byPlainMember)).containsEntry("message", "Access denied");
        HttpResponse<String> byOutsider = client.call("DELETE", "/v1/projects/team-x/assignment/" + nonMember, null,
                token(external));
        assertThat(byOutsider.statusCode()).isEqualTo(404);
        assertThat(error(byOutsider)).containsEntry("message", "Project not found");

        HttpResponse<String> removed = client.call("DELETE", "/v1/projects/team-x/assignment/" + nonMember, null,
                token(member));
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(get("/v1/projects/team-x/assistants", token(nonMember)).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAProjectBeyondTheLimit() throws Exception {
        assertThat(post("/v1/projects", "{\"name\":\"team-x\",\"description\":\"d\"}", token(member)).statusCode())
                .isEqualTo(201);
        HttpResponse<String> refused = post("/v1/projects", "{\"name\":\"team-y\",\"description\":\"d\"}",
                token(member));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).containsEntry("message",
                "Project limit reached (2/2). Contact administrator to increase your limit.");
    }

    @Test
    void listsAndShowsUsersToAdminsOnly() throws Exception {
        get("/v1/user", token(member));
        HttpResponse<String> list = get("/v1/admin/users", token(admin));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(array(list)).extracting(user -> (Object) ((Map<?, ?>) user).get("id")).contains(admin, member);
        assertThat(object(get("/v1/admin/users/" + member, token(MAINTAINER)))).containsEntry("id", member);

        HttpResponse<String> denied = get("/v1/admin/users", token(member));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(error(denied)).containsEntry("details", Requirements.ADMIN_DETAILS);
        HttpResponse<String> unknown = get("/v1/admin/users/" + uuid(), token(admin));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).containsEntry("message", "User not found");
    }

    @Test
    void letsOnlyMaintainersChangeRolesAndShowsTheChangeOnTheNextRequest() throws Exception {
        get("/v1/user", token(member));
        HttpResponse<String> byAdmin = put("/v1/admin/users/" + member, "{\"is_admin\":true}", token(admin));
        assertThat(byAdmin.statusCode()).isEqualTo(403);
        assertThat(error(byAdmin)).containsEntry("details", Requirements.MAINTAINER_DETAILS);

        HttpResponse<String> byMaintainer = put("/v1/admin/users/" + member, "{\"is_admin\":true}",
                token(MAINTAINER));
        assertThat(byMaintainer.statusCode()).isEqualTo(200);
        assertThat(object(byMaintainer)).containsEntry("is_admin", true).containsEntry("project_limit", null);
        assertThat(object(get("/v1/user", token(member)))).containsEntry("is_admin", true);
        assertThat(get("/v1/admin/users", token(member)).statusCode()).isEqualTo(200);

        get("/v1/user", token(nonMember));
        assertThat(object(put("/v1/admin/users/" + nonMember, "{\"project_limit\":5}", token(admin))))
                .containsEntry("project_limit", 5L);
        for (String body : new String[] {"{\"is_admin\":\"yes\"}", "{\"project_limit\":1.5}", "{\"rank\":1}", "[]"}) {
            assertThat(put("/v1/admin/users/" + nonMember, body, token(admin)).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void refusesADeactivatedUsersNextRequestWith401() throws Exception {
        assertThat(get("/v1/user", token(external)).statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = client.call("DELETE", "/v1/admin/users/" + external, null, token(admin));
        assertThat(deleted.statusCode()).isEqualTo(204);
        HttpResponse<String> next = get("/v1/user", token(external));
        assertThat(next.statusCode()).isEqualTo(401);
        assertThat(next.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(error(next)).containsEntry("message", "Account is deactivated");
    }

    @Test
    void aPlainAdminCannotLockOutAMaintainerAndNobodyDeactivatesThemselves() throws Exception {
        get("/v1/user", token(MAINTAINER));
        HttpResponse<String> maintainerByAdmin = delete("/v1/admin/users/" + MAINTAINER, token(admin));
        assertThat(maintainerByAdmin.statusCode()).isEqualTo(403);
        assertThat(error(maintainerByAdmin)).containsEntry("message", "Access denied")
                .containsEntry("details", Requirements.MAINTAINER_DETAILS);

        HttpResponse<String> self = delete("/v1/admin/users/" + admin, token(admin));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(error(self)).isEqualTo(envelope("Cannot deactivate own account", null,
                "Ask another administrator to deactivate your account."));

        assertThat(object(get("/v1/user", token(MAINTAINER)))).containsEntry("is_maintainer", true);
        assertThat(get("/v1/user", token(admin)).statusCode()).isEqualTo(200);
    }

    @Test
    void keepsTheLastUsableMaintainer() throws Exception {
        get("/v1/user", token(MAINTAINER));
        get("/v1/user", token(member));
        assertThat(put("/v1/admin/users/" + member, "{\"is_maintainer\":true}", token(MAINTAINER)).statusCode())
                .isEqualTo(200);
        // MAINTAINER_USER_ID stays a maintainer by configuration; the member is now the only one in the store
        assertThat(put("/v1/admin/users/" + MAINTAINER, "{\"is_maintainer\":false}", token(member)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> deactivated = delete("/v1/admin/users/" + member, token(MAINTAINER));
        assertThat(deactivated.statusCode()).isEqualTo(403);
        assertThat(error(deactivated)).isEqualTo(envelope(
                "Cannot deactivate last maintainer - system must have at least one maintainer", null,
                "Make another user a maintainer first."));
        HttpResponse<String> demoted = put("/v1/admin/users/" + member, "{\"is_maintainer\":false}",
                token(MAINTAINER));
        assertThat(demoted.statusCode()).isEqualTo(403);
        assertThat(error(demoted)).containsEntry("message",
                "Cannot revoke last maintainer - system must have at least one maintainer");
        assertThat(object(get("/v1/user", token(member)))).containsEntry("is_maintainer", true);
    }

    @Test
    void refusesEveryChangeToADeactivatedUserWith409() throws Exception {
        get("/v1/user", token(MAINTAINER));
        get("/v1/user", token(nonMember));
        for (String project : List.of("team-x", "team-y")) {
            assertThat(post("/v1/projects", "{\"name\":\"" + project + "\",\"description\":\"d\"}", token(admin))
                    .statusCode()).isEqualTo(201);
        }
        assertThat(post("/v1/projects/team-x/assignment", "{\"user_id\":\"" + nonMember + "\"}", token(admin))
                .statusCode()).isEqualTo(201);
        assertThat(delete("/v1/admin/users/" + nonMember, token(admin)).statusCode()).isEqualTo(204);

        List<HttpResponse<String>> changes = List.of(
                put("/v1/admin/users/" + nonMember, "{\"project_limit\":5}", token(admin)),
                put("/v1/admin/users/" + nonMember, "{\"is_admin\":true}", token(MAINTAINER)),
                post("/v1/projects/team-y/assignment", "{\"user_id\":\"" + nonMember + "\"}", token(admin)),
                delete("/v1/projects/team-x/assignment/" + nonMember, token(admin)));
        for (HttpResponse<String> change : changes) {
            assertThat(change.statusCode()).isEqualTo(409);
            assertThat(error(change)).containsEntry("message", "User is deactivated");
        }
        assertThat(delete("/v1/admin/users/" + nonMember, token(admin)).statusCode()).isEqualTo(204);
        Map<String, Object> unchanged = object(get("/v1/admin/users/" + nonMember, token(admin)));
        assertThat(unchanged).containsEntry("project_limit", 2L).containsEntry("is_admin", false);
        assertThat(unchanged.get("applications")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("team-x").doesNotContain("team-y");
    }

    @Test
    void answers503WhileTheStoreIsDownAndRecoversAfterwards() throws Exception {
        assertThat(get("/v1/admin/users", token(admin)).statusCode()).isEqualTo(200);
        store.reachable(false);
        HttpResponse<String> firstLogin = get("/v1/user", token(member));
        assertThat(firstLogin.statusCode()).isEqualTo(503);
        assertThat(firstLogin.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(error(firstLogin)).containsEntry("message", "User store unavailable");
        HttpResponse<String> administration = get("/v1/admin/users", token(admin));
        assertThat(administration.statusCode()).isEqualTo(503);
        assertThat(error(administration)).containsEntry("message", "User store unavailable");
        store.reachable(true);
        assertThat(get("/v1/user", token(member)).statusCode()).isEqualTo(200);
    }

    private String token(String user) {
        if (user.equals(admin)) {
            return issuer.forUser(user).roles("admin").sign();
        }
        if (user.equals(projectAdmin)) {
            return issuer.forUser(user).roles("developer").applications("proj-a").applicationsAdmin("proj-a").sign();
        }
        if (user.equals(member)) {
            return issuer.forUser(user).roles("developer").applications("proj-a").knowledgeBases("kb-1").sign();
        }
        if (user.equals(external)) {
            return issuer.forUser(user).roles("developer").userType("external").applications("proj-a").sign();
        }
        return issuer.forUser(user).roles("developer").applications("proj-b").sign();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.call("GET", path, null, token);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return client.call("POST", path, body, token);
    }

    private HttpResponse<String> put(String path, String body, String token) throws Exception {
        return client.call("PUT", path, body, token);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return client.call("DELETE", path, null, token);
    }

    private static Map<String, Object> envelope(String message, String details, String help) {
        Map<String, Object> error = new java.util.HashMap<>();
        error.put("message", message);
        error.put("details", details);
        error.put("help", help);
        return error;
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
