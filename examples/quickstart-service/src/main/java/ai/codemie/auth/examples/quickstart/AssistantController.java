package ai.codemie.auth.examples.quickstart;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AssistantController {

    @GetMapping("/v1/me")
    @RequireSignedIn                                    // any signed-in caller
    Map<String, Object> me(EffectivePermissions caller) {  // the caller, resolved by the library
        return Map.of("id", caller.id(), "roles", caller.roles(), "projects", caller.projects());
    }

    @GetMapping("/v1/projects/{project}/assistants")
    @RequireProjectAccess("project")                    // admins, and members of the project in the path
    List<String> assistants(@PathVariable String project) {
        return List.of(project + "-helper");
    }
}
