package ai.codemie.auth.examples.spring;

import ai.codemie.auth.admin.NewLocalUser;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.admin.UserUpdate;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.spring.annotation.RequireAdmin;
import ai.codemie.auth.spring.annotation.RequireAdminOrMaintainer;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import ai.codemie.auth.store.ProjectMembership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform-managed endpoints of the reference service, served by the library's administration API (which
 * applies the administration rules and the project limit). With {@code ENABLE_USER_MANAGEMENT=false} they answer
 * 400 "User management not enabled" to callers the annotation lets through.
 */
@RestController
class PlatformController {

    static final Problem NOT_ENABLED = Problem.of(Problem.Status.BAD_REQUEST, "user_management_disabled",
            "User management not enabled");

    private static final Set<String> NEW_USER_MEMBERS = Set.of("email", "username", "name");

    private final AuthSettings settings;
    private final ObjectProvider<UserAdministration> administration;

    PlatformController(AuthSettings settings, ObjectProvider<UserAdministration> administration) {
        this.settings = settings;
        this.administration = administration;
    }

    @PostMapping("/v1/projects")
    @RequireSignedIn
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createProject(EffectivePermissions caller, @RequestBody Map<String, Object> body) {
        UserAdministration administration = administration();
        String name = BadRequest.requireText(body, "name");
        Object description = body.get("description");
        if (description != null && !(description instanceof String)) {
            throw new BadRequest("'description' must be a string.");
        }
        return Map.of("name", administration.createSharedProject(caller, name, (String) description).name());
    }

    @PostMapping("/v1/projects/{project}/assignment")
    @RequireSignedIn
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> assign(EffectivePermissions caller, @PathVariable String project,
            @RequestBody Map<String, Object> body) {
        UserAdministration administration = administration();
        String userId = BadRequest.requireText(body, "user_id");
        Object projectAdmin = body.getOrDefault("is_project_admin", false);
        if (!(projectAdmin instanceof Boolean isProjectAdmin)) {
            throw new BadRequest("'is_project_admin' must be true or false.");
        }
        ProjectMembership membership = administration.assignMember(caller, project, userId, isProjectAdmin);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("project", membership.project());
        answer.put("user_id", membership.userId());
        answer.put("is_project_admin", membership.projectAdmin());
        return answer;
    }

    @DeleteMapping("/v1/projects/{project}/assignment/{userId}")
    @RequireSignedIn
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unassign(EffectivePermissions caller, @PathVariable String project, @PathVariable String userId) {
        administration().unassignMember(caller, project, userId);
    }

    @GetMapping("/v1/admin/users")
    @RequireAdminOrMaintainer
    List<UserView> users(EffectivePermissions caller) {
        return administration().listUsers(caller).stream().map(user -> UserView.of(user.permissions())).toList();
    }

    /**
     * Creates a local user ({@code IDP_PROVIDER=local}): {@code {"email", "username"?, "name"?}}, the user name
     * defaulting to the e-mail. The new user signs in with a local token whose subject is the answer's {@code id}.
     */
    @PostMapping("/v1/admin/users")
    @RequireAdmin
    @ResponseStatus(HttpStatus.CREATED)
    UserView createUser(EffectivePermissions caller, @RequestBody Map<String, Object> body) {
        UserAdministration administration = administration();
        for (String member : body.keySet()) {
            if (!NEW_USER_MEMBERS.contains(member)) {
                throw new BadRequest("Unknown member '" + member + "'; known members: email, name, username.");
            }
        }
        String email = BadRequest.requireText(body, "email");
        String username = body.containsKey("username") ? BadRequest.requireText(body, "username") : email;
        String name = body.containsKey("name") ? BadRequest.requireText(body, "name") : null;
        return UserView.of(administration.createLocalUser(caller, new NewLocalUser(username, email, name))
                .permissions());
    }

    @GetMapping("/v1/admin/users/{id}")
    @RequireAdminOrMaintainer
    UserView user(EffectivePermissions caller, @PathVariable String id) {
        return UserView.of(administration().getUser(caller, id).permissions());
    }

    @PutMapping("/v1/admin/users/{id}")
    @RequireAdminOrMaintainer
    UserView updateUser(EffectivePermissions caller, @PathVariable String id, @RequestBody Map<String, Object> body) {
        UserAdministration administration = administration();
        UserUpdate update = UserUpdate.none();
        for (Map.Entry<String, Object> member : body.entrySet()) {
            Object value = member.getValue();
            update = switch (member.getKey()) {
                case "is_admin" -> update.withAdmin(requireBoolean(member.getKey(), value));
                case "is_maintainer" -> update.withMaintainer(requireBoolean(member.getKey(), value));
                case "project_limit" -> update.withProjectLimit(requireLimit(value));
                default -> throw new BadRequest("Unknown field '" + member.getKey()
                        + "'; expected is_admin, is_maintainer or project_limit.");
            };
        }
        return UserView.of(administration.updateUser(caller, id, update).permissions());
    }

    @DeleteMapping("/v1/admin/users/{id}")
    @RequireAdminOrMaintainer
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(EffectivePermissions caller, @PathVariable String id) {
        administration().deactivateUser(caller, id);
    }

    /** The administration API; asked for before the body is read, so that the mode is the first answer. */
    private UserAdministration administration() {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            throw new AuthException(NOT_ENABLED);
        }
        return administration.getObject();
    }

    private static boolean requireBoolean(String member, Object value) {
        if (!(value instanceof Boolean flag)) {
            throw new BadRequest("'" + member + "' must be true or false.");
        }
        return flag;
    }

    private static Integer requireLimit(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer limit)) {
            throw new BadRequest("'project_limit' must be a whole number or null.");
        }
        return limit;
    }
}
