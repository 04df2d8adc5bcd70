package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AccessDeniedException;
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
                RequirementKind.KNOWLEDGE_BASE_ACCESS.requirement("k")))
                .containsExactly(Requirements.authenticated(), Requirements.role("r"),
                        Requirements.adminOrMaintainer(), Requirements.maintainer(), Requirements.projectAccess("p"),
                        Requirements.projectAdmin("p"), Requirements.adminOrProjectAdmin("p"),
                        Requirements.knowledgeBaseAccess("k"));
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
