package ai.codemie.auth.spring.security;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.test.TestCallers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

/** With tenants switched off, every endpoint carrying a tenant requirement answers 400 "Tenants not enabled". */
@SpringBootTest(classes = TenantPermissionsHttpTest.TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"codemie.auth.enable-user-management=true", "codemie.auth.tenants.enabled=false"})
class TenantsOffHttpTest {

    static final EffectivePermissions MEMBER = TestCallers.user("eve")
            .tenants(List.of(TestCallers.tenantPatterns("acme", "agent:*"))).build();

    @Autowired
    TestCallers callers;

    @LocalServerPort
    int port;

    @Test
    void refusesEveryTenantEndpointAndLeavesTheOthersAlone() {
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String bearer = "Bearer " + callers.install(MEMBER);
        for (String path : List.of("/t/agents/finance-bot/chat", "/t/chat?agent=finance-bot")) {
            http.post().uri(path).header("Authorization", bearer).header("X-Codemie-Tenant", "acme").exchange()
                    .expectStatus().isBadRequest().expectBody().json("""
                            {"error": {"message": "Tenants not enabled", "details": null, "help": null}}""",
                            JsonCompareMode.STRICT);
        }
        for (String path : List.of("/t/agents", "/t/url/agents/finance-bot", "/t/expr/agents/finance-bot",
                "/t/meets/agents/finance-bot")) {
            http.get().uri(path).header("Authorization", bearer).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Tenants not enabled");
        }
    }
}
