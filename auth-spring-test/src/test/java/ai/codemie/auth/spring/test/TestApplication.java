package ai.codemie.auth.spring.test;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.RequireAdmin;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.servlet.ActiveTenant;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.annotation.RequireTenantPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small application whose endpoints the test kit's tests call, with no trusted issuer configured. */
@SpringBootApplication
public class TestApplication {

    @RestController
    static class TestController {

        @GetMapping("/me")
        @RequireSignedIn
        Map<String, Object> me(EffectivePermissions caller) {
            return Map.of("id", caller.id(), "admin", caller.admin());
        }

        @GetMapping("/projects/{project}")
        @RequireProjectAccess
        String project(@PathVariable String project) {
            return project;
        }

        @PostMapping("/admin")
        @RequireAdmin
        String admin() {
            return "admin";
        }

        @PostMapping("/agents/{agent}/chat")
        @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")
        String chat(@PathVariable String agent, HttpServletRequest request) {
            return agent + "@" + ActiveTenant.of(request);
        }
    }
}
