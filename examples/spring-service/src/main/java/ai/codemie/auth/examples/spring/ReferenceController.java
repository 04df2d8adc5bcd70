package ai.codemie.auth.examples.spring;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.spring.annotation.RequireAdminOrMaintainer;
import ai.codemie.auth.spring.annotation.RequireAdminOrProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireKnowledgeBaseAccess;
import ai.codemie.auth.spring.annotation.RequireMaintainer;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints of the reference service that both modes serve; each says who may call it with one annotation. */
@RestController
class ReferenceController {

    @GetMapping("/v1/health")
    @PublicEndpoint
    Map<String, String> health() {
        return Map.of("status", "ok");
    }

    @GetMapping("/v1/user")
    @RequireSignedIn
    UserView user(EffectivePermissions caller) {
        return UserView.of(caller);
    }

    @GetMapping("/v1/projects/{project}/assistants")
    @RequireProjectAccess("project")
    List<Object> assistants(@PathVariable String project) {
        return List.of();
    }

    @PostMapping("/v1/projects/{project}/integrations")
    @RequireAdminOrProjectAdmin("project")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createIntegration(@PathVariable String project, @RequestBody Map<String, Object> body) {
        return Map.of("project", project);
    }

    @GetMapping("/v1/knowledge-bases/{kb}")
    @RequireKnowledgeBaseAccess("kb")
    Map<String, String> knowledgeBase(@PathVariable String kb) {
        return Map.of("name", kb);
    }

    @PostMapping("/v1/admin/application")
    @RequireAdminOrMaintainer
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createApplication(@RequestBody Map<String, Object> body) {
        return Map.of("name", BadRequest.requireText(body, "name"));
    }

    @GetMapping("/v1/admin/users/{id}/budgets")
    @RequireMaintainer
    List<Object> budgets(@PathVariable String id) {
        return List.of();
    }
}
