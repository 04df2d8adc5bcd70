package ai.codemie.auth.spring.security.readme;

import ai.codemie.auth.servlet.ActiveTenant;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.spring.annotation.RequireTenantPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AgentController {

    @PostMapping("/v1/agents/{agent}/chat")
    @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")  // agent:chat:{agent}
    Map<String, String> chat(@PathVariable String agent, HttpServletRequest request) {
        return Map.of("agent", agent, "tenant", ActiveTenant.of(request));  // the tenant it was decided in
    }

    @GetMapping("/v1/agents")
    @RequireTenantPermission(resource = "agent", action = "list")  // agent:list, no instance
    List<String> agents(HttpServletRequest request) {
        return List.of(ActiveTenant.of(request) + "-assistant");
    }

    @PostMapping("/v1/knowledge/{source}/ingest")
    @RequireSignedIn
    @PreAuthorize("@codemie.tenantPermission('knowledge:ingest:' + #source)")  // as an expression
    String ingest(@PathVariable String source) {
        return source;
    }
}
