package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.EffectivePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The requirement table: each kind once, its templates, and the decisions and denials built from it. */
class RequirementKindTest {

    @Test
    void buildsTheSameRequirementsAsTheFactories() {
        assertThat(Stream.of(RequirementKind.AUTHENTICATED.requirement(), RequirementKind.ROLE.requirement("r"),
                RequirementKind.ADMIN_OR_MAINTAINER.requirement(), RequirementKind.MAINTAINER.requirement(),
                RequirementKind.PROJECT_ACCESS.requirement("p"), RequirementKind.PROJECT_ADMIN.requirement("p"),
                RequirementKind.ADMIN_OR_PROJECT_ADMIN.requirement("p"),
                RequirementKind.KNOWLEDGE_BASE_ACCESS.requirement("k"),
                RequirementKind.TENANT_PERMISSION.requirement("acme", "agent", "chat", "bot"),
                RequirementKind.TENANT_PERMISSION.requirement("acme", "agent", "chat", "")))
                .containsExactly(Requirements.authenticated(), Requirements.role("r"),
                        Requirements.adminOrMaintainer(), Requirements.maintainer(), Requirements.projectAccess("p"),
                        Requirements.projectAdmin("p"), Requirements.adminOrProjectAdmin("p"),
                        Requirements.knowledgeBaseAccess("k"), Requirements.tenantPermission("acme", "agent:chat:bot"),
                        Requirements.tenantPermission("acme", "agent:chat"));
    }

    @Test
    void makesARequirementWithoutParametersOnce() {
        assertThat(RequirementKind.ADMIN_OR_MAINTAINER.requirement())
                .isSameAs(RequirementKind.ADMIN_OR_MAINTAINER.requirement());
        assertThat(RequirementKind.ADMIN_OR_MAINTAINER.on().resolve(input -> {
            throw new AssertionError("reads no input");
        })).isSameAs(Requirements.adminOrMaintainer());
    }

    @Test
    void findsEachKindByItsOwnName() {
        for (RequirementKind kind : RequirementKind.values()) {
            assertThat(RequirementKind.named(kind.label())).isSameAs(kind);
        }
        assertThat(Arrays.stream(RequirementKind.values()).map(RequirementKind::label).distinct())
                .hasSize(RequirementKind.values().length);
        assertThatThrownBy(() -> RequirementKind.named("projectaccess"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no requirement is named 'projectaccess'; known: [authenticated, role,");
    }

    @Test
    void describesATemplateWithItsRequestInputsInBraces() {
        assertThat(RequirementKind.PROJECT_ACCESS.on("project").describe()).isEqualTo("projectAccess({project})");
        assertThat(RequirementKind.ROLE.on("developer").describe()).isEqualTo("role(developer)");
        assertThat(RequirementKind.AUTHENTICATED.on().describe()).isEqualTo("authenticated");
        assertThat(RequirementKind.KNOWLEDGE_BASE_ACCESS.on("kb").inputs()).containsExactly("kb");
        assertThat(RequirementKind.ROLE.on("developer").inputs()).isEmpty();
    }

    @Test
    void resolvesATemplateFromTheRequestsInputs() {
        Map<String, String> path = Map.of("project", "proj-a");
        Requirement requirement = RequirementKind.ADMIN_OR_PROJECT_ADMIN.on("project").resolve(path::get);
        assertThat(requirement).isEqualTo(Requirements.adminOrProjectAdmin("proj-a"));
        assertThat(RequirementKind.ROLE.on("developer").resolve(path::get)).isEqualTo(Requirements.role("developer"));
        assertThatThrownBy(() -> RequirementKind.PROJECT_ACCESS.on("kb").resolve(path::get))
                .isInstanceOf(IllegalStateException.class).hasMessage("the request has no input 'kb'");
    }

    @Test
    void aTenantPermissionTakesTheActiveTenantFromTheRequestAndDeclaresTheRest() {
        RequirementTemplate chat = RequirementKind.TENANT_PERMISSION.on("agent", "chat", "agent");
        assertThat(chat.describe()).isEqualTo("tenantPermission(agent:chat:{agent})");
        assertThat(chat.inputs()).containsExactly("agent");
        assertThat(chat.needsActiveTenant()).isTrue();
        assertThat(RequirementKind.TENANT_PERMISSION.declared()).extracting(RequirementKind.Parameter::name)
                .containsExactly("resource", "action", "instance");
        assertThat(RequirementKind.PROJECT_ACCESS.needsActiveTenant()).isFalse();
        assertThat(chat.resolve(Map.of("agent", "bot")::get, () -> "acme"))
                .isEqualTo(Requirements.tenantPermission("acme", "agent:chat:bot"));
        assertThatThrownBy(() -> chat.resolve(Map.of("agent", "bot")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tenantPermission(agent:chat:{agent}) decides in the request's active tenant, which was "
                        + "not given");

        RequirementTemplate list = RequirementKind.TENANT_PERMISSION.on("agent", "list", "");
        assertThat(list.describe()).isEqualTo("tenantPermission(agent:list)");
        assertThat(list.inputs()).isEmpty();
        assertThat(list.resolve(input -> {
            throw new AssertionError("reads no input");
        }, () -> "default")).isEqualTo(Requirements.tenantPermission("default", "agent:list"));
    }

    @Test
    void refusesAMalformedInstanceFromTheRequestWith400() {
        RequirementTemplate chat = RequirementKind.TENANT_PERMISSION.on("agent", "chat", "agent");
        assertThatThrownBy(() -> chat.resolve(Map.of("agent", "")::get, () -> "acme"))
                .isInstanceOfSatisfying(AuthException.class, refused -> assertThat(refused.problem().message())
                        .isEqualTo("Missing parameter 'agent'"));
        for (String instance : List.of("*", "a*", "bot 1", "a:b")) {
            assertThatThrownBy(() -> chat.resolve(Map.of("agent", instance)::get, () -> "acme"))
                    .as(instance).isInstanceOfSatisfying(AuthException.class, refused -> {
                        assertThat(refused.problem().status()).isEqualTo(Problem.Status.BAD_REQUEST);
                        assertThat(refused.problem().message()).isEqualTo("Invalid permission");
                        assertThat(refused.problem().details())
                                .startsWith("Invalid permission 'agent:chat:" + instance + "': ");
                    });
        }
    }

    @Test
    void refusesAMalformedTenantPermissionWhereItIsDeclared() {
        assertThatThrownBy(() -> RequirementKind.TENANT_PERMISSION.on("agent", "*", "agent"))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageStartingWith("Invalid permission 'agent:*'");
        assertThatThrownBy(() -> RequirementKind.TENANT_PERMISSION.on("Agent", "chat", ""))
                .isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> RequirementKind.TENANT_PERMISSION.on("agent", "chat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenantPermission takes 3 argument(s) [resource, action, instance], not 2");
        assertThatThrownBy(() -> RequirementKind.TENANT_PERMISSION.on("agent", "chat", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenantPermission needs the name of the path variable or request parameter that holds "
                        + "the instance");
        assertThatThrownBy(() -> RequirementKind.TENANT_PERMISSION.requirement("Acme", "agent", "chat", ""))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageStartingWith("Invalid tenant id 'Acme'");
    }

    @Test
    void refusesAMalformedDeclaration() {
        assertThatThrownBy(() -> RequirementKind.PROJECT_ACCESS.on()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("projectAccess takes 1 argument(s) [project], not 0");
        assertThatThrownBy(() -> RequirementKind.MAINTAINER.requirement("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maintainer takes 0 argument(s) [], not 1");
        assertThatThrownBy(() -> RequirementKind.PROJECT_ACCESS.on(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("projectAccess needs the name of the path variable or request parameter that holds the "
                        + "project");
        assertThatThrownBy(() -> RequirementKind.KNOWLEDGE_BASE_ACCESS.requirement((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("knowledgeBase");
        assertThatThrownBy(() -> RequirementKind.ROLE.on((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("role");
    }

    @Test
    void comparesTemplatesByKindAndArguments() {
        assertThat(RequirementKind.PROJECT_ACCESS.on("p")).isEqualTo(RequirementKind.PROJECT_ACCESS.on("p"))
                .hasSameHashCodeAs(RequirementKind.PROJECT_ACCESS.on("p"))
                .isNotEqualTo(RequirementKind.PROJECT_ADMIN.on("p"))
                .isNotEqualTo(RequirementKind.PROJECT_ACCESS.on("q"));
    }

    @Test
    void aDenialThrownCarriesItsDecisionAndReason() {
        Decision decision = Requirements.projectAccess("proj-x").check(RequirementsTest.NOBODY);
        assertThatThrownBy(decision::orThrow).isInstanceOfSatisfying(AccessDeniedException.class, denied -> {
            assertThat(denied.decision()).isSameAs(decision);
            assertThat(denied.decision().reason()).isEqualTo(new DenyReason.NotProjectMember("proj-x"));
            assertThat(denied.problem()).isEqualTo(decision.problem());
        });
        assertThatThrownBy(() -> new AccessDeniedException(Decision.allow()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deniesACallerNobodyAuthenticated() {
        Decision decision = new Authorizer().decide(null, Requirements.authenticated());
        assertThat(decision.denied()).isTrue();
        assertThat(decision.reason()).isEqualTo(new DenyReason.DecisionError("not authenticated by codemie-auth"));
        assertThat(decision.problem().details()).isEqualTo("The request is not authenticated.");
    }

    @Test
    void anAdminAnswersToTheAdminRoleHoldingItOrNot() {
        EffectivePermissions configuredAdmin = RequirementsTest.user().roles(Set.of("developer")).admin(true).build();
        assertThat(AnsweredRoles.of(configuredAdmin, "admin")).containsExactly("developer", "admin");
        assertThat(AnsweredRoles.of(RequirementsTest.ADMIN, "admin")).containsExactly("admin");
        assertThat(AnsweredRoles.of(RequirementsTest.MEMBER, "admin")).containsExactly("developer");
        assertThat(AnsweredRoles.of(RequirementsTest.MAINTAINER, "platform-admin"))
                .containsExactly("platform-admin");
        assertThat(List.copyOf(AnsweredRoles.of(RequirementsTest.NOBODY, "admin"))).isEmpty();
    }
}
