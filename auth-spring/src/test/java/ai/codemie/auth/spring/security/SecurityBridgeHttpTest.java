package ai.codemie.auth.spring.security;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.ServerHttpTest;
import ai.codemie.auth.spring.TestCallersConfiguration;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.test.TestCallers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spring Security bridge in a running application: URL rules built from {@link CodemieAuthorizationManagers}
 * and a {@code @codemie} expression decide, and a denial is answered with the library's decision texts.
 */
@SpringBootTest(classes = SecurityBridgeHttpTest.BridgeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityBridgeHttpTest extends ServerHttpTest {

    static final EffectivePermissions ADMIN = TestCallers.user("admin").roles(List.of("admin")).admin(true).build();
    static final EffectivePermissions MEMBER = TestCallers.user("member").roles(List.of("developer"))
            .projects(List.of("proj-a")).knowledgeBases(List.of("kb-1")).build();

    @Test
    void letsThroughTheCallerAUrlRuleAllows() {
        http.get().uri("/bridge/projects/proj-a").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
        http.get().uri("/bridge/admin").header("Authorization", bearer(ADMIN)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("admin");
    }

    @Test
    void answersAUrlRulesDenialWithTheDecisionsTexts() {
        http.get().uri("/bridge/projects/proj-b").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectBody().json("""
                        {"error": {"message": "Access denied",
                                   "details": "You do not have permission to access the project 'proj-b'.",
                                   "help": null}}""", JsonCompareMode.STRICT);
        http.get().uri("/bridge/admin").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.details")
                .isEqualTo("This action requires administrator or maintainer privileges.");
    }

    @Test
    void decidesAGenericExpressionByTheRequirementsName() {
        http.get().uri("/bridge/kb/kb-1").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("kb-1");
        http.get().uri("/bridge/kb/kb-2").header("Authorization", bearer(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message").isEqualTo("Access denied");
    }

    private String bearer(EffectivePermissions caller) {
        return "Bearer " + callers.install(caller);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @EnableMethodSecurity
    @Import({TestCallersConfiguration.class, BridgeController.class})
    static class BridgeApplication {

        @Bean
        SecurityFilterChain bridgeFilterChain(HttpSecurity http, SecurityDenials denials) {
            return statelessChain(http, denials, rules -> rules
                    .requestMatchers("/bridge/projects/{project}")
                    .access(CodemieAuthorizationManagers.projectAccess("project"))
                    .requestMatchers("/bridge/admin").access(CodemieAuthorizationManagers.adminOrMaintainer())
                    .anyRequest().permitAll());
        }
    }

    /** A stateless filter chain with these URL rules, whose refusals the library writes. */
    static SecurityFilterChain statelessChain(HttpSecurity http, SecurityDenials denials,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules) {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .authorizeHttpRequests(rules)
                .exceptionHandling(errors -> errors.accessDeniedHandler(denials).authenticationEntryPoint(denials))
                .build();
    }

    /** Signed-in callers pass the annotations; the filter chain's rules and method security decide the rest. */
    @RestController
    @RequireSignedIn
    static class BridgeController {

        @GetMapping("/bridge/projects/{project}")
        String project(@PathVariable String project) {
            return project;
        }

        @GetMapping("/bridge/admin")
        String admin() {
            return "admin";
        }

        @GetMapping("/bridge/kb/{kb}")
        @PreAuthorize("@codemie.meets('knowledgeBaseAccess', #kb)")
        String knowledgeBase(@PathVariable String kb) {
            return kb;
        }
    }
}
