package ai.codemie.auth.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.servlet.ActiveTenant;
import ai.codemie.auth.spring.ServerHttpTest;
import ai.codemie.auth.spring.TestCallersConfiguration;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.annotation.RequireTenantPermission;
import ai.codemie.auth.spring.security.readme.AgentController;
import ai.codemie.auth.spring.web.EndpointReport;
import ai.codemie.auth.test.TestCallers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant permissions in a running Spring MVC application, decided in the request's active tenant: the
 * {@code @RequireTenantPermission} annotation (instance from a path variable or a request parameter), a URL rule of
 * the Spring Security bridge and the {@code @codemie} expressions.
 */
@SpringBootTest(classes = TenantPermissionsHttpTest.TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"codemie.auth.enable-user-management=true", "codemie.auth.tenants.enabled=true"})
class TenantPermissionsHttpTest extends ServerHttpTest {

    /** The tenant acme allows agents only; editors chat there, runners would run processes. */
    static final TenantDefinition ACME = TenantDefinition.of("acme", PermissionPattern.parseAll(List.of("agent:*")),
            List.of(TenantRole.of("editor", "agent:chat"), TenantRole.of("runner", "process:run")));
    static final EffectivePermissions EDITOR = TestCallers.user("eve").roles(List.of("developer"))
            .tenants(List.of(ACME.access(List.of("editor")))).build();
    static final EffectivePermissions RUNNER = TestCallers.user("rob")
            .tenants(List.of(ACME.access(List.of("Runner")))).build();
    static final EffectivePermissions DEFAULT_MEMBER = TestCallers.user("dan")
            .tenants(List.of(TestCallers.tenantPatterns("default", "agent:chat"))).build();
    static final EffectivePermissions PLATFORM_ADMIN = TestCallers.user("root").roles(List.of("admin")).admin(true)
            .maintainer(true).build();

    @Autowired
    EndpointReport report;

    @Test
    void allowsTheAnnotatedPermissionInTheHeadersTenant() {
        post("/t/agents/finance-bot/chat", EDITOR, "acme")
                .expectStatus().isOk().expectBody(String.class).isEqualTo("agent=finance-bot tenant=acme");
    }

    @Test
    void readsTheInstanceFromARequestParameter() {
        post("/t/chat?agent=finance-bot", EDITOR, "acme")
                .expectStatus().isOk().expectBody(String.class).isEqualTo("agent=finance-bot tenant=acme");
        post("/t/chat?agent=finance-bot", RUNNER, "acme")
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'.");
        post("/t/chat", EDITOR, "acme").expectStatus().isBadRequest().expectBody().jsonPath("$.error.message")
                .isEqualTo("Missing parameter 'agent'");
        post("/t/chat?agent=finance-bot&agent=other", EDITOR, "acme").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("Ambiguous parameter 'agent'");
    }

    @Test
    void deniesEachWayWithTheTenantTexts() {
        assertDenied("/t/agents/finance-bot/chat", EDITOR, "globex", "You are not a member of the tenant 'globex'.");
        assertDenied("/t/agents/finance-bot/chat", RUNNER, "acme",
                "None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'.");
        assertDenied("/t/processes/nightly/run", RUNNER, "acme",
                "The tenant 'acme' does not allow 'process:run:nightly', whatever the role.");
    }

    @Test
    void actsInTheDefaultTenantWithoutTheHeader() {
        post("/t/agents/finance-bot/chat", DEFAULT_MEMBER, null)
                .expectStatus().isOk().expectBody(String.class).isEqualTo("agent=finance-bot tenant=default");
        assertDenied("/t/agents/finance-bot/chat", EDITOR, null, "You are not a member of the tenant 'default'.");
    }

    @Test
    void anUnknownTenantAndAPlatformAdminWithoutTenantRolesAreNotMembers() {
        assertDenied("/t/agents/finance-bot/chat", EDITOR, "no-such-tenant",
                "You are not a member of the tenant 'no-such-tenant'.");
        assertDenied("/t/agents/finance-bot/chat", PLATFORM_ADMIN, "acme",
                "You are not a member of the tenant 'acme'.");
    }

    @Test
    void refusesAMalformedHeaderAndAnInstanceThatIsAPattern() {
        post("/t/agents/finance-bot/chat", EDITOR, "ACME")
                .expectStatus().isBadRequest().expectBody().json("""
                        {"error": {"message": "Invalid tenant header 'X-Codemie-Tenant'",
                                   "details": "Invalid tenant id 'ACME': a tenant id starts with a-z or 0-9 and holds only a-z, 0-9 and '-'",
                                   "help": null}}""", JsonCompareMode.STRICT);
        for (String uri : List.of("/t/agents/*/chat", "/t/chat?agent=*", "/t/chat?agent=a%2Ab")) {
            post(uri, EDITOR, "acme").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid permission");
        }
    }

    @Test
    void theBridgesUrlRuleDecidesInTheActiveTenant() {
        get("/t/url/agents/finance-bot", EDITOR, "acme")
                .expectStatus().isOk().expectBody(String.class).isEqualTo("finance-bot");
        get("/t/url/agents/finance-bot", RUNNER, "acme")
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'.");
        get("/t/url/agents/finance-bot", EDITOR, "Bad Tenant")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error.message")
                .isEqualTo("Invalid tenant header 'X-Codemie-Tenant'");
    }

    @Test
    void theExpressionsDecideInTheActiveTenant() {
        for (String path : List.of("/t/expr/agents/", "/t/meets/agents/")) {
            get(path + "finance-bot", EDITOR, "acme")
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("finance-bot");
            get(path + "finance-bot", EDITOR, "globex").expectStatus().isForbidden()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Access denied");
            get(path + "finance-bot", EDITOR, "-acme").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid tenant header 'X-Codemie-Tenant'");
            get(path + "*", EDITOR, "acme").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid permission");
        }
    }

    @Test
    void theStartupReportShowsTheTenantPermissions() {
        assertThat(report.render()).contains("tenantPermission(agent:chat:{agent})", "tenantPermission(agent:list)",
                "tenantPermission(process:run:{process})");
    }

    @Test
    void anEndpointWithoutAnInstanceAsksForThePermissionWithoutOne() {
        get("/t/agents", EDITOR, "acme").expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:list'.");
    }

    @Test
    void theReadmesControllerDecidesAsTheReadmeSays() {
        EffectivePermissions member = TestCallers.user("kim").tenants(List.of(TestCallers.tenantPatterns("acme",
                "agent:chat:finance-bot", "agent:list", "knowledge:ingest"))).build();
        post("/v1/agents/finance-bot/chat", member, "acme").expectStatus().isOk()
                .expectBody().json("{\"agent\": \"finance-bot\", \"tenant\": \"acme\"}", JsonCompareMode.STRICT);
        post("/v1/agents/hr-bot/chat", member, "acme").expectStatus().isForbidden();
        get("/v1/agents", member, "acme").expectStatus().isOk().expectBody().json("[\"acme-assistant\"]");
        get("/v1/agents", member, null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details").isEqualTo("You are not a member of the tenant 'default'.");
        post("/v1/knowledge/wiki/ingest", member, "acme").expectStatus().isOk();
        post("/v1/knowledge/wiki/ingest", EDITOR, "acme").expectStatus().isForbidden();
    }

    private void assertDenied(String path, EffectivePermissions caller, String tenant, String details) {
        post(path, caller, tenant).expectStatus().isForbidden().expectBody().json("""
                {"error": {"message": "Access denied", "details": "%s", "help": null}}""".formatted(details),
                JsonCompareMode.STRICT);
    }

    private RestTestClient.ResponseSpec post(String uri, EffectivePermissions caller, String tenant) {
        return send(HttpMethod.POST, uri, caller, tenant);
    }

    private RestTestClient.ResponseSpec get(String uri, EffectivePermissions caller, String tenant) {
        return send(HttpMethod.GET, uri, caller, tenant);
    }

    /** The request as the caller, in the tenant of the header (none when null). */
    private RestTestClient.ResponseSpec send(HttpMethod method, String uri, EffectivePermissions caller,
            String tenant) {
        var request = http.method(method).uri(uri).header("Authorization", bearer(caller));
        return (tenant == null ? request : request.header("X-Codemie-Tenant", tenant)).exchange();
    }

    private String bearer(EffectivePermissions caller) {
        return "Bearer " + callers.install(caller);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @EnableMethodSecurity
    @Import({TestCallersConfiguration.class, TenantController.class, AgentController.class})
    static class TenantApplication {

        @Bean
        SecurityFilterChain tenantFilterChain(HttpSecurity http, SecurityDenials denials) {
            return SecurityBridgeHttpTest.statelessChain(http, denials, rules -> rules
                    .requestMatchers("/t/url/agents/{agent}")
                    .access(CodemieAuthorizationManagers.tenantPermission("agent", "chat", "agent"))
                    .anyRequest().permitAll());
        }
    }

    @RestController
    static class TenantController {

        @PostMapping("/t/agents/{agent}/chat")
        @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")
        String chat(@PathVariable String agent, HttpServletRequest request) {
            return "agent=" + agent + " tenant=" + ActiveTenant.of(request);
        }

        @PostMapping("/t/chat")
        @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")
        String chatByParameter(@RequestParam String agent, HttpServletRequest request) {
            return "agent=" + agent + " tenant=" + ActiveTenant.of(request);
        }

        @GetMapping("/t/agents")
        @RequireTenantPermission(resource = "agent", action = "list")
        String agents() {
            return "agents";
        }

        @PostMapping("/t/processes/{process}/run")
        @RequireTenantPermission(resource = "process", action = "run", instance = "process")
        String run(@PathVariable String process) {
            return process;
        }

        @GetMapping("/t/url/agents/{agent}")
        @RequireSignedIn
        String byUrlRule(@PathVariable String agent) {
            return agent;
        }

        @GetMapping("/t/expr/agents/{agent}")
        @PreAuthorize("@codemie.tenantPermission('agent:chat:' + #agent)")
        String byExpression(@PathVariable String agent) {
            return agent;
        }

        @GetMapping("/t/meets/agents/{agent}")
        @PreAuthorize("@codemie.meets('tenantPermission', 'agent', 'chat', #agent)")
        String byMeets(@PathVariable String agent) {
            return agent;
        }
    }
}
