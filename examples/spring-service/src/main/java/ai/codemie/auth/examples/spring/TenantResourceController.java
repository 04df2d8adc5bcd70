package ai.codemie.auth.examples.spring;

import ai.codemie.auth.servlet.ActiveTenant;
import ai.codemie.auth.spring.annotation.RequireTenantPermission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant-scoped endpoints, standing for a service's own: each is decided in the request's active tenant (the
 * tenant header, else the default tenant) by the permission its annotation names, and does nothing else.
 */
@RestController
class TenantResourceController {

    @GetMapping("/v1/agents/{agent}")
    @RequireTenantPermission(resource = "agent", action = "view", instance = "agent")
    Agent agent(@PathVariable String agent) {
        return new Agent(agent);
    }

    @PostMapping("/v1/agents/{agent}/chat")
    @RequireTenantPermission(resource = "agent", action = "chat", instance = "agent")
    Chat chat(@PathVariable String agent, HttpServletRequest request) {
        return new Chat(agent, ActiveTenant.of(request));
    }

    @PostMapping("/v1/processes/{process}/run")
    @RequireTenantPermission(resource = "process", action = "run", instance = "process")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Run run(@PathVariable String process, HttpServletRequest request) {
        return new Run(process, ActiveTenant.of(request));
    }

    // the answers, as records so that their members come in one order

    record Agent(String name) {
    }

    record Chat(String agent, String tenant) {
    }

    record Run(String process, String tenant) {
    }
}
