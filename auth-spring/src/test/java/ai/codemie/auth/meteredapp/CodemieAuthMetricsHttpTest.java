package ai.codemie.auth.meteredapp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.metrics.MicrometerAuthObserver;
import ai.codemie.auth.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with the library's own verifier trusting a real test issuer and a {@link SimpleMeterRegistry} bean:
 * real HTTP requests are counted in the registry. In a package of its own, out of the sample application's component
 * scan, whose test callers would replace the library's verifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = CodemieAuthMetricsHttpTest.MeteredApplication.class)
class CodemieAuthMetricsHttpTest {

    static final TestTokens TOKENS = TestTokens.start();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SimpleMeterRegistry.class, ProjectController.class})
    static class MeteredApplication {
    }

    @RestController
    static class ProjectController {
        @GetMapping("/projects/{project}")
        @RequireProjectAccess("project")
        String project(@PathVariable String project) {
            return project;
        }

        @GetMapping("/me")
        @RequireSignedIn
        String me(EffectivePermissions caller) {
            return caller.id();
        }
    }

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry properties) {
        properties.add("codemie.auth.jwks.trusted-issuers[0].issuer", TOKENS::issuer);
        properties.add("codemie.auth.jwks.trusted-issuers[0].jwks-uri", () -> TOKENS.jwksUri().toString());
    }

    @AfterAll
    static void stopIssuer() {
        TOKENS.close();
    }

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    @Test
    void countsTheDecisionsRejectionsAndCacheHitsOfRealRequests() {
        String member = "Bearer " + TOKENS.forUser("member").roles("developer").applications("proj-a").sign();
        String expired = "Bearer " + TOKENS.forUser("member").roles("developer").expired().sign();
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        client.get().uri("/projects/proj-a").header("Authorization", member).exchange().expectStatus().isOk();
        client.get().uri("/projects/proj-b").header("Authorization", member).exchange().expectStatus()
                .isForbidden();
        client.get().uri("/me").header("Authorization", expired).exchange().expectStatus().isUnauthorized();

        assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
        // both project requests pass the servlet filter's path rule (signed in); the annotation then allows one
        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "allow", "reason", "none")).isEqualTo(3);
        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "deny", "reason", "not_project_member"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.TOKEN_REJECTIONS, "reason", "token_expired")).isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "verified_tokens", "result", "hit"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "verified_tokens", "result", "miss"))
                .isEqualTo(2);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
