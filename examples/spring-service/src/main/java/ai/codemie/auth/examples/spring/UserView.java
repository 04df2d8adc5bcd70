package ai.codemie.auth.examples.spring;

import ai.codemie.auth.model.EffectivePermissions;
import java.util.List;

/** A user as {@code GET /v1/user} shows it; serialized in snake_case. */
public record UserView(String id, String username, String name, String email, String userType, List<String> roles,
        boolean isAdmin, boolean isMaintainer, List<String> applications, List<String> applicationsAdmin,
        List<String> knowledgeBases, Integer projectLimit) {

    /** The view of a caller's effective permissions. */
    public static UserView of(EffectivePermissions caller) {
        return new UserView(caller.id(), caller.identity().username(), caller.identity().name(),
                caller.identity().email(), caller.identity().userType(), List.copyOf(caller.roles()), caller.admin(),
                caller.maintainer(), List.copyOf(caller.projects()), List.copyOf(caller.adminProjects()),
                List.copyOf(caller.knowledgeBases()), caller.projectLimit());
    }
}
