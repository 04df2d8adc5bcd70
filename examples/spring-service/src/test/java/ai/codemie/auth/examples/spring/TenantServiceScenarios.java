package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.test.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The tenant endpoints over real HTTP, every path with its answers and the order of its checks. The scenarios run
 * once per store (the subclasses: embedded H2 and the real PostgreSQL); each works in tenants and with users of its
 * own, so they share one application context in any order.
 */
abstract class TenantServiceScenarios extends ServiceTest {

    static final String MAINTAINER = "00000000-0000-4000-8000-0000000000b1";

    @Autowired
    TestTokens tokens;

    /** A signed-in user of the store. */
    record User(String id, String email, String token) {
    }

    /** A new user with the developer role, signed in once so that the store knows them. */
    User user() {
        return signedIn("developer");
    }

    /** A new platform admin. */
    User admin() {
        return signedIn("admin");
    }

    private User signedIn(String platformRole) {
        String id = UUID.randomUUID().toString();
        String email = "u-" + id.substring(0, 8) + "@example.com";
        String token = tokens.forUser(id).roles(platformRole).email(email).sign();
        call("GET", "/v1/user", token, null).expectStatus().isOk();
        return new User(id, email, token);
    }

    /** A new tenant with this boundary, created by a platform admin; answers its id. */
    String tenant(String... boundary) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", "/v1/tenants", admin().token(), "{\"id\":\"" + id + "\",\"boundary\":" + list(boundary) + "}")
                .expectStatus().isCreated();
        return id;
    }

    void role(String tenant, String name, String... permissions) {
        call("POST", "/v1/tenants/" + tenant + "/roles", admin().token(),
                "{\"name\":\"" + name + "\",\"permissions\":" + list(permissions) + "}").expectStatus().isCreated();
    }

    void member(String tenant, User user, String... roles) {
        call("POST", "/v1/tenants/" + tenant + "/users", admin().token(),
                "{\"user_id\":\"" + user.id() + "\",\"roles\":" + list(roles) + "}").expectStatus().isCreated();
    }

    /** A member of a tenant whose boundary is {@code *:*}, holding its full administrator role ({@code *:*}). */
    User tenantAdmin(String tenant) {
        role(tenant, "Tenant Admin", "*:*");
        User user = user();
        member(tenant, user, "Tenant Admin");
        return user;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String list(String... items) {
        return Arrays.stream(items).map(item -> "\"" + item + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static String notMember(String tenant) {
        return "{\"error\":{\"message\":\"Access denied\",\"details\":\"You are not a member of the tenant '" + tenant
                + "'.\",\"help\":null}}";
    }

    RestTestClient.ResponseSpec csv(String path, String token, String contentType, byte[] body) {
        return http().post().uri(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).body(body).exchange();
    }

    // ---- tenants

    @Test
    void platformAdminsCreateAndChangeTenantsMembersReadThem() {
        User admin = admin();
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", "/v1/tenants", admin.token(), "{\"id\":\"" + id + "\",\"name\":\"Acme\",\"boundary\":"
                + "[\"agent:*\",\"tenant.users:*\"],\"unknown\":{\"ignored\":true}}").expectStatus().isCreated()
                .expectBody().json("{\"id\":\"" + id + "\",\"name\":\"Acme\",\"boundary\":[\"agent:*\","
                        + "\"tenant.users:*\"]}", JsonCompareMode.STRICT);
        call("POST", "/v1/tenants", admin.token(), "{\"id\":\"" + id + "\",\"boundary\":[]}").expectStatus()
                .isEqualTo(409);
        User outsider = user();
        call("POST", "/v1/tenants", outsider.token(), "{\"id\":\"other-" + id + "\",\"boundary\":[]}")
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("This action requires administrator or maintainer privileges.");
        call("GET", "/v1/tenants/" + id, outsider.token(), null).expectStatus().isForbidden().expectBody()
                .json(notMember(id), JsonCompareMode.STRICT);
        member(id, outsider);
        call("GET", "/v1/tenants/" + id, outsider.token(), null).expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Acme");
        call("GET", "/v1/tenants", outsider.token(), null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].name").isEqualTo(List.of("Acme"))
                .jsonPath("$[?(@.id == '" + id + "')].roles[*]").isEmpty();
        call("PUT", "/v1/tenants/" + id, outsider.token(), "{\"name\":\"Mine\"}").expectStatus().isForbidden();
        call("PUT", "/v1/tenants/" + id, admin.token(), "{\"boundary\":[\"*:*\"]}").expectStatus().isOk()
                .expectBody().json("{\"id\":\"" + id + "\",\"name\":\"Acme\",\"boundary\":[\"*:*\"]}",
                        JsonCompareMode.STRICT);
        call("PUT", "/v1/tenants/" + id, tokens.forUser(MAINTAINER).email("maintainer@example.com").sign(), "{\"name\":\"\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo(id);
    }

    @Test
    void anUnknownTenantIsHiddenFromEveryoneButPlatformAdmins() {
        String unknown = "t-" + UUID.randomUUID().toString().substring(0, 8);
        call("GET", "/v1/tenants/" + unknown, user().token(), null).expectStatus().isForbidden().expectBody()
                .json(notMember(unknown), JsonCompareMode.STRICT);
        call("GET", "/v1/tenants/" + unknown + "/roles", admin().token(), null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.message").isEqualTo("Tenant not found");
        call("GET", "/v1/tenants/Not_An_Id", admin().token(), null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid tenant id")
                .jsonPath("$.error.details").value(String.class, details -> assertThat(details).contains("Not_An_Id"));
        call("POST", "/v1/tenants", admin().token(), "{\"id\":\"Bad Id\",\"boundary\":[]}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.message").isEqualTo("Invalid tenant id");
        call("POST", "/v1/tenants", admin().token(), "{\"id\":\"" + unknown + "\",\"boundary\":[\"agent:**\"]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error.message")
                .isEqualTo("Invalid permission pattern");
    }

    // ---- roles

    @Test
    void rolesAreManagedWithoutEscalationAndNamedWithoutCase() {
        String tenant = tenant("agent:*", "tenant.roles:*");
        role(tenant, "Role Keeper", "tenant.roles:view", "tenant.roles:manage", "agent:view");
        User keeper = user();
        member(tenant, keeper, "role keeper");
        String roles = "/v1/tenants/" + tenant + "/roles";

        call("POST", roles, keeper.token(), "{\"name\":\"Viewer\",\"permissions\":[\"agent:view\",\"process:run\"]}")
                .expectStatus().isCreated().expectBody().json("{\"name\":\"Viewer\",\"description\":\"\","
                        + "\"permissions\":[\"agent:view\",\"process:run\"],\"outside_boundary\":[\"process:run\"]}",
                        JsonCompareMode.STRICT);
        call("POST", roles, keeper.token(), "{\"name\":\"VIEWER\",\"permissions\":[]}").expectStatus().isEqualTo(409);
        call("POST", roles, keeper.token(), "{\"name\":\"Chatter\",\"permissions\":[\"agent:chat\"]}").expectStatus()
                .isForbidden().expectBody().jsonPath("$.error.details").isEqualTo("You cannot give out 'agent:chat', "
                        + "which you do not hold in the tenant '" + tenant + "'.");
        call("GET", roles, keeper.token(), null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.name == 'Viewer')].description").isEqualTo(List.of(""))
                .jsonPath("$[0].outside_boundary").doesNotExist();
        // a name with a space, URL-encoded in the path and matched without case
        call("PUT", roles + "/role%20KEEPER", admin().token(), "{\"description\":\"keeps roles\"}").expectStatus()
                .isOk().expectBody().jsonPath("$.name").isEqualTo("Role Keeper")
                .jsonPath("$.description").isEqualTo("keeps roles");
        call("PUT", roles + "/viewer", keeper.token(), "{\"name\":\"Watcher\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Watcher");
        call("PUT", roles + "/Nobody", keeper.token(), "{\"name\":\"Watcher\"}").expectStatus().isNotFound();
        call("PUT", roles + "/Watcher", keeper.token(), "{\"permissions\":\"agent:view\"}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.details")
                .isEqualTo("'permissions' must be a list of strings.");
        call("DELETE", roles + "/WATCHER", keeper.token(), null).expectStatus().isNoContent();
        call("DELETE", roles + "/Watcher", keeper.token(), null).expectStatus().isNotFound();
        call("DELETE", roles + "/bad%2Aname", keeper.token(), null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid role name");
        User plain = user();
        member(tenant, plain);
        call("GET", roles, plain.token(), null).expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant '" + tenant + "' grants 'tenant.roles:view'.");
    }

    // ---- members

    @Test
    void membersAreAddedByIdOrEmailGivenRolesAndRemoved() {
        String tenant = tenant("*:*");
        User manager = tenantAdmin(tenant);
        role(tenant, "Chat", "agent:chat");
        User byId = user();
        User byEmail = user();
        String users = "/v1/tenants/" + tenant + "/users";

        call("POST", users, manager.token(), "{\"user_id\":\"" + byId.id() + "\",\"roles\":[\" chat \"]}")
                .expectStatus().isCreated().expectBody()
                .json("{\"user_id\":\"" + byId.id() + "\",\"roles\":[\"Chat\"]}", JsonCompareMode.STRICT);
        call("POST", users, manager.token(), "{\"email\":\"" + byEmail.email().toUpperCase() + "\",\"roles\":[]}")
                .expectStatus().isCreated().expectBody().jsonPath("$.user_id").isEqualTo(byEmail.id());
        call("POST", users, manager.token(), "{\"user_id\":\"" + byId.id() + "\",\"roles\":[]}").expectStatus()
                .isEqualTo(409);
        call("POST", users, manager.token(), "{\"user_id\":\"" + UUID.randomUUID() + "\",\"roles\":[]}")
                .expectStatus().isNotFound();
        call("POST", users, manager.token(), "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\","
                + "\"roles\":[]}").expectStatus().isNotFound();
        call("POST", users, manager.token(), "{\"user_id\":\"" + user().id() + "\",\"roles\":[\"Ghost\"]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error.details")
                .value(String.class, details -> assertThat(details).contains("Ghost"));
        call("GET", users, manager.token(), null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.user_id == '" + byId.id() + "')].email").isEqualTo(List.of(byId.email()))
                .jsonPath("$[?(@.user_id == '" + byId.id() + "')].roles[0]").isEqualTo(List.of("Chat"));

        call("PUT", users + "/" + byEmail.id() + "/roles", manager.token(), "{\"roles\":[\"chat\",\"Tenant Admin\"]}")
                .expectStatus().isOk().expectBody().json("{\"user_id\":\"" + byEmail.id()
                        + "\",\"roles\":[\"Tenant Admin\",\"Chat\"]}", JsonCompareMode.LENIENT);
        call("PUT", users + "/" + byEmail.id() + "/roles", manager.token(), "{\"roles\":[]}").expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEmpty();
        call("PUT", users + "/" + user().id() + "/roles", manager.token(), "{\"roles\":[]}").expectStatus()
                .isNotFound();
        call("DELETE", users + "/" + byEmail.id(), manager.token(), null).expectStatus().isNoContent();
        call("DELETE", users + "/" + byEmail.id(), manager.token(), null).expectStatus().isNotFound();
        call("GET", "/v1/tenants/" + tenant, byEmail.token(), null).expectStatus().isForbidden();
    }

    @Test
    void bulkChangesApplyToEveryoneOrNobody() {
        String tenant = tenant("*:*");
        User manager = tenantAdmin(tenant);
        role(tenant, "Chat", "agent:chat");
        role(tenant, "Run", "process:run");
        User first = user();
        User second = user();
        member(tenant, first, "Run");
        member(tenant, second);
        String bulk = "/v1/tenants/" + tenant + "/users/bulk-roles";

        call("POST", bulk, manager.token(), "{\"user_ids\":[\"" + first.id() + "\",\"" + second.id() + "\",\""
                + first.id() + "\"],\"roles\":[\"chat\"],\"mode\":\"add\"}").expectStatus().isOk().expectBody()
                .json("{\"results\":[{\"user_id\":\"" + first.id() + "\",\"before\":[\"Run\"],\"after\":[\"Chat\","
                        + "\"Run\"]},{\"user_id\":\"" + second.id() + "\",\"before\":[],\"after\":[\"Chat\"]}]}",
                        JsonCompareMode.LENIENT);
        String stranger = user().id();
        call("POST", bulk, manager.token(), "{\"user_ids\":[\"" + first.id() + "\",\"" + stranger + "\"],"
                + "\"roles\":[\"Ghost\"],\"mode\":\"replace\"}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").exists()
                .jsonPath("$.problems[0].user_id").isEqualTo(stranger)
                .jsonPath("$.problems[1].user_id").isEmpty()
                .jsonPath("$.problems[1].role").isEqualTo("Ghost");
        call("POST", bulk, manager.token(), "{\"user_ids\":[\"" + first.id() + "\"],\"roles\":[\"Run\"],"
                + "\"mode\":\"remove\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].after").isEqualTo(List.of("Chat"));
        call("POST", bulk, manager.token(), "{\"user_ids\":[],\"roles\":[],\"mode\":\"swap\"}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error.details")
                .isEqualTo("'mode' must be add, remove or replace.");
    }

    // ---- import and invitations

    @Test
    void anImportAddsKnownUsersInvitesTheOthersAndIsReadAsUtf8() {
        String tenant = tenant("*:*");
        User manager = tenantAdmin(tenant);
        role(tenant, "Chat", "agent:chat");
        role(tenant, "Run", "process:run");
        User known = user();
        User already = user();
        member(tenant, already, "Chat");
        String invitee = "Zoë+" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String file = "\uFEFFname,email,initial_roles\r\n"
                + "Known," + known.email().toUpperCase() + ",Chat\r\n"
                + "Already," + already.email() + ",\"chat, run\"\r\n"
                + "Zoë Ünal," + invitee + ",Run\r\n";
        String path = "/v1/tenants/" + tenant + "/users/import";
        // the declared charset is not the file's: the body is UTF-8 by definition
        String latin1 = "text/csv; charset=ISO-8859-1";
        csv(path + "?dry_run=true", manager.token(), latin1, file.getBytes(StandardCharsets.UTF_8)).expectStatus()
                .isOk().expectBody().json("{\"users_added\":1,\"roles_added\":1,\"placeholders_created\":1,"
                        + "\"unchanged\":0,\"dry_run\":true}", JsonCompareMode.STRICT);
        call("GET", "/v1/tenants/" + tenant + "/invitations", manager.token(), null).expectStatus().isOk()
                .expectBody().json("[]");
        csv(path, manager.token(), latin1, file.getBytes(StandardCharsets.UTF_8)).expectStatus().isOk().expectBody()
                .json("{\"users_added\":1,\"roles_added\":1,\"placeholders_created\":1,\"unchanged\":0,"
                        + "\"dry_run\":false}", JsonCompareMode.STRICT);
        csv(path, manager.token(), "text/csv", file.getBytes(StandardCharsets.UTF_8)).expectStatus().isOk()
                .expectBody().jsonPath("$.unchanged").isEqualTo(3);
        call("GET", "/v1/tenants/" + tenant + "/invitations", manager.token(), null).expectStatus().isOk()
                .expectBody().json("[{\"email\":\"" + invitee + "\",\"name\":\"Zoë Ünal\",\"roles\":[\"Run\"]}]",
                        JsonCompareMode.STRICT);
        call("GET", "/v1/tenants/" + tenant + "/users", manager.token(), null).expectBody()
                .jsonPath("$[?(@.user_id == '" + known.id() + "')].roles[0]").isEqualTo(List.of("Chat"));
        // the e-mail in the path: '+' and the non-ASCII letter URL-encoded, matched without case
        String encoded = URLEncoder.encode(invitee.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
        call("DELETE", "/v1/tenants/" + tenant + "/invitations/" + encoded, manager.token(), null).expectStatus()
                .isNoContent();
        call("DELETE", "/v1/tenants/" + tenant + "/invitations/" + encoded, manager.token(), null).expectStatus()
                .isNotFound();
    }

    @Test
    void anImportWithErrorsChangesNothingAndListsThemAll() {
        String tenant = tenant("*:*");
        User manager = tenantAdmin(tenant);
        String file = "email,name,initial_roles\n"
                + "one@example.com,One,Ghost\n"
                + "not-an-email,Two,\n"
                + "ONE@example.com,Three,\n";
        csv("/v1/tenants/" + tenant + "/users/import", manager.token(), "text/csv",
                file.getBytes(StandardCharsets.UTF_8)).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid import")
                .jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[0].line").isEqualTo(2)
                .jsonPath("$.errors[0].column").isEqualTo("initial_roles")
                .jsonPath("$.errors[1].line").isEqualTo(3)
                .jsonPath("$.errors[2].line").isEqualTo(4)
                .jsonPath("$.errors[2].column").isEqualTo("email");
        call("GET", "/v1/tenants/" + tenant + "/invitations", manager.token(), null).expectBody().json("[]");
        csv("/v1/tenants/" + tenant + "/users/import?dry_run=maybe", manager.token(), "text/csv",
                "email,name,initial_roles\n".getBytes(StandardCharsets.UTF_8)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details").isEqualTo("'dry_run' must be true or false.");
    }

    /**
     * Over 2 MiB: 413 with the envelope, received by a client that sends its whole body before reading the answer
     * (the JDK's HTTP client does); a caller without the permission is told that first.
     */
    @Test
    void anImportOverTwoMebibytesIs413ForAClientSendingItAll() throws IOException, InterruptedException {
        String tenant = tenant("*:*");
        User manager = tenantAdmin(tenant);
        User plain = user();
        member(tenant, plain);
        byte[] body = new byte[3 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        HttpClient client = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 2; attempt++) { // twice: the connection stays usable
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                            uri("/v1/tenants/" + tenant + "/users/import"))
                    .header("Authorization", "Bearer " + manager.token()).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.body()).startsWith("{\"error\":{").contains("\"message\"").contains("2 MiB");
        }
        csv("/v1/tenants/" + tenant + "/users/import", plain.token(), "text/csv", body).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details").isEqualTo("None of your roles in the tenant '" + tenant
                        + "' grants 'tenant.users:manage'.");
        byte[] limit = new byte[2 * 1024 * 1024];
        byte[] header = "email,name,initial_roles\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(header, 0, limit, 0, header.length);
        Arrays.fill(limit, header.length, limit.length, (byte) '\n');
        csv("/v1/tenants/" + tenant + "/users/import?dry_run=true", manager.token(), "text/csv", limit)
                .expectStatus().isOk();
    }

    // ---- explanations

    @Test
    void accessIsExplainedToMembersForThemselvesAndToViewersForOthers() {
        String tenant = tenant("agent:*", "tenant.users:view");
        role(tenant, "Chat", "agent:chat", "process:run");
        role(tenant, "Viewer", "tenant.users:view");
        User chatter = user();
        member(tenant, chatter, "Chat");
        User viewer = user();
        member(tenant, viewer, "Viewer");
        String access = "/v1/tenants/" + tenant + "/access?permission=";

        call("GET", access + "agent:chat:bot-1", chatter.token(), null).expectStatus().isOk().expectBody()
                .json("{\"allowed\":true,\"reason\":null,\"roles\":[\"Chat\"],\"granting_roles\":[\"Chat\"],"
                        + "\"boundary_allows\":true}", JsonCompareMode.STRICT);
        call("GET", access + "process:run", chatter.token(), null).expectStatus().isOk().expectBody()
                .json("{\"allowed\":false,\"reason\":\"outside_tenant_boundary\",\"roles\":[\"Chat\"],"
                        + "\"granting_roles\":[\"Chat\"],\"boundary_allows\":false}", JsonCompareMode.STRICT);
        call("GET", access + "agent:view&user_id=" + chatter.id(), viewer.token(), null).expectStatus().isOk()
                .expectBody().jsonPath("$.reason").isEqualTo("no_role_grants");
        call("GET", access + "agent:view&user_id=" + viewer.id(), chatter.token(), null).expectStatus()
                .isForbidden();
        call("GET", access + "agent:view&user_id=" + UUID.randomUUID(), viewer.token(), null).expectStatus()
                .isNotFound();
        User outsider = user();
        call("GET", access + "agent:view&user_id=" + outsider.id(), admin().token(), null).expectStatus().isOk()
                .expectBody().json("{\"allowed\":false,\"reason\":\"not_tenant_member\",\"roles\":[],"
                        + "\"granting_roles\":[],\"boundary_allows\":false}", JsonCompareMode.STRICT);
        call("GET", access + "agent:*", chatter.token(), null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid permission");
        call("GET", "/v1/tenants/" + tenant + "/access", chatter.token(), null).expectStatus().isBadRequest();
    }

    // ---- tenant-scoped resources

    @Test
    void resourcesAreDecidedInTheActiveTenant() {
        String tenant = tenant("agent:*");
        role(tenant, "Bot User", "agent:view:bot-1", "agent:chat:bot-1", "process:run");
        User user = user();
        member(tenant, user, "Bot User");
        call("GET", "/v1/agents/bot-1", user.token(), null, tenant).expectStatus().isOk().expectBody()
                .json("{\"name\":\"bot-1\"}", JsonCompareMode.STRICT);
        call("POST", "/v1/agents/bot-1/chat", user.token(), "{}", tenant).expectStatus().isOk().expectBody()
                .json("{\"agent\":\"bot-1\",\"tenant\":\"" + tenant + "\"}", JsonCompareMode.STRICT);
        call("GET", "/v1/agents/bot-2", user.token(), null, tenant).expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.details").isEqualTo("None of your roles in the tenant '" + tenant
                        + "' grants 'agent:view:bot-2'.");
        call("POST", "/v1/processes/nightly/run", user.token(), null, tenant).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details").isEqualTo("The tenant '" + tenant
                        + "' does not allow 'process:run:nightly', whatever the role.");
        // the boundary moves: the very next request is decided by it
        call("PUT", "/v1/tenants/" + tenant, admin().token(), "{\"boundary\":[\"agent:*\",\"process:*\"]}")
                .expectStatus().isOk();
        call("POST", "/v1/processes/nightly/run", user.token(), null, tenant).expectStatus().isEqualTo(202)
                .expectBody().json("{\"process\":\"nightly\",\"tenant\":\"" + tenant + "\"}", JsonCompareMode.STRICT);
        // without the header the default tenant is active; a platform admin passes only by tenant roles
        call("GET", "/v1/agents/bot-1", user.token(), null).expectStatus().isForbidden();
        call("GET", "/v1/agents/bot-1", admin().token(), null, tenant).expectStatus().isForbidden().expectBody()
                .json(notMember(tenant), JsonCompareMode.STRICT);
        String unknown = "t-" + UUID.randomUUID().toString().substring(0, 8);
        call("GET", "/v1/agents/bot-1", admin().token(), null, unknown).expectStatus().isForbidden().expectBody()
                .json(notMember(unknown), JsonCompareMode.STRICT);
        call("GET", "/v1/agents/bot-1", user.token(), null, "Not A Tenant").expectStatus().isBadRequest();
    }

    @Override
    RestTestClient.ResponseSpec call(String method, String path, String token, String body) {
        return call(method, path, token, body, null);
    }

    /**
     * A request as {@link ServiceTest#call} makes it, with the tenant header when {@code tenant} is not null; the
     * path is sent as written, its percent-encoding included.
     */
    RestTestClient.ResponseSpec call(String method, String path, String token, String body, String tenant) {
        RestTestClient.RequestBodySpec request = http().method(HttpMethod.valueOf(method)).uri(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Codemie-Tenant", tenant);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return request.exchange();
    }

    // ---- the order of checks, and bodies

    @Test
    void checksComeInOneOrder() {
        String tenant = tenant("agent:*", "tenant.users:*");
        role(tenant, "Manager", "tenant.users:manage");
        role(tenant, "Chat", "agent:chat");
        User manager = user();
        member(tenant, manager, "Manager");
        User outsider = user();
        String users = "/v1/tenants/" + tenant + "/users";

        // 401 before anything
        call("POST", users, null, "not json").expectStatus().isUnauthorized();
        // a malformed path before membership
        call("POST", "/v1/tenants/-bad/users", outsider.token(), "not json").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("Invalid tenant id");
        // membership before the body, even an unreadable one; the header is not read on administration paths
        call("POST", users, outsider.token(), "not json", "Not A Tenant").expectStatus().isForbidden().expectBody()
                .json(notMember(tenant), JsonCompareMode.STRICT);
        call("POST", users, outsider.token(), "{\"user_id\":5,\"roles\":[]}").expectStatus().isForbidden();
        // the reserved permission before the body
        User member = user();
        member(tenant, member);
        call("POST", users, member.token(), "{\"roles\":\"x\"}").expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.details").isEqualTo("None of your roles in the tenant '" + tenant
                        + "' grants 'tenant.users:manage'.");
        // the body (wrong types, unreadable, unknown role) before the user
        call("POST", users, manager.token(), "{\"user_id\":\"" + UUID.randomUUID() + "\",\"roles\":\"Chat\"}")
                .expectStatus().isBadRequest().expectBody().json("{\"error\":{\"message\":\"Invalid request body\","
                        + "\"details\":\"'roles' must be a list of strings.\",\"help\":null}}", JsonCompareMode.STRICT);
        call("POST", users, manager.token(), "[1,2]").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid request body");
        // a member twice is never read as its last value
        call("POST", users, manager.token(), "{\"user_id\":\"" + member.id() + "\",\"roles\":[\"Chat\"],"
                + "\"roles\":[]}").expectStatus().isBadRequest().expectBody().jsonPath("$.error.details")
                .isEqualTo(Problem.unreadableBody().details());
        call("POST", users, manager.token(), "{\"user_id\":\"" + UUID.randomUUID() + "\",\"roles\":[\"Ghost\"]}")
                .expectStatus().isBadRequest();
        // the user before the escalation, the escalation before the duplicate
        call("POST", users, manager.token(), "{\"user_id\":\"" + UUID.randomUUID() + "\",\"roles\":[\"Chat\"]}")
                .expectStatus().isNotFound();
        call("POST", users, manager.token(), "{\"user_id\":\"" + member.id() + "\",\"roles\":[\"Chat\"]}")
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details").isEqualTo("You cannot give "
                        + "out 'agent:chat', which you do not hold in the tenant '" + tenant + "'.");
        call("POST", users, manager.token(), "{\"user_id\":\"" + member.id() + "\",\"roles\":[]}").expectStatus()
                .isEqualTo(409);
        // a platform admin is not checked for escalation
        call("PUT", users + "/" + member.id() + "/roles", admin().token(), "{\"roles\":[\"Chat\"]}").expectStatus()
                .isOk();
    }
}
