package ai.codemie.auth.spring;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.spring.annotation.RequireAdmin;
import ai.codemie.auth.spring.annotation.RequireAdminOrMaintainer;
import ai.codemie.auth.spring.annotation.RequireAdminOrProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireKnowledgeBaseAccess;
import ai.codemie.auth.spring.annotation.RequireMaintainer;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireRole;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.web.EnvelopeErrorController;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application with one endpoint per access annotation, for the adapter's tests. It lives in the library's
 * own package, so its component scan leaves out the library's components that only the auto-configuration adds.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {@ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {EnvelopeErrorController.class, CodemieErrorEnvelopeAutoConfiguration.TomcatErrorReport.class}),
        // the Spring Security bridge's tests bring an application with a filter chain of their own
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "ai\\.codemie\\.auth\\.spring\\.security\\..*")})
@EnableMethodSecurity
public class SampleApplication {

    @RestController
    static class SampleController {

        @GetMapping("/health")
        @PublicEndpoint
        Map<String, String> health() {
            return Map.of("status", "ok");
        }

        @GetMapping("/me")
        @RequireSignedIn
        Map<String, Object> me(EffectivePermissions caller) {
            return Map.of("id", caller.id(), "admin", caller.admin());
        }

        @GetMapping("/developer")
        @RequireRole("developer")
        String developer() {
            return "developer";
        }

        @PostMapping("/admin")
        @RequireAdminOrMaintainer
        String admin() {
            return "admin";
        }

        @GetMapping("/admin-only")
        @RequireAdmin
        String adminOnly() {
            return "admin";
        }

        @PostMapping("/echo")
        @RequireSignedIn
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/count/{n}")
        @RequireSignedIn
        int count(@PathVariable int n) {
            return n;
        }

        @GetMapping("/budgets")
        @RequireMaintainer
        String budgets() {
            return "budgets";
        }

        @GetMapping("/projects/{project}")
        @RequireProjectAccess
        String project(@PathVariable String project) {
            return project;
        }

        @GetMapping("/projects/{project}/settings")
        @RequireProjectAdmin
        String projectSettings(@PathVariable String project) {
            return project;
        }

        @PostMapping("/projects/{project}/integrations")
        @RequireAdminOrProjectAdmin
        String integrations(@PathVariable String project) {
            return project;
        }

        @RequestMapping(path = "/search", method = {RequestMethod.GET, RequestMethod.POST})
        @RequireProjectAccess("in")
        String search(@RequestParam("in") String project) {
            return project;
        }

        @GetMapping("/search-all")
        @RequireProjectAccess("in")
        String searchAll(@RequestParam("in") List<String> projects) {
            return String.join("|", projects);
        }

        @GetMapping("/lists/{projects}")
        @RequireProjectAccess("projects")
        String lists(@PathVariable String[] projects) {
            return String.join("|", projects);
        }

        /** A form object binds request parameters over path variables of the same name. */
        @PostMapping("/forms/{project}")
        @RequireProjectAccess
        String form(@ModelAttribute ProjectForm form) {
            return form.getProject();
        }

        @GetMapping("/kb/{kb}")
        @RequireKnowledgeBaseAccess("kb")
        String knowledgeBase(@PathVariable String kb) {
            return kb;
        }

        @GetMapping("/unannotated")
        String unannotated() {
            return "reached";
        }

        @GetMapping("/pre-authorized/developer")
        @PreAuthorize("hasRole('developer')")
        String preAuthorizedRole(Authentication authentication) {
            return String.join(",", authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).sorted().toList());
        }

        @GetMapping("/pre-authorized/projects/{project}")
        @PreAuthorize("@codemie.projectAccess(#project)")
        String preAuthorizedProject(@PathVariable String project) {
            return project;
        }
    }

    /** What {@code /forms/{project}} binds. */
    public static class ProjectForm {
        private String project;

        public String getProject() {
            return project;
        }

        public void setProject(String project) {
            this.project = project;
        }
    }

    /** Class-level requirement with method-level overrides. */
    @RestController
    @RequestMapping("/ops")
    @RequireAdminOrMaintainer
    static class OperationsController {

        @GetMapping("/status")
        String status() {
            return "ops";
        }

        @GetMapping("/ping")
        @PublicEndpoint
        String ping() {
            return "pong";
        }
    }
}
