package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.test.TestCallers;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path rules that decide tenant permissions in the request's active tenant, in a real servlet container: the tenant
 * header or the default tenant, the three denials with their texts, and the 400s of a malformed tenant or instance
 * and of tenants that are off.
 */
class TenantPathRulesHttpTest {

    private static final TestCallers CALLERS = new TestCallers();
    private static final AtomicInteger APPLICATION_CALLS = new AtomicInteger();
    /** The tenant acme allows agents only; its editors chat, its runners would run processes. */
    private static final TenantAccess ACME_EDITOR = acme("editor");
    private static final TenantAccess ACME_RUNNER = acme("runner");

    private static String editor;
    private static String runner;
    private static String defaultMember;
    private static String platformAdmin;
    private static Server server;
    private static URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        editor = CALLERS.install(TestCallers.user("eve").tenants(List.of(ACME_EDITOR)).build());
        runner = CALLERS.install(TestCallers.user("rob").tenants(List.of(ACME_RUNNER)).build());
        defaultMember = CALLERS.install(TestCallers.user("dan")
                .tenants(List.of(TestCallers.tenantPatterns("default", "agent:chat"))).build());
        platformAdmin = CALLERS.install(TestCallers.user("root").admin(true).maintainer(true).build());

        AuthSettings on = settings(true, true);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new CodemieAuthFilter(CALLERS.codemieAuth(on), rules("/on"))), "/on/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new CodemieAuthFilter(CALLERS.codemieAuth(settings(true, false)),
                rules("/off"))), "/off/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new CodemieAuthFilter(CALLERS.codemieAuth(settings(false, true)),
                rules("/keycloak"))), "/keycloak/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new TenantServlet()), "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    private static AuthSettings settings(boolean platformManaged, boolean tenants) {
        return AuthSettings.builder().addTrustedIssuer(TestCallers.ISSUER)
                .set(AuthSettings.ENABLE_USER_MANAGEMENT, platformManaged)
                .set(AuthSettings.TENANTS_ENABLED, tenants).build();
    }

    private static PathRules rules(String prefix) {
        return PathRules.builder()
                .require("POST", prefix + "/agents/{agent}/chat", RequirementKind.TENANT_PERMISSION.on("agent", "chat",
                        "agent"))
                .require("POST", prefix + "/processes/{process}/run", RequirementKind.TENANT_PERMISSION.on("process",
                        "run", "process"))
                .require("GET", prefix + "/agents", RequirementKind.TENANT_PERMISSION.on("agent", "list", ""))
                .require("GET", prefix + "/me", Requirements.authenticated())
                .build();
    }

    private static TenantAccess acme(String role) {
        return TenantAccess.of("acme", PermissionPattern.parseAll(List.of("agent:*")),
                List.of(TenantRole.of(role, role.equals("editor") ? "agent:chat" : "process:run"))).definition()
                .access(List.of(role));
    }

    @Test
    void allowsAMemberWhoseRoleGrantsThePermissionInTheHeadersTenant() throws Exception {
        int before = APPLICATION_CALLS.get();
        HttpResponse<String> response = post("/on/agents/finance-bot/chat", editor, "acme");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tenant=acme");
        assertThat(APPLICATION_CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void deniesANonMemberAlikeForATenantTheyAreNotInAndOneThatDoesNotExist() throws Exception {
        for (String tenant : List.of("globex", "no-such-tenant")) {
            HttpResponse<String> response = post("/on/agents/finance-bot/chat", editor, tenant);
            assertDenied(response, "You are not a member of the tenant '" + tenant + "'.");
        }
    }

    @Test
    void deniesAMemberWhoseRolesDoNotGrantIt() throws Exception {
        assertDenied(get("/on/agents", editor, "acme"), "None of your roles in the tenant 'acme' grants 'agent:list'.");
    }

    @Test
    void deniesWhatTheTenantsBoundaryDoesNotAllowWhateverTheRole() throws Exception {
        assertDenied(post("/on/processes/nightly/run", runner, "acme"),
                "The tenant 'acme' does not allow 'process:run:nightly', whatever the role.");
    }

    @Test
    void actsInTheDefaultTenantWithoutTheHeader() throws Exception {
        HttpResponse<String> response = post("/on/agents/finance-bot/chat", defaultMember, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tenant=default");
        assertDenied(post("/on/agents/finance-bot/chat", editor, null),
                "You are not a member of the tenant 'default'.");
    }

    @Test
    void aPlatformAdminWithoutTenantRolesIsNotAMember() throws Exception {
        assertDenied(post("/on/agents/finance-bot/chat", platformAdmin, "acme"),
                "You are not a member of the tenant 'acme'.");
        assertDenied(post("/on/agents/finance-bot/chat", platformAdmin, null),
                "You are not a member of the tenant 'default'.");
    }

    @Test
    void refusesAMalformedTenantHeaderNamingIt() throws Exception {
        int before = APPLICATION_CALLS.get();
        for (String malformed : List.of("Acme", "acme,globex", "-acme", "acme corp", "x".repeat(64))) {
            HttpResponse<String> response = post("/on/agents/finance-bot/chat", editor, malformed);
            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            Map<String, Object> error = error(response);
            assertThat(error).containsEntry("message", "Invalid tenant header 'X-Codemie-Tenant'");
            assertThat((String) error.get("details")).startsWith("Invalid tenant id '");
        }
        assertThat(APPLICATION_CALLS.get()).isEqualTo(before);
    }

    @Test
    void refusesTheTenantHeaderGivenTwice() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/on/agents/finance-bot/chat"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + editor)
                .header("X-Codemie-Tenant", "globex").header("X-Codemie-Tenant", "acme").build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).containsEntry("message", "Invalid tenant header 'X-Codemie-Tenant'")
                .containsEntry("details", "The header 'X-Codemie-Tenant' is given more than once; give it once.");
    }

    @Test
    void authenticatesBeforeLookingAtTheTenant() throws Exception {
        assertThat(post("/on/agents/finance-bot/chat", null, "Not A Tenant").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnInstanceThatIsAPatternOrHoldsCharactersAnInstanceMayNot() throws Exception {
        int before = APPLICATION_CALLS.get();
        HttpResponse<String> star = post("/on/agents/*/chat", editor, "acme");
        assertThat(star.statusCode()).isEqualTo(400);
        assertThat(error(star)).containsEntry("message", "Invalid permission").containsEntry("details",
                "Invalid permission 'agent:chat:*': a permission asked about names its instance, '*' is for "
                        + "patterns");
        HttpResponse<String> dollar = post("/on/agents/bot$1/chat", editor, "acme");
        assertThat(dollar.statusCode()).isEqualTo(400);
        assertThat((String) error(dollar).get("details")).startsWith("Invalid permission 'agent:chat:bot$1': the "
                + "instance may hold only");
        assertThat(APPLICATION_CALLS.get()).isEqualTo(before);
    }

    @Test
    void refusesTenantPathsWhileTenantsAreOffOrInKeycloakManagedMode() throws Exception {
        for (String prefix : List.of("/off", "/keycloak")) {
            HttpResponse<String> response = post(prefix + "/agents/finance-bot/chat", editor, "acme");
            assertThat(response.statusCode()).as(prefix).isEqualTo(400);
            assertThat(error(response)).containsEntry("message", "Tenants not enabled").containsEntry("details",
                    null);
            assertThat(get(prefix + "/me", editor, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void otherPathsIgnoreTheHeaderUnlessTheHandlerAsksForTheTenant() throws Exception {
        HttpResponse<String> plain = get("/on/me", editor, "Not A Tenant");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo("user=eve");
        // the handler asks, and the filter writes the refusal it gets
        HttpResponse<String> asked = get("/on/me?tenant", editor, "Not A Tenant");
        assertThat(asked.statusCode()).isEqualTo(400);
        assertThat(error(asked)).containsEntry("message", "Invalid tenant header 'X-Codemie-Tenant'");
        assertThat(get("/on/me?tenant", editor, "acme").body()).isEqualTo("user=eve tenant=acme");
    }

    private void assertDenied(HttpResponse<String> response, String details) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).containsEntry("message", "Access denied").containsEntry("details", details)
                .containsEntry("help", null);
    }

    private HttpResponse<String> post(String path, String token, String tenant) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()), token,
                tenant);
    }

    private HttpResponse<String> get(String path, String token, String tenant) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token, tenant);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token, String tenant) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Codemie-Tenant", tenant);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> error(HttpResponse<String> response) throws Exception {
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsOnlyKeys("error");
        return JSONObjectUtils.getJSONObject(body, "error");
    }

    /** Answers with the active tenant on tenant paths, and on others with the caller (and the tenant if asked). */
    static final class TenantServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            APPLICATION_CALLS.incrementAndGet();
            String path = CodemieAuthFilter.pathOf(request);
            String body = path.endsWith("/me")
                    ? "user=" + request.getRemoteUser()
                            + (request.getParameter("tenant") != null ? " tenant=" + ActiveTenant.of(request) : "")
                    : "tenant=" + ActiveTenant.of(request);
            response.getWriter().print(body);
        }
    }
}
