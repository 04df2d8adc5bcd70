package ai.codemie.auth.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.servlet.ActiveTenant;
import ai.codemie.auth.spring.TestCallersConfiguration;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.annotation.RequireTenantPermission;
import ai.codemie.auth.spring.security.readme.AgentController;
import ai.codemie.auth.spring.web.EndpointReport;
import ai.codemie.auth.test.TestCallers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
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
class TenantPermissionsHttpTest {

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
    TestCallers callers;

    @Autowired
    EndpointReport report;

    @LocalServerPort
    int port;

    RestTestClient http;

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void allowsTheAnnotatedPermissionInTheHeadersTenant() {
        http.post().uri("/t/agents/finance-bot/chat").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "acme").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("agent=finance-bot tenant=acme");
    }

    @Test
    void readsTheInstanceFromARequestParameter() {
        http.post().uri("/t/chat?agent=finance-bot").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "acme").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("agent=finance-bot tenant=acme");
        http.post().uri("/t/chat?agent=finance-bot").header("Authorization", bearer(RUNNER))
                .header("X-Codemie-Tenant", "acme").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'.");
        http.post().uri("/t/chat").header("Authorization", bearer(EDITOR)).header("X-Codemie-Tenant", "acme")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.message")
                .isEqualTo("Missing parameter 'agent'");
        http.post().uri("/t/chat?agent=finance-bot&agent=other").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isBadRequest()
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
        http.post().uri("/t/agents/finance-bot/chat").header("Authorization", bearer(DEFAULT_MEMBER)).exchange()
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
        http.post().uri("/t/agents/finance-bot/chat").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "ACME").exchange()
                .expectStatus().isBadRequest().expectBody().json("""
                        {"error": {"message": "Invalid tenant header 'X-Codemie-Tenant'",
                                   "details": "Invalid tenant id 'ACME': a tenant id starts with a-z or 0-9 and holds only a-z, 0-9 and '-'",
                                   "help": null}}""", JsonCompareMode.STRICT);
        for (String uri : List.of("/t/agents/*/chat", "/t/chat?agent=*", "/t/chat?agent=a%2Ab")) {
            http.post().uri(uri).header("Authorization", bearer(EDITOR)).header("X-Codemie-Tenant", "acme")
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid permission");
        }
    }

    @Test
    void theBridgesUrlRuleDecidesInTheActiveTenant() {
        http.get().uri("/t/url/agents/finance-bot").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "acme").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("finance-bot");
        http.get().uri("/t/url/agents/finance-bot").header("Authorization", bearer(RUNNER))
                .header("X-Codemie-Tenant", "acme").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'.");
        http.get().uri("/t/url/agents/finance-bot").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "Bad Tenant").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error.message")
                .isEqualTo("Invalid tenant header 'X-Codemie-Tenant'");
    }

    @Test
    void theExpressionsDecideInTheActiveTenant() {
        for (String path : List.of("/t/expr/agents/", "/t/meets/agents/")) {
            http.get().uri(path + "finance-bot").header("Authorization", bearer(EDITOR))
                    .header("X-Codemie-Tenant", "acme").exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("finance-bot");
            http.get().uri(path + "finance-bot").header("Authorization", bearer(EDITOR))
                    .header("X-Codemie-Tenant", "globex").exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Access denied");
            http.get().uri(path + "finance-bot").header("Authorization", bearer(EDITOR))
                    .header("X-Codemie-Tenant", "-acme").exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid tenant header 'X-Codemie-Tenant'");
            http.get().uri(path + "*").header("Authorization", bearer(EDITOR))
                    .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isBadRequest()
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
        http.get().uri("/t/agents").header("Authorization", bearer(EDITOR)).header("X-Codemie-Tenant", "acme")
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.error.details")
                .isEqualTo("None of your roles in the tenant 'acme' grants 'agent:list'.");
    }

    @Test
    void theReadmesControllerDecidesAsTheReadmeSays() {
        EffectivePermissions member = TestCallers.user("kim").tenants(List.of(TestCallers.tenantPatterns("acme",
                "agent:chat:finance-bot", "agent:list", "knowledge:ingest"))).build();
        http.post().uri("/v1/agents/finance-bot/chat").header("Authorization", bearer(member))
                .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isOk()
                .expectBody().json("{\"agent\": \"finance-bot\", \"tenant\": \"acme\"}", JsonCompareMode.STRICT);
        http.post().uri("/v1/agents/hr-bot/chat").header("Authorization", bearer(member))
                .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isForbidden();
        http.get().uri("/v1/agents").header("Authorization", bearer(member)).header("X-Codemie-Tenant", "acme")
                .exchange().expectStatus().isOk().expectBody().json("[\"acme-assistant\"]");
        http.get().uri("/v1/agents").header("Authorization", bearer(member)).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details").isEqualTo("You are not a member of the tenant 'default'.");
        http.post().uri("/v1/knowledge/wiki/ingest").header("Authorization", bearer(member))
                .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isOk();
        http.post().uri("/v1/knowledge/wiki/ingest").header("Authorization", bearer(EDITOR))
                .header("X-Codemie-Tenant", "acme").exchange().expectStatus().isForbidden();
    }

    private void assertDenied(String path, EffectivePermissions caller, String tenant, String details) {
        var request = http.post().uri(path).header("Authorization", bearer(caller));
        if (tenant != null) {
            request = request.header("X-Codemie-Tenant", tenant);
        }
        request.exchange().expectStatus().isForbidden().expectBody().json("""
                {"error": {"message": "Access denied", "details": "%s", "help": null}}""".formatted(details),
                JsonCompareMode.STRICT);
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
            return http.csrf(csrf -> csrf.disable())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(context -> context
                            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .authorizeHttpRequests(rules -> rules
                            .requestMatchers("/t/url/agents/{agent}")
                            .access(CodemieAuthorizationManagers.tenantPermission("agent", "chat", "agent"))
                            .anyRequest().permitAll())
                    .exceptionHandling(errors -> errors.accessDeniedHandler(denials).authenticationEntryPoint(denials))
                    .build();
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
