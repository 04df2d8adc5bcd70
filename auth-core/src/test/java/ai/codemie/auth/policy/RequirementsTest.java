package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequirementsTest {

    static final EffectivePermissions MEMBER = user().roles(Set.of("developer")).projects(List.of("proj-a"))
            .knowledgeBases(List.of("kb-a")).build();
    static final EffectivePermissions PROJECT_ADMIN_ONLY = user().roles(Set.of("developer"))
            .adminProjects(List.of("proj-b")).build();
    static final EffectivePermissions ADMIN = user().roles(Set.of("admin")).admin(true).build();
    static final EffectivePermissions MAINTAINER = user().maintainer(true).build();
    static final EffectivePermissions NOBODY = user().build();

    static EffectivePermissions.Builder user() {
        return EffectivePermissions.builder(new UserIdentity("u-1", "user", null, null, null, "regular"));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("member reaches own project", MEMBER, Requirements.projectAccess("proj-a"), true),
                Arguments.of("Proj does not grant proj", MEMBER, Requirements.projectAccess("Proj-a"), false),
                Arguments.of("member does not reach other project", MEMBER, Requirements.projectAccess("proj-b"), false),
                Arguments.of("admin-only membership grants access", PROJECT_ADMIN_ONLY,
                        Requirements.projectAccess("proj-b"), true),
                Arguments.of("admin reaches every project", ADMIN, Requirements.projectAccess("any"), true),
                Arguments.of("maintainer reaches every project", MAINTAINER, Requirements.projectAccess("any"), true),
                Arguments.of("project admin is project admin", PROJECT_ADMIN_ONLY, Requirements.projectAdmin("proj-b"),
                        true),
                Arguments.of("member is not project admin", MEMBER, Requirements.projectAdmin("proj-a"), false),
                Arguments.of("global admin is not an explicit project admin", ADMIN,
                        Requirements.projectAdmin("proj-a"), false),
                Arguments.of("global admin passes admin-or-project-admin", ADMIN,
                        Requirements.adminOrProjectAdmin("proj-a"), true),
                Arguments.of("project admin passes admin-or-project-admin", PROJECT_ADMIN_ONLY,
                        Requirements.adminOrProjectAdmin("proj-b"), true),
                Arguments.of("member fails admin-or-project-admin", MEMBER, Requirements.adminOrProjectAdmin("proj-a"),
                        false),
                Arguments.of("admin passes admin-or-maintainer", ADMIN, Requirements.adminOrMaintainer(), true),
                Arguments.of("maintainer passes admin-or-maintainer", MAINTAINER, Requirements.adminOrMaintainer(),
                        true),
                Arguments.of("member fails admin-or-maintainer", MEMBER, Requirements.adminOrMaintainer(), false),
                Arguments.of("admin fails maintainer", ADMIN, Requirements.maintainer(), false),
                Arguments.of("maintainer passes maintainer", MAINTAINER, Requirements.maintainer(), true),
                Arguments.of("granted knowledge base", MEMBER, Requirements.knowledgeBaseAccess("kb-a"), true),
                Arguments.of("knowledge base case differs", MEMBER, Requirements.knowledgeBaseAccess("KB-a"), false),
                Arguments.of("admin reaches every knowledge base", ADMIN, Requirements.knowledgeBaseAccess("kb-z"), true),
                Arguments.of("role held", MEMBER, Requirements.role("developer"), true),
                Arguments.of("role not held", NOBODY, Requirements.role("developer"), false),
                Arguments.of("anyone signed in", NOBODY, Requirements.authenticated(), true),
                Arguments.of("allOf needs both", MEMBER, Requirements.allOf(Requirements.projectAccess("proj-a"),
                        Requirements.adminOrMaintainer()), false),
                Arguments.of("anyOf needs one", MEMBER, Requirements.anyOf(Requirements.adminOrMaintainer(),
                        Requirements.projectAccess("proj-a")), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String description, EffectivePermissions caller, Requirement requirement, boolean allowed) {
        assertThat(new Authorizer().decide(caller, requirement).allowed()).isEqualTo(allowed);
    }

    static Stream<Arguments> denialTexts() {
        return Stream.of(
                Arguments.of(Requirements.adminOrMaintainer(), "not_admin",
                        "This action requires administrator or maintainer privileges."),
                Arguments.of(Requirements.maintainer(), "not_maintainer", "This action requires maintainer privileges."),
                Arguments.of(Requirements.projectAccess("proj-x"), "not_project_member",
                        "You do not have permission to access the project 'proj-x'."),
                Arguments.of(Requirements.knowledgeBaseAccess("kb-x"), "no_knowledge_base_access",
                        "You do not have permission to access the knowledge base 'kb-x'."),
                Arguments.of(Requirements.adminOrProjectAdmin("proj-x"), "not_project_admin",
                        "This action requires administrator or project administrator privileges for the project 'proj-x'."),
                Arguments.of(Requirements.projectAdmin("proj-x"), "not_project_admin",
                        "This action requires project administrator privileges for the project 'proj-x'."),
                Arguments.of(Requirements.role("developer"), "missing_role", "This action requires the role 'developer'."));
    }

    @Test
    void describesEachNamedRequirementWithItsName() {
        assertThat(Stream.of(Requirements.role("r"), Requirements.projectAccess("p"), Requirements.projectAdmin("p"),
                Requirements.adminOrProjectAdmin("p"), Requirements.knowledgeBaseAccess("k"))
                .map(Requirement::describe))
                .containsExactly("role(r)", "projectAccess(p)", "projectAdmin(p)", "adminOrProjectAdmin(p)",
                        "knowledgeBaseAccess(k)");
    }

    @Test
    void carriesTheNameInEveryReason() {
        assertThat(Stream.of(Requirements.role("r"), Requirements.projectAdmin("p"),
                Requirements.adminOrProjectAdmin("p"), Requirements.knowledgeBaseAccess("k"))
                .map(requirement -> requirement.check(NOBODY).reason()))
                .containsExactly(new DenyReason.MissingRole("r"), new DenyReason.NotProjectAdmin("p"),
                        new DenyReason.NotProjectAdmin("p"), new DenyReason.NoKnowledgeBaseAccess("k"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("denialTexts")
    void explainsEachDenialWithThePlatformsTexts(Requirement requirement, String code, String details) {
        Decision decision = requirement.check(NOBODY);
        assertThat(decision.denied()).isTrue();
        assertThat(decision.reason().code()).isEqualTo(code);
        assertThat(decision.problem().status().code()).isEqualTo(403);
        assertThat(decision.problem().message()).isEqualTo("Access denied");
        assertThat(decision.problem().details()).isEqualTo(details);
        assertThatThrownBy(decision::orThrow).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void refusesEmptyCombinationsRatherThanAllowingEveryone() {
        assertThatThrownBy(Requirements::allOf).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Requirements::anyOf).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carriesTheProjectInTheReason() {
        assertThat(Requirements.projectAccess("proj-x").check(NOBODY).reason())
                .isEqualTo(new DenyReason.NotProjectMember("proj-x"));
    }

    @Test
    void allowsWithoutAReason() {
        Decision decision = Requirements.projectAccess("proj-a").check(MEMBER);
        assertThat(decision.reason()).isNull();
        assertThat(decision.problem()).isNull();
        decision.orThrow();
    }

    @Test
    void deniesWhenARequirementThrows() {
        Requirement broken = new Requirement() {
            @Override
            public Decision check(EffectivePermissions permissions) {
                throw new IllegalStateException("boom");
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        Decision decision = new Authorizer().decide(ADMIN, broken);
        assertThat(decision.denied()).isTrue();
        assertThat(decision.reason()).isInstanceOf(DenyReason.DecisionError.class);
        assertThat(decision.problem().message()).isEqualTo("Access denied");
    }

    @Test
    void deniesWhenARequirementReturnsNothing() {
        Requirement silent = new Requirement() {
            @Override
            public Decision check(EffectivePermissions permissions) {
                return null;
            }

            @Override
            public String describe() {
                return "silent";
            }
        };
        assertThat(new Authorizer().decide(ADMIN, silent).denied()).isTrue();
    }

    static AuthSettings.Builder settings() {
        return AuthSettings.builder().addTrustedIssuer(TrustedIssuer.withJwks("https://kc/realms/r", null,
                URI.create("https://kc/realms/r/certs"), ClaimPreset.KEYCLOAK));
    }

    @Test
    void signInGateRefusesATokenWithOnlyDefaultRoles() {
        EffectivePermissions defaultRolesOnly = user()
                .roles(List.of("default-roles-codemie-prod", "offline_access", "uma_authorization")).build();
        Decision decision = SignInGate.from(settings().build()).check(defaultRolesOnly);
        assertThat(decision.denied()).isTrue();
        assertThat(decision.reason().code()).isEqualTo("no_sign_in_role");
        assertThat(decision.problem().status().code()).isEqualTo(403);
        assertThat(decision.problem().message()).isEqualTo("Access denied");
        assertThat(decision.problem().details()).isEqualTo("No role is assigned to your account yet.");
        assertThat(decision.problem().help()).isEqualTo("Ask an administrator to assign you a role, such as developer.");
    }

    @Test
    void signInGateLetsDevelopersAdminsAndMaintainersIn() {
        SignInGate gate = SignInGate.from(settings().build());
        assertThat(gate.check(MEMBER).allowed()).isTrue();
        assertThat(gate.check(ADMIN).allowed()).isTrue();
        assertThat(gate.check(MAINTAINER).allowed()).isTrue();
        assertThat(gate.check(NOBODY).allowed()).isFalse();
    }

    @Test
    void signInGateHonoursConfiguredRolesAndCanBeSwitchedOff() {
        EffectivePermissions analyst = user().roles(Set.of("analyst")).build();
        assertThat(SignInGate.from(settings().set(AuthSettings.SIGN_IN_ROLES, Set.of("analyst"))
                .build()).check(analyst).allowed()).isTrue();
        assertThat(SignInGate.from(settings().build()).check(analyst).allowed()).isFalse();
        assertThat(SignInGate.from(settings().set(AuthSettings.SIGN_IN_GATE, false)
                .build()).check(NOBODY).allowed()).isTrue();
    }
}
