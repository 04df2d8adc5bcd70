package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.servlet.PathRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoints of CONTRACT.md and who may call each. */
final class ReferenceApi {

    /** The answer of platform-managed endpoints in Keycloak-managed mode. */
    static final Problem USER_MANAGEMENT_DISABLED = Problem.of(Problem.Status.BAD_REQUEST, "user_management_disabled",
            "User management not enabled");

    private ReferenceApi() {
    }

    /** The endpoints every mode serves. */
    static List<Endpoint> keycloakManaged() {
        return List.of(
                Endpoint.open("GET", "/v1/health", ex -> ex.json(200, Map.of("status", "ok"))),
                Endpoint.of("GET", "/v1/user", Requirements.authenticated(), ex -> ex.json(200, user(ex.caller()))),
                Endpoint.of("GET", "/v1/projects/{project}/assistants", "project", Requirements::projectAccess,
                        ex -> ex.json(200, List.of())),
                Endpoint.of("POST", "/v1/projects/{project}/integrations", "project",
                        Requirements::adminOrProjectAdmin, ex -> {
                            ex.jsonBody();
                            ex.json(201, Map.of("project", ex.variable("project")));
                        }),
                Endpoint.of("GET", "/v1/knowledge-bases/{kb}", "kb", Requirements::knowledgeBaseAccess,
                        ex -> ex.json(200, Map.of("name", ex.variable("kb")))),
                Endpoint.of("POST", "/v1/admin/application", Requirements.adminOrMaintainer(),
                        ex -> ex.json(201, Map.of("name", Exchange.requiredString(ex.jsonBody(), "name")))),
                Endpoint.of("GET", "/v1/admin/users/{id}/budgets", Requirements.maintainer(),
                        ex -> ex.json(200, List.of())));
    }

    /**
     * The platform-managed endpoints as Keycloak-managed mode answers them: signed-in callers are told that user
     * management is not enabled.
     */
    static List<Endpoint> userManagementDisabled() {
        Endpoint.Handler disabled = ex -> ex.problem(USER_MANAGEMENT_DISABLED);
        List<Endpoint> endpoints = new ArrayList<>();
        for (String[] route : new String[][] {
                {"POST", "/v1/projects"},
                {"POST", "/v1/projects/{project}/assignment"},
                {"DELETE", "/v1/projects/{project}/assignment/{user_id}"},
                {"GET", "/v1/admin/users"},
                {"GET", "/v1/admin/users/{id}"},
                {"PUT", "/v1/admin/users/{id}"},
                {"DELETE", "/v1/admin/users/{id}"}}) {
            endpoints.add(Endpoint.of(route[0], route[1], Requirements.authenticated(), disabled));
        }
        return List.copyOf(endpoints);
    }

    /** The filter's rules for these endpoints; anything else needs a signed-in caller (and is then a 404). */
    static PathRules rules(List<Endpoint> endpoints) {
        PathRules.Builder rules = PathRules.builder();
        endpoints.forEach(endpoint -> endpoint.rule().accept(rules));
        return rules.build();
    }

    /** A caller as {@code GET /v1/user} shows them, in the platform's snake_case. */
    static Map<String, Object> user(EffectivePermissions caller) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", caller.id());
        user.put("username", caller.identity().username());
        user.put("name", caller.identity().name());
        user.put("email", caller.identity().email());
        user.put("user_type", caller.identity().userType());
        user.put("roles", List.copyOf(caller.roles()));
        user.put("is_admin", caller.admin());
        user.put("is_maintainer", caller.maintainer());
        user.put("applications", List.copyOf(caller.projects()));
        user.put("applications_admin", List.copyOf(caller.adminProjects()));
        user.put("knowledge_bases", List.copyOf(caller.knowledgeBases()));
        user.put("project_limit", caller.projectLimit());
        return user;
    }
}
