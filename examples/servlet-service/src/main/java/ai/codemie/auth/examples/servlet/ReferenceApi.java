package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.admin.UserUpdate;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.servlet.PathRules;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoints of the reference service and who may call each. */
final class ReferenceApi {

    /** The answer of platform-managed endpoints in Keycloak-managed mode. */
    static final Problem USER_MANAGEMENT_DISABLED = Problem.of(Problem.Status.BAD_REQUEST, "user_management_disabled",
            "User management not enabled");

    /** The answer of the assistants endpoint, shared with its bare twin so that both do the same work. */
    static final Endpoint.Handler ASSISTANTS = ex -> ex.json(200, List.of());

    private ReferenceApi() {
    }

    /**
     * The endpoints of the bare context, which no filter guards: the assistants endpoint again, so that a load test
     * can measure what the filter costs.
     */
    static List<Endpoint> bare() {
        return List.of(Endpoint.open("GET", "/projects/{project}/assistants", ASSISTANTS));
    }

    /** The endpoints every mode serves. */
    static List<Endpoint> keycloakManaged() {
        return List.of(
                Endpoint.open("GET", "/v1/health", ex -> ex.json(200, Map.of("status", "ok"))),
                Endpoint.of("GET", "/v1/user", Requirements.authenticated(), ex -> ex.json(200, user(ex.caller()))),
                Endpoint.of("GET", "/v1/projects/{project}/assistants", RequirementKind.PROJECT_ACCESS.on("project"),
                        ASSISTANTS),
                Endpoint.of("POST", "/v1/projects/{project}/integrations",
                        RequirementKind.ADMIN_OR_PROJECT_ADMIN.on("project"), ex -> {
                            ex.jsonBody();
                            ex.json(201, Map.of("project", ex.variable("project")));
                        }),
                Endpoint.of("GET", "/v1/knowledge-bases/{kb}", RequirementKind.KNOWLEDGE_BASE_ACCESS.on("kb"),
                        ex -> ex.json(200, Map.of("name", ex.variable("kb")))),
                Endpoint.of("POST", "/v1/admin/application", Requirements.adminOrMaintainer(),
                        ex -> ex.json(201, Map.of("name", Exchange.requiredString(ex.jsonBody(), "name")))),
                Endpoint.of("GET", "/v1/admin/users/{id}/budgets", Requirements.maintainer(),
                        ex -> ex.json(200, List.of())));
    }

    /**
     * The platform-managed endpoints: the administration API behind HTTP. Rules admit the callers the HTTP interface
     * names; the administration API applies the finer rules (project admin or creator, maintainer-only role changes,
     * the project limit) and answers 403, 404 and 409 itself.
     */
    static List<Endpoint> platformManaged(UserAdministration admin) {
        return List.of(
                Endpoint.of("POST", "/v1/projects", Requirements.authenticated(), ex -> {
                    Map<String, Object> body = ex.jsonBody();
                    Project project = admin.createSharedProject(ex.caller(), Exchange.requiredString(body, "name"),
                            Exchange.requiredString(body, "description"));
                    ex.json(201, Map.of("name", project.name()));
                }),
                Endpoint.of("POST", "/v1/projects/{project}/assignment", Requirements.authenticated(), ex -> {
                    Map<String, Object> body = ex.jsonBody();
                    ProjectMembership membership = admin.assignMember(ex.caller(), ex.variable("project"),
                            Exchange.requiredString(body, "user_id"), optionalBoolean(body, "is_project_admin", false));
                    ex.json(201, Map.of("project", membership.project(), "user_id", membership.userId(),
                            "is_project_admin", membership.projectAdmin()));
                }),
                Endpoint.of("DELETE", "/v1/projects/{project}/assignment/{user_id}", Requirements.authenticated(),
                        ex -> {
                            admin.unassignMember(ex.caller(), ex.variable("project"), ex.variable("user_id"));
                            ex.noContent();
                        }),
                Endpoint.of("GET", "/v1/admin/users", Requirements.adminOrMaintainer(),
                        ex -> ex.json(200, admin.listUsers(ex.caller()).stream()
                                .map(user -> user(user.permissions())).toList())),
                Endpoint.of("GET", "/v1/admin/users/{id}", Requirements.adminOrMaintainer(),
                        ex -> ex.json(200, user(admin.getUser(ex.caller(), ex.variable("id")).permissions()))),
                Endpoint.of("PUT", "/v1/admin/users/{id}", Requirements.adminOrMaintainer(), ex -> {
                    UserUpdate update = userUpdate(ex.jsonBody());
                    ex.json(200, user(admin.updateUser(ex.caller(), ex.variable("id"), update).permissions()));
                }),
                Endpoint.of("DELETE", "/v1/admin/users/{id}", Requirements.adminOrMaintainer(), ex -> {
                    admin.deactivateUser(ex.caller(), ex.variable("id"));
                    ex.noContent();
                }));
    }

    /** The platform-managed endpoints as Keycloak-managed mode answers them: "User management not enabled". */
    static List<Endpoint> userManagementDisabled() {
        return platformManaged(null).stream()
                .map(endpoint -> endpoint.answering(ex -> ex.problem(USER_MANAGEMENT_DISABLED))).toList();
    }

    /** The filter's rules for these endpoints; anything else needs a signed-in caller (and is then a 404). */
    static PathRules rules(List<Endpoint> endpoints) {
        PathRules.Builder rules = PathRules.builder();
        endpoints.forEach(endpoint -> endpoint.rule().accept(rules));
        return rules.build();
    }

    /** The body of {@code PUT /v1/admin/users/{id}}: {@code is_admin}, {@code is_maintainer}, {@code project_limit}. */
    private static UserUpdate userUpdate(Map<String, Object> body) {
        UserUpdate update = UserUpdate.none();
        for (Map.Entry<String, Object> member : body.entrySet()) {
            Object value = member.getValue();
            update = switch (member.getKey()) {
                case "is_admin" -> update.withAdmin(optionalBoolean(body, "is_admin", false));
                case "is_maintainer" -> update.withMaintainer(optionalBoolean(body, "is_maintainer", false));
                case "project_limit" -> {
                    if (value != null && !(value instanceof Long number && number == number.intValue())) {
                        throw new Exchange.BadRequest("'project_limit' must be a whole number or null.");
                    }
                    yield update.withProjectLimit(value == null ? null : ((Long) value).intValue());
                }
                default -> throw new Exchange.BadRequest("Unknown member '" + member.getKey()
                        + "'; expected is_admin, is_maintainer or project_limit.");
            };
        }
        return update;
    }

    private static boolean optionalBoolean(Map<String, Object> body, String member, boolean absent) {
        Object value = body.get(member);
        if (value == null && !body.containsKey(member)) {
            return absent;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new Exchange.BadRequest("'" + member + "' must be true or false.");
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
